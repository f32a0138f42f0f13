import { strict as assert } from "node:assert";
import { domainOperations } from "../../../provider/domain/domain-operations";
import type { DomainInputs } from "../../../provider/domain/domain-schema";
import type { DomainState } from "../../../provider/domain/domain-state";
import { resetClients, setSettings } from "../../../provider/runtime/context";
import { PartialFailure } from "../../../provider/runtime/operations";
import type { VerificationState } from "../../../provider/verification/verification-diff";
import { verificationOperations } from "../../../provider/verification/verification-operations";
import type { VerificationInputs } from "../../../provider/verification/verification-schema";
import { startProviderFixture, type ProviderFixture } from "../../support/provider-context";

async function register(domain: string): Promise<DomainState> {
  const { inputs } = await domainOperations.check({}, { domain });
  return (await domainOperations.create(inputs as DomainInputs, {})).state;
}

async function verificationInputs(domain: DomainState, extra: Record<string, unknown> = {}): Promise<VerificationInputs> {
  const { inputs, failures } = await verificationOperations.check(
    {},
    {
      domainId: domain.domainId,
      domainName: domain.domainName,
      pollIntervalSeconds: 0.1,
      maxPollIntervalSeconds: 0.2,
      ...extra,
    },
  );
  assert.deepEqual(failures, []);
  return inputs as VerificationInputs;
}

/** The partial failure a wait ends with, failing the test when it resolves. */
async function partialFailureOf(wait: Promise<unknown>): Promise<PartialFailure<VerificationState>> {
  try {
    await wait;
  } catch (error) {
    assert.ok(error instanceof PartialFailure, String(error));
    return error as PartialFailure<VerificationState>;
  }
  assert.fail("the wait succeeded");
}

