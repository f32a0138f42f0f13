import assert from "node:assert/strict";
import { isValidHostName, isValidOwnerName, normalizeDnsName } from "../../emulator/host-name";

describe("emulator host names", () => {
  describe("normalizeDnsName", () => {
    it("lower-cases and drops one trailing dot", () => {
      assert.equal(normalizeDnsName("Mail.Example.COM."), "mail.example.com");
      assert.equal(normalizeDnsName("example.com"), "example.com");
    });
  });

  describe("isValidHostName", () => {
    it("accepts ordinary sending domains", () => {
      for (const name of ["example.com", "mail.example.co.uk", "x1.example.io", "a-b.example.com", "xn--bcher-kva.example"]) {
        assert.equal(isValidHostName(name), true, name);
      }
    });

    it("refuses single labels, IP addresses, bad characters and oversize labels", () => {
      for (const name of ["", "localhost", "10.0.0.1", "-a.example.com", "a-.example.com", "a b.example.com", "a..example.com", "_dmarc.example.com", `${"a".repeat(64)}.com`]) {
        assert.equal(isValidHostName(name), false, name);
      }
    });
  });

  describe("isValidOwnerName", () => {
    it("accepts underscore labels used by DKIM and DMARC", () => {
      assert.equal(isValidOwnerName("abc._domainkey.example.com"), true);
      assert.equal(isValidOwnerName("_dmarc.example.com"), true);
      assert.equal(isValidOwnerName("a b.example.com"), false);
    });
  });
});
