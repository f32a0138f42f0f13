/**
 * What a user does in a terminal after installing the package: start `sendmailos-emulator` from
 * node_modules/.bin and read what it prints, then run the real Pulumi CLI in the project (offline: a file
 * backend and a PULUMI_HOME of its own, no plugin downloads, see scripts/pulumi-offline.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { getPulumiBinDir, pulumiEnv, type RunResult } from "../../scripts/pulumi-offline";
import { childEnv, run } from "./processes";

/** What `sendmailos-emulator` prints when it is ready, read back from its output. */
export interface PrintedEmulator {
  baseUrl: string;
  adminUrl: string;
  dns: string;
  apiKey: string;
  /** Everything it printed up to "Press Ctrl+C to stop." */
  banner: string;
}

/** A `sendmailos-emulator` started from a project's node_modules/.bin. */
export class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly printed: PrintedEmulator,
  ) {}

  /** Starts it and waits (bounded) for the banner; fails with its output when it does not come. */
  static start(projectDir: string, args: string[] = []): Promise<EmulatorProcess> {
    const child = spawn(path.join(projectDir, "node_modules", ".bin", "sendmailos-emulator"), args, {
      cwd: projectDir,
      env: childEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    // It prints after the banner too ("SIGINT: stopping"): keep reading, so that its pipes never fill.
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      const settle = (error: Error | undefined) => {
        clearTimeout(timer);
        child.stdout!.off("data", onBanner);
        child.off("exit", onExit);
        child.off("error", onError);
        if (error === undefined) return true;
        child.kill("SIGKILL");
        reject(new Error(`sendmailos-emulator ${error.message}; it printed:\n${output}`));
        return false;
      };
      const onError = (error: Error) => settle(new Error(`could not start: ${error.message}`));
      const onExit = (code: number | null, signal: string | null) => settle(new Error(`exited (${code ?? signal}) before it was ready`));
      const onBanner = () => {
        if (!output.includes("Press Ctrl+C to stop.")) return;
        const field = (label: string) => new RegExp(`^\\s*${label}:\\s+(\\S+)`, "m").exec(output)?.[1];
        const printed = { baseUrl: field("API"), adminUrl: field("Admin"), dns: field("DNS"), apiKey: field("API key"), banner: output };
        if (!printed.baseUrl || !printed.adminUrl || !printed.dns || !printed.apiKey)
          return settle(new Error("printed a banner without API, Admin, DNS and API key"));
        if (settle(undefined)) resolve(new EmulatorProcess(child, printed as PrintedEmulator));
      };
      const timer = setTimeout(() => settle(new Error("printed no banner within 60 s")), 60_000);
      child.on("error", onError);
      child.on("exit", onExit);
      child.stdout!.on("data", onBanner);
    });
  }

  /** The domains it holds, from its admin API. */
  async domains(): Promise<{ domain_name: string; status: string }[]> {
    const response = await fetch(`${this.printed.adminUrl}/domains`);
    return ((await response.json()) as { domains: { domain_name: string; status: string }[] }).domains;
  }

  /** Ctrl-C, as a user stops it; resolves when it has exited (SIGKILL after 10 s). */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
      this.child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      this.child.kill("SIGINT");
    });
  }
}

/** The Pulumi CLI in a user's project, on a file backend in `stateDir`. */
export class PulumiCli {
  private constructor(
    private readonly binDir: string,
    private readonly projectDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The CLI of the test environment (PULUMI_BIN_DIR or scripts/ensure-pulumi.sh) for `projectDir`. */
  static async for(projectDir: string, stateDir: string): Promise<PulumiCli> {
    const binDir = await getPulumiBinDir();
    for (const dir of ["home", "backend"]) fs.mkdirSync(path.join(stateDir, dir), { recursive: true });
    const offline = pulumiEnv(binDir, path.join(stateDir, "home"), path.join(stateDir, "backend"), "package-test-passphrase");
    const env = { ...childEnv(), ...Object.fromEntries(Object.entries(offline).filter(([key]) => !/^npm_/i.test(key))) };
    return new PulumiCli(binDir, projectDir, env);
  }

  /** `pulumi <args>`; throws with the output when it fails. */
  run(args: string[], input?: string, timeoutMs = 5 * 60 * 1000): Promise<RunResult> {
    return run(path.join(this.binDir, "pulumi"), args, { cwd: this.projectDir, env: this.env, timeoutMs, input });
  }
}
