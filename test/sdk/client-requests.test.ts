import assert from "node:assert/strict";
import { inspect } from "node:util";
import { SendMailOSClient } from "../../sdk/client";
import { ConfigurationError, ConnectionError, NotFoundError, UnexpectedResponseError, UnsupportedEndpointError } from "../../sdk/errors";
import { SDK_VERSION } from "../../sdk/version";
import { SECRET_KEY, fastClient, rejection } from "./fixtures/clients";
import { type FakeServer, startFakeServer, wireDomain } from "./fixtures/fake-server";

describe("SendMailOSClient (against a fake server)", () => {
  let server: FakeServer;
  let client: SendMailOSClient;
  beforeEach(async () => {
    server = await startFakeServer();
    client = fastClient(server.baseUrl);
  });
  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  describe("constructor", () => {
    it("rejects a missing API key, naming the option", () => {
      assert.throws(
        () => new SendMailOSClient({ apiKey: "" }),
        (e: unknown) => e instanceof ConfigurationError && e.option === "apiKey",
      );
    });
    it("rejects a non-http base URL, naming the option", () => {
      assert.throws(
        () => new SendMailOSClient({ apiKey: "k", baseUrl: "file:///etc" }),
        (e: unknown) => e instanceof ConfigurationError && e.option === "baseUrl",
      );
    });
  });

  describe("createDomain", () => {
    it("POSTs the documented body with the documented headers", async () => {
      const { domain, recovered } = await client.createDomain({ domain: "example.com", externalId: "e1", metadata: { k: "v" } });
      const req = server.requests[0]!;
      assert.equal(req.method, "POST");
      assert.equal(req.path, "/api/v1/domains");
      assert.deepEqual(req.json, { domain: "example.com", external_id: "e1", metadata: { k: "v" } });
      assert.equal(req.headers.authorization, `Bearer ${SECRET_KEY}`);
      assert.equal(req.headers["content-type"], "application/json");
      assert.equal(req.headers["user-agent"], `pulumi-sendmailos/${SDK_VERSION}`);
      assert.match(String(req.headers["idempotency-key"]), /^[0-9a-f-]{36}$/);
      assert.equal(req.headers["x-workspace-id"], undefined);
      assert.equal(recovered, false);
      assert.equal(domain.domainName, "example.com");
      assert.equal(domain.externalId, "e1");
      assert.equal(domain.dnsRecords.length, 3);
    });

    it("uses the caller's idempotency key when given", async () => {
      await client.createDomain({ domain: "example.com" }, { idempotencyKey: "my-key-1" });
      assert.equal(server.requests[0]!.headers["idempotency-key"], "my-key-1");
    });
  });

  describe("listDomains", () => {
    it("GETs /domains without Idempotency-Key or Content-Type, deriving DNS records", async () => {
      await client.createDomain({ domain: "a.example" });
      const domains = await client.listDomains();
      const req = server.requests[1]!;
      assert.equal(req.method, "GET");
      assert.equal(req.path, "/api/v1/domains");
      assert.equal(req.headers["idempotency-key"], undefined);
      assert.equal(req.headers["content-type"], undefined);
      assert.equal(domains.length, 1);
      assert.equal(domains[0]!.dnsRecords[0]!.name, "tok1aaaa._domainkey.a.example");
    });

    it("throws UnexpectedResponseError naming the expected shape when the list is malformed", async () => {
      server.script({ status: 200, body: { success: true, items: [] } });
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /expected \{"success":true,"domains":\[\.\.\.\]\}/);
      assert.match(error.message, /got \{"success":true,"items":\[\]\}/);
    });

    it("throws UnexpectedResponseError for a non-JSON 200, showing it truncated", async () => {
      server.script({ status: 200, body: "<html>" + "x".repeat(2000) + "</html>" });
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /got <html>x+… \(\d+ more characters\)/);
      assert.equal(server.requests.length, 1, "a wrong shape is not retried");
    });
  });

  describe("withWorkspace", () => {
    it("sends X-Workspace-Id and shares the connection with its parent", async () => {
      const scoped = client.withWorkspace("ws_abc");
      await scoped.listDomains();
      await client.listDomains();
      assert.equal(server.requests[0]!.headers["x-workspace-id"], "ws_abc");
      assert.equal(server.requests[1]!.headers["x-workspace-id"], undefined);
      assert.equal(scoped.workspaceId, "ws_abc");
      assert.equal(scoped.withWorkspace(undefined).workspaceId, undefined);
    });

    it("rejects an empty workspace id", () => {
      assert.throws(() => client.withWorkspace(" "), ConfigurationError);
    });

    it("validates the workspace id as the constructor does (pattern and length)", () => {
      for (const bad of ["abc", `ws_${"a".repeat(20_000)}`, "ws_1\r\nx"]) {
        assert.throws(
          () => client.withWorkspace(bad),
          (e: unknown) => e instanceof ConfigurationError && e.option === "workspaceId",
        );
      }
      assert.equal(server.requests.length, 0);
    });
  });

  describe("getDomain", () => {
    it("GETs /domains/{id} (URL-encoded) and maps the domain", async () => {
      const { domain } = await client.createDomain({ domain: "a.example" });
      const got = await client.getDomain(domain.id);
      assert.equal(server.requests[1]!.path, `/api/v1/domains/${domain.id}`);
      assert.deepEqual(got.dnsRecords, domain.dnsRecords);
    });

    describe("when the domain is absent (404 with SendMailOS's body)", () => {
      it("confirms with the list and throws NotFoundError", async () => {
        const error = await rejection(client.getDomain("nope/../x"), NotFoundError);
        assert.equal(server.requests[0]!.path, "/api/v1/domains/nope%2F..%2Fx");
        assert.equal(server.requests[1]!.path, "/api/v1/domains");
        assert.match(error.message, /not found/);
      });
    });

    describe("when the server lacks GET /domains/{id}", () => {
      for (const [label, step] of [
        ["405", { status: 405, body: { success: false, error: "Method not allowed", code: "METHOD_NOT_ALLOWED" } }],
        ["404 HTML", { status: 404, body: "<html>Not Found</html>" }],
        ["404 with an error body just like SendMailOS's", { status: 404, body: { success: false, error: "Not found", code: "NOT_FOUND" } }],
      ] as const) {
        it(`falls back to the list (${label}) and goes straight to it afterwards`, async () => {
          const { domain } = await client.createDomain({ domain: "a.example" });
          server.scriptFor("GET /api/v1/domains/", step);
          assert.equal((await client.getDomain(domain.id)).id, domain.id);
          assert.equal((await client.withWorkspace("ws_1").getDomain(domain.id)).id, domain.id);
          const paths = server.requests.slice(1).map((r) => `${r.method} ${r.path}`);
          assert.deepEqual(paths, [`GET /api/v1/domains/${domain.id}`, "GET /api/v1/domains", "GET /api/v1/domains"]);
        });
      }

      it("throws NotFoundError when the list lacks the domain too", async () => {
        server.scriptFor("GET /api/v1/domains/", { status: 405 });
        await rejection(client.getDomain("missing"), NotFoundError);
        await rejection(client.getDomain("missing"), NotFoundError);
      });
    });
  });

  describe("findDomainByName", () => {
    it("matches case-insensitively and ignores a trailing dot", async () => {
      await client.createDomain({ domain: "mail.example.com" });
      assert.equal((await client.findDomainByName("MAIL.Example.com."))?.domainName, "mail.example.com");
      assert.equal(await client.findDomainByName("other.example.com"), undefined);
    });
  });

  describe("updateDomain", () => {
    it("PATCHes the wire body and maps the answer", async () => {
      const { domain } = await client.createDomain({ domain: "a.example", externalId: "e1" });
      const updated = await client.updateDomain(domain.id, { externalId: null, metadata: { x: "y" } });
      assert.deepEqual(server.requests[1]!.json, { external_id: null, metadata: { x: "y" } });
      assert.equal(server.requests[1]!.method, "PATCH");
      assert.equal(updated.externalId, null);
      assert.deepEqual(updated.metadata, { x: "y" });
    });

    describe("when the server lacks PATCH /domains/{id}", () => {
      for (const [label, step] of [
        ["405", { status: 405, body: { success: false, error: "Method not allowed", code: "METHOD_NOT_ALLOWED" } }],
        ["404 without a JSON error body", { status: 404, body: "Cannot PATCH /api/v1/domains/x" }],
      ] as const) {
        it(`throws UnsupportedEndpointError saying what to do (${label})`, async () => {
          server.scriptFor("PATCH", step);
          const error = await rejection(client.updateDomain("d1", { metadata: {} }), UnsupportedEndpointError);
          assert.equal(error.endpoint, "PATCH /domains/{id}");
          assert.match(error.message, /SendMailOS does not support PATCH \/domains\/\{id\}/);
          assert.match(error.message, /not documented/);
          assert.match(error.message, /delete and re-create/);
          assert.equal(error.retryable, false);
        });
      }

      it("throws UnsupportedEndpointError when it answers 404 for a domain the list contains", async () => {
        const { domain } = await client.createDomain({ domain: "a.example" });
        server.scriptFor("PATCH", { status: 404, body: { success: false, error: "Not found", code: "NOT_FOUND" } });
        await rejection(client.updateDomain(domain.id, { metadata: {} }), UnsupportedEndpointError);
      });
    });

    it("throws NotFoundError for an absent domain", async () => {
      await rejection(client.updateDomain("missing", { metadata: {} }), NotFoundError);
    });
  });

  describe("deleteDomain", () => {
    it("DELETEs /domains/{id}", async () => {
      const { domain } = await client.createDomain({ domain: "a.example" });
      await client.deleteDomain(domain.id);
      assert.equal(server.requests[1]!.method, "DELETE");
      assert.equal(server.domains.size, 0);
    });

    it("accepts an empty 204", async () => {
      server.script({ status: 204 });
      await client.deleteDomain("d1");
    });

    it("throws NotFoundError for an absent domain (the caller decides)", async () => {
      await rejection(client.deleteDomain("missing"), NotFoundError);
    });

    it("throws UnsupportedEndpointError on 405", async () => {
      server.scriptFor("DELETE", { status: 405 });
      const error = await rejection(client.deleteDomain("d1"), UnsupportedEndpointError);
      assert.match(error.message, /DELETE \/domains\/\{id\}/);
      assert.match(error.message, /dashboard/);
    });
  });

  describe("when baseUrl points at the wrong place", () => {
    it("throws UnexpectedResponseError telling to check baseUrl", async () => {
      const wrong = fastClient(server.baseUrl.replace("/api/v1", "/v2"));
      const error = await rejection(wrong.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /Check baseUrl/);
      await wrong.close();
    });
  });

  describe("close", () => {
    it("makes later calls fail with ConnectionError, and may be called twice", async () => {
      await client.close();
      await client.close();
      const error = await rejection(client.listDomains(), ConnectionError);
      assert.equal(error.code, "CLIENT_CLOSED");
    });
  });

  describe("util.inspect", () => {
    it("shows the base URL and workspace only", () => {
      const text = inspect(client.withWorkspace("ws_1"));
      assert.equal(text, `SendMailOSClient { baseUrl: '${server.baseUrl}', workspaceId: 'ws_1' }`);
    });
  });

  it("parses wire domains the way the seed documents them", async () => {
    server.script({
      status: 200,
      body: { success: true, domains: [wireDomain({ status: "verified", verified_at: "2024-01-15T14:45:00Z" })] },
    });
    const [domain] = await client.listDomains();
    assert.equal(domain!.status, "verified");
    assert.equal(domain!.verifiedAt, "2024-01-15T14:45:00Z");
  });
});
