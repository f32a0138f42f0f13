/**
 * The domains program (`program/index.ts`, the main job) as an agency runs it, under the real engine,
 * against an emulator whose documented limits are scaled down in time: N client domains in one stack,
 * each registered, its records published in the emulator's DNS, and verified. Used by the `engine-scale`
 * benchmark and, at small N, by its test.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { getPulumiBinDir, pulumiEnv, repoRoot, runCommand, describeRun, type RunResult } from "../../scripts/pulumi-offline";
import { ProcessTreeSampler } from "./process-tree";

/** How the stack and its emulator are set up. */
export interface DomainsStackOptions {
  /** Client domains in the stack. */
  domains: number;
  /** Length of the scaled rate-limit window (the documented one is 60 s), in ms. */
  windowMs: number;
  /** How long a domain's records must resolve before the emulator verifies it, in ms. */
  verifyDelayMs: number;
  /** The emulator's verification pass interval, in ms. */
  checkIntervalMs: number;
  /** Domain list pagination of the emulator. @default false */
  pagination?: EmulatorOptions["pagination"];
  /** `false`: no rate limits at all (tests that are not about pacing). @default the documented limits, scaled */
  rateLimits?: false;
  /** The verification's first poll interval, in seconds (the documented 5 s scaled like the window). */
  pollIntervalSeconds?: number;
  /** Domains only: no DNS records, no wait (`dns: none`, `wait: false`), for tests about lists. @default false */
  domainsOnly?: boolean;
  /** Extra environment for every command (experiments, e.g. `PULUMI_SKIP_CHECKPOINTS`). */
  env?: Record<string, string>;
  /** Which provider serves the domains (the program's `resources` setting). @default "dynamic" */
  resources?: "dynamic" | "native";
}

/** One API request the emulator answered. */
export interface SeenRequest {
  /** When it arrived (epoch ms): when it was answered less how long it took. */
  at: number;
  method: string;
  path: string;
  status: number | "reset";
}

/** What one CLI command did and took. */
export interface StackRun extends RunResult {
  /** Counts of resource operations from the engine's summary (`create`, `update`, `same`, ...). */
  changes: Record<string, number>;
  /** Peak resident memory of the engine's provider processes during the command, in bytes. */
  providerPeakRss: number;
}

/** The stack name used for every run. */
const stackName = "scale";

/** A domains stack in a temp folder, with its own emulator, PULUMI_HOME and file backend. */
export class DomainsStack {
  private constructor(
    readonly emulator: RunningEmulator,
    /** Every API request the emulator answered, in order. */
    readonly requests: SeenRequest[],
    readonly dir: string,
    readonly options: DomainsStackOptions,
    private readonly binDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private entries: Record<string, unknown>[],
  ) {}

