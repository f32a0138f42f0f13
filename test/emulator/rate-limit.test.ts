import assert from "node:assert/strict";
import { bucketOf, RateLimiter, rateLimitHeaders } from "../../emulator/rate-limit";
import { api, useEmulator } from "./helpers";

describe("emulator rate limits", () => {
  describe("RateLimiter", () => {
    const limits = { windowMs: 60_000, create: 2, read: 3, other: 1, fractionalReset: false };

    it("spends the budget, then refuses until the window ends", () => {
      let now = 1_000_000;
      const limiter = new RateLimiter(limits, () => now);
      assert.deepEqual(
        [1, 2, 3].map(() => limiter.take("k", "create")),
        [
          { allowed: true, limit: 2, remaining: 1, resetAtMs: 1_060_000, retryAfterSeconds: 60 },
          { allowed: true, limit: 2, remaining: 0, resetAtMs: 1_060_000, retryAfterSeconds: 60 },
          { allowed: false, limit: 2, remaining: 0, resetAtMs: 1_060_000, retryAfterSeconds: 60 },
        ],
      );
      now += 59_500;
      assert.equal(limiter.take("k", "create").retryAfterSeconds, 1);
      now += 500;
      assert.deepEqual(limiter.take("k", "create"), {
        allowed: true,
        limit: 2,
        remaining: 1,
        resetAtMs: 1_120_000,
        retryAfterSeconds: 60,
      });
    });

    it("keeps separate budgets per key and per bucket", () => {
      const limiter = new RateLimiter(limits, () => 0);
      limiter.take("k1", "other");
      assert.equal(limiter.take("k1", "other").allowed, false);
      assert.equal(limiter.take("k2", "other").allowed, true);
      assert.equal(limiter.take("k1", "read").allowed, true);
    });

    it("sends the reset in whole seconds, rounded up, or with milliseconds when asked", () => {
      const decision = { allowed: true, limit: 10, remaining: 3, resetAtMs: 1_700_000_000_250, retryAfterSeconds: 1 };
      assert.equal(rateLimitHeaders(decision)["X-RateLimit-Reset"], "1700000001");
      assert.equal(rateLimitHeaders(decision, true)["X-RateLimit-Reset"], "1700000000.250");
    });

    it("puts the documented endpoints in their own buckets", () => {
      assert.equal(bucketOf("POST", "/api/v1/domains"), "create");
      assert.equal(bucketOf("GET", "/api/v1/domains"), "read");
      assert.equal(bucketOf("GET", "/api/v1/domains/:id"), "other");
      assert.equal(bucketOf("DELETE", "/api/v1/domains/:id"), "other");
    });
  });

  describe("over HTTP with a one-second window", () => {
    const emulator = useEmulator({ verification: { mode: "manual" }, rateLimits: { windowMs: 1000, create: 2, read: 3 } });

    it("sends X-RateLimit-* on every limited response and a 429 with Retry-After when spent", async () => {
      const started = Math.floor(Date.now() / 1000);
      const responses = [];
      for (let i = 0; i < 4; i++) responses.push(await api(emulator.current, "GET", "/domains"));
      assert.deepEqual(
        responses.map((r) => r.status),
        [200, 200, 200, 429],
      );
      assert.deepEqual(
        responses.map((r) => r.headers.get("x-ratelimit-limit")),
        ["3", "3", "3", "3"],
      );
      assert.deepEqual(
        responses.map((r) => r.headers.get("x-ratelimit-remaining")),
        ["2", "1", "0", "0"],
      );
      const reset = Number(responses[0]?.headers.get("x-ratelimit-reset"));
      assert.ok(reset >= started && reset <= started + 2, `reset ${reset} is a Unix time within the window`);

      const refused = responses[3];
      assert.equal(refused?.headers.get("retry-after"), "1");
      assert.deepEqual(Object.keys(refused?.json), ["success", "error", "message", "code"]);
      assert.equal(refused?.json.error, "Rate limit exceeded");
      assert.equal(refused?.json.code, "RATE_LIMITED");
      assert.equal(typeof refused?.json.message, "string");
    });

    it("limits creates separately from lists", async () => {
      emulator.current.resetRateLimits();
      const statuses = [];
      for (const domain of ["rl1.example.com", "rl2.example.com", "rl3.example.com"]) {
        statuses.push((await api(emulator.current, "POST", "/domains", { body: { domain } })).status);
      }
      assert.deepEqual(statuses, [201, 201, 429]);
      assert.equal((await api(emulator.current, "GET", "/domains")).status, 200);
    });

    it("serves again once Retry-After has passed", async () => {
      emulator.current.resetRateLimits();
      let last;
      for (let i = 0; i < 4; i++) last = await api(emulator.current, "GET", "/domains");
      assert.equal(last?.status, 429);
      await new Promise((resolve) => setTimeout(resolve, Number(last?.headers.get("retry-after")) * 1000));
      assert.equal((await api(emulator.current, "GET", "/domains")).status, 200);
    });

    it("does not limit requests refused by authentication", async () => {
      emulator.current.resetRateLimits();
      const response = await api(emulator.current, "GET", "/domains", { key: null });
      assert.equal(response.status, 401);
      assert.equal(response.headers.get("x-ratelimit-limit"), null);
    });
  });

  describe("when rate limits are off", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });

    it("serves every request without rate-limit headers", async () => {
      const statuses = await Promise.all(Array.from({ length: 70 }, () => api(emulator.current, "GET", "/domains")));
      assert.ok(statuses.every((r) => r.status === 200 && r.headers.get("x-ratelimit-limit") === null));
    });
  });
});
