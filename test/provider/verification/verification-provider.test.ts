import { strict as assert } from "node:assert";
import { domainProvider } from "../../../provider/domain/domain-provider";
import type { DomainState } from "../../../provider/domain/domain-state";
import { verificationProvider, type VerificationState } from "../../../provider/verification/verification-provider";
import type { VerificationInputs } from "../../../provider/verification/verification-inputs";
import { resetClients } from "../../../provider/runtime/context";
import { startProviderFixture, type ProviderFixture } from "../../support/provider-context";

async function register(domain: string): Promise<DomainState> {
  const { inputs } = await domainProvider.check({}, { domain });
  return (await domainProvider.create(inputs as never)).outs;
}

async function verificationInputs(domain: DomainState, extra: Record<string, unknown> = {}): Promise<VerificationInputs> {
  const { inputs, failures } = await verificationProvider.check({}, {
    domainId: domain.domainId,
    domainName: domain.domainName,
    pollIntervalSeconds: 0.1,
    maxPollIntervalSeconds: 0.2,
    ...extra,
  });
  assert.deepEqual(failures, []);
  return inputs;
}

/** The partial-failure shape the dynamic-provider host turns into "created, but failed to initialize". */
interface PartialFailure extends Error {
  id: string;
  properties: VerificationState;
  reasons: string[];
}

describe("verificationProvider against the emulator and its DNS", () => {
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
    setTimeout(() => {
      for (const r of domain.dnsRecords) fx.emulator.setDnsRecord({ name: r.name, type: "CNAME", value: r.value });
    }, 400);
    const { id, outs } = await verificationProvider.create(inputs);
    assert.equal(id, domain.domainId);
    assert.equal(outs.status, "verified");
    assert.ok(outs.verifiedAt);
    assert.ok(outs.waitedSeconds >= 0.3, `waited ${outs.waitedSeconds}s`);
    assert.deepEqual(outs.records.map((r) => r.state), ["ok", "ok", "ok"]);
    const progress = fx.lines.filter((l) => l.startsWith("acme.com: pending"));
    assert.equal(progress.length, 1, "one line while nothing changes");
    assert.match(progress[0]!, /0\/3 DKIM records correct in DNS; missing: /);
  });

  it("prints a new line when a record changes, and names the one that points elsewhere", async () => {
    const domain = await register("acme.com");
    const [a, b, c] = domain.dnsRecords;
    fx.emulator.setDnsRecord({ name: a!.name, type: "CNAME", value: a!.value });
    fx.emulator.setDnsRecord({ name: b!.name, type: "CNAME", value: "wrong.example.net" });
    setTimeout(() => {
      fx.emulator.setDnsRecord({ name: b!.name, type: "CNAME", value: b!.value });
      fx.emulator.setDnsRecord({ name: c!.name, type: "CNAME", value: c!.value });
    }, 500);
    await verificationProvider.create(await verificationInputs(domain));
    const progress = fx.lines.filter((l) => l.startsWith("acme.com: pending"));
    assert.equal(progress.length, 1);
    assert.match(progress[0]!, new RegExp(`1/3 DKIM records correct in DNS; missing: ${c!.name}; ${b!.name} points to wrong\\.example\\.net instead of ${b!.value}`));
  });

  it("ends at once on failed with a diagnosis, keeping the resource in state", async () => {
    const domain = await register("acme.com");
    fx.emulator.setStatus(domain.domainId, "failed");
    const started = Date.now();
    await assert.rejects(verificationProvider.create(await verificationInputs(domain)), (error: PartialFailure) => {
      assert.equal(error.id, domain.domainId);
      assert.equal(error.properties.status, "failed");
      assert.match(error.message, /marked acme\.com as failed/);
      assert.match(error.message, /missing .*_domainkey\.acme\.com CNAME .*create a CNAME/);
      assert.deepEqual(error.reasons, [error.message]);
      return true;
    });
    assert.ok(Date.now() - started < 2_000);
  });

  it("times out keeping state, and the next update resumes the wait and adds up the time", async () => {
    const domain = await register("acme.com");
    const inputs = await verificationInputs(domain, { timeoutSeconds: 1 });
    let partial: PartialFailure | undefined;
    await verificationProvider.create(inputs).catch((e: PartialFailure) => (partial = e));
    assert.ok(partial, "the wait timed out");
    assert.match(partial.message, /still pending after waiting 1s.*run `pulumi up` again to resume/s);
    assert.equal(partial.properties.status, "pending");
    const diff = await verificationProvider.diff(partial.id, partial.properties, inputs);
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    fx.emulator.publishDkimRecords(domain.domainId);
    const { outs } = await verificationProvider.update(partial.id, partial.properties, inputs);
    assert.equal(outs.status, "verified");
    assert.ok(outs.waitedSeconds >= 1, `waited ${outs.waitedSeconds}s in all`);
    assert.equal(fx.emulator.domains().length, 1, "nothing was re-created");
  });

  it("makes the next up wait again when a refresh finds the domain no longer verified", async () => {
    const domain = await register("acme.com");
    fx.emulator.publishDkimRecords(domain.domainId);
    const inputs = await verificationInputs(domain);
    const { id, outs } = await verificationProvider.create(inputs);
    assert.deepEqual(await verificationProvider.diff(id, outs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    for (const r of domain.dnsRecords) fx.emulator.removeDnsRecord(r.name);
    fx.emulator.setStatus(domain.domainId, "pending");
    resetClients(); // a refresh is a new process with a fresh shared list
    const read = await verificationProvider.read(id, outs);
    assert.equal(read.props!.status, "pending");
    assert.deepEqual(await verificationProvider.diff(id, read.props!, inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("lets N waiting domains share one list request per interval", async function () {
    this.timeout(30_000);
    await fx.stop();
    fx = await startProviderFixture({ verification: { mode: "manual" } });
    const domains: DomainState[] = [];
    for (let i = 0; i < 25; i++) domains.push(await register(`d${i}.example`));
    fx.emulator.resetStats();
    const intervalSeconds = 0.5;
    const waits = domains.map(async (d) =>
      verificationProvider.create(await verificationInputs(d, { pollIntervalSeconds: intervalSeconds, maxPollIntervalSeconds: intervalSeconds, dnsCheck: false })),
    );
    const started = Date.now();
    setTimeout(() => domains.forEach((d) => fx.emulator.setStatus(d.domainId, "verified")), 3_000);
    await Promise.all(waits);
    const elapsedSeconds = (Date.now() - started) / 1000;
    const lists = fx.emulator.stats().requests["GET /api/v1/domains"] ?? 0;
    const perInterval = lists / (elapsedSeconds / intervalSeconds);
    console.log(`      ${domains.length} domains waited ${elapsedSeconds.toFixed(1)}s at ${intervalSeconds}s: ${lists} list requests (${perInterval.toFixed(2)} per interval)`);
    assert.ok(perInterval <= 1.5, `expected about one list per interval, got ${perInterval.toFixed(2)}`);
    assert.equal(fx.emulator.stats().total, lists, "no per-domain requests");
  });
});
