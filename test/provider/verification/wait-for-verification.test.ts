import { strict as assert } from "node:assert";
import type { Domain, DomainStatus } from "../../../sdk";
import { DomainListCache } from "../../../provider/runtime/domain-list-cache";
import type { CnameLookup } from "../../../provider/verification/dns-diagnosis";
import { VerificationError, waitForVerification, type WaitRequest } from "../../../provider/verification/wait-for-verification";

/** A fake world: a status script per list call, a virtual clock, and DNS answers by name. */
function world(statuses: DomainStatus[], dns: Record<string, string[]> = {}) {
  let clock = 0;
  let call = 0;
  const lines: string[] = [];
  const domain = (status: DomainStatus): Domain => ({
    id: "d-1",
    domainName: "acme.com",
    status,
    externalId: null,
    metadata: {},
    dkimTokens: ["t1", "t2", "t3"],
    dnsRecords: [],
    createdAt: "2026-01-01T00:00:00Z",
    verifiedAt: status === "verified" ? "2026-01-01T01:00:00Z" : null,
  });
  const list = new DomainListCache(
    async () => [domain(statuses[Math.min(call++, statuses.length - 1)]!)],
    () => clock,
  );
  const lookup: CnameLookup = {
    resolveCname: async (name) => {
      const answer = dns[name];
      if (!answer) throw Object.assign(new Error("nodata"), { code: "ENODATA" });
      return answer;
    },
    resolve4: async () => [],
  };
  const deps = {
    list,
    lookup,
    log: { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(`warn ${m}`) },
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms;
    },
  };
  return { deps, lines, calls: () => call };
}

const request: WaitRequest = {
  domainId: "d-1",
  domainName: "acme.com",
  timeoutMs: 60_000,
  pollIntervalMs: 1_000,
  maxPollIntervalMs: 4_000,
  previouslyWaitedMs: 0,
};

describe("waitForVerification", () => {
  it("returns once SendMailOS reports verified, with the waited time and the DNS report", async () => {
    const w = world(["pending", "pending", "verified"], { "t1._domainkey.acme.com": ["t1.dkim.amazonses.com"] });
    const result = await waitForVerification(request, w.deps);
    assert.equal(result.status, "verified");
    assert.equal(result.waitedMs, 2_500); // 1000 + 1500 of backoff
    assert.deepEqual(
      result.records.map((r) => r.state),
      ["ok", "missing", "missing"],
    );
  });

  it("prints a line when the picture changes, not on every poll", async () => {
    const w = world(["pending", "pending", "pending", "pending", "verified"]);
    await waitForVerification(request, w.deps);
    assert.equal(w.lines.filter((l) => l.includes("pending")).length, 1);
    assert.match(w.lines[0]!, /acme\.com: pending after 0s; 0\/3 DKIM records correct in DNS; missing: t1\._domainkey\.acme\.com/);
    assert.match(w.lines.at(-1)!, /verified after/);
  });

  it("backs off to the cap", async () => {
    const w = world(["pending", "pending", "pending", "pending", "pending", "verified"]);
    const result = await waitForVerification(request, w.deps);
    assert.equal(result.waitedMs, 1_000 + 1_500 + 2_250 + 3_375 + 4_000);
  });

  it("ends at once on failed, with a per-record diagnosis", async () => {
    const w = world(["failed"], { "t2._domainkey.acme.com": ["elsewhere.example.net"] });
    await assert.rejects(waitForVerification(request, w.deps), (error: unknown) => {
      assert.ok(error instanceof VerificationError);
      assert.equal(error.code, "VERIFICATION_FAILED");
      assert.match(error.message, /marked acme\.com as failed/);
      assert.match(error.message, /wrong +t2\._domainkey\.acme\.com CNAME t2\.dkim\.amazonses\.com \(found elsewhere\.example\.net\)/);
      assert.equal(error.records.length, 3);
      return true;
    });
    assert.equal(w.calls(), 1);
  });

  it("times out with the diagnosis and counts earlier waits", async () => {
    const w = world(["pending"]);
    await assert.rejects(waitForVerification({ ...request, timeoutMs: 10_000, previouslyWaitedMs: 30_000 }, w.deps), (error: unknown) => {
      assert.ok(error instanceof VerificationError);
      assert.equal(error.code, "VERIFICATION_TIMEOUT");
      assert.equal(error.status, "pending");
      assert.equal(error.waitedMs, 40_000);
      assert.match(error.message, /still pending after waiting 40s/);
      assert.match(error.message, /run `pulumi up` again to resume/);
      return true;
    });
  });

  it("fails clearly when the domain is gone", async () => {
    const w = world(["pending"]);
    w.deps.list = new DomainListCache(async () => []);
    await assert.rejects(waitForVerification(request, w.deps), /not registered in SendMailOS any more/);
  });
});
