import assert from "node:assert/strict";
import type { SendMailOSClient } from "../../sdk/client";
import { ConflictError, ServerError } from "../../sdk/errors";
import { fastClient, rejection } from "./fixtures/clients";
import { type FakeServer, startFakeServer, wireDomain } from "./fixtures/fake-server";

const serverError = { status: 500, body: { success: false, error: "Internal error", code: "INTERNAL_ERROR" } };
const input = { domain: "example.com", externalId: "ext-1", metadata: { team: "mail" } };

describe("SendMailOSClient.createDomain on a lossy network (against a fake server)", () => {
  let server: FakeServer;
  let client: SendMailOSClient;
  beforeEach(async () => {
    server = await startFakeServer();
    // The default timeout: a short one would turn a busy machine's slow answer into a retry and change the counts.
    client = fastClient(server.baseUrl);
  });
  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  describe("Idempotency-Key", () => {
    it("is the same on every retry of one create", async () => {
      server.script(serverError, { reset: true }, { hang: true });
      await client.createDomain(input);
      const keys = server.requests.map((r) => r.headers["idempotency-key"]);
      assert.equal(keys.length, 4);
      assert.equal(new Set(keys).size, 1);
      assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
    });

    it("is the caller's key on every retry when given", async () => {
      server.script(serverError);
      await client.createDomain(input, { idempotencyKey: "caller-key" });
      assert.deepEqual(
        server.requests.map((r) => r.headers["idempotency-key"]),
        ["caller-key", "caller-key"],
      );
    });

    it("differs between two creates", async () => {
      await client.createDomain({ domain: "a.example" });
      await client.createDomain({ domain: "b.example" });
      assert.notEqual(server.requests[0]!.headers["idempotency-key"], server.requests[1]!.headers["idempotency-key"]);
    });

    it("comes with the same body on every retry", async () => {
      server.script(serverError, serverError);
      await client.createDomain(input);
      assert.equal(new Set(server.requests.map((r) => r.body)).size, 1);
    });
  });

  describe("when an attempt was stored but its answer lost, and the server ignores the key", () => {
    for (const [label, lost] of [
      ["connection reset", { commitThen: "reset" as const }],
      ["500 after commit", { commitThen: 500 }],
    ] as const) {
      it(`recovers the domain from the retry's 409 (${label})`, async () => {
        server.script(lost);
        const result = await client.createDomain(input);
        assert.equal(result.recovered, true);
        assert.equal(result.domain.domainName, "example.com");
        assert.equal(result.domain.externalId, "ext-1");
        assert.equal(result.domain.dnsRecords.length, 3);
        assert.equal(server.domains.size, 1);
        assert.deepEqual(
          server.requests.map((r) => `${r.method} ${r.path}`),
          ["POST /api/v1/domains", "POST /api/v1/domains", "GET /api/v1/domains"],
        );
      });
    }

    it("recovers after a timeout too", async () => {
      server.handle(() => ({ status: 500 }));
      server.script({ hang: true }, { status: 409, body: { success: false, error: "exists", code: "DOMAIN_EXISTS" } });
      const d = wireDomain({ domain_name: "example.com", external_id: "ext-1", metadata: { team: "mail" } });
      server.scriptFor("GET /api/v1/domains", { status: 200, body: { success: true, domains: [d] } });
      const result = await client.createDomain(input);
      assert.equal(result.recovered, true);
      assert.equal(result.domain.id, d["id"]);
    });
  });

  describe("when the 409 does not look like this create's domain", () => {
    const conflictAfterLoss = (existing: Record<string, unknown>) => {
      server.script(serverError, { status: 409, body: { success: false, error: "exists", code: "DOMAIN_EXISTS" } });
      server.scriptFor("GET /api/v1/domains", { status: 200, body: { success: true, domains: [existing] } });
    };

    it("throws ConflictError when the metadata differs", async () => {
      conflictAfterLoss(wireDomain({ domain_name: "example.com", external_id: "ext-1", metadata: { team: "other" } }));
      const error = await rejection(client.createDomain(input), ConflictError);
      assert.match(error.message, /adoptExisting/);
    });

    it("throws ConflictError when the externalId differs", async () => {
      conflictAfterLoss(wireDomain({ domain_name: "example.com", external_id: null, metadata: { team: "mail" } }));
      await rejection(client.createDomain(input), ConflictError);
    });

    it("throws ConflictError when the domain is older than the create (minus 10 minutes)", async () => {
      const createdAt = new Date(Date.now() - 11 * 60 * 1000).toISOString();
      conflictAfterLoss(
        wireDomain({ domain_name: "example.com", external_id: "ext-1", metadata: { team: "mail" }, created_at: createdAt }),
      );
      await rejection(client.createDomain(input), ConflictError);
    });

    it("throws ConflictError when the list does not have it", async () => {
      conflictAfterLoss(wireDomain({ domain_name: "other.example" }));
      await rejection(client.createDomain(input), ConflictError);
    });
  });

  describe("when the first attempt answers 409", () => {
    it("throws ConflictError without looking anything up (nothing was ambiguous)", async () => {
      server.domains.set("x", wireDomain({ domain_name: "example.com", external_id: "ext-1", metadata: { team: "mail" } }));
      const error = await rejection(client.createDomain(input), ConflictError);
      assert.equal(server.requests.length, 1);
      assert.equal(error.status, 409);
      assert.match(error.message, /Domain "example.com" is already registered/);
    });
  });

  describe("when every attempt fails", () => {
    it("throws the last error", async () => {
      server.handle(() => serverError);
      const error = await rejection(client.createDomain(input), ServerError);
      assert.equal(error.attempts, 4);
    });
  });
});