  /** Starts the emulator, lays the project out and creates the stack (nothing is deployed yet). */
  static async create(options: DomainsStackOptions): Promise<DomainsStack> {
    const binDir = await getPulumiBinDir();
    const seen: SeenRequest[] = [];
    const emulator = await startEmulator({
      log: (line) => {
        const match = /^(\S+) (\S+) (\d+|reset) (\d+)ms/.exec(line);
        if (match) {
          seen.push({
            at: Date.now() - Number(match[4]),
            method: match[1]!,
            path: match[2]!,
            status: match[3] === "reset" ? "reset" : Number(match[3]),
          });
        }
      },
      rateLimits:
        options.rateLimits === false ? false : { windowMs: options.windowMs, create: 10, read: 60, other: 60, fractionalReset: true },
      verification: { mode: "dns", checkIntervalMs: options.checkIntervalMs, verifyDelayMs: options.verifyDelayMs },
      ...(options.pagination ? { pagination: options.pagination } : {}),
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "domains-stack-"));
    for (const sub of ["project", "home", "state"]) fs.mkdirSync(path.join(dir, sub));
    const project = path.join(dir, "project");
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      [
        "name: sendmailos-domains",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: false",
        `main: ${JSON.stringify(path.join(repoRoot(), "dist", "program", "index.js"))}`,
        ...(options.resources === "native"
          ? ["plugins:", "  providers:", "    - name: sendmailos", `      path: ${JSON.stringify(path.join(repoRoot(), "bin"))}`]
          : []),
        "",
      ].join("\n"),
    );
    // The dynamic provider's shim resolves `pulumi-sendmailos` from the project's node_modules.
    fs.symlinkSync(path.join(repoRoot(), "node_modules"), path.join(project, "node_modules"), "dir");
    const scale = options.windowMs / 60_000;
    const env: NodeJS.ProcessEnv = {
      ...pulumiEnv(binDir, path.join(dir, "home"), path.join(dir, "state"), "domains-stack"),
      SENDMAILOS_API_KEY: emulator.apiKey,
      SENDMAILOS_BASE_URL: emulator.baseUrl,
      SENDMAILOS_DNS_RESOLVERS: emulator.dns.address,
      ...(options.env ?? {}),
      // The client paces at the emulator's (scaled) limits; with none, at a budget nothing reaches.
      SENDMAILOS_RATE_LIMITS: JSON.stringify(
        options.rateLimits === false ? { windowMs: 1_000, create: 100_000, read: 100_000, other: 100_000 } : { windowMs: options.windowMs },
      ),
    };
    const poll = options.pollIntervalSeconds ?? Math.max(0.1, 5 * scale);
    const entries = Array.from({ length: options.domains }, (_, i) => ({
      domain: `client-${String(i).padStart(4, "0")}.example`,
      externalId: `client_${i}`,
      metadata: { client: `Client ${i}` },
      ...(options.domainsOnly
        ? { dns: { provider: "none" }, wait: false }
        : {
            dns: { provider: "emulator" },
            wait: { pollIntervalSeconds: poll, maxPollIntervalSeconds: Math.max(poll, 60 * scale), timeoutSeconds: 3600 },
          }),
    }));
    const stack = new DomainsStack(emulator, seen, dir, options, binDir, env, entries);
    try {
      await stack.pulumi(["stack", "init", stackName, "--non-interactive"]);
      stack.writeConfig();
    } catch (error) {
      await stack.dispose();
      throw error;
    }
    return stack;
  }

  private get projectDir(): string {
    return path.join(this.dir, "project");
  }

  /** Writes the stack file with the current entries, keeping the salt `stack init` wrote. */
  private writeConfig(): void {
    const file = path.join(this.projectDir, `Pulumi.${stackName}.yaml`);
    const salt = fs.existsSync(file) ? /encryptionsalt:\s*(\S+)/.exec(fs.readFileSync(file, "utf8"))?.[1] : undefined;
    const doc = {
      ...(salt ? { encryptionsalt: salt } : {}),
      config: { "sendmailos-domains:domains": this.entries, "sendmailos-domains:resources": this.options.resources ?? "dynamic" },
    };
    fs.writeFileSync(file, JSON.stringify(doc, null, 1));
  }

  /** The poll interval the verifications start with, in seconds. */
  get pollIntervalSeconds(): number {
    return (this.entries[0]!["wait"] as { pollIntervalSeconds?: number }).pollIntervalSeconds ?? 5;
  }

  /** Changes one entry's metadata (the pull request that changes one client). */
  changeOneDomain(index: number, client: string): void {
    this.entries = this.entries.map((entry, i) => (i === index ? { ...entry, metadata: { client } } : entry));
    this.writeConfig();
  }

  /** Runs `pulumi <args>` in the project; throws with the output's tail on failure. */
  async pulumi(args: string[], timeoutMs = 60 * 60 * 1000): Promise<RunResult> {
    const result = await runCommand(path.join(this.binDir, "pulumi"), args, { cwd: this.projectDir, env: this.env, timeoutMs });
    if (result.code !== 0 || result.timedOut) throw new Error(describeRun(`pulumi ${args[0]}`, result));
    return result;
  }

  /** `up`, `refresh` or `destroy` with `--skip-preview`, or `preview`, measuring the providers' memory. */
  async run(verb: "up" | "refresh" | "destroy" | "preview"): Promise<StackRun> {
    const args = verb === "preview" ? ["preview"] : [verb, "--yes", "--skip-preview"];
    const sampler = new ProcessTreeSampler();
    const result = await sampler.during(() =>
      runCommand(path.join(this.binDir, "pulumi"), [...args, "--json", "--stack", stackName, "--non-interactive"], {
        cwd: this.projectDir,
        env: this.env,
        timeoutMs: 60 * 60 * 1000,
      }),
    );
    if (result.code !== 0 || result.timedOut) throw new Error(describeRun(`pulumi ${verb}`, result));
    return {
      ...result,
      changes: changesOf(verb, result.stdout),
      providerPeakRss: sampler.peakRss(this.options.resources === "native" ? "pulumi-resource-sendmailos" : "dynamic-provider"),
    };
  }

  /** The exported state's size, in bytes. */
  async stateBytes(): Promise<number> {
    return (await this.pulumi(["stack", "export", "--stack", stackName])).stdout.length;
  }

  /** Stops the emulator and removes the temp folder. */
  async dispose(): Promise<void> {
    await this.emulator.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The resource changes an operation reports (`--json`: one event per line for up/refresh/destroy, one document for preview). */
export function changesOf(verb: string, stdout: string): Record<string, number> {
  if (verb === "preview") {
    const document = JSON.parse(stdout) as { changeSummary?: Record<string, number> };
    return document.changeSummary ?? {};
  }
  let changes: Record<string, number> = {};
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const summary = (JSON.parse(line) as { summaryEvent?: { resourceChanges?: Record<string, number> } }).summaryEvent;
    if (summary?.resourceChanges) changes = summary.resourceChanges;
  }
  return changes;
}
