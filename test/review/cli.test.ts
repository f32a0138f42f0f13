import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { parseCli } from "../../review/cli";
import { repoRoot } from "../../scripts/pulumi-offline";
import { fixture } from "./fixtures";

const fixturePath = (name: string) => path.join(repoRoot(), "test", "review", "fixtures", name);

/** Runs the built bin as users do. */
function review(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), "dist", "review", "cli.js"), ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, SENDMAILOS_API_KEY: "", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("sendmailos-review (the bin)", () => {
  it("prints the review of a preview file and exits 0", () => {
    const r = review([fixturePath("four-changes.document.json")]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, fixture("four-changes.document.review.md"));
  });

  it("reads the preview from standard input, with no file or with -", () => {
    for (const args of [[], ["-"]]) {
      const r = review(args, fixture("four-changes.events.jsonl"));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, fixture("four-changes.review.md"));
    }
  });

  it("exits 1 on drift with --drift, and prints the report", () => {
    const r = review(["--drift", fixturePath("drift.events.jsonl")]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, fixture("drift.report.md"));
  });

  it("never prints the value of SENDMAILOS_API_KEY", () => {
    const key = "sk_live_abcdefghijkl";
    const input = fixture("four-changes.events.jsonl").replace(/"plan":"pro"/g, `"plan":"${key}"`);
    const r = review([], input, { SENDMAILOS_API_KEY: key });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(key));
    assert.match(r.stdout, /`metadata\.plan`: `enterprise` → `\[secret\]`/);
  });

  it("exits 2 and says what is wrong with input that is not a preview", () => {
    const r = review([], "Previewing update (dev):\n");
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /sendmailos-review: line 1 of the preview output is not JSON \("Previewing update \(dev\):"\): give only the standard output of `pulumi preview --json`/,
    );
  });

  it("exits 2 for a file that does not exist, naming it", () => {
    const r = review(["/nonexistent/preview.json"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or directory, open '\/nonexistent\/preview\.json'/);
  });

  it("exits 2 with the usage for a bad option", () => {
    const r = review(["--max-chars", "10"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-chars: expected 0 \(no limit\) or a whole number of at least 4000\n\nUsage: sendmailos-review/);
  });
});

describe("parseCli", () => {
  it("reads the options", () => {
    assert.deepEqual(parseCli(["--drift", "--max-chars", "0", "p.json"]), { drift: true, limit: 0, file: "p.json" });
    assert.deepEqual(parseCli([]), { drift: false, limit: 65_536, file: undefined });
    assert.equal(parseCli(["--help"]), "help");
  });

  it("refuses two files and unknown options", () => {
    assert.throws(() => parseCli(["a", "b"]), /give one file at most, not 2/);
    assert.throws(() => parseCli(["--draft"]), /Unknown option '--draft'/);
  });
});
