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
    it("redacts the URL-encoded (either case) and JSON-escaped spellings of a key with special characters", () => {
      const odd = new ApiKey('sk_live_a/b+c="d"');
      assert.equal(odd.redact("sk_live_a%2Fb%2Bc%3D%22d%22 sk_live_a%2fb%2bc%3d%22d%22"), `${REDACTED} ${REDACTED}`);
      assert.equal(odd.redact(JSON.stringify({ e: 'sk_live_a/b+c="d"' })), `{"e":"${REDACTED}"}`);
    });
    it("redacts header names and values, arrays included", () => {
      assert.deepEqual(
        key.redactHeaders({
          "x-request-id": "sk_live_abcdef123456",
          "set-cookie": ["a", "k=sk_live_abcdef123456"],
          "x-sk_live_abcdef123456": "1",
          gone: undefined,
        }),
        {
          "x-request-id": REDACTED,
          "set-cookie": ["a", `k=${REDACTED}`],
          [`x-${REDACTED}`]: "1",
          gone: undefined,
        },
      );
    });
    it("keeps a network error that holds no key, and replaces one that does by a redacted copy", () => {
      const clean = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      assert.equal(key.redactError(clean), clean);
      const dirty = Object.assign(new Error("bad header"), { code: "HPE_INVALID", data: "X-Echo: Bearer sk_live_abcdef123456" });
      const safe = key.redactError(dirty) as Error & { code?: string };
      assert.notEqual(safe, dirty);
      assert.equal(safe.message, "bad header");
      assert.equal(safe.code, "HPE_INVALID");
      assert.ok(!inspect(safe, { showHidden: true, depth: Infinity }).includes("sk_live_abcdef123456"));
    });
  });

  describe("redactSecret", () => {
    it("replaces every occurrence", () => assert.equal(redactSecret("a k b k", "k"), `a ${REDACTED} b ${REDACTED}`));
    it("leaves text alone for an empty secret", () => assert.equal(redactSecret("abc", ""), "abc"));
  });
});
