import assert from "node:assert/strict";
import { dnsRecordsFor } from "../../sdk/dns-records";
import { toCreateDomainRequest, toDomain, toUpdateDomainRequest } from "../../sdk/mapping";
import { domainResponseSchema, listDomainsResponseSchema, type WireDomain } from "../../sdk/wire";

/** The seed's 201 example (tokens shortened). */
const seedCreated = {
  success: true,
  domain: {
    id: "550e8400-e29b-41d4-a716-446655440000",
    domain_name: "yourcompany.com",
    status: "pending",
    external_id: "client_domain_123",
    metadata: { client_name: "Acme Corp", plan: "enterprise" },
    dkim_tokens: ["abc123", "def456", "ghi789"],
    created_at: "2024-01-15T10:30:00Z",
    dns_records: [
      { type: "CNAME", name: "abc123._domainkey.yourcompany.com", value: "abc123.dkim.amazonses.com" },
      { type: "CNAME", name: "def456._domainkey.yourcompany.com", value: "def456.dkim.amazonses.com" },
      { type: "CNAME", name: "ghi789._domainkey.yourcompany.com", value: "ghi789.dkim.amazonses.com" },
    ],
  },
};

/** The seed's list example, second item. */
const seedListed = {
  id: "660f9500-f30c-52e5-b919-557766551111",
  domain_name: "marketing.yourcompany.com",
  status: "pending",
  external_id: null,
  metadata: {},
  dkim_tokens: ["jkl012", "mno345", "pqr678"],
  created_at: "2024-01-20T09:00:00Z",
  verified_at: null,
};

describe("mapping", () => {
  describe("toDomain", () => {
    describe("when given the documented create response", () => {
      it("renames every field to camelCase and keeps the DNS records as sent", () => {
        const wire = domainResponseSchema.parse(seedCreated).domain;
        assert.deepEqual(toDomain(wire), {
          id: "550e8400-e29b-41d4-a716-446655440000",
          domainName: "yourcompany.com",
          status: "pending",
          externalId: "client_domain_123",
          metadata: { client_name: "Acme Corp", plan: "enterprise" },
          dkimTokens: ["abc123", "def456", "ghi789"],
          dnsRecords: seedCreated.domain.dns_records,
          createdAt: "2024-01-15T10:30:00Z",
          verifiedAt: null,
        });
      });
    });

    describe("when given a documented list item (no dns_records)", () => {
      it("derives the three CNAMEs from the DKIM tokens", () => {
        const wire = listDomainsResponseSchema.parse({ success: true, domains: [seedListed] }).domains[0]!;
        const domain = toDomain(wire);
        assert.deepEqual(domain.dnsRecords, [
          { type: "CNAME", name: "jkl012._domainkey.marketing.yourcompany.com", value: "jkl012.dkim.amazonses.com" },
          { type: "CNAME", name: "mno345._domainkey.marketing.yourcompany.com", value: "mno345.dkim.amazonses.com" },
          { type: "CNAME", name: "pqr678._domainkey.marketing.yourcompany.com", value: "pqr678.dkim.amazonses.com" },
        ]);
        assert.equal(domain.externalId, null);
        assert.equal(domain.verifiedAt, null);
      });
    });

    describe("when optional fields are absent", () => {
      it("uses null for externalId and verifiedAt and {} for metadata", () => {
        const wire: WireDomain = {
          id: "d1",
          domain_name: "a.example",
          status: "verified",
          dkim_tokens: ["t"],
          created_at: "2024-01-01T00:00:00Z",
        };
        const domain = toDomain(wire);
        assert.equal(domain.externalId, null);
        assert.equal(domain.verifiedAt, null);
        assert.deepEqual(domain.metadata, {});
      });
    });

    it("copies arrays and maps so the result does not alias the wire object", () => {
      const wire = domainResponseSchema.parse(seedCreated).domain;
      const domain = toDomain(wire);
      domain.metadata["x"] = "y";
      domain.dkimTokens.push("z");
      assert.equal(wire.metadata?.["x"], undefined);
      assert.equal(wire.dkim_tokens.length, 3);
    });
  });

  describe("toCreateDomainRequest", () => {
    it("sends domain, external_id and metadata under their wire names", () => {
      assert.deepEqual(toCreateDomainRequest({ domain: "a.example", externalId: "e1", metadata: { k: "v" } }), {
        domain: "a.example",
        external_id: "e1",
        metadata: { k: "v" },
      });
    });

    it("omits the optional fields that were not given", () => {
      assert.deepEqual(toCreateDomainRequest({ domain: "a.example" }), { domain: "a.example" });
      assert.equal(JSON.stringify(toCreateDomainRequest({ domain: "a.example" })), '{"domain":"a.example"}');
    });
  });

  describe("toUpdateDomainRequest", () => {
    it("sends external_id: null to clear it", () => {
      assert.deepEqual(toUpdateDomainRequest({ externalId: null }), { external_id: null });
    });

    it("sends only the fields that were given", () => {
      assert.deepEqual(toUpdateDomainRequest({ metadata: { a: "b" } }), { metadata: { a: "b" } });
      assert.deepEqual(toUpdateDomainRequest({}), {});
    });
  });

  describe("dnsRecordsFor", () => {
    it("builds <token>._domainkey.<domain> CNAME <token>.dkim.amazonses.com in token order", () => {
      assert.deepEqual(dnsRecordsFor("example.com", ["b", "a"]), [
        { type: "CNAME", name: "b._domainkey.example.com", value: "b.dkim.amazonses.com" },
        { type: "CNAME", name: "a._domainkey.example.com", value: "a.dkim.amazonses.com" },
      ]);
    });

    it("agrees with the seed's create example", () => {
      assert.deepEqual(dnsRecordsFor("yourcompany.com", seedCreated.domain.dkim_tokens), seedCreated.domain.dns_records);
    });
  });
});
