/**
 * Two CI runners share one stack through an S3 backend (a local S3-compatible server, scripts/fakes3, started and stopped
 * here): the second `pulumi up` while the first runs is refused by Pulumi's lock and succeeds after; a preview from the
 * second checkout then shows no change. "While the first runs" is an observed event: the first runner's live output
 * shows a domain waiting for its verification, which the emulator (manual verification) holds until the test lets it go.
 */
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { startFakeS3, type FakeS3 } from "./fakes3";
import { GitopsRepo, stackName, type DomainEntry } from "./gitops-repo";
import { LiveCommand } from "./live-command";

const bucket = "sendmailos-state";
const project = "sendmailos-domains";

describe("e2e: shared state on two CI runners (S3 backend and its lock)", function () {
  this.timeout(15 * 60 * 1000);
  let s3: FakeS3;
  let emulator: RunningEmulator;
  let repo: GitopsRepo;
  let runnerA: string;
  let runnerB: string;
  const added: DomainEntry = {
    domain: "new-client.example",
    externalId: "client_new",
    dns: { provider: "emulator" },
    wait: { pollIntervalSeconds: 0.5 },
  };

  /** `pulumi up` as the deploy job runs it (pulumi/actions: `up --yes --skip-preview`), with its live output. */
  function up(checkout: string, runner: string): LiveCommand {
    return new LiveCommand(path.join(repo.binDir, "pulumi"), ["up", "--yes", "--skip-preview", "--stack", stackName, "--non-interactive"], {
      cwd: checkout,
      env: repo.env(runner),
      timeoutMs: 10 * 60 * 1000,
    });
  }

  /** Lets the emulator verify every pending domain (the customer's DNS is right; SES has looked). */
  function verifyPending(): string[] {
    const pending = emulator.domains().filter((d) => d.status === "pending");
    for (const domain of pending) emulator.setStatus(domain.id, "verified");
    return pending.map((d) => d.domain_name).sort();
  }

  /** Resolves once the emulator holds `domain`: checked now, then after each answered request (no polling clock). */
  async function untilRegistered(domain: string): Promise<void> {
    const registered = () => emulator.domains().some((d) => d.domain_name === domain);
    if (registered()) return;
    await emulator.nextRequest(() => registered(), { timeoutMs: 5 * 60 * 1000, description: `the create of ${domain}` });
  }

  before(async () => {
    s3 = await startFakeS3([bucket]);
    emulator = await startEmulator({ verification: { mode: "manual" } });
    repo = await GitopsRepo.create(emulator, { url: s3.backendUrl(bucket), env: s3.awsEnv });
    // Fast polls: the waits see a verification soon after the test lets it go.
    repo.writeDomains(
      repo.path("origin"),
      repo.domains(repo.path("origin")).map((e) => (e.wait === false ? e : { ...e, wait: { pollIntervalSeconds: 0.5 } })),
    );
    runnerA = repo.checkout("runner-a"); // deploys the merge of pull request 1
    runnerB = repo.checkout("runner-b"); // deploys the merge of pull request 2, which adds a client
    repo.writeDomains(runnerB, [...repo.domains(runnerB), added]);
  });

  after(async () => {
    await emulator?.stop();
    await s3?.stop();
    repo?.dispose();
  });

  it("keeps the stack's state in the bucket (Pulumi's gocloud blob store works with the S3 server)", () => {
    const stackObject = `/${bucket}/.pulumi/stacks/${project}/${stackName}.json`;
    assert.ok(
      s3.requests.some((r) => r.method === "PUT" && r.path.startsWith(stackObject) && r.status === 200),
      `stack init wrote ${stackObject}:\n${s3.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join("\n")}`,
    );
  });

  it("refuses the second runner's up while the first runs, with Pulumi's lock error naming the first", async () => {
    const first = up(runnerA, "runner-a");
    try {
      // The first runner is mid-update, holding the lock, and has registered all three domains (they are created
      // concurrently, so one pending line says nothing of the others): both waits have printed, and initech (no wait)
      // is in the emulator.
      await first.waitFor(/acme\.com: pending after/);
      await first.waitFor(/mail\.globex\.com: pending after/);
      await untilRegistered("send.initech.com");
      const second = await up(runnerB, "runner-b").done;
      assert.notEqual(second.code, 0, second.output);
      assert.match(
        second.output,
        /error: the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`\./,
      );
      const lock = new RegExp(
        `s3://${bucket}[^\\s]*/\\.pulumi/locks/organization/${project}/${stackName}/[0-9a-f-]+\\.json(\\?\\S*)?: created by \\S+@\\S+ \\(pid (?<pid>\\d+)\\)`,
      );
      const held = lock.exec(second.output);
      assert.ok(held, `the error names the lock:\n${second.output}`);
      assert.equal(Number(held.groups!.pid), first.pid, "the lock is the first runner's");
      assert.equal(
        emulator.domains().some((d) => d.domain_name === added.domain),
        false,
        "the refused runner changed nothing",
      );

      // send.initech.com does not wait (its records are the client's to publish), but it is pending too.
      assert.deepEqual(verifyPending(), ["acme.com", "mail.globex.com", "send.initech.com"]);
      const firstResult = await first.done;
      assert.equal(firstResult.code, 0, firstResult.output);
    } finally {
      first.kill();
    }
  });

  it("lets the second runner's up through after the first, adding only its own change", async () => {
    const second = up(runnerB, "runner-b");
    try {
      await second.waitFor(/new-client\.example: pending after/);
      assert.deepEqual(verifyPending(), [added.domain]);
      const result = await second.done;
      assert.equal(result.code, 0, result.output);
      assert.match(result.output, /\+ 6 created/); // the added VerifiedDomain: the component, its domain, 3 records, its verification
      assert.match(result.output, /\d+ unchanged/);
      assert.deepEqual(
        emulator
          .domains()
          .map((d) => d.domain_name)
          .sort(),
        ["acme.com", "mail.globex.com", added.domain, "send.initech.com"].sort(),
      );
    } finally {
      second.kill();
    }
  });

  it("previews no change from the second checkout: both runners see one state", async () => {
    const preview = await repo.pulumi(
      runnerB,
      ["preview", "--expect-no-changes", "--json", "--stack", stackName, "--non-interactive"],
      "runner-b",
    );
    assert.equal(preview.code, 0, preview.stderr + preview.stdout);
    const summary = (JSON.parse(preview.stdout) as { changeSummary: Record<string, number> }).changeSummary;
    assert.deepEqual(Object.keys(summary), ["same"]);
    assert.equal(summary.same, 1 + 4 * 6 - 4 /* send.initech.com: no records (dns none) and no wait (wait false) */);
  });
});
