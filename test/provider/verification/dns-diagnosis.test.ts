import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../../emulator";
import { concurrencyLimit, createLookup, diagnoseRecords, maxConcurrentLookups } from "../../../provider/verification/dns-diagnosis";

const record = (t: string, domain = "acme.example") => ({
  type: "CNAME",
  name: `${t}._domainkey.${domain}`,
  value: `${t}.dkim.amazonses.com`,
});

describe("diagnoseRecords through the emulator's DNS server", () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ verification: { mode: "manual" }, rateLimits: false });
  });
  after(async () => {
    await emulator.stop();
  });

  it("tells right, missing, pointing elsewhere and flattened (proxied) records apart", async () => {
    emulator.setDnsRecord({ name: "a._domainkey.acme.example", type: "CNAME", value: "A.DKIM.AMAZONSES.COM." });
    emulator.setDnsRecord({ name: "b._domainkey.acme.example", type: "CNAME", value: "elsewhere.example.net" });
    emulator.setDnsRecord({ name: "d._domainkey.acme.example", type: "A", value: "192.0.2.10" });
    const checks = await diagnoseRecords([record("a"), record("b"), record("c"), record("d")], createLookup([emulator.dns.address]));
    assert.deepEqual(
      checks.map((c) => c.state),
      ["ok", "wrong", "missing", "wrong"],
    );
    assert.deepEqual(checks[1]!.found, ["elsewhere.example.net"]);
    assert.match(checks[2]!.hint!, /create a CNAME c\._domainkey\.acme\.example -> c\.dkim\.amazonses\.com/);
    assert.match(checks[3]!.hint!, /turn proxying off/);
  });

  it("diagnoses 200 domains at once without losing a record", async function () {
    this.timeout(30_000);
    const domains = Array.from({ length: 200 }, (_, i) => `d${i}.example`);
    for (const d of domains)
      for (const t of ["x", "y", "z"])
        emulator.setDnsRecord({ name: `${t}._domainkey.${d}`, type: "CNAME", value: `${t}.dkim.amazonses.com` });
    const lookup = createLookup([emulator.dns.address]);
    const results = await Promise.all(
      domains.map((d) =>
        diagnoseRecords(
          ["x", "y", "z"].map((t) => record(t, d)),
          lookup,
        ),
      ),
    );
    const states = results.flat().map((c) => c.state);
    assert.equal(states.filter((s) => s === "ok").length, 600, JSON.stringify(states.filter((s) => s !== "ok").slice(0, 3)));
  });

  it("shares one lookup per resolver set", () => {
    assert.equal(createLookup([emulator.dns.address]), createLookup([emulator.dns.address]));
  });
});

describe("concurrencyLimit", () => {
  it("never runs more than the limit at once and runs everything", async () => {
    const limit = concurrencyLimit(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
          return i;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.ok(maxConcurrentLookups >= 8);
  });

  it("lets a failing task fail alone", async () => {
    const limit = concurrencyLimit(1);
    const failing = limit(() => Promise.reject(new Error("boom")));
    const next = limit(async () => "ok");
    await assert.rejects(failing, /boom/);
    assert.equal(await next, "ok");
  });
});
