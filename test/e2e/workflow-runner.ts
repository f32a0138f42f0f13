/**
 * Runs one job of a GitHub Actions workflow on this machine, the way a runner would, so that a test executes every
 * script a workflow users copy calls: each `run:` step goes to bash as written (after `${{ }}` substitution), with the
 * workflow's, job's and step's `env:`, and with GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY files
 * read back after the step. A `uses:` step runs the test's local equivalent of that action (named one by one; an
 * action without one fails the run), and a `run:` step may be replaced only by name (e.g. `npm ci`, which needs the
 * registry). Nothing of GitHub itself is contacted.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { condition, interpolate, type ExpressionScope, type ExpressionValue } from "./workflow-expressions";

/** The parts of a workflow file the runner reads. */
export interface Workflow {
  name?: string;
  on: unknown;
  env?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

/** One job. */
export interface WorkflowJob {
  name?: string;
  if?: string;
  env?: Record<string, string>;
  steps: WorkflowStep[];
  [key: string]: unknown;
}

/** One step. */
export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  shell?: string;
  "working-directory"?: string;
  "continue-on-error"?: boolean;
}

/** What a local equivalent of an action gets. */
export interface ActionCall {
  /** Its `with:` inputs, substituted. */
  inputs: Record<string, string>;
  /** The environment the step would have. */
  env: Record<string, string>;
  /** The checkout. */
  workspace: string;
  /** This step's GITHUB_STEP_SUMMARY file. */
  summaryFile: string;
}

/** What a local equivalent of an action or a replaced `run:` did. */
export interface ActionResult {
  outcome: "success" | "failure";
  outputs?: Record<string, string>;
  /** Variables for the later steps (what an action writes to GITHUB_ENV). */
  exportEnv?: Record<string, string>;
  /** Directories put first on PATH for the later steps (what an action writes to GITHUB_PATH). */
  addPath?: string[];
  log?: string;
}

/** A local equivalent of an action (`uses:`) or of a `run:` script. */
export type LocalStep = (call: ActionCall) => Promise<ActionResult>;

/** Everything a run needs besides the workflow. */
export interface RunnerContext {
  /** `pull_request`, `push`, `schedule` or `workflow_dispatch`. */
  event: string;
  /** `refs/heads/main`, `refs/pull/7/merge`, ... */
  ref: string;
  /** The checkout (GITHUB_WORKSPACE). */
  workspace: string;
  /** A scratch folder of the run (RUNNER_TEMP). */
  temp: string;
  /** The machine's environment (PATH with node, HOME, ...). */
  machineEnv: Record<string, string>;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  /** Local equivalents of actions, by their `uses:` text (e.g. `actions/checkout@v4`). */
  actions: Record<string, LocalStep>;
  /** Local equivalents of `run:` scripts, by their exact (trimmed) text. */
  runReplacements?: Record<string, LocalStep>;
}

/** How a step ended. */
export interface StepRecord {
  label: string;
  id?: string;
  outcome: "success" | "failure" | "skipped";
  outputs: Record<string, string>;
  log: string;
}

/** How a job ended. */
export interface JobRecord {
  job: string;
  /** `skipped` when the job's `if:` does not hold for the event. */
  conclusion: "success" | "failure" | "skipped";
  steps: StepRecord[];
  /** Everything the steps wrote to GITHUB_STEP_SUMMARY, in order. */
  summary: string;
}

/** Reads a workflow file. */
export function loadWorkflow(file: string): Workflow {
  const doc = yaml.load(fs.readFileSync(file, "utf8")) as Workflow;
  if (!doc || typeof doc !== "object" || !doc.jobs) throw new Error(`${file} is not a workflow (no jobs)`);
  return doc;
}

/** Every `uses:` of a workflow, and every `run:` script, for tests that check they are all exercised. */
export function stepsOf(workflow: Workflow): Array<{ job: string; step: WorkflowStep }> {
  return Object.entries(workflow.jobs).flatMap(([job, spec]) => spec.steps.map((step) => ({ job, step })));
}

