import assert from "node:assert/strict";
import type { SendMailOSClient } from "../../sdk/client";
import { ConnectionError, InvalidRequestError, RateLimitError, ServerError } from "../../sdk/errors";
import { fastClient, recordEvents, rejection } from "./fixtures/clients";
import { type FakeServer, startFakeServer } from "./fixtures/fake-server";

const rateLimited = (headers: Record<string, string>) => ({
  status: 429,
  headers,
  body: { error: "Rate limit exceeded", message: "Too many requests", code: "RATE_LIMITED" },
});
const serverError = (status = 500) => ({ status, body: { success: false, error: "Internal error", code: "INTERNAL_ERROR" } });

describe("SendMailOSClient retries (against a fake server)", () => {
  let server: FakeServer;
  const clients: SendMailOSClient[] = [];
  const client = (overrides: Parameters<typeof fastClient>[1] = {}) => {
    const c = fastClient(server.baseUrl, overrides);
    clients.push(c);
    return c;
  };
  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server.stop();
  });

  describe("when rate limited (429)", () => {
    it("waits for Retry-After (seconds) before retrying, and reports the wait", async () => {
      const { events, onRetry } = recordEvents();
      server.script(rateLimited({ "Retry-After": "1" }));
      const started = Date.now();
      assert.deepEqual(await client({ onRetry }).listDomains(), []);
      assert.ok(Date.now() - started >= 1000, "waited at least the second asked for");
      assert.equal(server.requests.length, 2);
      assert.ok(server.requests[1]!.at - server.requests[0]!.at >= 1000);
      assert.equal(events.length, 1);
      assert.equal(events[0]!.kind, "retry");
      assert.equal(events[0]!.attempt, 2);
      assert.equal(events[0]!.status, 429);
      assert.equal(events[0]!.code, "RATE_LIMITED");
      assert.ok(events[0]!.delayMs >= 1000);
    });

    it("waits until X-RateLimit-Reset (Unix seconds) when there is no Retry-After", async () => {
      const resetAt = Math.ceil(Date.now() / 1000) + 1; // 0-1 s from now, a whole second as documented
      server.script(rateLimited({ "X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(resetAt) }));
      await client().listDomains();
      assert.ok(server.requests[1]!.at >= resetAt * 1000 - 5, "the retry came after the reset");
    });

    it("throws RateLimitError with retryAfterMs after maxAttempts", async () => {
      server.script(...Array.from({ length: 3 }, () => rateLimited({ "Retry-After": "0" })));
      const error = await rejection(client({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }).listDomains(), RateLimitError);
      assert.equal(server.requests.length, 3);
      assert.equal(error.attempts, 3);
      assert.equal(error.retryAfterMs, 0);
      assert.match(error.message, /after 3 attempts/);
    });

    it("gives up at once when Retry-After exceeds the time budget", async () => {
      server.script(rateLimited({ "Retry-After": "600" }));
      const error = await rejection(
        client({ retry: { maxElapsedMs: 5000, baseDelayMs: 5, maxDelayMs: 20 } }).listDomains(),
        RateLimitError,
      );
      assert.equal(server.requests.length, 1);
      assert.equal(error.retryAfterMs, 600_000);
      assert.match(error.message, /asked to wait 600 s/);
    });
  });

  describe("when SendMailOS fails (5xx)", () => {
    it("retries and succeeds", async () => {
      server.script(serverError(502), serverError(503));
      assert.deepEqual(await client().listDomains(), []);
      assert.equal(server.requests.length, 3);
    });

    it("stops after maxAttempts and says how often it retried", async () => {
      server.script(...Array.from({ length: 10 }, () => serverError()));
      const error = await rejection(client({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }).listDomains(), ServerError);
      assert.equal(server.requests.length, 3);
      assert.equal(error.attempts, 3);
      assert.match(error.message, /retried 2 times/);
    });

    it("stops once maxElapsedMs has passed", async () => {
      server.script(...Array.from({ length: 100 }, () => serverError()));
      await rejection(
        client({ retry: { maxAttempts: 100, maxElapsedMs: 300, baseDelayMs: 50, maxDelayMs: 100 } }).listDomains(),
        ServerError,
      );
      // At least 50 ms between attempts, 300 ms in all: a handful of attempts, far from maxAttempts.
      assert.ok(server.requests.length < 20, `${server.requests.length} attempts`);
    });

    it("backs off exponentially between attempts", async () => {
      server.script(...Array.from({ length: 4 }, () => serverError()));
      const { events, onRetry } = recordEvents();
      await rejection(client({ onRetry, retry: { maxAttempts: 4, baseDelayMs: 40, maxDelayMs: 1000 } }).listDomains(), ServerError);
      const delays = events.map((e) => e.delayMs);
      assert.equal(delays.length, 3);
      delays.forEach((d, i) => assert.ok(d >= 20 && d <= 40 * 2 ** i, `delay ${i + 1}: ${d}`));
    });
  });

  describe("when the request is invalid (4xx other than 429)", () => {
    it("never retries", async () => {
      server.script({ status: 422, body: { success: false, error: "domain: invalid", code: "VALIDATION_ERROR" } });
      await rejection(client().createDomain({ domain: "bad domain" }), InvalidRequestError);
      assert.equal(server.requests.length, 1);
    });
  });

  describe("when the connection is reset", () => {
    it("retries and succeeds", async () => {
      server.script({ reset: true }, { reset: true });
      assert.deepEqual(await client().listDomains(), []);
      assert.equal(server.requests.length, 3);
    });

    it("throws ConnectionError (not a timeout) after maxAttempts", async () => {
      server.script({ reset: true }, { reset: true });
      const error = await rejection(client({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } }).listDomains(), ConnectionError);
      assert.equal(error.timeout, false);
      assert.equal(error.attempts, 2);
    });
  });

  describe("when the server does not answer in time", () => {
    it("aborts the attempt after timeoutMs and retries", async () => {
      server.script({ hang: true });
      const started = Date.now();
      assert.deepEqual(await client({ timeoutMs: 200 }).listDomains(), []);
      assert.ok(Date.now() - started >= 200);
      assert.equal(server.requests.length, 2);
    });

    it("throws ConnectionError with timeout: true once attempts run out", async () => {
      server.script({ hang: true }, { hang: true });
      const error = await rejection(
        client({ timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } }).listDomains(),
        ConnectionError,
      );
      assert.equal(error.timeout, true);
      assert.equal(error.code, "TIMEOUT");
      assert.match(error.message, /within 150 ms/);
    });
  });

  describe("when nothing listens", () => {
    it("throws ConnectionError naming the address", async () => {
      const port = Number(new URL(server.baseUrl).port);
      await server.stop();
      const error = await rejection(client({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } }).listDomains(), ConnectionError);
      assert.equal(error.networkCode, "ECONNREFUSED");
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      server = await startFakeServer(); // for afterEach
    });
  });
});
