/**
 * Starts our language host (scripts/language-host/main.js, the source the CLI runs) as a process and connects a
 * LanguageRuntime client to it, as the CLI does. Its stdout after the port line (where programs' output goes) is
 * kept as lines that tests can wait for.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { LanguageRuntimeClient } from "@pulumi/pulumi/proto/language_grpc_pb";
import { repoRoot } from "../../../scripts/pulumi-offline";

/** A running host and a client connected to it. */
export interface HostProcess {
  child: ChildProcessWithoutNullStreams;
  client: LanguageRuntimeClient;
  /** Resolves with the first stdout line (after the port) that matches, already printed or still to come. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the host's exit code once it has exited. */
  exited: Promise<number | null>;
  /** Closes the client and ends the host (stdin EOF, as when the CLI goes away). */
  stop(): Promise<void>;
}

/** Starts the host with the given arguments (the engine address, flags) and extra environment. */
export async function startHost(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot(), "scripts", "language-host", "main.js"), ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let buffered = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the host exited with ${code}: ${stderr}`)));
    child.stdout.on("data", (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (lines.length === 0 && /^\d+$/.test(line)) {
          lines.push(line);
          resolve(line);
          continue;
        }
        lines.push(line);
        for (const w of waiters.filter((w) => w.pattern.test(line))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    });
  });
  const client = new LanguageRuntimeClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    child,
    client,
    exited,
    waitForLine(pattern, timeoutMs = 15_000) {
      const seen = lines.slice(1).find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no host output line matched ${pattern} within ${timeoutMs} ms; stderr: ${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        await exited;
      }
    },
  };
}
