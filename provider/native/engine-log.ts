/**
 * The native provider's log: progress lines and warnings go to the engine's Log RPC, attached to the
 * resource whose operation wrote them (its URN travels with the operation through `AsyncLocalStorage`),
 * so the CLI shows them under that resource and a warning with warning severity.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as grpc from "@grpc/grpc-js";
import type { ProviderLog } from "../runtime/log";

interface LogClient {
  log(request: unknown, callback: (error: Error | null) => void): void;
}

const current = new AsyncLocalStorage<{ urn: string }>();

/** Runs `operation` with its log lines attached to `urn`. */
export function withResourceLog<T>(urn: string, operation: () => Promise<T>): Promise<T> {
  return current.run({ urn }, operation);
}

/** A {@link ProviderLog} that writes to the engine at `address`, or to stderr when it cannot. */
export function engineProviderLog(address: string | undefined): ProviderLog {
  let client: LogClient | undefined;
  if (address) {
    const stubs = require("@pulumi/pulumi/proto/engine_grpc_pb.js") as {
      EngineClient: new (address: string, credentials: grpc.ChannelCredentials) => LogClient;
    };
    client = new stubs.EngineClient(address, grpc.credentials.createInsecure());
  }
  const proto = require("@pulumi/pulumi/proto/engine_pb.js") as {
    LogRequest: new () => {
      setSeverity(s: number): unknown;
      setMessage(m: string): unknown;
      setUrn(u: string): unknown;
      setEphemeral(e: boolean): unknown;
    };
    LogSeverity: { INFO: number; WARNING: number };
  };
  const send = (severity: number, message: string): Promise<void> =>
    new Promise((resolve) => {
      if (!client) {
        process.stderr.write(`sendmailos: ${message}\n`);
        return resolve();
      }
      const request = new proto.LogRequest();
      request.setSeverity(severity);
      request.setMessage(message);
      request.setUrn(current.getStore()?.urn ?? "");
      request.setEphemeral(false);
      client.log(request, () => resolve());
    });
  return {
    info: (message) => void send(proto.LogSeverity.INFO, message),
    warn: (message) => send(proto.LogSeverity.WARNING, message),
  };
}
