import { strict as assert } from "node:assert";
import { allowedDomains, atRiskMessage, verifiedDomainsAtRisk } from "../../policy/verified-domains";
import { domain, unknown, verification } from "./resources";

describe("verifiedDomainsAtRisk", () => {
  const verifiedAcme = [domain("acme.com"), verification("acme.com", { status: "verified" })];
  const none = new Set<string>();

  describe("when a verified domain", () => {
    it("is deleted, it is at risk", () => {
      assert.deepEqual(verifiedDomainsAtRisk(verifiedAcme, [], none), [
        { urn: verifiedAcme[0]!.urn, domain: "acme.com", change: "deleted" },
      ]);
    });

    it("is renamed in place (same resource, new name), it is replaced", () => {
      const planned = [domain("acme.com", { domain: "acme.org", domainName: unknown, domainId: unknown })];
      assert.deepEqual(verifiedDomainsAtRisk(verifiedAcme, planned, none), [
        { urn: verifiedAcme[0]!.urn, domain: "acme.com", change: "replaced", reason: "domain", newName: "acme.org" },
      ]);
    });

    it("moves to another workspace, it is replaced", () => {
      const planned = [domain("acme.com", { workspaceId: "ws_other" })];
      assert.equal(verifiedDomainsAtRisk(verifiedAcme, planned, none)[0]?.reason, "workspaceId");
    });

    it("gets a name not known until apply, it may be replaced", () => {
      const planned = [domain("acme.com", { domain: unknown, domainName: unknown })];
      assert.equal(verifiedDomainsAtRisk(verifiedAcme, planned, none)[0]?.reason, "domain not known until apply");
    });

    it("only changes metadata, it is not at risk", () => {
      const planned = [domain("acme.com", { metadata: { plan: "pro" } })];
      assert.deepEqual(verifiedDomainsAtRisk(verifiedAcme, planned, none), []);
    });

    it("is named by the stack's allow list (any case, a trailing dot), it is allowed", () => {
      assert.deepEqual(verifiedDomainsAtRisk(verifiedAcme, [], allowedDomains(["ACME.com."])), []);
    });
  });

  it("counts a domain verified by its own status too (after a refresh)", () => {
    assert.equal(verifiedDomainsAtRisk([domain("acme.com", { status: "verified" })], [], none).length, 1);
  });

  it("lets unverified domains go (pending, failed)", () => {
    const deployed = [domain("acme.com"), verification("acme.com", { status: "pending" }), domain("b.com", { status: "failed" })];
    assert.deepEqual(verifiedDomainsAtRisk(deployed, [], none), []);
  });

  it("says what happens and how to allow it", () => {
    const [risk] = verifiedDomainsAtRisk(verifiedAcme, [domain("acme.com", { domain: "acme.org" })], none);
    assert.equal(
      atRiskMessage(risk!),
      "acme.com is verified and this change replaces it (domain: acme.org), registering it anew with new DKIM keys; mail from it fails DKIM " +
        "until new records verify (SES can take up to 72 hours). If that is intended, add acme.com to the stack setting " +
        "sendmailos-policy:allowVerifiedDomainChanges in this change.",
    );
  });
});

describe("allowedDomains", () => {
  it("is empty when the setting is absent", () => {
    assert.deepEqual([...allowedDomains(undefined)], []);
  });

  it("refuses a value that is not a list of names, saying what to write", () => {
    assert.throws(
      () => allowedDomains("acme.com"),
      /sendmailos-policy:allowVerifiedDomainChanges must be a list of domain names, e\.g\. \[acme\.com, news\.acme\.com\]; got "acme\.com"/,
    );
    assert.throws(() => allowedDomains([1]), /must be a list of domain names/);
  });
});