/** Runs one job of the workflow for the context's event. */
export async function runJob(workflow: Workflow, jobId: string, ctx: RunnerContext): Promise<JobRecord> {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`the workflow has no job ${jobId}`);
  const steps: StepRecord[] = [];
  const stepContexts: Record<string, ExpressionValue> = {};
  let jobFailed = false;
  let summary = "";
  let exported: Record<string, string> = {};
  let extraPath: string[] = [];
  fs.mkdirSync(ctx.temp, { recursive: true });

  const github = {
    event_name: ctx.event,
    ref: ctx.ref,
    workspace: ctx.workspace,
    repository: "agency/sendmailos-domains",
    sha: "0".repeat(40),
    token: "local-github-token",
  };
  const scope = (env: Record<string, string>): ExpressionScope => ({
    contexts: { github, env, vars: ctx.vars, secrets: ctx.secrets, steps: stepContexts, runner: { temp: ctx.temp, os: "Linux" } },
    jobFailed,
  });
  const substituteEnv = (spec: Record<string, string> | undefined, base: Record<string, string>): Record<string, string> => {
    const out: Record<string, string> = { ...base };
    for (const [key, value] of Object.entries(spec ?? {})) out[key] = interpolate(String(value), scope(out));
    return out;
  };

  const workflowEnv = substituteEnv(workflow.env, {});
  const jobEnv = substituteEnv(job.env, workflowEnv);
  if (job.if !== undefined && !condition(job.if, scope(jobEnv))) return { job: jobId, conclusion: "skipped", steps, summary };

  for (const [index, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? step.run!.split("\n")[0]!;
    const stepEnv = substituteEnv(step.env, { ...exported, ...jobEnv });
    if (!condition(step.if, scope(stepEnv))) {
      steps.push({ label, ...(step.id ? { id: step.id } : {}), outcome: "skipped", outputs: {}, log: "" });
      if (step.id) stepContexts[step.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
      continue;
    }
    const files = {
      GITHUB_OUTPUT: path.join(ctx.temp, `step-${index}.output`),
      GITHUB_ENV: path.join(ctx.temp, `step-${index}.env`),
      GITHUB_PATH: path.join(ctx.temp, `step-${index}.path`),
      GITHUB_STEP_SUMMARY: path.join(ctx.temp, `step-${index}.summary.md`),
    };
    for (const file of Object.values(files)) fs.writeFileSync(file, "");
    const env: Record<string, string> = {
      ...ctx.machineEnv,
      ...stepEnv,
      ...files,
      PATH: [...extraPath, ctx.machineEnv.PATH ?? ""].join(path.delimiter),
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_EVENT_NAME: ctx.event,
      GITHUB_REF: ctx.ref,
      GITHUB_WORKSPACE: ctx.workspace,
      RUNNER_TEMP: ctx.temp,
    };
    const call: ActionCall = { inputs: {}, env, workspace: ctx.workspace, summaryFile: files.GITHUB_STEP_SUMMARY };
    let result: ActionResult;
    if (step.uses !== undefined) {
      const local = ctx.actions[step.uses];
      if (!local)
        throw new Error(`step ${label}: no local equivalent for uses: ${step.uses} (known: ${Object.keys(ctx.actions).join(", ")})`);
      for (const [key, value] of Object.entries(step.with ?? {})) call.inputs[key] = interpolate(String(value), scope(stepEnv));
      result = await local(call);
    } else if (step.run !== undefined) {
      const script = interpolate(step.run, scope(stepEnv));
      const replacement = ctx.runReplacements?.[script.trim()];
      const cwd = step["working-directory"] ? path.resolve(ctx.workspace, step["working-directory"]) : ctx.workspace;
      result = replacement
        ? await replacement(call)
        : await runScript(script, step.shell, cwd, env, path.join(ctx.temp, `step-${index}.sh`));
    } else {
      throw new Error(`step ${label}: neither uses nor run`);
    }

    const outputs = { ...readKeyValues(files.GITHUB_OUTPUT), ...(result.outputs ?? {}) };
    exported = { ...exported, ...readKeyValues(files.GITHUB_ENV), ...(result.exportEnv ?? {}) };
    extraPath = [
      ...fs.readFileSync(files.GITHUB_PATH, "utf8").split("\n").filter(Boolean).reverse(),
      ...(result.addPath ?? []),
      ...extraPath,
    ];
    summary += fs.readFileSync(files.GITHUB_STEP_SUMMARY, "utf8");
    steps.push({ label, ...(step.id ? { id: step.id } : {}), outcome: result.outcome, outputs, log: result.log ?? "" });
    if (step.id) stepContexts[step.id] = { outputs, outcome: result.outcome, conclusion: result.outcome };
    if (result.outcome === "failure" && !step["continue-on-error"]) jobFailed = true;
  }
  return { job: jobId, conclusion: jobFailed ? "failure" : "success", steps, summary };
}

/** Runs a `run:` script as GitHub does: `bash -e {0}` by default, `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`. */
function runScript(
  script: string,
  shell: string | undefined,
  cwd: string,
  env: Record<string, string>,
  file: string,
): Promise<ActionResult> {
  if (shell !== undefined && shell !== "bash") throw new Error(`shell: ${shell} is not supported by the local runner`);
  fs.writeFileSync(file, script);
  const args = shell === "bash" ? ["--noprofile", "--norc", "-eo", "pipefail", file] : ["-e", file];
  return new Promise((resolve, reject) => {
    const child = spawn("bash", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ outcome: code === 0 ? "success" : "failure", log: `${log}${code === 0 ? "" : `\n(exit code ${code})`}` }),
    );
  });
}

/** Reads a GITHUB_OUTPUT / GITHUB_ENV file: `key=value` lines and `key<<DELIMITER` blocks. */
export function readKeyValues(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = fs.readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== block[2]; i++) body.push(lines[i]!);
      out[block[1]!] = body.join("\n");
    } else if (line.includes("=")) {
      out[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return out;
}
