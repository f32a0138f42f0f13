/**
 * Warnings with real "warning" severity from inside the dynamic-provider process. Plain output of a
 * dynamic provider reaches the CLI only as info; a replacement that rotates DKIM keys deserves the
 * yellow warning in the preview's Diagnostics. The dynamic-provider host is started with the engine's
 * address as its first argument, and the engine's Log RPC takes warnings from any plugin.
 */
import * as grpc from "@grpc/grpc-js";

/** Sends one message to the engine with warning severity; resolves false when there is no engine to talk to. */
export type EngineWarn = (message: string) => Promise<boolean>;

let engine: { log(request: unknown, callback: (error: Error | null) => void): void } | undefined | null;

/**
 * The engine address when this process is Pulumi's dynamic-provider host
 * (`node .../cmd/dynamic-provider <engine address>`), else undefined.
 */
export function engineAddressOf(argv: string[]): string | undefined {
  const script = argv[1] ?? "";
  const address = argv[2];
  return /dynamic-provider/.test(script) && address && /^[\w.:[\]-]+:\d+$/.test(address) ? address : undefined;
}

/** Logs a warning through the engine; false when not running under the engine or when the call fails. */
export const engineWarn: EngineWarn = async (message) => {
  if (engine === undefined) engine = connect(engineAddressOf(process.argv));
  const client = engine;
  if (!client) return false;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const proto = require("@pulumi/pulumi/proto/engine_pb.js") as {
    LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown; setEphemeral(e: boolean): unknown };
    LogSeverity: { WARNING: number };
  };
  const request = new proto.LogRequest();
  request.setSeverity(proto.LogSeverity.WARNING);
  request.setMessage(message);
  request.setEphemeral(false);
  return new Promise((resolve) => client.log(request, (error) => resolve(!error)));
};

function connect(address: string | undefined): typeof engine {
  if (!address) return null;
  const stubs = require("@pulumi/pulumi/proto/engine_grpc_pb.js") as {
    EngineClient: new (address: string, credentials: grpc.ChannelCredentials) => NonNullable<typeof engine>;
  };
  return new stubs.EngineClient(address, grpc.credentials.createInsecure());
}
