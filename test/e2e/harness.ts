/**
 * The command API every end-to-end test uses to drive the real Pulumi CLI, offline.
 *
 * - The CLI comes from `scripts/pulumi-offline.ts`: `PULUMI_BIN_DIR` when set (.ci/run exports it), else
 *   `scripts/ensure-pulumi.sh`. If Pulumi cannot be had, it throws: tests never skip silently.
 * - Each project lives in a fresh temp folder (`project-layout.ts`) with its own PULUMI_HOME and file
 *   backend; commands run with the offline environment: no update check, no plugin downloads, a passphrase.
 * - Output is read by `engine-output.ts`.
 *
 *   const project = await PulumiProject.create({ name: "smoke", programJs: "...", config: { ... } });
 *   try { await project.up(); ... } finally { await project.dispose(); }
 *
 * Debugging: PULUMI_E2E_ECHO=1 copies every command's output to stderr as it runs, PULUMI_E2E_KEEP=1 keeps
 * the temp folders, PULUMI_E2E_TIMEOUT_MS changes the default bound of one command.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  DEFAULT_COMMAND_TIMEOUT_MS,
  PulumiCommandError,
  describeRun,
  getPulumiBinDir,
  pulumiEnv,
  repoRoot,
  runCommand,
  type RunResult,
} from "../../scripts/pulumi-offline";
import {
  EngineOutputError,
  parseEventLines,
  parsePreviewDocument,
  reportedErrors,
  summarizeOperation,
  type EngineEvent,
  type OperationSummary,
  type PreviewSummary,
} from "./engine-output";
import { killLeftovers } from "./processes";
import { layOutNodeProject, layOutYamlProject, makeFolders, projectFolders, type ProjectFolders } from "./project-layout";

export { PulumiCommandError, getPulumiBinDir, repoRoot, type RunResult };
export type { ChangeSummary, EngineEvent, PreviewStep } from "./engine-output";

/** A stack config value: plain, or `{ value, secret: true }` to store it encrypted. */
export type ConfigValue = string | { value: string; secret?: boolean };

/** What a temp project holds: a JavaScript program, or a Pulumi YAML one. */
export type ProjectOptions = {
  /** Pulumi project name (for a YAML program, the name its Pulumi.yaml gives wins). @default "e2e" */
  name?: string;
  /** Stack configuration; keys without a namespace belong to the project. */
  config?: Record<string, ConfigValue>;
} & (
  | {
      /** Source of the program's index.js (see `layOutNodeProject` for what it can require). */
      programJs: string;
    }
  | {
      /**
       * The whole Pulumi.yaml of a Pulumi YAML program (`runtime: yaml`), run by the pulumi-language-yaml host
       * that scripts/ensure-pulumi.sh builds beside the CLI.
       */
      programYaml: string;
    }
);

/** How to run one command. */
export interface CommandOptions {
  /** Upper bound for the command. @default DEFAULT_COMMAND_TIMEOUT_MS (5 minutes) */
  timeoutMs?: number;
  /** Environment for this command, over the project's (e.g. a variable the provider reads). */
  env?: Record<string, string>;
  /** Throw {@link PulumiCommandError} unless it exits 0. @default true for the typed helpers, false for run() */
  check?: boolean;
  /** Aborting it interrupts the command: SIGINT, then SIGKILL 10 s later (see `runCommand`). */
  interrupt?: AbortSignal;
}

/** An `up`, `refresh` or `destroy`: how it ended, its engine events, changes and diagnostics. */
export interface OperationResult extends RunResult, OperationSummary {
  /** Every engine event of the operation, in order. */
  events: EngineEvent[];
}

/** A `preview`: how it ended, and what it planned. */
export interface PreviewResult extends RunResult, PreviewSummary {}

/** One resource of the exported state. */
export interface StackResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [k: string]: unknown;
}

/** `pulumi stack export`. */
export interface StackExport {
  version: number;
  deployment: {
    manifest?: Record<string, unknown>;
    resources?: StackResource[];
    pending_operations?: unknown[];
    [k: string]: unknown;
  };
}

/** One temp Pulumi project with one stack, driven through the real CLI. */
export class PulumiProject {
  /** The stack every command works on. */
  readonly stack = "dev";
  /** The offline environment of every command (for tests that start the CLI their own way). */
  readonly env: NodeJS.ProcessEnv;
  private disposed = false;

  private constructor(
    /** The folder with `pulumi` and its plugins. */
    readonly binDir: string,
    private readonly folders: ProjectFolders,
    readonly name: string,
  ) {
    this.env = pulumiEnv(binDir, folders.pulumiHome, folders.backendDir, "e2e-test-passphrase");
  }

  /** Creates the temp project and its stack, and sets the given config. */
  static async create(opts: ProjectOptions): Promise<PulumiProject> {
    const binDir = await getPulumiBinDir();
    const folders = projectFolders(await fs.promises.mkdtemp(path.join(os.tmpdir(), "pulumi-e2e-")));
    const project = new PulumiProject(binDir, folders, opts.name ?? "e2e");
    try {
      await makeFolders(folders);
      if ("programYaml" in opts) await layOutYamlProject(folders, binDir, opts.programYaml);
      else await layOutNodeProject(folders, project.name, opts.programJs);
      await project.run(["stack", "init", project.stack, "--non-interactive"], { check: true });
      for (const [key, v] of Object.entries(opts.config ?? {})) {
        const { value, secret } = typeof v === "string" ? { value: v, secret: false } : v;
        await project.setConfig(key, value, { secret });
      }
    } catch (err) {
      await project.dispose();
      throw err;
    }
    return project;
  }

  /** The temp folder holding project, PULUMI_HOME and state. */
  get tempDir(): string {
    return this.folders.tempDir;
  }

