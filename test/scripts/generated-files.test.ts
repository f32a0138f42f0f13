import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatedFiles, staleFiles } from "../../scripts/generated-files";
import { repoRoot } from "../../scripts/pulumi-offline";

describe("files generated from the input schemas", () => {
  it("are up to date: the README tables and the Args types say what the schemas say (run `npm run generate`)", () => {
    assert.deepEqual(
      staleFiles(repoRoot()).map((f) => f.path),
      [],
    );
  });

  it("catch a doc that drifted from the schema (the check is not vacuous)", () => {
    const current = fs.readFileSync(path.join(repoRoot(), "README.md"), "utf8");
    const drifted = current.replace("at most 255 characters", "at most 256 characters");
    assert.notEqual(drifted, current, "the README states the externalId limit");
    assert.equal(generatedFiles.find((f) => f.path === "README.md")!.render(drifted), current);
  });

  it("catch Args types that drifted from the schema", () => {
    const file = generatedFiles.find((f) => f.path === "provider/domain/domain-args.ts")!;
    const current = fs.readFileSync(path.join(repoRoot(), file.path), "utf8");
    assert.equal(file.render(current.replace("externalId?:", "externalID?:")), current);
  });
});
