/**
 * Temp projects with `runtime: yaml`, run by the real CLI and the pulumi-language-yaml host that
 * scripts/ensure-pulumi.sh builds beside it. The YAML counterpart of harness.ts's PulumiProject (which lays
 * out Node.js projects): same offline environment (own PULUMI_HOME, file backend, passphrase, no downloads).
 *
 *   const project = await YamlProject.create({ program: "resources: ...", providers: [TOY_PACKAGE], config });
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
    runCommand,
    type RunResult,
} from "../../scripts/pulumi-offline";
import { parseJsonValues, type ChangeSummary, type ConfigValue, type StackResource } from "./harness";
import type { NativePackage } from "./native-package";

export interface YamlProjectOptions {
    /** Project name (default "yaml-e2e"). */
    name?: string;
    /** Stack name (default "dev"). */
    stack?: string;
    /** The rest of Pulumi.yaml after `name` and `runtime`: config, variables, resources, outputs (YAML text). */
    program: string;
    /** Provider plugins the engine finds through `plugins.providers[].path`. */
    providers?: NativePackage[];
    /** Stack configuration; keys without a namespace belong to the project. */
    config?: Record<string, ConfigValue>;
    /** Default per-command timeout in ms. */
    timeoutMs?: number;
    /** Copy every command's output to stderr as it runs (also on with PULUMI_E2E_ECHO=1). */
    echo?: boolean;
}

/** What an up, preview or destroy did: the counts of the engine's summary, and its error diagnostics. */
export interface YamlOperationResult extends RunResult {
    changes: ChangeSummary;
    errors: string[];
}

export class YamlProject {
    readonly projectDir: string;
    readonly env: NodeJS.ProcessEnv;
    private disposed = false;

    private constructor(
        readonly binDir: string,
        readonly tempDir: string,
        readonly stack: string,
        private readonly opts: YamlProjectOptions,
    ) {
        this.projectDir = path.join(tempDir, "project");
        this.env = pulumiEnv(binDir, path.join(tempDir, "home"), path.join(tempDir, "state"), "yaml-e2e-passphrase");
    }

    /** Writes Pulumi.yaml into a new temp folder, creates the stack and sets the config. */
    static async create(opts: YamlProjectOptions): Promise<YamlProject> {
        const binDir = await getPulumiBinDir();
        if (!fs.existsSync(path.join(binDir, "pulumi-language-yaml"))) {
            throw new Error(
                `${binDir} has no pulumi-language-yaml: run 'bash scripts/ensure-pulumi.sh' (it builds it), ` +
                    "or point PULUMI_BIN_DIR at the directory it prints",
            );
        }
        const tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "pulumi-yaml-e2e-"));
        const project = new YamlProject(binDir, tempDir, opts.stack ?? "dev", opts);
        try {
            for (const dir of [project.projectDir, path.join(tempDir, "home"), path.join(tempDir, "state")]) {
                await fs.promises.mkdir(dir, { recursive: true });
            }
            await fs.promises.writeFile(path.join(project.projectDir, "Pulumi.yaml"), project.pulumiYaml());
            await project.run(["stack", "init", project.stack, "--non-interactive"], true);
            for (const [key, v] of Object.entries(opts.config ?? {})) {
                const { value, secret } = typeof v === "string" ? { value: v, secret: false } : v;
                await project.setConfig(key, value, secret);
            }
        } catch (err) {
            await project.dispose();
            throw err;
        }
        return project;
    }

    private pulumiYaml(): string {
        const providers = this.opts.providers ?? [];
        const plugins = providers.length
            ? ["plugins:", "  providers:", ...providers.flatMap((p) => [`    - name: ${p.name}`, `      path: ${JSON.stringify(p.pluginDir)}`])]
            : [];
        return [`name: ${this.opts.name ?? "yaml-e2e"}`, "runtime: yaml", ...plugins, this.opts.program.trim(), ""].join("\n");
    }

    /** Runs `pulumi <args>` in the project; with check, throws PulumiCommandError on failure. */
    async run(args: string[], check = false, input?: string): Promise<RunResult> {
        if (this.disposed) throw new Error("YamlProject: used after dispose()");
        const r = await runCommand(path.join(this.binDir, "pulumi"), args, {
            cwd: this.projectDir,
            env: this.env,
            input,
            timeoutMs: this.opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
            echo: this.opts.echo ?? process.env.PULUMI_E2E_ECHO === "1",
        });
        if (check && (r.code !== 0 || r.timedOut)) {
            throw new PulumiCommandError(describeRun(`pulumi ${args[0] ?? ""} failed`, r, errorsOf(r.stdout)), r);
        }
        return r;
    }

    /** `pulumi config set` (the value goes through stdin, never the command line). */
    async setConfig(key: string, value: string, secret = false): Promise<void> {
        await this.run(["config", "set", key, "--stack", this.stack, ...(secret ? ["--secret"] : [])], true, value);
    }

    /** `pulumi up --yes --skip-preview --json`. */
    up(): Promise<YamlOperationResult> {
        return this.operation(["up", "--yes", "--skip-preview"]);
    }

    /** `pulumi destroy --yes --skip-preview --json`. */
    destroy(): Promise<YamlOperationResult> {
        return this.operation(["destroy", "--yes", "--skip-preview"]);
    }

    /** `pulumi preview --json`: the planned changes (steps of the JSON plan). */
    async preview(): Promise<YamlOperationResult> {
        const r = await this.run(["preview", "--json", "--stack", this.stack, "--non-interactive"], true);
        const plan = parseJsonValues(r.stdout).find(
            (v): v is { changeSummary?: ChangeSummary } => !!v && typeof v === "object" && "steps" in v,
        );
        return { ...r, changes: plan?.changeSummary ?? {}, errors: errorsOf(r.stdout) };
    }

    private async operation(args: string[]): Promise<YamlOperationResult> {
        const r = await this.run([...args, "--json", "--stack", this.stack, "--non-interactive"], true);
        let changes: ChangeSummary = {};
        for (const v of parseJsonValues(r.stdout) as Array<{ summaryEvent?: { resourceChanges?: ChangeSummary } }>) {
            if (v.summaryEvent) changes = v.summaryEvent.resourceChanges ?? {};
        }
        return { ...r, changes, errors: errorsOf(r.stdout) };
    }

    /** `pulumi stack output --json`. */
    async outputs(): Promise<Record<string, unknown>> {
        const r = await this.run(["stack", "output", "--json", "--stack", this.stack], true);
        return JSON.parse(r.stdout || "{}") as Record<string, unknown>;
    }

    /** The resources of the stack's state (`pulumi stack export`). */
    async resources(): Promise<StackResource[]> {
        const r = await this.run(["stack", "export", "--stack", this.stack], true);
        return (JSON.parse(r.stdout) as { deployment: { resources?: StackResource[] } }).deployment.resources ?? [];
    }

    /** Removes the temp folder (PULUMI_E2E_KEEP=1 keeps it). Destroys nothing: call destroy() first. */
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

/** Messages of the engine's error diagnostics in `--json` output. */
function errorsOf(stdout: string): string[] {
    return (parseJsonValues(stdout) as Array<{ diagnosticEvent?: { severity?: string; message?: string } }>)
        .map((v) => v.diagnosticEvent)
        .filter((d) => d?.severity === "error" && d.message)
        .map((d) => d!.message!.trim());
}
