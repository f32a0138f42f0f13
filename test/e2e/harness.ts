/**
 * The one helper every end-to-end test uses to drive the real Pulumi CLI, offline.
 *
 * - Finds the directory that holds `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`:
 *   `PULUMI_BIN_DIR` when set (.ci/run exports it), else the last stdout line of `scripts/ensure-pulumi.sh`
 *   (which builds the CLI once into .cache/). If Pulumi cannot be had, it throws: tests never skip silently.
 * - Gives each project a fresh temp folder with its own PULUMI_HOME and file backend, and an environment with
 *   the bin dir first on PATH, no update check, no plugin downloads, and a config passphrase.
 *
 *   const project = await PulumiProject.create({ name: "smoke", programJs: "...", config: { ... } });
 *   try { await project.up(); ... } finally { await project.dispose(); }
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

export { PulumiCommandError, getPulumiBinDir, pulumiEnv, repoRoot, type RunResult };

// ---------------------------------------------------------------------------------------------------------
// Output parsing
// ---------------------------------------------------------------------------------------------------------

/** All top-level JSON values in a text (pretty objects, JSON lines, and other text in between, skipped). */
export function parseJsonValues(text: string): unknown[] {
    const values: unknown[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    let escaped = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (c === "\\") escaped = true;
            else if (c === '"') inString = false;
            continue;
        }
        if (c === '"') {
            if (depth > 0) inString = true;
        } else if (c === "{" || c === "[") {
            if (depth === 0) start = i;
            depth++;
        } else if ((c === "}" || c === "]") && depth > 0) {
            depth--;
            if (depth === 0 && start >= 0) {
                try {
                    values.push(JSON.parse(text.slice(start, i + 1)));
                } catch {
                    // not JSON after all (e.g. "[unknown]" in text): skip
                }
                start = -1;
            }
        }
    }
    return values;
}

/** Messages of engine diagnostic events of a severity in `--json` output. */
/** describeRun plus the errors the engine reported in its JSON output. */
function describeFailure(what: string, r: RunResult): string {
    const errors = jsonDiagnostics(r.stdout, "error");
    return describeRun(what, r, errors.length ? ["errors reported by the engine:", ...errors.map((e) => `  ${e.trim()}`)] : []);
}

function jsonDiagnostics(stdout: string, severity: string): string[] {
    const out: string[] = [];
    for (const v of parseJsonValues(stdout)) {
        const d = (v as { diagnosticEvent?: { severity?: string; message?: string } }).diagnosticEvent;
        if (d && d.severity === severity && d.message) out.push(d.message);
    }
    return out;
}

/** Counts of resource operations, e.g. { create: 1, same: 1 }. */
export type ChangeSummary = Record<string, number>;

export interface OperationResult extends RunResult {
    /** resourceChanges of the final summary event. */
    changes: ChangeSummary;
    /** All engine events (JSON lines) of the operation. */
    events: Array<Record<string, unknown>>;
    /** Messages of diagnostics with severity "error" and "warning". */
    errors: string[];
    warnings: string[];
}

export interface PreviewResult extends RunResult {
    changes: ChangeSummary;
    /** True when any operation other than "same" is planned. */
    hasChanges: boolean;
    steps: Array<{ op: string; urn: string; [k: string]: unknown }>;
    errors: string[];
    warnings: string[];
}

function hasChanges(changes: ChangeSummary): boolean {
    return Object.entries(changes).some(([op, n]) => op !== "same" && n > 0);
}

function parseOperation(r: RunResult): OperationResult {
    const values = parseJsonValues(r.stdout) as Array<Record<string, unknown>>;
    const events = values.filter((v) => typeof v.sequence === "number");
    let changes: ChangeSummary = {};
    for (const e of events) {
        const s = e.summaryEvent as { resourceChanges?: ChangeSummary; isPreview?: boolean } | undefined;
        if (s && !s.isPreview) changes = s.resourceChanges ?? {};
    }
    return {
        ...r,
        changes,
        events,
        errors: jsonDiagnostics(r.stdout, "error"),
        warnings: jsonDiagnostics(r.stdout, "warning"),
    };
}

