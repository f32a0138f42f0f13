import assert from "node:assert/strict";
import { Router } from "../../emulator/router";

describe("emulator router", () => {
  const router = new Router<string>()
    .add("GET", "/api/v1/domains", "list")
    .add("POST", "/api/v1/domains", "create")
    .add("GET", "/api/v1/domains/:id", "get");

  it("finds the handler and decodes parameters", () => {
    assert.deepEqual(router.match("get", "/api/v1/domains/a%20b"), {
      kind: "found",
      handler: "get",
      params: { id: "a b" },
      pattern: "/api/v1/domains/:id",
    });
  });

  it("tolerates a trailing slash", () => {
    assert.equal(router.match("POST", "/api/v1/domains/").kind, "found");
  });

  it("tells a wrong method (with the allowed ones) from an unknown path", () => {
    assert.deepEqual(router.match("DELETE", "/api/v1/domains"), {
      kind: "method-not-allowed",
      allowed: ["GET", "POST"],
      pattern: "/api/v1/domains",
    });
    assert.deepEqual(router.match("GET", "/api/v1/other"), { kind: "not-found" });
    assert.deepEqual(router.match("GET", "/api/v1/domains/%E0%A4%A"), { kind: "not-found" });
  });
});