describe("verificationOperations against the emulator and its DNS", () => {
  let fx: ProviderFixture;
  beforeEach(async () => {
    fx = await startProviderFixture();
  });
  afterEach(async () => {
    await fx.stop();
  });

  it("waits until the records are published and SendMailOS verifies, reporting each record", async () => {
    const domain = await register("acme.com");
    const inputs = await verificationInputs(domain);
    // Published once the wait has reported the records missing: a trigger from an observed event.
    void fx.nextLine(/^acme\.com: pending/).then(() => {
      for (const r of domain.dnsRecords) fx.emulator.setDnsRecord({ name: r.name, type: "CNAME", value: r.value });
    });
    const { id, state } = await verificationOperations.create(inputs, {});
    assert.equal(id, domain.domainId);
    assert.equal(state.status, "verified");
    assert.ok(state.verifiedAt);
    assert.deepEqual(
      state.records.map((r) => r.state),
      ["ok", "ok", "ok"],
    );
    const missing = fx.lines.filter((l) => /^acme\.com: pending .*0\/3 DKIM records correct/.test(l));
    assert.equal(missing.length, 1, "one line while nothing changes");
    assert.match(missing[0]!, /0\/3 DKIM records correct in DNS \(asked 127\.0\.0\.1:\d+\); missing: /);
  });

  it("prints a new line when a record changes, and names the one that points elsewhere", async () => {
    const domain = await register("acme.com");
    const [a, b, c] = domain.dnsRecords;
    fx.emulator.setDnsRecord({ name: a!.name, type: "CNAME", value: a!.value });
    fx.emulator.setDnsRecord({ name: b!.name, type: "CNAME", value: "wrong.example.net" });
    void fx.nextLine(/^acme\.com: pending/).then(() => {
      fx.emulator.setDnsRecord({ name: b!.name, type: "CNAME", value: b!.value });
      fx.emulator.setDnsRecord({ name: c!.name, type: "CNAME", value: c!.value });
    });
    await verificationOperations.create(await verificationInputs(domain), {});
    const progress = fx.lines.filter((l) => l.startsWith("acme.com: pending") && l.includes("1/3"));
    assert.equal(progress.length, 1);
    assert.match(
      progress[0]!,
      new RegExp(
        `1/3 DKIM records correct in DNS \\(asked [^)]+\\); missing: ${c!.name}; ${b!.name} points to wrong\\.example\\.net instead of ${b!.value}`,
      ),
    );
  });

  it("ends at once on failed with a diagnosis, keeping the resource in state", async () => {
    const domain = await register("acme.com");
    fx.emulator.setStatus(domain.domainId, "failed");
    const error = await partialFailureOf(verificationOperations.create(await verificationInputs(domain, { timeoutSeconds: 600 }), {}));
    assert.equal(error.id, domain.domainId);
    assert.equal(error.properties.status, "failed");
    assert.match(error.message, /marked acme\.com as failed/);
    assert.match(error.message, /\(DNS asked: 127\.0\.0\.1:\d+\)\n +missing .*_domainkey\.acme\.com CNAME .*create a CNAME/);
    assert.deepEqual(error.reasons, [error.message]);
    assert.equal(fx.lines.filter((l) => /^acme\.com: failed/.test(l)).length, 1, "one poll, not a wait of 600 s");
  });

  it("times out keeping state, and the next update resumes the wait and adds up the time", async () => {
    const domain = await register("acme.com");
    const inputs = await verificationInputs(domain, { timeoutSeconds: 1 });
    const partial = await partialFailureOf(verificationOperations.create(inputs, {}));
    assert.match(partial.message, /still pending after waiting \d+s \(timeoutSeconds 1\).*run `pulumi up` again to resume/s);
    assert.equal(partial.properties.status, "pending");
    const diff = await verificationOperations.diff(partial.id, partial.properties, inputs);
    assert.deepEqual(diff.properties, [{ path: "status", kind: "update", replaces: false, input: false }]);
    assert.equal(diff.changes, true);

    fx.emulator.publishDkimRecords(domain.domainId);
    const state = await verificationOperations.update(partial.id, partial.properties, inputs, {});
    assert.equal(state.status, "verified");
    assert.ok(state.waitedSeconds >= 1, `waited ${state.waitedSeconds}s in all`);
    assert.equal(fx.emulator.domains().length, 1, "nothing was re-created");
  });

  it("is bounded by the engine's custom timeout when it is shorter, and says which bound ended it", async () => {
    const domain = await register("acme.com");
    const partial = await partialFailureOf(
      verificationOperations.create(await verificationInputs(domain, { timeoutSeconds: 600 }), { timeoutSeconds: 1 }),
    );
    assert.match(partial.message, /\(customTimeouts 1s\)/);
  });

  it("stops at once when the operation is cancelled, as a failure the next up resumes", async () => {
    const domain = await register("acme.com");
    const controller = new AbortController();
    void fx.nextLine(/^acme\.com: pending/).then(() => controller.abort());
    const partial = await partialFailureOf(
      verificationOperations.create(
        await verificationInputs(domain, { timeoutSeconds: 600, pollIntervalSeconds: 30, maxPollIntervalSeconds: 30 }),
        { signal: controller.signal },
      ),
    );
    assert.match(
      partial.message,
      /Stopped waiting for acme\.com \(cancelled after \d+s\)\. Nothing was lost: the next `pulumi up` resumes the wait\./,
    );
    assert.equal(partial.properties.status, "pending");
    assert.ok(partial.properties.waitedSeconds < 30, "stopped during the 30 s pause, not after it");
  });

  it("makes the next up wait again when a refresh finds the domain no longer verified", async () => {
    const domain = await register("acme.com");
    fx.emulator.publishDkimRecords(domain.domainId);
    const inputs = await verificationInputs(domain);
    const { id, state } = await verificationOperations.create(inputs, {});
    assert.equal((await verificationOperations.diff(id, state, inputs)).changes, false);
    for (const r of domain.dnsRecords) fx.emulator.removeDnsRecord(r.name);
    fx.emulator.setStatus(domain.domainId, "pending");
    resetClients(); // a refresh is a new process with a fresh shared list
    const read = await verificationOperations.read(id, state);
    assert.equal(read!.state.status, "pending");
    assert.equal((await verificationOperations.diff(id, read!.state, inputs)).changes, true);
  });

  it("reads for an import from the domain id alone, with the default settings as inputs", async () => {
    const domain = await register("acme.com");
    fx.emulator.setStatus(domain.domainId, "verified");
    const read = await verificationOperations.read(domain.domainId, {});
    assert.deepEqual(read!.inputs, {
      domainId: domain.domainId,
      domainName: "acme.com",
      timeoutSeconds: 2700,
      pollIntervalSeconds: 5,
      dnsCheck: true,
    });
    assert.equal(read!.state.status, "verified");
    assert.equal((await verificationOperations.diff(domain.domainId, read!.state, read!.inputs)).changes, false);
  });

  it("asks the emulator's DNS when no resolver is configured and the API is the emulator", async () => {
    setSettings({ apiKey: fx.emulator.apiKey, baseUrl: fx.emulator.baseUrl }, { rateLimits: false });
    const domain = await register("auto.example");
    fx.emulator.publishDkimRecords(domain.domainId);
    const { state } = await verificationOperations.create(await verificationInputs(domain), {});
    assert.deepEqual(
      state.records.map((r) => r.state),
      ["ok", "ok", "ok"],
    );
  });

  it("lets N waiting domains share one list request per interval", async function () {
    this.timeout(60_000);
    await fx.stop();
    fx = await startProviderFixture({ verification: { mode: "manual" } });
    const domains: DomainState[] = [];
    for (let i = 0; i < 25; i++) domains.push(await register(`d${i}.example`));
    fx.emulator.resetStats();
    const intervalSeconds = 0.5;
    const started = Date.now();
    const waits = domains.map(async (d) =>
      verificationOperations.create(
        await verificationInputs(d, { pollIntervalSeconds: intervalSeconds, maxPollIntervalSeconds: intervalSeconds, dnsCheck: false }),
        {},
      ),
    );
    // Verified once every wait has polled and the list has been asked for over several intervals (observed).
    await Promise.all(domains.map((d) => fx.nextLine(new RegExp(`^${d.domainName.replace(/\./g, "\\.")}: pending`))));
    while ((fx.emulator.stats().requests["GET /api/v1/domains"] ?? 0) < 6) await new Promise((r) => setTimeout(r, 20));
    domains.forEach((d) => fx.emulator.setStatus(d.domainId, "verified"));
    await Promise.all(waits);
    const elapsedSeconds = (Date.now() - started) / 1000;
    const lists = fx.emulator.stats().requests["GET /api/v1/domains"] ?? 0;
    const perInterval = lists / (elapsedSeconds / intervalSeconds);
    console.log(
      `      ${domains.length} domains waited ${elapsedSeconds.toFixed(1)}s at ${intervalSeconds}s: ${lists} list requests (${perInterval.toFixed(2)} per interval)`,
    );
    assert.ok(perInterval <= 1.5, `expected about one list per interval, got ${perInterval.toFixed(2)}`);
    assert.equal(fx.emulator.stats().total, lists, "no per-domain requests");
  });
});