// ---------------------------------------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------------------------------------

export type ConfigValue = string | { value: string; secret?: boolean };

export interface ProjectOptions {
    /** Pulumi project name (default "e2e"). */
    name?: string;
    /** Stack name (default "dev"). */
    stack?: string;
    /**
     * Source of index.js for a new temp project. The project's node_modules links to the repository's, so
     * `require("@pulumi/pulumi")` and `require("pulumi-sendmailos/...")` (the self-link; needs `npm run build`) work.
     */
    programJs?: string;
    /** Source of index.ts for a new temp project, run through ts-node as upstream does (slower than JS). */
    programTs?: string;
    /**
     * An existing program: a directory (its package.json `main` or index.js) or a .js file. It runs in place
     * with the node_modules around it; Pulumi.yaml, stack config and state stay in the temp folder.
     */
    programDir?: string;
    /**
     * The whole Pulumi.yaml of a Pulumi YAML program (`runtime: yaml`), run by the pulumi-language-yaml host
     * that scripts/ensure-pulumi.sh builds beside the CLI.
     */
    programYaml?: string;
    /** Stack configuration; keys without a namespace belong to the project. */
    config?: Record<string, ConfigValue>;
    /** Extra environment for every command (e.g. an emulator URL for the program). */
    env?: Record<string, string>;
    /** Config passphrase (default: a fixed test passphrase). */
    passphrase?: string;
    /** Default per-command timeout in ms. */
    timeoutMs?: number;
    /** Copy every command's output to stderr as it runs. Also on with PULUMI_E2E_ECHO=1. */
    echo?: boolean;
}

export interface CommandOptions {
    timeoutMs?: number;
    /** Text for the command's stdin. */
    input?: string;
    env?: Record<string, string>;
    /** Throw PulumiCommandError on a non-zero exit (default true for the typed helpers, false for run()). */
    check?: boolean;
}

export class PulumiProject {
    /** Temp folder holding everything below. */
    readonly tempDir: string;
    /** Folder with Pulumi.yaml (the project root); also the program directory for programJs/programTs. */
    readonly projectDir: string;
    readonly pulumiHome: string;
    readonly backendDir: string;
    readonly env: NodeJS.ProcessEnv;
    private disposed = false;

    private constructor(
        readonly binDir: string,
        tempDir: string,
        readonly name: string,
        readonly stack: string,
        private readonly opts: ProjectOptions,
    ) {
        this.tempDir = tempDir;
        this.projectDir = path.join(tempDir, "project");
        this.pulumiHome = path.join(tempDir, "home");
        this.backendDir = path.join(tempDir, "state");
        this.env = {
            ...pulumiEnv(binDir, this.pulumiHome, this.backendDir, opts.passphrase ?? "e2e-test-passphrase"),
            ...(opts.env ?? {}),
        };
    }

