import { strict as assert } from "node:assert";
import { closestName, editDistance } from "../../../provider/schema/suggest";

describe("closestName (did you mean)", () => {
  const known = ["domain", "externalId", "metadata", "workspaceId", "adoptExisting", "deletionPolicy"];
  for (const [typo, meant] of [
    ["externalID", "externalId"],
    ["external_id", "externalId"],
    ["workspace-id", "workspaceId"],
    ["metdata", "metadata"],
    ["adoptExsting", "adoptExisting"],
  ] as const) {
    it(`${typo} -> ${meant}`, () => assert.equal(closestName(typo, known), meant));
  }
  it("suggests nothing for an unrelated name", () => assert.equal(closestName("zone", known), undefined));
  it("bounds the work on hostile, huge names", () => {
    assert.equal(closestName("x".repeat(100_000), known), undefined);
    assert.ok(editDistance("a".repeat(5000), "b") > 200);
  });
});
