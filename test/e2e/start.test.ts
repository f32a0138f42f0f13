import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../emulator";
import { describeRun, runCommand, type RunResult } from "../../scripts/pulumi-offline";
import { repoRoot } from "./harness";

interface Entry {
  domain: string;
  dns: { provider: string };
  metadata?: Record<string, string>;
  wait?: unknown;
}

/**
 * Runs `npm start`'s script (already built by `npm test`) on a copy of the root project. Its bound is a
 * deadline that fails loudly (and stops the CLI it started too: the command runs in its own process group).
 */
async function start(args: string[], cwd: string): Promise<RunResult> {
  const result = await runCommand(process.execPath, [path.join(repoRoot(), "dist", "scripts", "start.js"), ...args], {
    cwd,
    env: process.env,
    timeoutMs: 8 * 60 * 1000,
  });
  if (result.timedOut) throw new Error(describeRun("npm start", result));
  return result;
}

describe("e2e: npm start, the domains stack on the embedded emulator", function () {
  this.timeout(15 * 60 * 1000);
  let dir: string;
  let projectDir: string;
  let stateDir: string;
  const entries: Entry[] = [
    { domain: "acme.example", metadata: { plan: "enterprise" }, dns: { provider: "emulator" } },
    { domain: "globex.example", dns: { provider: "emulator" } },
    { domain: "initech.example", dns: { provider: "emulator" }, wait: { pollIntervalSeconds: 1 } },
  ];

  /** Writes the stack file (YAML is a superset of JSON), keeping the salt Pulumi added. */
  function writeStack(list: unknown[]): void {
    const file = path.join(projectDir, "Pulumi.emulator.yaml");
    const salt = fs.existsSync(file) ? /encryptionsalt"?:\s*["']?([^"'\s}]+)/.exec(fs.readFileSync(file, "utf8"))?.[1] : undefined;
    const body = JSON.stringify({ config: { "sendmailos-domains:domains": list }, ...(salt ? { encryptionsalt: salt } : {}) }, null, 2);
    fs.writeFileSync(file, body);
  }

  /** What the emulator's data file holds after a run. */
  async function emulatorContents(): Promise<{ domains: string[]; records: string[] }> {
    const emulator = await startEmulator({ dataFile: path.join(stateDir, "emulator-data.json"), verification: { mode: "manual" } });
    try {
      return {
        domains: emulator
          .domains()
          .map((d) => d.domain_name)
          .sort(),
        records: emulator.dnsRecords().map((r) => r.name),
      };
    } finally {
      await emulator.stop();
    }
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-start-"));
    projectDir = path.join(dir, "project");
    stateDir = path.join(dir, "local");
    fs.mkdirSync(projectDir);
    // The root project, with `main` pointing at the built program in this checkout.
    const yaml = fs
      .readFileSync(path.join(repoRoot(), "Pulumi.yaml"), "utf8")
      .replace(/^main: .*$/m, `main: ${path.join(repoRoot(), "dist", "program", "index.js")}`);
    fs.writeFileSync(path.join(projectDir, "Pulumi.yaml"), yaml);
    writeStack(entries);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (...args: string[]) => start(["--project", projectDir, "--dir", stateDir, ...args], dir);

  it("verifies every configured domain through the emulator's DNS and prints the summary", async () => {
    const result = await run();
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    assert.match(result.stdout, /DOMAIN +STATUS +TIME TO VERIFY +DKIM RECORDS/);
    for (const e of entries) assert.match(result.stdout, new RegExp(`${e.domain.replace(/\./g, "\\.")} +verified +\\d`));
    assert.match(result.stdout, /3 of 3 domains verified\./);
    const contents = await emulatorContents();
    assert.deepEqual(contents.domains, ["acme.example", "globex.example", "initech.example"]);
    assert.equal(contents.records.length, 9);
  });

  it("changes nothing on a second run", async () => {
    const result = await run();
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    const output = result.stdout + result.stderr;
    assert.match(output, /Resources:\s+(\d+) unchanged/);
    assert.doesNotMatch(output, /\b(created|updated|deleted|replaced)\b/);
  });

  it("fails the preview of a bad entry, naming it, and changes nothing", async () => {
    writeStack([...entries, { domain: "https://bad.example/", dns: { provider: "emulator" } }]);
    const result = await run("--preview");
    assert.notEqual(result.code, 0);
    assert.match(
      result.stdout + result.stderr,
      /domains\[3\] \("https:\/\/bad\.example\/"\): domain "https:\/\/bad\.example\/" looks like a URL; give only the host name/,
    );
    // A mistake in the stack file is the user's to fix, not a crash: said once, without a stack trace.
    assert.doesNotMatch(result.stdout + result.stderr, /unhandled exception|at parseDomainsConfig|problems: \[/);
    assert.equal((await emulatorContents()).domains.length, 3);
  });

  it("deletes a domain and its records when it leaves the config", async () => {
    writeStack(entries.filter((e) => e.domain !== "initech.example"));
    const result = await run();
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    assert.match(result.stdout, /2 of 2 domains verified\./);
    const contents = await emulatorContents();
    assert.deepEqual(contents.domains, ["acme.example", "globex.example"]);
    assert.equal(contents.records.length, 6);
    assert.ok(contents.records.every((r) => !r.endsWith("initech.example")));
  });

  it("npm run destroy tears it all down", async () => {
    const result = await run("--destroy");
    assert.equal(result.code, 0, result.stderr.slice(-3000));
    const contents = await emulatorContents();
    assert.deepEqual(contents, { domains: [], records: [] });
  });
});
