/**
 * examples/automation under the real engine, against the emulator: a client domain onboarded through the Automation
 * API hands back its three records before it is verified, the test (acting as the customer) publishes them in the
 * emulator's DNS when they arrive, and the verification is reported when it comes. Two onboardings run at once, in
 * one process (the service) and through the CLI (two back-office requests); the same domain twice is refused by its
 * stack's lock.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { startEmulator, type RunningEmulator } from "../../emulator";
import {
  OnboardingInProgressError,
  onboardClient,
  removeClient,
  type DkimRecord,
  type OnboardingOptions,
} from "../../examples/automation/onboarding";
import { runCommand } from "../../scripts/pulumi-offline";
import { getPulumiBinDir, pulumiEnv, repoRoot } from "../../scripts/pulumi-offline";

/** What the CLI printed on stdout, one JSON event per line, and how it ended. */
interface CliRun {
  code: number | null;
  events: Array<Record<string, unknown>>;
  stderr: string;
}

describe("e2e: examples/automation, onboarding client domains with the Automation API", function () {
  this.timeout(10 * 60 * 1000);
  let emulator: RunningEmulator;
  let dir: string;
  let env: Record<string, string>;
  let binDir: string;
  let options: OnboardingOptions;

  /** Publishes the records as the customer would at their DNS provider. */
  function publish(records: DkimRecord[]): void {
    for (const record of records) emulator.setDnsRecord({ type: record.type, name: record.name, value: record.value });
  }

  function statusOf(domain: string): string | undefined {
    return emulator.domains().find((d) => d.domain_name === domain)?.status;
  }

  /** Asserts the shape of the three records of `domain`, and that the domain is not verified yet. */
  function assertRecordsBeforeVerification(domain: string, records: DkimRecord[]): void {
    assert.equal(records.length, 3);
    for (const record of records) {
      assert.equal(record.type, "CNAME");
      assert.match(record.name, new RegExp(`^[a-z0-9]+\\._domainkey\\.${domain.replace(/\./g, "\\.")}$`));
      assert.match(record.value, /^[a-z0-9]+\.dkim\.amazonses\.com$/);
    }
    assert.equal(statusOf(domain), "pending", `${domain} must not be verified before its records are published`);
  }

  /** Runs the example's CLI (built by `npm test`); calls `onRecords` when the records event arrives. */
  function cli(args: string[], onRecords?: (records: DkimRecord[]) => void): Promise<CliRun> {
    const script = path.join(repoRoot(), "dist", "examples", "automation", "cli.js");
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script, ...args, "--work-root", path.join(dir, "work")], { cwd: dir, env });
      const events: Array<Record<string, unknown>> = [];
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        stdout += chunk;
        const lines = stdout.split("\n");
        stdout = lines.pop()!;
        for (const text of lines) {
          const event = JSON.parse(text) as Record<string, unknown>;
          events.push(event);
          if (event.event === "records") onRecords?.(event.records as DkimRecord[]);
        }
      });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 5 * 60 * 1000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, events, stderr });
      });
    });
  }

  before(async () => {
    binDir = await getPulumiBinDir();
    emulator = await startEmulator({ verification: { mode: "dns", checkIntervalMs: 200 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-onboarding-"));
    for (const sub of ["home", "state", "work"]) fs.mkdirSync(path.join(dir, sub));
    // The service's folder: its node_modules holds pulumi-sendmailos, found by the dynamic provider from work/<domain>/.
    fs.symlinkSync(path.join(repoRoot(), "node_modules"), path.join(dir, "node_modules"), "dir");
    env = {
      ...(pulumiEnv(binDir, path.join(dir, "home"), path.join(dir, "state"), "onboarding-test") as Record<string, string>),
      SENDMAILOS_API_KEY: emulator.apiKey,
      SENDMAILOS_BASE_URL: emulator.baseUrl,
      SENDMAILOS_DNS_RESOLVERS: emulator.dns.address,
    };
    const root = path.join(dir, "pulumi");
    fs.mkdirSync(root);
    fs.symlinkSync(binDir, path.join(root, "bin"), "dir");
    options = {
      workRoot: path.join(dir, "work"),
      env,
      pulumiCommand: await PulumiCommand.get({ root, skipVersionCheck: true }),
    };
  });

  after(async () => {
    await emulator?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("onboards two clients at once in one process: records at once, verification when the customer publishes them", async () => {
    const progress: string[] = [];
    // The customer publishes only once the caller has seen a "pending" progress line for that domain: the line is
    // observed, not raced (publishing as soon as the records arrive could verify a domain before its first poll).
    const pendingSeen = new Map<string, () => void>();
    const pendingLines = new Map(
      ["acme.example", "globex.example"].map((domain) => [domain, new Promise<void>((resolve) => pendingSeen.set(domain, resolve))]),
    );
    const onProgress = (line: string): void => {
      progress.push(line);
      const match = /^(?:sendmailos: )?(\S+): pending after/.exec(line);
      if (match) pendingSeen.get(match[1]!)?.();
    };
    const started = ["acme.example", "globex.example"].map((domain, i) =>
      onboardClient(
        { domain, externalId: `client_${i}`, metadata: { client_name: domain }, pollIntervalSeconds: 0.5 },
        { ...options, onProgress },
      ),
    );
    // Each client's records arrive while its verification has not completed; the customer publishes them then.
    await Promise.all(
      started.map(async (onboarding) => {
        const records = await onboarding.records;
        assertRecordsBeforeVerification(onboarding.domain, records);
        await pendingLines.get(onboarding.domain);
        publish(records);
      }),
    );
    const reports = await Promise.all(started.map((o) => o.verified));
    for (const [i, report] of reports.entries()) {
      assert.equal(report.domain, started[i]!.domain);
      assert.equal(report.status, "verified");
      assert.ok(report.verifiedAt, "verifiedAt is set");
      assert.equal(report.domainId, emulator.domains().find((d) => d.domain_name === report.domain)?.id);
      assert.equal(statusOf(report.domain), "verified");
    }
    for (const domain of ["acme.example", "globex.example"]) {
      assert.ok(
        progress.some((line) => line.includes(`${domain}: verified after`)),
        `the verified line of ${domain} reaches the caller:\n${progress.join("\n")}`,
      );
    }
    // One stack per client in the shared backend.
    const stacks = await runCommand(path.join(binDir, "pulumi"), ["stack", "ls", "--all", "--json"], { cwd: dir, env, timeoutMs: 60_000 });
    assert.deepEqual((JSON.parse(stacks.stdout) as Array<{ name: string }>).map((s) => s.name.split("/").pop()).sort(), [
      "acme.example",
      "globex.example",
    ]);
    // The API key is never part of a client's state.
    const exported = await runCommand(
      path.join(binDir, "pulumi"),
      ["stack", "export", "--stack", "organization/sendmailos-onboarding/acme.example", "--show-secrets"],
      { cwd: dir, env, timeoutMs: 60_000 },
    );
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(!exported.stdout.includes(emulator.apiKey), "no API key in state");
  });

  it("refuses a second onboarding of a domain that is being onboarded, and duplicates nothing", async () => {
    const first = onboardClient({ domain: "initech.example", pollIntervalSeconds: 0.5 }, options);
    const records = await first.records; // its `up` holds the stack's lock while it waits for the customer
    const second = onboardClient({ domain: "INITECH.example", pollIntervalSeconds: 0.5 }, options);
    await assert.rejects(second.verified, (error: unknown) => {
      assert.ok(error instanceof OnboardingInProgressError, String(error));
      assert.match(error.message, /initech\.example is already being onboarded or removed by another run \(its stack is locked\)/);
      return true;
    });
    await assert.rejects(second.records, OnboardingInProgressError);
    publish(records);
    assert.equal((await first.verified).status, "verified");
    assert.equal(emulator.domains().filter((d) => d.domain_name === "initech.example").length, 1);
  });

  it("onboards through the CLI, two requests at once, and removes a client", async () => {
    const runs = await Promise.all(
      ["hooli.example", "umbrella.example"].map((domain) =>
        cli(["add", domain, "--external-id", `ext_${domain}`, "--metadata", "plan=pro", "--poll-interval-seconds", "0.5"], (records) => {
          assertRecordsBeforeVerification(domain, records);
          publish(records);
        }),
      ),
    );
    for (const [i, domain] of ["hooli.example", "umbrella.example"].entries()) {
      const run = runs[i]!;
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(
        run.events.map((e) => e.event),
        ["records", "verified"],
      );
      assert.equal(run.events[1]!.domain, domain);
      assert.equal(run.events[1]!.status, "verified");
      const stored = emulator.domains().find((d) => d.domain_name === domain)!;
      assert.equal(stored.external_id, `ext_${domain}`);
      assert.deepEqual(stored.metadata, { plan: "pro" });
      assert.ok(!run.stderr.includes(emulator.apiKey));
    }

    const removed = await cli(["remove", "hooli.example"]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(removed.events, [{ event: "removed", domain: "hooli.example" }]);
    assert.equal(statusOf("hooli.example"), undefined, "the domain is deleted from SendMailOS");
  });

  it("says which argument is wrong, and refuses a domain that is not a host name", async () => {
    const bad = await cli(["add", "acme.example", "--metadata", "plan"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--metadata "plan": expected KEY=VALUE/);
    const url = await cli(["add", "https://acme.example/"]);
    assert.equal(url.code, 1);
    assert.match(url.stderr, /cannot onboard "https:\/\/acme\.example\/": domain: .*URL/);
  });

  it("removes every client it onboarded", async () => {
    for (const domain of ["acme.example", "globex.example", "initech.example", "umbrella.example"]) await removeClient(domain, options);
    assert.deepEqual(emulator.domains(), []);
  });
});
