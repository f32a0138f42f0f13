import { strict as assert } from "node:assert";
import { hasSecrets, isSecret, keepSecretsOf, reveal, secret } from "../../../provider/native/secrets";

describe("native provider secrets", () => {
  describe("reveal", () => {
    it("unwraps secrets at any depth and leaves everything else as it is", () => {
      const value = { a: secret("x"), b: [1, secret({ c: secret(true) })], d: { e: "plain" } };
      assert.deepEqual(reveal(value), { a: "x", b: [1, { c: true }], d: { e: "plain" } });
      assert.equal(hasSecrets(value), true);
      assert.equal(hasSecrets(reveal(value)), false);
    });
  });

  describe("keepSecretsOf (the engine's annotateSecrets)", () => {
    it("marks an output secret when the input of the same name held a secret anywhere", () => {
      const outputs = keepSecretsOf(
        { domain: "acme.com", value: "v", list: ["a", "b"], id: "d1" },
        { domain: "acme.com", value: secret("v"), list: ["a", secret("b")] },
      );
      assert.deepEqual(outputs, { domain: "acme.com", value: secret("v"), list: secret(["a", "b"]), id: "d1" });
    });

    it("compares a map that is not itself secret key by key", () => {
      const outputs = keepSecretsOf(
        { metadata: { team: "ops", plan: "pro", added: "x" } },
        { metadata: { team: secret("ops"), plan: "pro" } },
      );
      assert.deepEqual(outputs, { metadata: { team: secret("ops"), plan: "pro", added: "x" } });
    });

    it("marks a whole map whose input was secret, and never wraps twice", () => {
      assert.deepEqual(keepSecretsOf({ metadata: { team: "ops" } }, { metadata: secret({ team: "ops" }) }), {
        metadata: secret({ team: "ops" }),
      });
      assert.deepEqual(keepSecretsOf({ value: secret("v") }, { value: secret("v") }), { value: secret("v") });
      assert.ok(isSecret(secret(undefined)));
    });

    it("adds nothing that the outputs do not have", () => {
      assert.deepEqual(keepSecretsOf({ id: "d1" }, { apiKey: secret("k") }), { id: "d1" });
    });
  });
});
