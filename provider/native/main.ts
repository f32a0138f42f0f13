/**
 * `pulumi-resource-sendmailos`: the native provider plugin. The engine starts it with its own address as
 * the last argument; it serves `pulumirpc.ResourceProvider` on a free loopback port and prints that port as
 * the first line of standard output (the engine reads it). Progress and warnings go to the engine's log.
 */
import * as grpc from "@grpc/grpc-js";
import { setProviderLog } from "../runtime/log";
import { startEngineWatchdog } from "../runtime/engine-watchdog";
import type { constructHandler } from "./construct";
import { engineProviderLog } from "./engine-log";
import { provrpc } from "./pulumi-internals";
import { resourceProviderService } from "./service";

/** The engine address from the plugin's arguments: the last one that looks like `host:port`. Pure. */
export function engineAddressFromArgs(args: readonly string[]): string | undefined {
  return [...args].reverse().find((a) => !a.startsWith("-") && /^[\w.:[\]-]+:\d+$/.test(a));
}

/**
 * `construct`, loaded on the first call: the component's code brings `@pulumi/pulumi`, `@pulumi/aws` and
 * `@pulumi/cloudflare`, about 2.5 s and 85 MiB that every start of the plugin (each preview, up, import and
 * schema load) would otherwise pay, whereas only a program with a `VerifiedDomain` constructs.
 */
function lazyConstruct(engineAddress: () => string | undefined): ReturnType<typeof constructHandler> {
  let handler: ReturnType<typeof constructHandler> | undefined;
  return (call, callback) => {
    handler ??= (require("./construct") as typeof import("./construct")).constructHandler(engineAddress);
    handler(call, callback);
  };
}

/** Starts the plugin's gRPC server; resolves with the port once it listens. */
export async function serve(args: readonly string[]): Promise<number> {
  const engineAddress = engineAddressFromArgs(args);
  setProviderLog(engineProviderLog(engineAddress));
  const server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
  });
  server.addService(
    provrpc.ResourceProviderService,
    resourceProviderService({ construct: lazyConstruct(() => engineAddress) }) as grpc.UntypedServiceImplementation,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  // A CLI killed hard cannot stop its plugins: stop polling SendMailOS when the engine is gone.
  if (engineAddress) startEngineWatchdog({ address: engineAddress });
  return port;
}

if (require.main === module) {
  serve(process.argv.slice(2)).then(
    (port) => process.stdout.write(`${port}\n`),
    (error: unknown) => {
      process.stderr.write(`pulumi-resource-sendmailos: cannot start: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
