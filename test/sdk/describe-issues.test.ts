import assert from "node:assert/strict";
import { z } from "zod";
import { describeIssues, issuePath } from "../../sdk/describe-issues";

describe("describe-issues", () => {
  describe("describeIssues", () => {
    it("names each field with its message, the root as body", () => {
      const schema = z.object({ domain: z.string(), metadata: z.record(z.string(), z.string()) });
      assert.equal(describeIssues(schema.safeParse([]).error!.issues), "body: Invalid input: expected object, received array");
      assert.equal(
        describeIssues(schema.safeParse({ domain: 1, metadata: { plan: 2 } }).error!.issues),
        "domain: Invalid input: expected string, received number; metadata.plan: Invalid input: expected string, received number",
      );
    });

    it("names three issues and counts the rest", () => {
      const issues = z.array(z.string()).safeParse([1, 2, 3, 4, 5]).error!.issues;
      assert.match(describeIssues(issues), /^\[0\]: .*; \[1\]: .*; \[2\]: .*; and 2 more$/);
    });
  });

  describe("issuePath", () => {
    it("writes identifiers with dots and array indexes in brackets", () => {
      assert.equal(issuePath(["domains", 2, "id"]), "domains[2].id");
    });
    it("quotes, escapes and cuts keys that are not plain identifiers", () => {
      assert.equal(issuePath(["metadata", "a.b"]), 'metadata["a.b"]');
      assert.equal(issuePath(["metadata", "line\nbreak\u202e"]), 'metadata["line\\nbreak\\u202e"]');
      assert.match(issuePath(["metadata", "k".repeat(5000)]), /^metadata\["k{40}…" \(5000 characters\)\]$/);
    });
    it("survives a symbol in the path", () => {
      assert.equal(issuePath(["x", Symbol("s")]), 'x["Symbol(s)"]');
    });
  });
});
