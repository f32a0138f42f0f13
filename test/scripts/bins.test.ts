import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";

describe("the package's bins", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as { bin: Record<string, string> };
  const tracked = new Set(execFileSync("git", ["ls-files", "bin"], { cwd: repoRoot(), encoding: "utf8" }).split("\n"));

  it("are committed, executable files, so that a fresh clone's npm ci links them before anything is built", () => {
    // npm links no bin whose file is missing; a bin in dist/ was absent from node_modules/.bin in a fresh clone,
    // and the gitops workflow's `npx sendmailos-review` went to the registry instead.
    for (const [name, file] of Object.entries(manifest.bin)) {
      assert.ok(tracked.has(file), `bin ${name}: ${file} is not a committed file`);
      assert.ok((fs.statSync(path.join(repoRoot(), file)).mode & 0o111) !== 0, `bin ${name}: ${file} is not executable`);
    }
  });

  it("run the built code: sendmailos-review answers --help-like misuse with its usage, sendmailos-emulator its --help", () => {
    const review = path.join(repoRoot(), manifest.bin["sendmailos-review"]!);
    const emulator = path.join(repoRoot(), manifest.bin["sendmailos-emulator"]!);
    assert.match(execFileSync(process.execPath, [emulator, "--help"], { encoding: "utf8" }), /sendmailos-emulator/);
    let failed: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, [review, "--max-chars", "1"], { encoding: "utf8", input: "" });
    } catch (error) {
      failed = error as { status?: number; stderr?: string };
    }
    assert.equal(failed.status, 2);
    assert.match(String(failed.stderr), /Usage: sendmailos-review/);
  });
});