  /** The folder with Pulumi.yaml and the program. */
  get projectDir(): string {
    return this.folders.projectDir;
  }

  /** This project's PULUMI_HOME; every process the CLI starts for it has it in its environment. */
  get pulumiHome(): string {
    return this.folders.pulumiHome;
  }

  /** Runs `pulumi <args>` in the project with the offline environment. Does not throw on failure by default. */
  async run(args: string[], opts: CommandOptions & { input?: string } = {}): Promise<RunResult> {
    if (this.disposed) throw new Error("PulumiProject: used after dispose()");
    const r = await runCommand(path.join(this.binDir, "pulumi"), args, {
      cwd: this.folders.projectDir,
      env: opts.env ? { ...this.env, ...opts.env } : this.env,
      input: opts.input,
      timeoutMs: opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
      echo: process.env.PULUMI_E2E_ECHO === "1",
      interrupt: opts.interrupt,
    });
    if (opts.check && !succeeded(r)) throw failure(`pulumi ${args[0] ?? ""} failed`, r);
    return r;
  }

  /** `pulumi up --yes --skip-preview --json`. */
  up(opts: CommandOptions = {}): Promise<OperationResult> {
    return this.operation("up", opts);
  }

  /** `pulumi refresh --yes --skip-preview --json`. */
  refresh(opts: CommandOptions = {}): Promise<OperationResult> {
    return this.operation("refresh", opts);
  }

  /** `pulumi destroy --yes --skip-preview --json`. */
  destroy(opts: CommandOptions = {}): Promise<OperationResult> {
    return this.operation("destroy", opts);
  }

  /** `pulumi preview --json`, with the planned changes. */
  async preview(opts: CommandOptions = {}): Promise<PreviewResult> {
    const r = await this.run(["preview", "--json", ...this.stackArgs()], { ...opts, check: false });
    if ((opts.check ?? true) && !succeeded(r)) throw failure("pulumi preview failed", r);
    try {
      return { ...r, ...parsePreviewDocument(r.stdout) };
    } catch (err) {
      // A failed preview usually still prints its document (with the errors); a CLI that died early does not.
      if (succeeded(r)) throw err;
      return { ...r, changes: {}, hasChanges: false, steps: [], errors: [], warnings: [] };
    }
  }

  /** `pulumi cancel`: releases the lock a killed CLI left on the stack. */
  cancel(opts: CommandOptions = {}): Promise<RunResult> {
    return this.run(["cancel", "--yes", ...this.stackArgs()], { ...opts, check: opts.check ?? true });
  }

  /** `pulumi stack export` parsed (secrets stay encrypted). */
  async exportStack(): Promise<StackExport> {
    const r = await this.run(["stack", "export", "--stack", this.stack], { check: true });
    return JSON.parse(r.stdout) as StackExport;
  }

  /** The resources of the exported state. */
  async resources(): Promise<StackResource[]> {
    return (await this.exportStack()).deployment.resources ?? [];
  }

  /** `pulumi stack output --json` (secrets masked). */
  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.run(["stack", "output", "--json", "--stack", this.stack], { check: true });
    return JSON.parse(r.stdout || "{}") as Record<string, unknown>;
  }

  /** `pulumi config set` (the value goes through stdin, never the command line). */
  async setConfig(key: string, value: string, opts: { secret?: boolean } = {}): Promise<void> {
    const args = ["config", "set", key, "--stack", this.stack];
    if (opts.secret) args.push("--secret");
    await this.run(args, { input: value, check: true });
  }

  /**
   * Stops what a killed CLI left running for this project, and removes the temp folder (state, PULUMI_HOME,
   * project); PULUMI_E2E_KEEP=1 keeps it for debugging. Does not destroy anything the stack created: call
   * destroy() first.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const left = killLeftovers(this.folders.pulumiHome);
    if (left.length > 0) {
      process.stderr.write(
        `e2e harness: killed what was still running for ${this.folders.tempDir}: ${left.map((p) => p.commandLine.slice(0, 120)).join("; ")}\n`,
      );
    }
    if (process.env.PULUMI_E2E_KEEP === "1") {
      process.stderr.write(`PULUMI_E2E_KEEP=1: keeping ${this.folders.tempDir}\n`);
      return;
    }
    await fs.promises.rm(this.folders.tempDir, { recursive: true, force: true });
  }

  private stackArgs(): string[] {
    return ["--stack", this.stack, "--non-interactive"];
  }

  private async operation(verb: "up" | "refresh" | "destroy", opts: CommandOptions): Promise<OperationResult> {
    const r = await this.run([verb, "--yes", "--skip-preview", "--json", ...this.stackArgs()], { ...opts, check: false });
    if ((opts.check ?? true) && !succeeded(r)) throw failure(`pulumi ${verb} failed`, r);
    const { events, unparsed } = parseEventLines(r.stdout);
    // A stopped CLI may leave half a line; a successful one prints nothing but events.
    if (succeeded(r) && unparsed.length > 0) {
      throw new EngineOutputError(`pulumi ${verb} printed lines that are not engine events:\n${unparsed.slice(0, 5).join("\n")}`);
    }
    return { ...r, ...summarizeOperation(events), events };
  }
}

function succeeded(r: RunResult): boolean {
  return r.code === 0 && !r.timedOut && !r.interrupted;
}

/** The error for a failed command: how it ended, the errors the engine reported, the tails of its output. */
function failure(what: string, r: RunResult): PulumiCommandError {
  const errors = reportedErrors(r.stdout);
  const extra = errors.length ? ["errors reported by the engine:", ...errors.map((e) => `  ${e.trim()}`)] : [];
  return new PulumiCommandError(describeRun(what, r, extra), r);
}