    /** Creates the temp project and its stack, and sets the given config. */
    static async create(opts: ProjectOptions): Promise<PulumiProject> {
        const sources = [opts.programJs, opts.programTs, opts.programDir, opts.programYaml].filter((s) => s !== undefined);
        if (sources.length !== 1) {
            throw new Error("PulumiProject.create: give exactly one of programJs, programTs, programDir, programYaml");
        }
        const binDir = await getPulumiBinDir();
        const tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "pulumi-e2e-"));
        const name = opts.name ?? "e2e";
        const project = new PulumiProject(binDir, tempDir, name, opts.stack ?? "dev", opts);
        try {
            await project.layOut();
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

    private async layOut(): Promise<void> {
        const { opts } = this;
        await fs.promises.mkdir(this.projectDir, { recursive: true });
        await fs.promises.mkdir(this.pulumiHome, { recursive: true });
        await fs.promises.mkdir(this.backendDir, { recursive: true });
        const yaml = (main: string | undefined, typescript: boolean) =>
            [
                `name: ${this.name}`,
                "description: temporary project of an end-to-end test",
                ...(main ? [`main: ${JSON.stringify(main)}`] : []),
                "runtime:",
                "  name: nodejs",
                "  options:",
                `    typescript: ${typescript}`,
                "",
            ].join("\n");
        if (opts.programYaml !== undefined) {
            if (!fs.existsSync(path.join(this.binDir, "pulumi-language-yaml"))) {
                throw new Error(
                    `${this.binDir} has no pulumi-language-yaml: run 'bash scripts/ensure-pulumi.sh' (it builds it), ` +
                        "or point PULUMI_BIN_DIR at the directory it prints",
                );
            }
            await fs.promises.writeFile(path.join(this.projectDir, "Pulumi.yaml"), opts.programYaml);
            return;
        }
        if (opts.programDir !== undefined) {
            const target = path.resolve(opts.programDir);
            if (!fs.existsSync(target)) {
                throw new Error(`PulumiProject.create: programDir ${target} does not exist`);
            }
            await fs.promises.writeFile(path.join(this.projectDir, "Pulumi.yaml"), yaml(target, false));
            return;
        }
        const ts = opts.programTs !== undefined;
        const entry = ts ? "index.ts" : "index.js";
        await fs.promises.writeFile(path.join(this.projectDir, "Pulumi.yaml"), yaml(undefined, ts));
        await fs.promises.writeFile(
            path.join(this.projectDir, "package.json"),
            JSON.stringify({ name: this.name, private: true, main: entry }, null, 2) + "\n",
        );
        await fs.promises.writeFile(path.join(this.projectDir, entry), (ts ? opts.programTs : opts.programJs) ?? "");
        if (ts) {
            await fs.promises.writeFile(
                path.join(this.projectDir, "tsconfig.json"),
                JSON.stringify(
                    {
                        compilerOptions: {
                            target: "ES2020",
                            module: "commonjs",
                            moduleResolution: "node",
                            strict: true,
                            esModuleInterop: true,
                            skipLibCheck: true,
                        },
                        files: [entry],
                    },
                    null,
                    2,
                ) + "\n",
            );
        }
        const nodeModules = path.join(repoRoot(), "node_modules");
        if (!fs.existsSync(path.join(nodeModules, "@pulumi", "pulumi"))) {
            throw new Error(`e2e harness: ${nodeModules}/@pulumi/pulumi is missing: run 'npm ci' first`);
        }
        await fs.promises.symlink(nodeModules, path.join(this.projectDir, "node_modules"), "dir");
    }

    /** Runs `pulumi <args>` in the project with the offline environment. Does not throw on failure by default. */
    async run(args: string[], opts: CommandOptions = {}): Promise<RunResult> {
        if (this.disposed) {
            throw new Error("PulumiProject: used after dispose()");
        }
        const r = await runCommand(path.join(this.binDir, "pulumi"), args, {
            cwd: this.projectDir,
            env: { ...this.env, ...(opts.env ?? {}) },
            input: opts.input,
            timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
            echo: this.opts.echo ?? process.env.PULUMI_E2E_ECHO === "1",
        });
        if (opts.check && (r.code !== 0 || r.timedOut)) {
            throw new PulumiCommandError(describeFailure(`pulumi ${args[0] ?? ""} failed`, r), r);
        }
        return r;
    }

    private stackArgs(): string[] {
        return ["--stack", this.stack, "--non-interactive"];
    }

    private async operation(
        verb: "up" | "refresh" | "destroy",
        extra: string[],
        opts: CommandOptions,
    ): Promise<OperationResult> {
        const r = await this.run([verb, "--yes", "--skip-preview", "--json", ...this.stackArgs(), ...extra], {
            ...opts,
            check: false,
        });
        const parsed = parseOperation(r);
        if ((opts.check ?? true) && (r.code !== 0 || r.timedOut)) {
            throw new PulumiCommandError(describeFailure(`pulumi ${verb} failed`, r), r);
        }
        return parsed;
    }

    /** `pulumi up --yes --skip-preview --json`. */
    up(opts: CommandOptions & { args?: string[] } = {}): Promise<OperationResult> {
        return this.operation("up", opts.args ?? [], opts);
    }

    /** `pulumi refresh --yes --skip-preview --json`. */
    refresh(opts: CommandOptions & { args?: string[] } = {}): Promise<OperationResult> {
        return this.operation("refresh", opts.args ?? [], opts);
    }

    /** `pulumi destroy --yes --skip-preview --json`. */
    destroy(opts: CommandOptions & { args?: string[] } = {}): Promise<OperationResult> {
        return this.operation("destroy", opts.args ?? [], opts);
    }

    /** `pulumi preview --json`, with the planned changes. */
    async preview(opts: CommandOptions & { args?: string[] } = {}): Promise<PreviewResult> {
        const r = await this.run(["preview", "--json", ...this.stackArgs(), ...(opts.args ?? [])], {
            ...opts,
            check: false,
        });
        if ((opts.check ?? true) && (r.code !== 0 || r.timedOut)) {
            throw new PulumiCommandError(describeFailure("pulumi preview failed", r), r);
        }
        const obj = (parseJsonValues(r.stdout).find(
            (v) => v && typeof v === "object" && !Array.isArray(v) && "steps" in (v as object),
        ) ?? {}) as { changeSummary?: ChangeSummary; steps?: PreviewResult["steps"]; diagnostics?: unknown };
        const changes = obj.changeSummary ?? {};
        const diags = (obj as { diagnostics?: Array<{ severity?: string; message?: string }> }).diagnostics ?? [];
        const pick = (sev: string) =>
            diags.filter((d) => d.severity === sev && d.message).map((d) => d.message as string);
        return {
            ...r,
            changes,
            hasChanges: hasChanges(changes),
            steps: obj.steps ?? [],
            errors: [...pick("error"), ...jsonDiagnostics(r.stdout, "error")],
            warnings: [...pick("warning"), ...jsonDiagnostics(r.stdout, "warning")],
        };
    }

    /** `pulumi stack export` parsed (secrets stay encrypted unless showSecrets). */
    async exportStack(opts: CommandOptions & { showSecrets?: boolean } = {}): Promise<StackExport> {
        const args = ["stack", "export", "--stack", this.stack];
        if (opts.showSecrets) args.push("--show-secrets");
        const r = await this.run(args, { ...opts, check: true });
        return JSON.parse(r.stdout) as StackExport;
    }

    /** The resources of the exported state. */
    async resources(): Promise<StackResource[]> {
        return (await this.exportStack()).deployment.resources ?? [];
    }

    /** `pulumi stack output --json` (secrets shown when showSecrets). */
    async outputs(opts: CommandOptions & { showSecrets?: boolean } = {}): Promise<Record<string, unknown>> {
        const args = ["stack", "output", "--json", "--stack", this.stack];
        if (opts.showSecrets) args.push("--show-secrets");
        const r = await this.run(args, { ...opts, check: true });
        return JSON.parse(r.stdout || "{}") as Record<string, unknown>;
    }

    /** `pulumi config set` (the value goes through stdin, never the command line). */
    async setConfig(key: string, value: string, opts: { secret?: boolean; path?: boolean } = {}): Promise<void> {
        const args = ["config", "set", key, "--stack", this.stack];
        if (opts.secret) args.push("--secret");
        if (opts.path) args.push("--path");
        await this.run(args, { input: value, check: true });
    }

    /**
     * Removes the temp folder (state, PULUMI_HOME, project); PULUMI_E2E_KEEP=1 keeps it for debugging.
     * Does not destroy anything the stack created: call destroy() first.
     */
    async dispose(): Promise<void> {
        if (this.disposed) return;
        this.disposed = true;
        if (process.env.PULUMI_E2E_KEEP === "1") {
            process.stderr.write(`PULUMI_E2E_KEEP=1: keeping ${this.tempDir}\n`);
            return;
        }
        await fs.promises.rm(this.tempDir, { recursive: true, force: true });
    }
}

export interface StackResource {
    urn: string;
    type: string;
    id?: string;
    custom?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    [k: string]: unknown;
}

export interface StackExport {
    version: number;
    deployment: {
        manifest?: Record<string, unknown>;
        resources?: StackResource[];
        pending_operations?: unknown[];
        [k: string]: unknown;
    };
}
