import assert from "node:assert/strict";
import { domainResponseSchema, listDomainsResponseSchema } from "../../sdk/wire";
import { api, createDomain, shapeOf, useEmulator } from "./helpers";
import { seedCreateRequest, seedCreateResponse, seedListResponse } from "./seed-examples";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const token = /^[a-z0-9]{32}$/;
const wireTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe("emulator API routes", () => {
  const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });

  describe("POST /api/v1/domains", () => {
    describe("when the body is the documented example", () => {
      it("answers 201 with exactly the documented structure, field for field and in order", async () => {
        const response = await api(emulator.current, "POST", "/domains", { body: seedCreateRequest });
        assert.equal(response.status, 201);
        assert.deepEqual(shapeOf(response.json), shapeOf(seedCreateResponse));
        domainResponseSchema.parse(response.json);
      });

      it("fills the fields the way the documentation describes them", async () => {
        const domain = await createDomain(emulator.current, "fields.example.com", {
          body: { external_id: "ext_1", metadata: { plan: "pro" } },
        });
        assert.match(domain.id, uuid);
        assert.equal(domain.domain_name, "fields.example.com");
        assert.equal(domain.status, "pending");
        assert.equal(domain.external_id, "ext_1");
        assert.deepEqual(domain.metadata, { plan: "pro" });
        assert.equal(domain.dkim_tokens.length, 3);
        for (const t of domain.dkim_tokens) assert.match(t, token);
        assert.equal(new Set(domain.dkim_tokens).size, 3);
        assert.match(domain.created_at, wireTime);
        assert.deepEqual(
          domain.dns_records,
          domain.dkim_tokens.map((t: string) => ({
            type: "CNAME",
            name: `${t}._domainkey.fields.example.com`,
            value: `${t}.dkim.amazonses.com`,
          })),
        );
      });
    });

    describe("when optional fields are left out", () => {
      it("answers external_id null and metadata {}", async () => {
        const domain = await createDomain(emulator.current, "bare.example.com");
        assert.equal(domain.external_id, null);
        assert.deepEqual(domain.metadata, {});
      });
    });

    describe("when the name has upper case letters and a trailing dot", () => {
      it("stores the lower-case name without the dot", async () => {
        const domain = await createDomain(emulator.current, "Upper.Example.COM.");
        assert.equal(domain.domain_name, "upper.example.com");
      });
    });

    describe("when the domain already exists in the workspace", () => {
      it("answers 409 DOMAIN_EXISTS, whatever the case of the name", async () => {
        await createDomain(emulator.current, "twice.example.com");
        const response = await api(emulator.current, "POST", "/domains", { body: { domain: "TWICE.example.com" } });
        assert.equal(response.status, 409);
        assert.deepEqual(Object.keys(response.json), ["success", "error", "code"]);
        assert.equal(response.json.success, false);
        assert.equal(response.json.code, "DOMAIN_EXISTS");
        assert.match(response.json.error, /twice\.example\.com/);
      });

      it("accepts the same name in another workspace", async () => {
        await createDomain(emulator.current, "shared.example.com");
        const other = await createDomain(emulator.current, "shared.example.com", { workspace: "ws_other" });
        assert.equal(other.domain_name, "shared.example.com");
      });
    });

    describe("when the body is invalid", () => {
      const cases: Array<[string, { body?: unknown; rawBody?: string }, RegExp]> = [
        ["the domain is missing", { body: { external_id: "x" } }, /^domain:/],
        ["the body is empty", {}, /^domain:|^body:/],
        ["the body is not JSON", { rawBody: "{not json" }, /^body: not valid JSON/],
        ["the body is an array", { body: [] }, /^body:/],
        ["a metadata value is not a string", { body: { domain: "m.example.com", metadata: { n: 1 } } }, /^metadata\.n:/],
        ["metadata is not an object", { body: { domain: "m.example.com", metadata: "x" } }, /^metadata:/],
        ["the domain is not a host name", { body: { domain: "not a domain" } }, /^domain: "not a domain" is not a valid host name/],
        ["the domain has one label", { body: { domain: "localhost" } }, /^domain:/],
        ["the domain is an IP address", { body: { domain: "10.0.0.1" } }, /^domain:/],
      ];
      for (const [when, call, message] of cases) {
        it(`answers 400 VALIDATION_ERROR naming the field when ${when}`, async () => {
          const response = await api(emulator.current, "POST", "/domains", call);
          assert.equal(response.status, 400, response.text);
          assert.equal(response.json.code, "VALIDATION_ERROR");
          assert.equal(response.json.success, false);
          assert.match(response.json.error, message);
        });
      }
    });
  });

  describe("GET /api/v1/domains", () => {
    const listed = useEmulator({ rateLimits: false, verification: { mode: "manual" } });

    it("answers exactly the documented structure: items with verified_at and without dns_records", async () => {
      const verified = await createDomain(listed.current, "yourcompany.com", {
        body: { external_id: "client_domain_123", metadata: { client_name: "Acme Corp" } },
      });
      await createDomain(listed.current, "marketing.yourcompany.com");
      listed.current.setStatus(verified.id, "verified");

      const response = await api(listed.current, "GET", "/domains");
      assert.equal(response.status, 200);
      assert.deepEqual(shapeOf(response.json), shapeOf(seedListResponse));
      listDomainsResponseSchema.parse(response.json);
      assert.match(response.json.domains[0].verified_at, wireTime);
    });

    it("lists only the domains of the selected workspace", async () => {
      await createDomain(listed.current, "other-ws.example.com", { workspace: "ws_other" });
      const mine = await api(listed.current, "GET", "/domains");
      const theirs = await api(listed.current, "GET", "/domains", { workspace: "ws_other" });
      assert.deepEqual(
        theirs.json.domains.map((d: { domain_name: string }) => d.domain_name),
        ["other-ws.example.com"],
      );
      assert.ok(!mine.json.domains.some((d: { domain_name: string }) => d.domain_name === "other-ws.example.com"));
    });
  });

  describe("GET /api/v1/domains/{id} (assumed)", () => {
    it("answers the domain with verified_at and dns_records", async () => {
      const created = await createDomain(emulator.current, "detail.example.com");
      const response = await api(emulator.current, "GET", `/domains/${created.id}`);
      assert.equal(response.status, 200);
      assert.deepEqual(Object.keys(response.json), ["success", "domain"]);
      assert.deepEqual(Object.keys(response.json.domain), [
        "id",
        "domain_name",
        "status",
        "external_id",
        "metadata",
        "dkim_tokens",
        "created_at",
        "verified_at",
        "dns_records",
      ]);
      assert.deepEqual(response.json.domain.dns_records, created.dns_records);
      assert.equal(response.json.domain.verified_at, null);
    });

    it("answers 404 NOT_FOUND for an unknown id", async () => {
      const response = await api(emulator.current, "GET", "/domains/00000000-0000-4000-8000-000000000000");
      assert.equal(response.status, 404);
      assert.deepEqual(response.json, { success: false, error: "Domain not found", code: "NOT_FOUND" });
    });

    it("answers 404 for a domain of another workspace", async () => {
      const created = await createDomain(emulator.current, "hidden.example.com", { workspace: "ws_other" });
      const response = await api(emulator.current, "GET", `/domains/${created.id}`);
      assert.equal(response.status, 404);
    });
  });

  describe("PATCH /api/v1/domains/{id} (assumed)", () => {
    it("changes external_id and metadata and answers the domain", async () => {
      const created = await createDomain(emulator.current, "patch.example.com", { body: { external_id: "a", metadata: { k: "v" } } });
      const response = await api(emulator.current, "PATCH", `/domains/${created.id}`, {
        body: { external_id: "b", metadata: { other: "w" } },
      });
      assert.equal(response.status, 200);
      assert.equal(response.json.domain.external_id, "b");
      assert.deepEqual(response.json.domain.metadata, { other: "w" });
      const again = await api(emulator.current, "GET", `/domains/${created.id}`);
      assert.equal(again.json.domain.external_id, "b");
    });

    it("clears external_id with null and leaves absent fields alone", async () => {
      const created = await createDomain(emulator.current, "patch-null.example.com", { body: { external_id: "a", metadata: { k: "v" } } });
      const response = await api(emulator.current, "PATCH", `/domains/${created.id}`, { body: { external_id: null } });
      assert.equal(response.json.domain.external_id, null);
      assert.deepEqual(response.json.domain.metadata, { k: "v" });
    });

    it("answers 400 naming an unknown field", async () => {
      const created = await createDomain(emulator.current, "patch-bad.example.com");
      const response = await api(emulator.current, "PATCH", `/domains/${created.id}`, { body: { domain: "x.example.com" } });
      assert.equal(response.status, 400);
      assert.equal(response.json.code, "VALIDATION_ERROR");
      assert.match(response.json.error, /domain/);
    });
  });

  describe("DELETE /api/v1/domains/{id} (assumed)", () => {
    it("answers {success:true} and the domain is gone", async () => {
      const created = await createDomain(emulator.current, "delete.example.com");
      const response = await api(emulator.current, "DELETE", `/domains/${created.id}`);
      assert.equal(response.status, 200);
      assert.deepEqual(response.json, { success: true });
      assert.equal((await api(emulator.current, "GET", `/domains/${created.id}`)).status, 404);
      assert.equal((await api(emulator.current, "DELETE", `/domains/${created.id}`)).status, 404);
    });

    it("lets the name be registered again", async () => {
      const created = await createDomain(emulator.current, "again.example.com");
      await api(emulator.current, "DELETE", `/domains/${created.id}`);
      const recreated = await createDomain(emulator.current, "again.example.com");
      assert.notEqual(recreated.id, created.id);
    });
  });

  describe("methods and paths that do not exist", () => {
    it("answers 405 METHOD_NOT_ALLOWED with an Allow header for another method on the collection", async () => {
      const response = await api(emulator.current, "PUT", "/domains", { body: {} });
      assert.equal(response.status, 405);
      assert.equal(response.json.code, "METHOD_NOT_ALLOWED");
      assert.equal(response.headers.get("allow"), "POST, GET");
    });

    it("answers 405 for PUT on a domain", async () => {
      const response = await api(emulator.current, "PUT", "/domains/any-id", { body: {} });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get("allow"), "GET, PATCH, DELETE");
    });

    it("answers 404 NOT_FOUND for an unknown path", async () => {
      const response = await api(emulator.current, "GET", "/nothing-here");
      assert.equal(response.status, 404);
      assert.deepEqual(response.json, { success: false, error: "Not found", code: "NOT_FOUND" });
    });
  });

  describe("Idempotency-Key", () => {
    it("replays the original 201 for a repeated key instead of a 409 or a second domain", async () => {
      const call = { body: { domain: "idem.example.com" }, headers: { "Idempotency-Key": "create-idem-1" } };
      const first = await api(emulator.current, "POST", "/domains", call);
      const second = await api(emulator.current, "POST", "/domains", call);
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.equal(second.text, first.text);
      assert.equal(second.headers.get("idempotent-replayed"), "true");
      const list = await api(emulator.current, "GET", "/domains");
      assert.equal(list.json.domains.filter((d: { domain_name: string }) => d.domain_name === "idem.example.com").length, 1);
    });

    it("answers 409 for the same domain under a new key", async () => {
      await api(emulator.current, "POST", "/domains", { body: { domain: "idem2.example.com" }, headers: { "Idempotency-Key": "k-a" } });
      const other = await api(emulator.current, "POST", "/domains", {
        body: { domain: "idem2.example.com" },
        headers: { "Idempotency-Key": "k-b" },
      });
      assert.equal(other.status, 409);
    });

    it("scopes keys by workspace", async () => {
      const headers = { "Idempotency-Key": "per-ws" };
      const mine = await api(emulator.current, "POST", "/domains", { body: { domain: "ws-idem.example.com" }, headers });
      const theirs = await api(emulator.current, "POST", "/domains", {
        body: { domain: "ws-idem.example.com" },
        headers,
        workspace: "ws_other",
      });
      assert.equal(theirs.status, 201);
      assert.notEqual(theirs.json.domain.id, mine.json.domain.id);
    });

    it("answers 400 when a key is reused with a different body", async () => {
      const headers = { "Idempotency-Key": "reused" };
      await api(emulator.current, "POST", "/domains", { body: { domain: "reuse-a.example.com" }, headers });
      const response = await api(emulator.current, "POST", "/domains", { body: { domain: "reuse-b.example.com" }, headers });
      assert.equal(response.status, 400);
      assert.match(response.json.error, /^Idempotency-Key:/);
    });
  });
});

