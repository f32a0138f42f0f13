import assert from "node:assert/strict";
import { authenticate } from "../../emulator/auth";
import { api, createDomain, useEmulator } from "./helpers";
import { seedUnauthorized } from "./seed-examples";

describe("emulator auth", () => {
  describe("authenticate", () => {
    const keys = [{ key: "sk_org", workspaces: ["ws_a", "ws_b"] }, { key: "sk_ws", workspace: "ws_c" }, { key: "sk_plain" }];

    it("uses an organization key's first workspace without X-Workspace-Id", () => {
      assert.deepEqual(authenticate({ authorization: "Bearer sk_org" }, keys), {
        ok: true,
        caller: { apiKey: "sk_org", workspace: "ws_a" },
      });
    });

    it("accepts the scheme in any case", () => {
      assert.equal(authenticate({ authorization: "bearer sk_org" }, keys).ok, true);
    });

    it("uses ws_default for a key configured without workspaces", () => {
      const result = authenticate({ authorization: "Bearer sk_plain" }, keys);
      assert.deepEqual(result.ok && result.caller.workspace, "ws_default");
    });

    it("refuses a key that is not configured, or a malformed header", () => {
      for (const authorization of ["Bearer sk_nope", "sk_org", "Basic c2tfb3Jn", ""]) {
        const result = authenticate({ authorization }, keys);
        assert.equal(result.ok, false, authorization);
        assert.equal(!result.ok && result.reply.status, 401);
      }
    });
  });

  describe("over HTTP", () => {
    const emulator = useEmulator({
      rateLimits: false,
      verification: { mode: "manual" },
      apiKeys: [
        { key: "sk_test_org", workspaces: ["ws_default", "ws_other"] },
        { key: "sk_test_scoped", workspace: "ws_other" },
      ],
    });

    describe("when the key is missing or unknown", () => {
      for (const [when, key] of [
        ["missing", null],
        ["unknown", "sk_test_wrong"],
      ] as const) {
        it(`answers the documented 401 body when the key is ${when}`, async () => {
          const response = await api(emulator.current, "GET", "/domains", { key });
          assert.equal(response.status, 401);
          assert.equal(response.text, JSON.stringify(seedUnauthorized));
        });
      }
    });

    describe("when X-Workspace-Id names a workspace the key cannot use", () => {
      it("answers 403 FORBIDDEN to an organization key", async () => {
        const response = await api(emulator.current, "GET", "/domains", { workspace: "ws_elsewhere" });
        assert.equal(response.status, 403);
        assert.equal(response.json.success, false);
        assert.equal(response.json.code, "FORBIDDEN");
      });

      it("answers 403 FORBIDDEN to a workspace-scoped key", async () => {
        const response = await api(emulator.current, "GET", "/domains", { key: "sk_test_scoped", workspace: "ws_default" });
        assert.equal(response.status, 403);
      });
    });

    describe("when a workspace-scoped key is used", () => {
      it("acts in its workspace, with or without the matching header", async () => {
        const created = await createDomain(emulator.current, "scoped.example.com", { key: "sk_test_scoped" });
        const viaOrg = await api(emulator.current, "GET", `/domains/${created.id}`, { workspace: "ws_other" });
        const viaHeader = await api(emulator.current, "GET", `/domains/${created.id}`, { key: "sk_test_scoped", workspace: "ws_other" });
        assert.equal(viaOrg.status, 200);
        assert.equal(viaHeader.status, 200);
        assert.equal((await api(emulator.current, "GET", `/domains/${created.id}`)).status, 404);
      });
    });
  });
});
