/**
 * A command whose live output a test watches, so that the next step starts on an event it observed (a domain
 * waiting, a lock taken) rather than after a guessed delay.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** How a watched command ended. */
export interface LiveResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved as they came. */
  output: string;
}

/** A running command. */
export class LiveCommand {
  private output = "";
  private readonly watchers: Array<{ pattern: RegExp; resolve: (match: RegExpExecArray) => void }> = [];
  private readonly child: ChildProcess;
  /** Resolves when the command exits (never rejects; a test asserts on the code). */
  readonly done: Promise<LiveResult>;

  constructor(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) {
    this.child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const onData = (chunk: Buffer) => {
      this.output += chunk.toString();
      for (const watcher of [...this.watchers]) {
        const match = watcher.pattern.exec(this.output);
        if (match) {
          this.watchers.splice(this.watchers.indexOf(watcher), 1);
          watcher.resolve(match);
        }
      }
    };
    this.child.stdout!.on("data", onData);
    this.child.stderr!.on("data", onData);
    this.done = new Promise((resolve) => {
      // The bound only stops a command that hangs; a test's steps never wait on it.
      const timer = setTimeout(() => this.kill(), options.timeoutMs);
      this.child.on("close", (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, output: this.output });
      });
      this.child.on("error", (error) => {
        clearTimeout(timer);
        resolve({ code: null, signal: null, output: `${this.output}\n${error.message}` });
      });
    });
  }

  /** The process id (the Pulumi CLI's, which its lock file records). */
  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first match of `pattern` in the output so far or to come; rejects if the command exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    const now = pattern.exec(this.output);
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      this.watchers.push({ pattern, resolve });
      void this.done.then((result) => {
        reject(new Error(`the command exited (code ${result.code}) before its output matched ${pattern}:\n${result.output.slice(-4000)}`));
      });
    });
  }

  /** Stops the command and everything it started (its process group). */
  kill(): void {
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
