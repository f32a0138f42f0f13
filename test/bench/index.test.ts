import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** The runner with `--help`, which checks the names and prints the usage without running anything. */
function runner(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "bench", "index.js"), ...args, "--help"], {
    encoding: "utf8",
  });
  return { status: result.status, stderr: result.stderr };
}

describe("bench runner", () => {
  it("does not read a flag's value as a benchmark's name", () => {
    // `--parallel unbounded` was once read as a benchmark named "unbounded", and an N = 200 run did not start.
    const result = runner(["engine-scale", "--domains", "5", "--window-seconds", "3", "--resources", "native", "--parallel", "unbounded"]);
    assert.doesNotMatch(result.stderr, /unknown benchmark/);
    assert.equal(result.status, 0, result.stderr);
  });

  it("names an unknown benchmark and exits 2", () => {
    const result = runner(["engine-scal"]);
    assert.match(result.stderr, /unknown benchmark: engine-scal/);
    assert.equal(result.status, 2);
  });
});