describe("emulator API routes without the assumed endpoints", () => {
  describe("when assumedEndpoints is false", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" }, assumedEndpoints: false });

    it("still serves the documented create and list", async () => {
      const created = await createDomain(emulator.current, "documented.example.com");
      const list = await api(emulator.current, "GET", "/domains");
      assert.equal(list.json.domains[0].id, created.id);
    });

    for (const method of ["GET", "PATCH", "DELETE"]) {
      it(`answers ${method} /api/v1/domains/{id} with the API's 404 body, like a catch-all router`, async () => {
        const created = (await api(emulator.current, "GET", "/domains")).json.domains[0];
        const response = await api(emulator.current, method, `/domains/${created.id}`, method === "PATCH" ? { body: {} } : {});
        assert.equal(response.status, 404);
        assert.deepEqual(response.json, { success: false, error: "Not found", code: "NOT_FOUND" });
      });
    }
  });

  describe("when assumedEndpoints is false and unknownPaths is html", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" }, assumedEndpoints: false, unknownPaths: "html" });

    it("answers an HTML 404 page, like a web framework without the route", async () => {
      const created = await createDomain(emulator.current, "html.example.com");
      const response = await api(emulator.current, "GET", `/domains/${created.id}`);
      assert.equal(response.status, 404);
      assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
      assert.equal(response.json, undefined);
      assert.match(response.text, /404/);
    });

    it("keeps JSON errors on the documented endpoints", async () => {
      const response = await api(emulator.current, "POST", "/domains", { body: {} });
      assert.equal(response.status, 400);
      assert.equal(response.json.code, "VALIDATION_ERROR");
    });
  });

  describe("when assumedEndpoints lists only GET", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" }, assumedEndpoints: ["GET"] });

    it("serves GET and answers 405 to PATCH and DELETE", async () => {
      const created = await createDomain(emulator.current, "get-only.example.com");
      assert.equal((await api(emulator.current, "GET", `/domains/${created.id}`)).status, 200);
      for (const method of ["PATCH", "DELETE"]) {
        const response = await api(emulator.current, method, `/domains/${created.id}`, { body: {} });
        assert.equal(response.status, 405, method);
        assert.equal(response.json.code, "METHOD_NOT_ALLOWED");
        assert.equal(response.headers.get("allow"), "GET");
      }
    });
  });
});
