import { strict as assert } from "node:assert";
import type { Domain } from "../../../sdk";
import { DomainListCache } from "../../../provider/runtime/domain-list-cache";

function domain(id: string): Domain {
  return {
    id,
    domainName: `${id}.example`,
    status: "pending",
    externalId: null,
    metadata: {},
    dkimTokens: ["a", "b", "c"],
    dnsRecords: [],
    createdAt: "2026-01-01T00:00:00Z",
    verifiedAt: null,
  };
}

describe("DomainListCache", () => {
  it("serves concurrent callers with one request", async () => {
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 20));
      return [domain("a"), domain("b")];
    });
    const found = await Promise.all(Array.from({ length: 50 }, (_, i) => cache.find(i % 2 ? "a" : "b", 0)));
    assert.equal(calls, 1);
    assert.equal(cache.fetches, 1);
    assert.deepEqual(new Set(found.map((d) => d?.id)), new Set(["a", "b"]));
  });

  it("serves from memory while the list is younger than maxAge, then fetches again", async () => {
    let clock = 1_000;
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      return [domain("a")];
    }, () => clock);
    await cache.find("a", 5_000);
    clock += 4_000;
    await cache.find("a", 5_000);
    assert.equal(calls, 1);
    clock += 2_000;
    await cache.find("a", 5_000);
    assert.equal(calls, 2);
  });

  it("returns undefined for a domain the workspace does not have", async () => {
    const cache = new DomainListCache(async () => [domain("a")]);
    assert.equal(await cache.find("zzz", 1_000), undefined);
  });

  it("fetches again after invalidate", async () => {
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      return [];
    });
    await cache.find("a", 60_000);
    cache.invalidate();
    await cache.find("a", 60_000);
    assert.equal(calls, 2);
  });

  it("lets a failed request fail its callers and retries on the next call", async () => {
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      if (calls === 1) throw new Error("boom");
      return [domain("a")];
    });
    await assert.rejects(cache.find("a", 0), /boom/);
    assert.equal((await cache.find("a", 0))?.id, "a");
  });
});

describe("DomainListCache, when a domain is missing from a list", () => {
  it("asks again with a list requested after the call before saying it is gone", async () => {
    let clock = 0;
    let created = false;
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      return created ? [domain("new")] : [];
    }, () => clock);
    await cache.find("other", 60_000); // a list from before "new" existed
    created = true;
    clock += 10;
    assert.equal((await cache.find("new", 60_000))?.id, "new");
    assert.equal(calls, 2);
  });

  it("does not join a request that started before the call", async () => {
    let release: (() => void) | undefined;
    let calls = 0;
    let clock = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      if (calls === 1) {
        await new Promise<void>((r) => (release = r));
        return [];
      }
      return [domain("late")];
    }, () => clock);
    const early = cache.find("late", 0);
    clock += 5;
    const late = cache.find("late", 60_000);
    await new Promise((r) => setTimeout(r, 5));
    release!();
    assert.equal(await early, undefined);
    assert.equal((await late)?.id, "late");
  });
});
