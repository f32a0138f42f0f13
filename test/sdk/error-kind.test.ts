import assert from "node:assert/strict";
import { classifyResponse, type ResponseErrorKind } from "../../sdk/error-kind";

const apiBody = { success: false, error: "x", code: "X" } as const;

describe("error-kind", () => {
  describe("classifyResponse", () => {
    const table: [number, "api body" | "no body", "assumed" | "documented", ResponseErrorKind][] = [
      [404, "no body", "assumed", "unsupported-endpoint"],
      [405, "api body", "assumed", "unsupported-endpoint"],
      [501, "api body", "assumed", "unsupported-endpoint"],
      [404, "api body", "assumed", "not-found"],
      [404, "api body", "documented", "wrong-base-url"],
      [405, "no body", "documented", "wrong-base-url"],
      [401, "api body", "documented", "authentication"],
      [403, "api body", "assumed", "permission"],
      [409, "api body", "documented", "conflict"],
      [413, "no body", "documented", "body-too-large"],
      [431, "no body", "documented", "headers-too-large"],
      [429, "no body", "documented", "rate-limited"],
      [500, "no body", "documented", "server"],
      [501, "no body", "documented", "server"],
      [503, "api body", "assumed", "server"],
      [400, "api body", "documented", "invalid-request"],
      [422, "api body", "assumed", "invalid-request"],
      [418, "no body", "documented", "invalid-request"],
      [302, "no body", "documented", "unexpected-status"],
      [600, "no body", "documented", "unexpected-status"],
    ];
    for (const [status, body, endpoint, kind] of table) {
      it(`is ${kind} for ${status} with ${body} on an ${endpoint} endpoint`, () => {
        assert.equal(classifyResponse(status, body === "api body" ? apiBody : undefined, endpoint === "assumed"), kind);
      });
    }
  });
});
