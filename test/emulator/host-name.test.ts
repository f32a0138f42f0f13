import assert from "node:assert/strict";
import { isValidHostName, isValidOwnerName } from "../../emulator/host-name";

describe("emulator host names", () => {
  describe("isValidHostName", () => {
    it("accepts ordinary sending domains", () => {
      for (const name of ["example.com", "mail.example.co.uk", "x1.example.io", "a-b.example.com", "xn--bcher-kva.example"]) {
        assert.equal(isValidHostName(name), true, name);
      }
    });

    it("refuses single labels, IP addresses, bad characters and oversize labels", () => {
      for (const name of [
        "",
        "localhost",
        "10.0.0.1",
        "-a.example.com",
        "a-.example.com",
        "a b.example.com",
        "a..example.com",
        "_dmarc.example.com",
        `${"a".repeat(64)}.com`,
      ]) {
        assert.equal(isValidHostName(name), false, name);
      }
    });

    it("accepts a 63-octet label and a 253-character name, and nothing longer", () => {
      const label63 = "a".repeat(63);
      assert.equal(isValidHostName(`${label63}.com`), true);
      const name253 = `${"a".repeat(61)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}`;
      assert.equal(name253.length, 253);
      assert.equal(isValidHostName(name253), true);
      assert.equal(isValidHostName(`a${name253}`), false);
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
