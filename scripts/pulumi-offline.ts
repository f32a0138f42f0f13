/**
 * The offline Pulumi environment, in one place for the end-to-end tests (`test/e2e/harness.ts`) and
 * `npm start`: where the CLI and its plugins are, and the settings that keep it offline and private.
 *
 * - Finds the directory that holds `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`:
 *   `PULUMI_BIN_DIR` when set (.ci/run exports it), else the last stdout line of `scripts/ensure-pulumi.sh`
 *   (which builds the CLI once into .cache/). If Pulumi cannot be had, it throws: nothing skips silently.
 * - Builds the environment: the bin dir first on PATH, no update check, no plugin downloads, a config
 *   passphrase, a PULUMI_HOME and a file backend of the caller's choosing.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Executables that must be in the bin dir. */
export const REQUIRED_EXECUTABLES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"] as const;

/** Default bound for one CLI command (override with PULUMI_E2E_TIMEOUT_MS). */
export const DEFAULT_COMMAND_TIMEOUT_MS = Number(process.env.PULUMI_E2E_TIMEOUT_MS) || 5 * 60 * 1000;

/** Bound for obtaining the CLI (a cold build takes 10-25 minutes on 2 cores). */
const ENSURE_TIMEOUT_MS = 40 * 60 * 1000;

/** The repository root: the nearest parent folder whose package.json is named pulumi-sendmailos. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pj = path.join(dir, "package.json");
    if (fs.existsSync(pj)) {
      try {
        if (JSON.parse(fs.readFileSync(pj, "utf8")).name === "pulumi-sendmailos") {
          return dir;
        }
      } catch {
        // keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`pulumi-offline: cannot find the pulumi-sendmailos repository above ${__dirname}`);
    }
    dir = parent;
  }
}

/** How one command ended, with everything it printed. */
export interface RunResult {
  /** The command line, for messages. */
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /** Stopped because `SpawnOptions.interrupt` aborted (not by its time bound). */
  interrupted: boolean;
}

/** A Pulumi command that failed; carries the full result for the message. */
export class PulumiCommandError extends Error {
  constructor(
    message: string,
    readonly result: RunResult,
  ) {
    super(message);
    this.name = "PulumiCommandError";
  }
}

/** How to run one command: where, with what environment and input, and for how long at most. */
export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs: number;
  /** Copy output to this process' stderr as it comes (debugging). */
  echo?: boolean;
  /** Aborting it stops the command as its time bound would (a test interrupting an operation on cue). */
  interrupt?: AbortSignal;
}

/**
 * Runs a command in its own process group. On timeout, or when `interrupt` aborts: SIGINT to the whole group
 * (Ctrl-C), then SIGKILL 10 s later if it is still running (a CI job's kill).
 */
