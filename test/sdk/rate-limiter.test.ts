import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { NO_PACING, RateLimiter, clearSharedRateLimiters, sharedRateLimiter } from "../../sdk/rate-limiter";

const limits = { windowMs: 200, create: 2, read: 2, other: 2 };
const margin = 10;

/** An `onWait` that records every hold: "no wait" is asserted as "never held", not as a wall-clock bound. */
function holds(): { onWait: (ms: number) => void; waits: number[] } {
  const waits: number[] = [];
  return { onWait: (ms) => waits.push(ms), waits };
}

describe("rate-limiter", () => {
  describe("RateLimiter", () => {
    it("lets `limit` requests through at once and holds the next one until a window after the answer", async () => {
      const limiter = new RateLimiter(limits);
      const first = holds();
      const started = Date.now();
      const r1 = await limiter.acquire("create", first.onWait);
      const r2 = await limiter.acquire("create", first.onWait);
      assert.deepEqual(first.waits, [], "the first `limit` requests are not held");
      const waits: number[] = [];
      const third = limiter.acquire("create", (ms) => waits.push(ms));
      await sleep(30);
      r1();
      r2();
      await third;
      assert.ok(Date.now() - started >= 30 + 200 + margin - 5, `${Date.now() - started} ms`);
      assert.ok(waits.length >= 1);
    });

    it("waits for an answer while `limit` requests are in flight", async () => {
      const limiter = new RateLimiter(limits);
      await limiter.acquire("read");
      const held = await limiter.acquire("read");
      let passed = false;
      const third = limiter.acquire("read").then(() => (passed = true));
      await sleep(300);
      assert.equal(passed, false, "no timer can free a slot held by a request in flight");
      held();
      await third;
    });

    it("serves waiters in FIFO order", async () => {
      const limiter = new RateLimiter({ ...limits, other: 1 });
      const order: number[] = [];
      const releases = await Promise.all([0].map(() => limiter.acquire("other")));
      const waiting = [1, 2, 3].map((n) => limiter.acquire("other").then((release) => (order.push(n), release())));
      releases[0]!();
      await Promise.all(waiting);
      assert.deepEqual(order, [1, 2, 3]);
    });

    it("keeps route classes apart", async () => {
      const limiter = new RateLimiter(limits);
      await limiter.acquire("create");
      await limiter.acquire("create");
      const read = holds();
      await limiter.acquire("read", read.onWait);
      assert.deepEqual(read.waits, [], "a full create class does not hold a read");
    });

    it("holds every request of a class until blockUntil", async () => {
      const limiter = new RateLimiter(limits);
      limiter.blockUntil("read", Date.now() + 150);
      const started = Date.now();
      (await limiter.acquire("read"))();
      assert.ok(Date.now() - started >= 140);
    });

    it("follows X-RateLimit-Remaining: 0 until X-RateLimit-Reset", async () => {
      const limiter = new RateLimiter({ ...limits, read: 60, windowMs: 1000 });
      const resetAt = Date.now() + 150;
      (await limiter.acquire("read"))({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetAt / 1000) });
      await limiter.acquire("read");
      assert.ok(Date.now() >= resetAt);
    });

    it("ignores a second release of the same request", async () => {
      const limiter = new RateLimiter({ ...limits, other: 1 });
      const release = await limiter.acquire("other");
      release();
      release();
    });
  });

  describe("sharedRateLimiter", () => {
    beforeEach(clearSharedRateLimiters);

    it("returns one limiter per base URL and key fingerprint", () => {
      const a = sharedRateLimiter("http://127.0.0.1:1/api/v1", "fp1", limits);
      assert.equal(sharedRateLimiter("http://127.0.0.1:1/api/v1", "fp1", limits), a);
      assert.notEqual(sharedRateLimiter("http://127.0.0.1:1/api/v1", "fp2", limits), a);
      assert.notEqual(sharedRateLimiter("http://127.0.0.1:2/api/v1", "fp1", limits), a);
    });

    it("applies the latest configuration to the shared limiter", async () => {
      const limiter = sharedRateLimiter("http://x/api/v1", "fp", { ...limits, create: 1, windowMs: 60_000 });
      (await limiter.acquire("create"))();
      sharedRateLimiter("http://x/api/v1", "fp", { ...limits, create: 5 });
      const second = holds();
      await limiter.acquire("create", second.onWait);
      assert.deepEqual(second.waits, [], "the raised limit lets the second create through");
    });
  });

  describe("NO_PACING", () => {
    it("never waits: every acquire settles before the next turn of the event loop", async () => {
      for (let i = 0; i < 100; i++) {
        const nextTurn = new Promise<string>((resolve) => setImmediate(() => resolve("the event loop turned")));
        const first = await Promise.race([NO_PACING.acquire("create").then((release) => (release(), "acquired")), nextTurn]);
        assert.equal(first, "acquired");
      }
    });
  });
});
