/**
 * The workflow of examples/gitops, job by job, as GitHub would run it for each event (test/e2e/workflow-runner.ts):
 * every `run:` script as written, against the emulator and a shared S3 backend (scripts/fakes3), under the real engine.
 * A push deploys the stack file; a pull request gets its review comment (`sendmailos-review` on the preview's JSON)
 * and is blocked by the policy pack when it would drop a verified domain; the scheduled drift check passes, then fails
 * with its summary once a domain is changed behind the stack's back. At the end, every step of the workflow has run.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { startFakeS3, type FakeS3 } from "./fakes3";
import { localActions, type LocalActions } from "./gitops-actions";
import { GitopsRepo, exampleDir, stackName, toEmulatorDns, type DomainEntry } from "./gitops-repo";
import { repoRoot } from "./harness";
import { loadWorkflow, runJob, stepsOf, type JobRecord, type RunnerContext, type Workflow } from "./workflow-runner";

const bucket = "agency-pulumi-state";
const workflowFile = path.join(exampleDir(), ".github", "workflows", "sendmailos-domains.yml");
const passphrase = "gitops-test-passphrase";

describe("e2e: examples/gitops workflow, every job run locally against the emulator", function () {
  this.timeout(20 * 60 * 1000);
  let s3: FakeS3;
  let emulator: RunningEmulator;
  let repo: GitopsRepo;
  let local: LocalActions;
  let workflow: Workflow;
  const ran: JobRecord[] = [];
  let checkouts = 0;

  /** Runs every job for an event in a fresh checkout of `entries` (the commit); returns the job that was not skipped. */
  async function onEvent(event: "push" | "pull_request" | "schedule", entries: DomainEntry[]): Promise<JobRecord> {
    const runner = `run-${++checkouts}-${event}`;
    repo.writeDomains(repo.path("origin"), entries);
    const workspace = repo.checkout(runner);
    const { PULUMI_BACKEND_URL: _url, PULUMI_CONFIG_PASSPHRASE: _passphrase, SENDMAILOS_API_KEY: _key, ...runnerEnv } = repo.env(runner);
    const ctx: RunnerContext = {
      event,
      ref: event === "pull_request" ? "refs/pull/7/merge" : "refs/heads/main",
      workspace,
      temp: repo.path("temp", runner),
      // The runner's machine: no Pulumi on PATH until the workflow installs it; the emulator stands for SendMailOS.
      machineEnv: { ...runnerEnv, PATH: process.env.PATH ?? "" },
      vars: {
        PULUMI_BACKEND_URL: s3.backendUrl(bucket),
        AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/sendmailos-deploy",
        AWS_REGION: "us-east-1",
      },
      secrets: { PULUMI_CONFIG_PASSPHRASE: passphrase, SENDMAILOS_API_KEY: emulator.apiKey },
      actions: local.actions,
      runReplacements: local.runReplacements,
    };
    const records: JobRecord[] = [];
    for (const job of Object.keys(workflow.jobs)) records.push(await runJob(workflow, job, ctx));
    ran.push(...records);
    const active = records.filter((r) => r.conclusion !== "skipped");
    assert.equal(active.length, 1, `one job runs on ${event}: ${records.map((r) => `${r.job} ${r.conclusion}`).join(", ")}`);
    return active[0]!;
  }

  function describeJob(job: JobRecord): string {
    return job.steps.map((s) => `--- ${s.label}: ${s.outcome}\n${s.log.slice(-3000)}`).join("\n");
  }

  function assertNoSecret(text: string): void {
    assert.ok(!text.includes(emulator.apiKey), "no API key");
    assert.ok(!text.includes(passphrase), "no passphrase");
  }

  /** The example's entries (DNS in the emulator), and main's entries as pull requests are merged. */
  let initial: DomainEntry[];
  let main: DomainEntry[];
  const hooli = (): DomainEntry =>
    toEmulatorDns({ domain: "hooli.example", externalId: "client_hooli", dns: { provider: "route53", zoneName: "hooli.example" } });

  before(async function () {
    // The workflow calls the review summary and the policy pack of issue 12 §1-2: say so plainly when they are missing.
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as { bin?: Record<string, string> };
    assert.ok(manifest.bin?.["sendmailos-review"], "package.json has no bin sendmailos-review (issue 12 §1), which the workflow calls");
    workflow = loadWorkflow(workflowFile);
    const policyPack = (workflow.env?.POLICY_PACK ?? "").replace(/^node_modules\/pulumi-sendmailos\//, "");
    assert.ok(
      fs.existsSync(path.join(repoRoot(), policyPack, "PulumiPolicy.yaml")),
      `the workflow's POLICY_PACK (${workflow.env?.POLICY_PACK}) is not a policy pack of this package`,
    );

    s3 = await startFakeS3([bucket]);
    emulator = await startEmulator({ verification: { mode: "dns", checkIntervalMs: 200 } });
    repo = await GitopsRepo.create(emulator, { url: s3.backendUrl(bucket), env: s3.awsEnv });
    local = await localActions(repo.binDir, s3.awsEnv);
    initial = repo.domains(repo.path("origin"));
    main = initial;
  });

  after(async () => {
    await emulator?.stop();
    await s3?.stop();
    repo?.dispose();
  });

  it("deploys the stack file on a push to main (pulumi/actions up, with the policy pack)", async () => {
    const job = await onEvent("push", main);
    assert.equal(job.job, "deploy");
    assert.equal(job.conclusion, "success", describeJob(job));
    assert.match(job.summary, /`up` on production/);
    assert.match(job.summary, /acme\.com/);
    const domains = Object.fromEntries(emulator.domains().map((d) => [d.domain_name, d.status]));
    assert.deepEqual(domains, { "acme.com": "verified", "mail.globex.com": "verified", "send.initech.com": "pending" });
    assertNoSecret(job.summary + describeJob(job));
    // The program's async main (domains declared in turns) still gives one row per entry, in the file's order,
    // each with the status SendMailOS has for it.
    const output = await repo.pulumi(repo.path("origin"), ["stack", "output", "domains", "--json", "--stack", stackName]);
    assert.equal(output.code, 0, output.stderr);
    const rows = JSON.parse(output.stdout) as { domain: string; status: string; records: unknown[] }[];
    assert.deepEqual(
      rows.map((r) => [r.domain, r.status, r.records.length]),
      main.map((e) => [e.domain, domains[e.domain], 3]),
    );
  });

  it("comments the review of a pull request that adds a client and changes another", async () => {
    const entries = [
      ...main.map((e) => (e.domain === "acme.com" ? { ...e, metadata: { client_name: "Acme Corp", plan: "growth" } } : e)),
      hooli(),
    ];
    const job = await onEvent("pull_request", entries);
    assert.equal(job.job, "preview");
    assert.equal(job.conclusion, "success", describeJob(job));
    assert.equal(job.steps.find((s) => s.id === "preview")!.outputs["exit-code"], "0");
    const comment = local.comments.get("sendmailos-review");
    assert.ok(comment, "the review comment was posted");
    assert.match(comment, /^## SendMailOS review of stack `production`/);
    assert.match(comment, /hooli\.example/);
    assert.match(comment, /acme\.com/);
    assert.match(comment, /growth/);
    assert.equal(job.summary.trim(), comment.trim(), "the step summary shows the same review");
    assert.equal(job.steps.find((s) => s.label === "Fail when the preview failed")!.outcome, "skipped");
    assertNoSecret(comment + describeJob(job));
    local.comments.clear();
  });

  it("blocks a pull request that drops a verified domain, still posting its review", async () => {
    const entries = main.map((e) => (e.domain === "mail.globex.com" ? { ...e, domain: "mail.globex.net" } : e));
    const job = await onEvent("pull_request", entries);
    assert.equal(job.conclusion, "failure", describeJob(job));
    assert.notEqual(job.steps.find((s) => s.id === "preview")!.outputs["exit-code"], "0");
    assert.equal(job.steps.find((s) => s.label === "Fail when the preview failed")!.outcome, "failure");
    const comment = local.comments.get("sendmailos-review");
    assert.ok(comment, "the review comment was posted although the preview failed");
    assert.match(comment, /mail\.globex\.com/);
    assert.match(comment, /verified-domain-protected/);
    assert.ok(
      emulator.domains().some((d) => d.domain_name === "mail.globex.com" && d.status === "verified"),
      "nothing changed",
    );
    local.comments.clear();
  });

  it("deploys a merged pull request that adds a client", async () => {
    main = [...main, hooli()];
    const job = await onEvent("push", main);
    assert.equal(job.conclusion, "success", describeJob(job));
    assert.equal(emulator.domains().find((d) => d.domain_name === "hooli.example")?.status, "verified");
  });

  it("passes the scheduled drift check when nothing changed", async () => {
    const job = await onEvent("schedule", main);
    assert.equal(job.job, "drift");
    assert.equal(job.conclusion, "success", describeJob(job));
    assert.match(job.summary, /SendMailOS drift check of stack `production`/);
  });

  it("fails the drift check when a domain is changed behind the stack's back, saying which", async () => {
    const acme = emulator.domains().find((d) => d.domain_name === "acme.com")!;
    const response = await fetch(`${emulator.baseUrl}/domains/${acme.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ metadata: { client_name: "Acme Corp", plan: "free" } }),
    });
    assert.equal(response.status, 200, await response.text());
    const job = await onEvent("schedule", main);
    assert.equal(job.conclusion, "failure", describeJob(job));
    assert.match(job.summary, /acme\.com/);
    assert.match(job.summary, /free/);
    assertNoSecret(job.summary);
  });

  it("has run every step of the workflow", () => {
    const executed = new Set(ran.flatMap((job) => job.steps.filter((s) => s.outcome !== "skipped").map((s) => `${job.job}: ${s.label}`)));
    const all = stepsOf(workflow).map(({ job, step }) => `${job}: ${step.name ?? step.uses ?? step.run!.split("\n")[0]}`);
    assert.deepEqual(
      all.filter((label) => !executed.has(label)),
      [],
    );
  });
});
