import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";

/** Runs the repository's Prettier (the devDependency, with `.prettierrc.json` and `.prettierignore`) in the repository. */
function prettier(...args: string[]): { status: number | null; output: string } {
  const bin = require.resolve("prettier/bin/prettier.cjs", { paths: [repoRoot()] });
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot(), encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("one formatter for the repository", () => {
  it("formats every TypeScript and JavaScript file as .prettierrc.json says (run `npm run format`)", function () {
    this.timeout(120_000);
    const check = prettier("--check", ".");
    assert.equal(check.status, 0, check.output);
  });

  it("fails on a file that is not formatted (the check is not vacuous)", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "format-"));
    try {
      const file = path.join(dir, "sloppy.ts");
      fs.writeFileSync(file, "const  x = {a:1,\n    b :2}\n");
      const check = prettier("--config", path.join(repoRoot(), ".prettierrc.json"), "--check", file);
      assert.equal(check.status, 1, check.output);
      assert.match(check.output, /sloppy\.ts/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
