import assert from "node:assert/strict";
import { ConflictError, ConnectionError, ServerError } from "../../sdk/errors";
import { RECOVERY_CLOCK_SKEW_MS, isAmbiguousOutcome, isRecoverableCreate, newIdempotencyKey } from "../../sdk/idempotency";
import type { Domain } from "../../sdk/types";

const startedAt = Date.parse("2024-06-01T12:00:00Z");
const domain = (overrides: Partial<Domain> = {}): Domain => ({
  id: "d1",
  domainName: "example.com",
  status: "pending",
  externalId: "ext-1",
  metadata: { team: "mail" },
  dkimTokens: ["a"],
  dnsRecords: [],
  createdAt: "2024-06-01T12:00:01Z",
  verifiedAt: null,
  ...overrides,
});
const input = { domain: "example.com", externalId: "ext-1", metadata: { team: "mail" } };

describe("idempotency", () => {
  describe("newIdempotencyKey", () => {
    it("returns a fresh UUID each time", () => {
      const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
      assert.equal(keys.size, 100);
      for (const key of keys) assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
  });

  describe("isAmbiguousOutcome", () => {
    it("treats 5xx, timeouts and resets as possibly processed", () => {
      assert.equal(isAmbiguousOutcome(new ServerError("x", { code: "S", status: 502 })), true);
      assert.equal(isAmbiguousOutcome(new ConnectionError("x", { code: "TIMEOUT", timeout: true })), true);
      assert.equal(isAmbiguousOutcome(new ConnectionError("x", { code: "C", timeout: false, networkCode: "UND_ERR_SOCKET" })), true);
    });
    it("treats a refused connection as never sent", () => {
      assert.equal(isAmbiguousOutcome(new ConnectionError("x", { code: "C", timeout: false, networkCode: "ECONNREFUSED" })), false);
    });
    it("treats 4xx answers as definite", () => {
      assert.equal(isAmbiguousOutcome(new ConflictError("x", { code: "C", status: 409 })), false);
    });
  });

  describe("isRecoverableCreate", () => {
    it("accepts the domain when externalId, metadata and age match", () => {
      assert.equal(isRecoverableCreate(domain(), input, startedAt), true);
    });
    it("accepts a createdAt up to 10 minutes before the create started (clock skew)", () => {
      const createdAt = new Date(startedAt - RECOVERY_CLOCK_SKEW_MS).toISOString();
      assert.equal(isRecoverableCreate(domain({ createdAt }), input, startedAt), true);
    });
    it("rejects an older domain", () => {
      const createdAt = new Date(startedAt - RECOVERY_CLOCK_SKEW_MS - 1000).toISOString();
      assert.equal(isRecoverableCreate(domain({ createdAt }), input, startedAt), false);
    });
    it("rejects a different externalId", () => {
      assert.equal(isRecoverableCreate(domain({ externalId: "other" }), input, startedAt), false);
      assert.equal(isRecoverableCreate(domain({ externalId: null }), input, startedAt), false);
    });
    it("rejects different metadata (extra, missing or changed keys)", () => {
      assert.equal(isRecoverableCreate(domain({ metadata: { team: "mail", x: "y" } }), input, startedAt), false);
      assert.equal(isRecoverableCreate(domain({ metadata: {} }), input, startedAt), false);
      assert.equal(isRecoverableCreate(domain({ metadata: { team: "ops" } }), input, startedAt), false);
    });
    it("matches absent input fields to null externalId and empty metadata", () => {
      assert.equal(isRecoverableCreate(domain({ externalId: null, metadata: {} }), { domain: "example.com" }, startedAt), true);
    });
    it("rejects an unparseable createdAt", () => {
      assert.equal(isRecoverableCreate(domain({ createdAt: "yesterday" }), input, startedAt), false);
    });
  });
});
