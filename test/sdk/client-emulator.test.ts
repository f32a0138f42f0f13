/**
 * The client against the real emulator (`emulator/index.ts`) over loopback HTTP: the happy path, every
 * error type the API can produce, lost creates, and pacing against scaled-down rate limits.
 */
import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import { SendMailOSClient } from "../../sdk/client";
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  type SendMailOSError,
  ServerError,
  UnexpectedResponseError,
  UnsupportedEndpointError,
} from "../../sdk/errors";
import type { SendMailOSClientOptions } from "../../sdk/options";
import { clearSharedRateLimiters } from "../../sdk/rate-limiter";
import { SECRET_KEY, assertNoSecret, recordEvents, rejection } from "./fixtures/clients";

const apiKeys = [{ key: SECRET_KEY, workspaces: ["ws_default", "ws_other"] }];
const fast = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

describe("SendMailOSClient against the emulator", () => {
  let emulator: RunningEmulator;
  const clients: SendMailOSClient[] = [];
  const client = (overrides: Partial<SendMailOSClientOptions> = {}, target = emulator) => {
    const c = new SendMailOSClient({
      apiKey: SECRET_KEY,
      baseUrl: target.baseUrl,
      retry: fast,
      rateLimits: false,
      timeoutMs: 2000,
      ...overrides,
    });
    clients.push(c);
    return c;
  };
  /** Every error seen, checked for the key at the end. */
  const errors: SendMailOSError[] = [];
  const expectError = async <E extends SendMailOSError>(p: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> => {
    const error = await rejection(p, type);
    errors.push(error);
    return error;
  };

  before(async () => {
    emulator = await startEmulator({ apiKeys, rateLimits: false, verification: { mode: "manual" } });
  });
  afterEach(async () => {
    emulator.clearFaults();
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  after(async () => {
    await emulator.stop();
  });

  describe("happy path", () => {
    it("creates, lists, gets, updates and deletes a domain", async () => {
      const c = client();
      const { domain, recovered } = await c.createDomain({ domain: "happy.example.com", externalId: "e1", metadata: { plan: "pro" } });
      assert.equal(recovered, false);
      assert.equal(domain.domainName, "happy.example.com");
      assert.equal(domain.status, "pending");
      assert.equal(domain.dkimTokens.length, 3);
      assert.deepEqual(domain.dnsRecords[0], {
        type: "CNAME",
        name: `${domain.dkimTokens[0]}._domainkey.happy.example.com`,
        value: `${domain.dkimTokens[0]}.dkim.amazonses.com`,
      });

      const listed = (await c.listDomains()).find((d) => d.id === domain.id);
      assert.deepEqual(listed, { ...domain, verifiedAt: null });
      assert.deepEqual(await c.getDomain(domain.id), listed);
      assert.equal((await c.findDomainByName("HAPPY.example.com"))?.id, domain.id);

      const updated = await c.updateDomain(domain.id, { externalId: null, metadata: { plan: "enterprise" } });
      assert.equal(updated.externalId, null);
      assert.deepEqual(updated.metadata, { plan: "enterprise" });

      await c.deleteDomain(domain.id);
      assert.equal(await c.findDomainByName("happy.example.com"), undefined);
    });

    it("reports verification done by the emulator", async () => {
      const c = client();
      const { domain } = await c.createDomain({ domain: "verify.example.com" });
      emulator.setStatus(domain.id, "verified");
      const got = await c.getDomain(domain.id);
      assert.equal(got.status, "verified");
      assert.ok(got.verifiedAt !== null);
    });

    it("keeps workspaces apart", async () => {
      const other = client().withWorkspace("ws_other");
      const { domain } = await other.createDomain({ domain: "ws.example.com" });
      assert.equal((await other.findDomainByName("ws.example.com"))?.id, domain.id);
      assert.equal(await client().findDomainByName("ws.example.com"), undefined);
      await expectError(client().getDomain(domain.id), NotFoundError);
    });
  });

  describe("errors", () => {
    it("AuthenticationError for a wrong key", async () => {
      const error = await expectError(client({ apiKey: "sk_test_wrong" }).listDomains(), AuthenticationError);
      assert.equal(error.status, 401);
      assert.equal(error.code, "UNAUTHORIZED");
      assert.match(error.requestId ?? "", /^req_/);
      assert.match(error.message, /sendmailos:apiKey/);
    });

    it("PermissionError for a workspace the key cannot use", async () => {
      const error = await expectError(client({ workspaceId: "ws_nope" }).listDomains(), PermissionError);
      assert.equal(error.status, 403);
      assert.match(error.message, /ws_nope/);
    });

    it("NotFoundError for an absent domain (get, update, delete)", async () => {
      const c = client();
      await expectError(c.getDomain("00000000-0000-4000-8000-000000000000"), NotFoundError);
      await expectError(c.updateDomain("00000000-0000-4000-8000-000000000000", { metadata: {} }), NotFoundError);
      const error = await expectError(c.deleteDomain("00000000-0000-4000-8000-000000000000"), NotFoundError);
      assert.equal(error.code, "NOT_FOUND");
    });

    it("ConflictError for a domain already registered", async () => {
      const c = client();
      await c.createDomain({ domain: "dup.example.com" });
      const error = await expectError(c.createDomain({ domain: "dup.example.com" }), ConflictError);
      assert.equal(error.status, 409);
      assert.match(error.message, /adoptExisting/);
    });

    it("InvalidRequestError for an invalid domain name", async () => {
      const error = await expectError(client().createDomain({ domain: "not a domain!" }), InvalidRequestError);
      assert.equal(error.status, 400);
      assert.match(error.message, /not a valid host name/);
    });

    it("RateLimitError once retries are exhausted", async () => {
      emulator.injectFault({ kind: "rate-limit", count: 2, retryAfterSeconds: 1 });
      const error = await expectError(client({ retry: { ...fast, maxAttempts: 1 } }).listDomains(), RateLimitError);
      assert.equal(error.retryAfterMs, 1000);
    });

    it("ServerError once retries are exhausted", async () => {
      emulator.injectFault({ kind: "server-error", count: 3, status: 503 });
      const error = await expectError(client().listDomains(), ServerError);
      assert.equal(error.attempts, 3);
      assert.match(error.message, /retried 2 times/);
    });

    it("ConnectionError when connections are reset", async () => {
      emulator.injectFault({ kind: "reset", count: 3 });
      const error = await expectError(client().listDomains(), ConnectionError);
      assert.equal(error.timeout, false);
    });

    it("ConnectionError with timeout: true when the server is too slow", async () => {
      emulator.injectFault({ kind: "latency", ms: 400, count: 1 });
      const error = await expectError(client({ timeoutMs: 150, retry: { ...fast, maxAttempts: 1 } }).listDomains(), ConnectionError);
      assert.equal(error.timeout, true);
    });

    it("UnexpectedResponseError for a wrong baseUrl", async () => {
      const c = new SendMailOSClient({ apiKey: SECRET_KEY, baseUrl: emulator.baseUrl.replace("/api/v1", "/api/v2"), rateLimits: false });
      clients.push(c);
      const error = await expectError(c.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /Check baseUrl/);
    });

    it("never puts the API key in any of them", () => {
      assert.ok(errors.length >= 11, `${errors.length} errors collected`);
      for (const error of errors) assertNoSecret(error);
    });
  });

  describe("retries", () => {
    it("gets through 429, 5xx and resets without the caller noticing", async () => {
      emulator.injectFault({ kind: "rate-limit", count: 1, retryAfterSeconds: 1 });
      emulator.injectFault({ kind: "server-error", count: 1 });
      emulator.injectFault({ kind: "reset", count: 1 });
      const { events, onRetry } = recordEvents();
      await client({ onRetry, retry: { ...fast, maxAttempts: 5 } }).listDomains();
      assert.deepEqual(
        events.map((e) => e.code),
        ["RATE_LIMITED", "INTERNAL_ERROR", "CONNECTION_ERROR"],
      );
      assert.ok(events[0]!.delayMs >= 1000);
    });
  });

  describe("lost creates", () => {
    for (const failWith of ["error", "reset"] as const) {
      it(`creates exactly one domain when the answer is lost (${failWith}), thanks to Idempotency-Key`, async () => {
        emulator.injectFault({ kind: "commit-then-fail", count: 1, failWith, method: "POST" });
        const c = client();
        const name = `lost-${failWith}.example.com`;
        const { domain, recovered } = await c.createDomain({ domain: name, metadata: { a: "b" } });
        assert.equal(recovered, false, "the emulator replays the first answer, no 409 to recover from");
        const matching = emulator.domains().filter((d) => d.domain_name === name);
        assert.equal(matching.length, 1);
        assert.equal(matching[0]!.id, domain.id);
      });
    }
  });

  describe("when the server lacks the assumed endpoints (assumedEndpoints: false)", () => {
    let bare: RunningEmulator;
    before(async () => {
      bare = await startEmulator({ apiKeys, rateLimits: false, verification: { mode: "manual" }, assumedEndpoints: false });
    });
    after(async () => {
      await bare.stop();
    });

    it("getDomain falls back to the list", async () => {
      const c = client({}, bare);
      const { domain } = await c.createDomain({ domain: "bare.example.com" });
      assert.equal((await c.getDomain(domain.id)).id, domain.id);
      assert.equal((await c.getDomain(domain.id)).id, domain.id);
      await rejection(c.getDomain("00000000-0000-4000-8000-000000000000"), NotFoundError);
      assert.equal(bare.stats().requests["GET (unmatched)"], 1, "GET /domains/{id} was tried once only");
    });

    it("updateDomain and deleteDomain throw UnsupportedEndpointError", async () => {
      const c = client({}, bare);
      const { domain } = await c.createDomain({ domain: "bare2.example.com" });
      const update = await rejection(c.updateDomain(domain.id, { metadata: {} }), UnsupportedEndpointError);
      assert.match(update.message, /PATCH \/domains\/\{id\}/);
      const del = await rejection(c.deleteDomain(domain.id), UnsupportedEndpointError);
      assert.match(del.message, /DELETE \/domains\/\{id\}/);
      assertNoSecret(update);
      assertNoSecret(del);
    });
  });

  describe("pacing against scaled-down rate limits", () => {
    const limits = { windowMs: 1000, create: 10, read: 60, other: 60 };
    let limited: RunningEmulator;
    before(async () => {
      clearSharedRateLimiters();
      limited = await startEmulator({ apiKeys, rateLimits: limits, verification: { mode: "manual" } });
    });
    after(async () => {
      await limited.stop();
    });

    it("turns 30 concurrent creates into waiting, with no 429 at all", async () => {
      const { events, onRetry } = recordEvents();
      const c = client({ rateLimits: limits, onRetry }, limited);
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => c.createDomain({ domain: `burst${i}.example.com` })));
      assert.equal(results.length, 30);
      assert.ok(Date.now() - started >= 2000, "three windows of ten");
      assert.ok(
        events.some((e) => e.kind === "pacing"),
        "the caller was told about the waits",
      );
      assert.equal(limited.stats().rateLimited, 0, "the emulator never had to refuse");
      assert.equal(events.filter((e) => e.kind === "retry").length, 0);
    });

    it("still succeeds when the client's limits are looser than the server's (following 429s and headers)", async () => {
      limited.resetRateLimits();
      limited.resetStats();
      clearSharedRateLimiters(); // the previous case's Remaining: 0 would hold this one until its Reset
      const c = client({ rateLimits: { ...limits, create: 100 }, apiKey: SECRET_KEY, retry: { ...fast, maxAttempts: 5 } }, limited);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => c.withWorkspace("ws_other").createDomain({ domain: `loose${i}.example.com` })),
      );
      assert.equal(results.length, 12);
    });
  });
});
