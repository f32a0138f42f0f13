import { strict as assert } from "node:assert";
import { proxiedDkimRecords } from "../../policy/dkim-proxied";
import { cloudflareRecord, domain, unknown } from "./resources";

describe("proxiedDkimRecords", () => {
  const dkim = { name: "abc._domainkey.acme.com", type: "CNAME", content: "abc.dkim.amazonses.com", zoneId: "z" };

  it("finds a proxied DKIM record and says why it breaks DKIM and what to set", () => {
    const found = proxiedDkimRecords([cloudflareRecord("r", { ...dkim, proxied: true })]);
    assert.equal(found.length, 1);
    assert.equal(
      found[0]!.message,
      "the DKIM record abc._domainkey.acme.com is proxied through Cloudflare: a proxied CNAME is flattened into Cloudflare's addresses, so SES " +
        "never sees the DKIM CNAME and the domain never verifies (or stops verifying). Set proxied: false (cloudflareDkimRecords and VerifiedDomain " +
        "with dns.provider cloudflare always do).",
    );
  });

  it("lets DNS-only DKIM records and proxied records of other names go", () => {
    assert.deepEqual(
      proxiedDkimRecords([
        cloudflareRecord("a", { ...dkim, proxied: false }),
        cloudflareRecord("b", { name: "www.acme.com", content: "x", proxied: true }),
      ]),
      [],
    );
  });

  it("recognizes a DKIM record by its SES target, or by its domain when a preview does not know its name yet", () => {
    const acme = domain("acme.com");
    const byTarget = cloudflareRecord("t", { name: "selector1.acme.com", content: "abc.dkim.amazonses.com.", proxied: true });
    const byDependency = cloudflareRecord("d", { name: unknown, content: unknown, proxied: true }, [acme.urn]);
    assert.deepEqual(
      proxiedDkimRecords([acme, byTarget, byDependency]).map((r) => r.urn),
      [byTarget.urn, byDependency.urn],
    );
  });

  it("reads Cloudflare's v5 record type too", () => {
    const v5 = { ...cloudflareRecord("v5", { ...dkim, proxied: true }), type: "cloudflare:index/record:Record" };
    assert.equal(proxiedDkimRecords([v5]).length, 1);
  });
});
