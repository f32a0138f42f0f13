import { strict as assert } from "node:assert";
import type { Domain } from "../../../sdk";
import { DomainListCache, listSpacingMs } from "../../../provider/runtime/domain-list-cache";

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
    const cache = new DomainListCache(
      async () => {
        calls += 1;
        return [domain("a")];
      },
      () => clock,
    );
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

  it("orders a change and the reads after it within one millisecond: they share one list, the one before is not used", async () => {
    // A frozen clock: on a fast machine the last create and the reads of a refresh share a millisecond.
    let calls = 0;
    const cache = new DomainListCache(
      async () => {
        calls += 1;
        return [domain(`a${calls}`)];
      },
      () => 5_000,
    );
    await cache.find("a1", 60_000);
    cache.invalidate();
    const found = await Promise.all([cache.find("a2", 60_000), cache.find("a2", 60_000), cache.find("a2", 60_000)]);
    assert.equal(calls, 2, "one list after the change, shared by the three reads");
    assert.ok(found.every((d) => d?.id === "a2"));
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
    const cache = new DomainListCache(
      async () => {
        calls += 1;
        return created ? [domain("new")] : [];
      },
      () => clock,
    );
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
    const cache = new DomainListCache(
      async () => {
        calls += 1;
        if (calls === 1) {
          await new Promise<void>((r) => (release = r));
          return [];
        }
        return [domain("late")];
      },
      () => clock,
    );
    const early = cache.find("late", 0);
    clock += 5;
    const late = cache.find("late", 60_000);
    await new Promise((r) => setTimeout(r, 5));
    release!();
    assert.equal(await early, undefined);
    assert.equal((await late)?.id, "late");
  });
});

describe("DomainListCache.poll (waits)", () => {
  it("starts list requests at least one interval apart however many domains wait", async () => {
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      return Array.from({ length: 20 }, (_, i) => domain(`d${i}`));
    });
    const started = Date.now();
    // 20 waiters, each polling every 50 ms on its own schedule, for 10 rounds.
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i * 7));
        for (let round = 0; round < 10; round++) {
          assert.equal((await cache.poll(`d${i}`, 50, started))?.id, `d${i}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    const elapsed = Date.now() - started;
    assert.ok(calls <= Math.ceil(elapsed / 50) + 1, `${calls} requests in ${elapsed} ms`);
    assert.ok(calls < 20, "not one per waiter");
  });

  it("looks for a domain created after the last list in the next spaced list, not in an extra request", async () => {
    let created = false;
    let clock = 0;
    const requestedAt: number[] = [];
    const cache = new DomainListCache(
      async () => {
        requestedAt.push(Date.now());
        return created ? [domain("a"), domain("new")] : [domain("a")];
      },
      () => clock,
    );
    await cache.poll("a", 200, 0);
    created = true;
    clock = 10; // the new domain's wait starts 10 ms after that list was requested
    assert.equal((await cache.poll("new", 200, 10))?.id, "new");
    assert.equal(requestedAt.length, 2);
    assert.ok(requestedAt[1]! - requestedAt[0]! >= 185, `the second request came ${requestedAt[1]! - requestedAt[0]!} ms after the first`);
  });

  it("spaces list requests one interval plus a margin for send jitter, so that the server never sees two within one interval", async () => {
    assert.equal(listSpacingMs(500), 550); // at least 50 ms: the scaled bench's interval
    assert.equal(listSpacingMs(5_000), 5_100); // 2% of the documented 5 s
    assert.equal(listSpacingMs(120_000), 121_000); // at most 1 s
    let clock = 0;
    const requestedAt: number[] = [];
    const cache = new DomainListCache(
      async () => {
        requestedAt.push(Date.now());
        return [domain("a")];
      },
      () => clock,
    );
    await cache.poll("a", 200, 0);
    clock = 10; // a wait that starts 10 ms after that list, for a domain the list did not have
    assert.equal(await cache.poll("missing", 200, 10), undefined);
    assert.equal(requestedAt.length, 2);
    // The timer asked for is listSpacingMs(200) - 10 = 240 ms; Node may fire a timer up to 1 ms early.
    assert.ok(requestedAt[1]! - requestedAt[0]! >= 239, `the second request came ${requestedAt[1]! - requestedAt[0]!} ms after the first`);
  });

  it("keeps serving waits from its list after this process changes a domain, while reads ask again", async () => {
    let calls = 0;
    const cache = new DomainListCache(async () => {
      calls += 1;
      return [domain("a")];
    });
    await cache.poll("a", 60_000, 0);
    cache.invalidate();
    await cache.poll("a", 60_000, 0);
    assert.equal(calls, 1);
    await cache.find("a", 60_000);
    assert.equal(calls, 2);
  });
});
