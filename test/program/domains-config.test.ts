import { strict as assert } from "node:assert";
import { DomainsConfigError, parseDomainsConfig } from "../../program/domains-config";

describe("parseDomainsConfig", () => {
  it("accepts a list of entries and normalizes domains", () => {
    const entries = parseDomainsConfig([
      { domain: "Acme.COM.", externalId: "c1", metadata: { plan: "pro" }, dns: { provider: "route53", zoneName: "acme.com", ttl: 300 } },
      { domain: "globex.example", dns: { provider: "cloudflare", zoneId: "z" }, wait: false },
      { domain: "initech.example", dns: { provider: "emulator" }, wait: { timeoutSeconds: 120 } },
    ]);
    assert.deepEqual(
      entries.map((e) => e.domain),
      ["acme.com", "globex.example", "initech.example"],
    );
  });

  it("names the bad entry by index and domain, and the field", () => {
    assert.throws(
      () =>
        parseDomainsConfig([
          { domain: "ok.example", dns: { provider: "emulator" } },
          { domain: "bad.example", dns: { provider: "bind9" } },
          { domain: "https://x.example", dns: { provider: "emulator" } },
          { domain: "cf.example", dns: { provider: "cloudflare", zoneId: "z", proxied: true } },
          { domain: "r53.example", dns: { provider: "route53" } },
          { domain: "meta.example", metadata: { n: 3 }, dns: { provider: "emulator" } },
        ]),
      (error: unknown) => {
        assert.ok(error instanceof DomainsConfigError);
        const text = error.message;
        assert.match(text, /domains\[1\] \("bad\.example"\): dns\.provider must be "route53", "cloudflare", "emulator" or "none"/);
        assert.match(text, /domains\[2\] \("https:\/\/x\.example"\): domain "https:\/\/x\.example" looks like a URL/);
        assert.match(text, /domains\[3\] \("cf\.example"\): dns\.proxied must be false: a proxied CNAME/);
        assert.match(text, /domains\[4\] \("r53\.example"\): dns: route53 needs zoneId or zoneName/);
        assert.match(text, /domains\[5\] \("meta\.example"\): metadata\.n must be a string, got a number; quote it: "3"/);
        assert.doesNotMatch(text, /domains\[0\]/);
        return true;
      },
    );
  });

  it("refuses a domain declared twice", () => {
    assert.throws(
      () =>
        parseDomainsConfig([
          { domain: "a.example", dns: { provider: "emulator" } },
          { domain: "A.example.", dns: { provider: "emulator" } },
        ]),
      /domains\[1\] \("A\.example\."\): a\.example is already declared by domains\[0\]/,
    );
  });

  it("refuses something that is not a list", () => {
    assert.throws(() => parseDomainsConfig({ domain: "a.example" }), /must be a list/);
  });

  it("refuses unknown fields, which are usually typos", () => {
    assert.throws(
      () => parseDomainsConfig([{ domain: "a.example", dns: { provider: "emulator" }, externalID: "x" }]),
      /domains\[0\] \("a\.example"\): externalID is not a known property; did you mean `externalId`\?/,
    );
  });
});
