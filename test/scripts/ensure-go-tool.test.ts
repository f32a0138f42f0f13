/**
 * scripts/ensure-go-tool.sh (and scripts/lib/go-build.sh, which it shares with scripts/gen-sdk.sh): a Go tool of
 * this repository is built once into a cache keyed by its sources, concurrent callers build it once, and a wrong
 * name is refused with the list of tools.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeRun, repoRoot, runCommand, type RunResult } from "../../scripts/pulumi-offline";

const script = path.join(repoRoot(), "scripts", "ensure-go-tool.sh");

/** Runs the script with its cache in `cacheDir`. */
function ensure(args: string[], cacheDir: string): Promise<RunResult> {
  return runCommand("bash", [script, ...args], {
    cwd: repoRoot(),
    env: { ...process.env, PULUMI_CACHE_DIR: cacheDir },
    timeoutMs: 15 * 60 * 1000,
  });
}

describe("scripts/ensure-go-tool.sh", function () {
  let cacheDir = "";

  beforeEach(async () => {
    cacheDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "go-tool-cache-"));
  });
  afterEach(async () => {
    await fs.promises.rm(cacheDir, { recursive: true, force: true });
  });

  it("refuses a name that is not a tool folder, listing the tools", async () => {
    const bad = await ensure(["../pulumi-cli"], cacheDir);
    assert.equal(bad.code, 2, describeRun("ensure-go-tool.sh ../pulumi-cli", bad));
    assert.match(bad.stderr, /'\.\.\/pulumi-cli' is not a tool name/);
    const missing = await ensure(["no-such-tool"], cacheDir);
    assert.equal(missing.code, 2, describeRun("ensure-go-tool.sh no-such-tool", missing));
    assert.match(missing.stderr, /scripts\/no-such-tool\/go\.mod does not exist; the tools are: .*actionlint.*fakes3/);
    assert.deepEqual(fs.readdirSync(cacheDir), [], "nothing was built or cached");
  });

  it("builds a tool once for two concurrent callers into a cache keyed by its sources, then reuses it", async function () {
    this.timeout(30 * 60 * 1000);
    // A relative cache folder: the printed path must still be absolute.
    const relative = path.relative(repoRoot(), cacheDir);
    const [first, second] = await Promise.all([ensure(["fakes3"], relative), ensure(["fakes3"], relative)]);
    for (const r of [first, second]) assert.equal(r.code, 0, describeRun("ensure-go-tool.sh fakes3", r));
    const printed = [first, second].map((r) => r.stdout.trim().split("\n").pop()!);
    assert.equal(printed[0], printed[1], "both callers get the same executable");
    assert.ok(path.isAbsolute(printed[0]!), `an absolute path: ${printed[0]}`);
    const inCache = path.relative(cacheDir, printed[0]!);
    assert.match(inCache, /^go-tools\/fakes3\/[0-9a-f]{16}\/fakes3$/, `${printed[0]} is in the cache folder, under its key`);
    assert.ok(fs.statSync(printed[0]!).mode & 0o100, "it is executable");
    const builds = [first, second].filter((r) => /built fakes3 .* in \d+ s/.test(r.stderr));
    assert.equal(builds.length, 1, `one build for two callers:\n${first.stderr}\n---\n${second.stderr}`);

    const again = await ensure(["fakes3"], cacheDir);
    assert.equal(again.code, 0, describeRun("ensure-go-tool.sh fakes3 (cached)", again));
    assert.equal(again.stdout.trim(), printed[0]);
    assert.equal(again.stderr, "", "no build when the cache holds it");
  });

  it("rebuilds when the sources change, and drops the older build", async function () {
    this.timeout(30 * 60 * 1000);
    const stale = path.join(cacheDir, "go-tools", "fakes3", "0000000000000000");
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, "fakes3"), "#!/bin/sh\necho stale\n", { mode: 0o755 });
    const r = await ensure(["fakes3"], cacheDir);
    assert.equal(r.code, 0, describeRun("ensure-go-tool.sh fakes3", r));
    assert.notEqual(path.dirname(r.stdout.trim()), stale, "a key that is not its sources' is not used");
    assert.ok(!fs.existsSync(stale), "the older build is removed");
  });
});
