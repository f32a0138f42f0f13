import assert from "node:assert/strict";
import { inspect } from "node:util";
import { ApiKey, REDACTED, redactSecret } from "../../sdk/secret";

describe("secret", () => {
  describe("ApiKey", () => {
    const key = new ApiKey("sk_live_abcdef123456");
    it("builds the Bearer header", () => assert.equal(key.authorizationHeader(), "Bearer sk_live_abcdef123456"));
    it("never prints itself", () => {
      for (const text of [String(key), JSON.stringify({ key }), inspect(key, { showHidden: true, depth: Infinity }), inspect({ key })]) {
        assert.ok(!text.includes("sk_live_abcdef123456"), text);
      }
    });
    it("has a stable fingerprint that is not the key", () => {
      assert.equal(key.fingerprint, new ApiKey("sk_live_abcdef123456").fingerprint);
      assert.notEqual(key.fingerprint, new ApiKey("sk_live_other").fingerprint);
      assert.match(key.fingerprint, /^[0-9a-f]{16}$/);
    });
    it("redacts the key from text", () => {
      assert.equal(key.redact('{"echo":"Bearer sk_live_abcdef123456"}'), `{"echo":"Bearer ${REDACTED}"}`);
    });
  });

  describe("redactSecret", () => {
    it("replaces every occurrence", () => assert.equal(redactSecret("a k b k", "k"), `a ${REDACTED} b ${REDACTED}`));
    it("leaves text alone for an empty secret", () => assert.equal(redactSecret("abc", ""), "abc"));
  });
});