export function runCommand(file: string, args: string[], opts: SpawnOptions): Promise<RunResult> {
  const command = [file, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(" ");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ["pipe", "pipe", "pipe"],
      detached: true, // own process group, so a timeout can stop plugins and programs too
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let interrupted = false;
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      stdout += d;
      if (opts.echo) process.stderr.write(d);
    });
    child.stderr.on("data", (d: string) => {
      stderr += d;
      if (opts.echo) process.stderr.write(d);
    });
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    let killTimer: NodeJS.Timeout | undefined;
    /** Stops the group once; the first reason given is the one reported. */
    const stop = (reason: "timeout" | "interrupt") => {
      if (killTimer) return;
      if (reason === "timeout") timedOut = true;
      else interrupted = true;
      killGroup("SIGINT");
      killTimer = setTimeout(() => killGroup("SIGKILL"), 10_000);
    };
    const timer = setTimeout(() => stop("timeout"), opts.timeoutMs);
    const onInterrupt = () => stop("interrupt");
    if (opts.interrupt?.aborted) onInterrupt();
    else opts.interrupt?.addEventListener("abort", onInterrupt);
    const cleanUp = () => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      opts.interrupt?.removeEventListener("abort", onInterrupt);
    };
    child.on("error", (err) => {
      cleanUp();
      reject(new Error(`pulumi-offline: cannot run ${command}: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      cleanUp();
      resolve({ command, code, signal, stdout, stderr, durationMs: Date.now() - started, timedOut, interrupted });
    });
    child.stdin.on("error", () => undefined); // the command may not read its input
    child.stdin.end(opts.input ?? "");
  });
}

function tail(text: string, lines = 40): string {
  const all = text.trimEnd().split("\n");
  return (all.length > lines ? ["...", ...all.slice(-lines)] : all).join("\n");
}

/** Says how a command ended, with the tails of its output. */
export function describeRun(what: string, r: RunResult, extra: string[] = []): string {
  const status = r.timedOut
    ? `timed out after ${r.durationMs} ms`
    : r.interrupted
      ? `was interrupted after ${r.durationMs} ms`
      : r.signal
        ? `was killed by ${r.signal}`
        : `exited with code ${r.code}`;
  return [
    `${what}: '${r.command}' ${status}`,
    ...extra,
    "--- stderr (tail) ---",
    tail(r.stderr),
    "--- stdout (tail) ---",
    tail(r.stdout),
  ].join("\n");
}

let binDirPromise: Promise<string> | undefined;

/**
 * The directory holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. Memoized per process.
 * Throws a loud error when Pulumi cannot be obtained.
 */
export function getPulumiBinDir(): Promise<string> {
  if (!binDirPromise) {
    binDirPromise = findBinDir();
    binDirPromise.catch(() => (binDirPromise = undefined));
  }
  return binDirPromise;
}

function checkBinDir(dir: string, origin: string): string {
  const missing = REQUIRED_EXECUTABLES.filter((name) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new Error(
      `pulumi-offline: ${origin} '${dir}' lacks ${missing.join(", ")}. ` +
        `Run 'bash scripts/ensure-pulumi.sh' (or unset PULUMI_BIN_DIR) to set it up.`,
    );
  }
  return path.resolve(dir);
}

async function findBinDir(): Promise<string> {
  const fromEnv = process.env.PULUMI_BIN_DIR;
  if (fromEnv) {
    return checkBinDir(fromEnv, "PULUMI_BIN_DIR");
  }
  const root = repoRoot();
  const script = path.join(root, "scripts", "ensure-pulumi.sh");
  const r = await runCommand("bash", [script], {
    cwd: root,
    env: process.env,
    timeoutMs: ENSURE_TIMEOUT_MS,
    echo: false,
  });
  if (r.code !== 0) {
    throw new Error(
      "THE PULUMI ENGINE IS NOT AVAILABLE, end-to-end tests cannot run.\n" +
        describeRun("scripts/ensure-pulumi.sh failed", r) +
        "\nInstall Pulumi (https://www.pulumi.com/docs/install/) or a Go toolchain, or set PULUMI_BIN_DIR.",
    );
  }
  const last = r.stdout.trim().split("\n").pop() ?? "";
  return checkBinDir(last.trim(), "scripts/ensure-pulumi.sh printed");
}

/** The offline environment for the CLI. */
export function pulumiEnv(binDir: string, pulumiHome: string, backendDir: string, passphrase: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the developer's own Pulumi setup may leak in.
  for (const k of Object.keys(env)) {
    if (
      k === "PULUMI_ACCESS_TOKEN" ||
      k === "PULUMI_CONFIG_PASSPHRASE_FILE" ||
      k === "PULUMI_STACK" ||
      k === "PULUMI_DEBUG_LANGUAGES" ||
      k === "PULUMI_DEBUG_PROVIDERS" ||
      k.startsWith("PULUMI_NODEJS_")
    ) {
      delete env[k];
    }
  }
  env.PATH = [binDir, process.env.PATH ?? ""].filter(Boolean).join(path.delimiter);
  env.PULUMI_HOME = pulumiHome;
  env.PULUMI_BACKEND_URL = `file://${backendDir}`;
  env.PULUMI_CONFIG_PASSPHRASE = passphrase;
  env.PULUMI_SKIP_UPDATE_CHECK = "true";
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = "true";
  env.PULUMI_SKIP_CONFIRMATIONS = "true";
  env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK = "true";
  env.NO_COLOR = "1";
  return env;
}
