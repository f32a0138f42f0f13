import assert from "node:assert/strict";
import { canonicalDnsName, dnsRecordsFor } from "../../sdk/dns-records";

describe("dns-records", () => {
  describe("canonicalDnsName", () => {
    it("lower-cases and drops one trailing dot", () => {
      assert.equal(canonicalDnsName("Mail.Example.COM."), "mail.example.com");
      assert.equal(canonicalDnsName("example.com"), "example.com");
    });
  });

  describe("dnsRecordsFor", () => {
    it("derives one DKIM CNAME per token, in token order", () => {
      assert.deepEqual(dnsRecordsFor("example.com", ["t1", "t2"]), [
        { type: "CNAME", name: "t1._domainkey.example.com", value: "t1.dkim.amazonses.com" },
        { type: "CNAME", name: "t2._domainkey.example.com", value: "t2.dkim.amazonses.com" },
      ]);
    });
  });
});
