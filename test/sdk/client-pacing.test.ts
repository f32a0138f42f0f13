import assert from "node:assert/strict";
import type { SendMailOSClient } from "../../sdk/client";
import { RateLimitError } from "../../sdk/errors";
import { clearSharedRateLimiters } from "../../sdk/rate-limiter";
import { SECRET_KEY, fastClient, recordEvents, rejection } from "./fixtures/clients";
import { type FakeServer, type RecordedRequest, startFakeServer } from "./fixtures/fake-server";

/** The largest number of requests that arrived within any `windowMs`. */
function maxInWindow(requests: RecordedRequest[], windowMs: number): number {
  const times = requests.map((r) => r.at);
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
}

describe("SendMailOSClient pacing (against a fake server)", () => {
  let server: FakeServer;
  const clients: SendMailOSClient[] = [];
  const client = (overrides: Parameters<typeof fastClient>[1] = {}) => {
    const c = fastClient(server.baseUrl, { rateLimits: { windowMs: 400, create: 3, read: 3, other: 3 }, ...overrides });
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    clearSharedRateLimiters();
    server = await startFakeServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.stop();
  });

  describe("when a burst exceeds the limit", () => {
    it("spaces the requests so no window holds more than the limit, reporting the waits", async () => {
      const { events, onRetry } = recordEvents();
      const c = client({ onRetry });
      const started = Date.now();
      await Promise.all(Array.from({ length: 7 }, (_, i) => c.createDomain({ domain: `d${i}.example` })));
      assert.ok(Date.now() - started >= 800, "7 creates at 3 per 400 ms take two extra windows");
      assert.ok(maxInWindow(server.requests, 400) <= 3);
      assert.ok(events.some((e) => e.kind === "pacing" && e.delayMs > 0 && /"create" rate-limit slot/.test(e.reason)));
    });

    it("paces creates and reads in separate buckets", async () => {
      const { events, onRetry } = recordEvents();
      const c = client({ onRetry });
      await Promise.all([
        ...Array.from({ length: 3 }, (_, i) => c.createDomain({ domain: `d${i}.example` })),
        ...Array.from({ length: 3 }, () => c.listDomains()),
      ]);
      // Judged by what the client did (no request held), not by a wall-clock bound a busy machine can break.
      assert.deepEqual(
        events.filter((e) => e.kind === "pacing"),
        [],
        "3 creates and 3 reads fit their own buckets",
      );
      assert.equal(server.requests.length, 6);
    });
  });

  describe("when several clients use the same base URL and key", () => {
    it("shares one limiter between them", async () => {
      const a = client();
      const b = client();
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).createDomain({ domain: `d${i}.example` })));
      assert.ok(maxInWindow(server.requests, 400) <= 3);
    });

    it("keeps separate limiters for separate keys", async () => {
      const { events, onRetry } = recordEvents();
      const a = client({ onRetry });
      const b = client({ apiKey: `${SECRET_KEY}_other`, onRetry });
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).listDomains()));
      assert.deepEqual(
        events.filter((e) => e.kind === "pacing"),
        [],
        "3 reads per key fit each key's own bucket",
      );
      assert.equal(server.requests.length, 6);
    });
  });

  describe("when the server says X-RateLimit-Remaining: 0", () => {
    it("waits until X-RateLimit-Reset before the next request", async () => {
      const resetAt = Date.now() + 500;
      server.script({
        status: 200,
        body: { success: true, domains: [] },
        headers: { "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(resetAt / 1000) },
      });
      const c = client({ rateLimits: { windowMs: 1000 } });
      await c.listDomains();
      await c.listDomains();
      assert.ok(server.requests[1]!.at >= resetAt, "the second request waited for the reset");
      assert.equal(server.requests.length, 2);
    });
  });

  describe("when one request is rate limited (429)", () => {
    it("holds the other requests of that class for Retry-After, even from another client", async () => {
      server.script({ status: 429, headers: { "Retry-After": "1" }, body: { error: "Rate limit exceeded", code: "RATE_LIMITED" } });
      await rejection(client({ retry: { maxAttempts: 1 } }).listDomains(), RateLimitError);
      await client().listDomains();
      // Measured where the server saw them: the hold starts when the 429 is read, after it arrived.
      assert.equal(server.requests.length, 2);
      assert.ok(server.requests[1]!.at - server.requests[0]!.at >= 1000, "the other client waited for Retry-After too");
    });
  });

  describe("when pacing is disabled (rateLimits: false)", () => {
    it("sends a burst at once", async () => {
      const { events, onRetry } = recordEvents();
      const c = client({ rateLimits: false, onRetry });
      await Promise.all(Array.from({ length: 10 }, (_, i) => c.createDomain({ domain: `d${i}.example` })));
      assert.deepEqual(
        events.filter((e) => e.kind === "pacing"),
        [],
        "10 creates against a limit of 3 per window, none held",
      );
      assert.equal(server.requests.length, 10);
    });

    it("still retries a 429", async () => {
      server.script({ status: 429, headers: { "Retry-After": "0" }, body: { error: "Rate limit exceeded", code: "RATE_LIMITED" } });
      await client({ rateLimits: false }).listDomains();
      assert.equal(server.requests.length, 2);
    });
  });
});
