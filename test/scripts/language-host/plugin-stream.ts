/**
 * The client side of a RunPlugin call, as the CLI sees it: the plugin's stdout and stderr as they arrive, then an
 * exit code or an error status.
 */
import type * as grpc from "@grpc/grpc-js";
import { RunPluginRequest, type RunPluginResponse, ProgramInfo } from "@pulumi/pulumi/proto/language_pb";
import type { LanguageRuntimeClient } from "@pulumi/pulumi/proto/language_grpc_pb";

/** What a RunPlugin request carries; the defaults are those of the CLI for a provider. */
export interface PluginRequest {
  programDirectory: string;
  kind?: string;
  pwd?: string;
  args?: string[];
  /** KEY=VALUE lines; the CLI sends its whole environment. */
  env?: string[];
  attachDebugger?: boolean;
}

/** The CLI's whole environment as KEY=VALUE lines, plus extra variables. */
export function environmentLines(extra: Record<string, string> = {}): string[] {
  return Object.entries({ ...process.env, ...extra }).map(([k, v]) => `${k}=${v ?? ""}`);
}

/** A RunPlugin call in progress. */
export class PluginStream {
  stdout = "";
  stderr = "";
  exitCode: number | undefined;
  error: grpc.ServiceError | undefined;
  /** Resolves when the stream ended (with or without an error status). */
  readonly done: Promise<void>;
  private readonly call: grpc.ClientReadableStream<RunPluginResponse>;
  private readonly watchers = new Set<() => void>();

  constructor(client: LanguageRuntimeClient, request: PluginRequest) {
    const info = new ProgramInfo();
    info.setProgramDirectory(request.programDirectory);
    info.setRootDirectory(request.programDirectory);
    info.setEntryPoint(".");
    const req = new RunPluginRequest();
    req.setInfo(info);
    req.setKind(request.kind ?? "resource");
    req.setPwd(request.pwd ?? request.programDirectory);
    req.setArgsList(request.args ?? ["127.0.0.1:9"]);
    req.setEnvList(request.env ?? environmentLines());
    req.setAttachDebugger(request.attachDebugger ?? false);
    this.call = client.runPlugin(req);
    this.done = new Promise((resolve) => {
      this.call.on("data", (msg: RunPluginResponse) => {
        if (msg.hasStdout()) this.stdout += Buffer.from(msg.getStdout_asU8()).toString();
        if (msg.hasStderr()) this.stderr += Buffer.from(msg.getStderr_asU8()).toString();
        if (msg.hasExitcode()) this.exitCode = msg.getExitcode();
        this.notify();
      });
      this.call.on("error", (err: grpc.ServiceError) => {
        this.error = err;
        this.notify();
        resolve();
      });
      this.call.on("end", () => {
        this.notify();
        resolve();
      });
    });
  }

  /** Resolves with the first match of `pattern` in the plugin's stdout or stderr, once it has been printed. */
  waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = (this.stdout + "\n" + this.stderr).match(pattern);
        if (m) {
          clearTimeout(timer);
          resolve(m);
          return true;
        }
        return false;
      };
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `the plugin printed nothing matching ${pattern} within ${timeoutMs} ms; stdout: ${this.stdout}; stderr: ${this.stderr}; error: ${this.error?.message}`,
            ),
          ),
        timeoutMs,
      );
      if (!check()) {
        const watcher = () => {
          if (check()) this.watchers.delete(watcher);
        };
        this.watchers.add(watcher);
      }
    });
  }

  /** Ends the call from the client side, as the CLI does when it closes a plugin. */
  cancel(): void {
    this.call.cancel();
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }
}
