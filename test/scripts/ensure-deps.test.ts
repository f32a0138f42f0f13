import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";

/**
 * scripts/ensure-deps.js in a checkout of its own, with an `npm` on PATH that only records that it ran: the
 * script decides from files alone, so each case is a layout of package.json, the lock file and node_modules.
 */
class Checkout {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "ensure-deps-"));
  private readonly npmLog = path.join(this.root, "npm-calls.log");

  constructor() {
    fs.mkdirSync(path.join(this.root, "scripts"));
    fs.copyFileSync(path.join(repoRoot(), "scripts", "ensure-deps.js"), path.join(this.root, "scripts", "ensure-deps.js"));
    fs.writeFileSync(
      path.join(this.root, "package.json"),
      JSON.stringify({ name: "x", bin: { "tool-a": "bin/tool-a", "tool-b": "bin/tool-b" } }),
    );
    fs.mkdirSync(path.join(this.root, "bin"));
    for (const tool of ["tool-a", "tool-b"]) fs.writeFileSync(path.join(this.root, "bin", tool), "");
    fs.writeFileSync(path.join(this.root, "package-lock.json"), "{}");
    const fakeBin = path.join(this.root, "fake-bin");
    fs.mkdirSync(fakeBin);
    fs.writeFileSync(path.join(fakeBin, "npm"), `#!/bin/sh\necho "$@" >> ${JSON.stringify(this.npmLog)}\n`, { mode: 0o755 });
  }

  /** node_modules as `npm ci` leaves it: installed after the lock file, with a link for each bin. */
  install(): void {
    fs.mkdirSync(path.join(this.root, "node_modules", ".bin"), { recursive: true });
    fs.writeFileSync(path.join(this.root, "node_modules", ".package-lock.json"), "{}");
    const later = new Date(fs.statSync(path.join(this.root, "package-lock.json")).mtimeMs + 1000);
    fs.utimesSync(path.join(this.root, "node_modules", ".package-lock.json"), later, later);
    for (const tool of ["tool-a", "tool-b"]) this.link(tool, path.join("..", "..", "bin", tool));
  }

  /** Points node_modules/.bin/<name> at `target`, relative to node_modules/.bin as npm does. */
  link(name: string, target: string): void {
    const at = path.join(this.root, "node_modules", ".bin", name);
    fs.rmSync(at, { force: true });
    fs.symlinkSync(target, at);
  }

  run(): { status: number | null; stderr: string; npmCalls: string[] } {
    const result = spawnSync(process.execPath, [path.join(this.root, "scripts", "ensure-deps.js")], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${path.join(this.root, "fake-bin")}${path.delimiter}${process.env.PATH}` },
    });
    const npmCalls = fs.existsSync(this.npmLog) ? fs.readFileSync(this.npmLog, "utf8").trim().split("\n") : [];
    return { status: result.status, stderr: result.stderr, npmCalls };
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

describe("scripts/ensure-deps.js (before npm start and npm test)", () => {
  let checkout: Checkout;
  beforeEach(() => (checkout = new Checkout()));
  afterEach(() => checkout.dispose());

  it("does nothing when node_modules is current and every bin has a working link", () => {
    checkout.install();
    assert.deepEqual(checkout.run(), { status: 0, stderr: "", npmCalls: [] });
  });

  it("runs npm ci on a fresh clone (no node_modules)", () => {
    const result = checkout.run();
    assert.equal(result.status, 0);
    assert.match(result.stderr, /node_modules is missing: running npm ci/);
    assert.deepEqual(result.npmCalls, ["ci --no-audit --no-fund"]);
  });

  it("runs npm ci when a bin's link dangles, as in a checkout installed before the bins moved, naming the bin", () => {
    checkout.install();
    checkout.link("tool-b", path.join("..", "pulumi-sendmailos", "dist", "bin", "tool-b"));
    const result = checkout.run();
    assert.match(result.stderr, /node_modules\/\.bin has no working link for tool-b: running npm ci/);
    assert.deepEqual(result.npmCalls, ["ci --no-audit --no-fund"]);
  });

  it("runs npm ci when package-lock.json is newer than the install", () => {
    checkout.install();
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(checkout.root, "package-lock.json"), later, later);
    assert.match(checkout.run().stderr, /package-lock\.json changed: running npm ci/);
  });

  it("runs npm ci when a bin has no link at all", () => {
    checkout.install();
    fs.rmSync(path.join(checkout.root, "node_modules", ".bin", "tool-a"));
    assert.match(checkout.run().stderr, /no working link for tool-a: running npm ci/);
  });
});
