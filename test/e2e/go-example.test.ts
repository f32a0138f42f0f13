import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { describeRun, getPulumiBinDir, pulumiEnv, repoRoot, runCommand } from "../../scripts/pulumi-offline";
import { buildGoProgram, GO_BUILD_TIMEOUT_MS } from "./generated-sdks";
import { checkNativePackage, SENDMAILOS_PACKAGE } from "./native-package";

/**
 * examples/go-automation, a Go program on the generated Go SDK (sdks/go, through its go.mod's replace), built
 * as users build it and run under the real engine through the Automation API with an inline program
 * (pulumi-language-go cannot be had here; an inline program does not need it), against the emulator.
 */

const exampleDir = path.join(repoRoot(), "examples", "go-automation");

interface ProgramResult {
  action: string;
  changes: Record<string, number>;
  outputs?: { domainId?: string; status?: string; records?: Array<{ name: string; type: string; value: string }> };
}

describe("e2e: examples/go-automation (Go, generated SDK, Automation API)", function () {
  this.timeout(10 * 60 * 1000);
  let emulator: RunningEmulator;
  let tempDir = "";
  let binDir = "";
  let program = "";
  let started = 0;

  /** Runs the built program once; its last stdout line is its JSON result. */
  async function runProgram(args: string[]): Promise<ProgramResult> {
    const env = {
      ...pulumiEnv(binDir, path.join(tempDir, "home"), path.join(tempDir, "state"), "go-e2e-passphrase"),
      SENDMAILOS_API_KEY: emulator.apiKey,
      SENDMAILOS_BASE_URL: emulator.baseUrl,
    };
    // -plugin-dir relative to where the program runs, as a user types it.
    const pluginDir = path.relative(tempDir, SENDMAILOS_PACKAGE.pluginDir);
    const r = await runCommand(program, ["-work-dir", path.join(tempDir, "workspace"), "-plugin-dir", pluginDir, ...args], {
      cwd: tempDir,
      env,
      timeoutMs: 5 * 60 * 1000,
    });
    if (r.code !== 0 || r.timedOut) throw new Error(describeRun(`sendmailos-go ${args.join(" ")} failed`, r));
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as ProgramResult;
  }

  before(async function () {
    started = Date.now();
    this.timeout(45 * 60 * 1000);
    binDir = await getPulumiBinDir();
    checkNativePackage(SENDMAILOS_PACKAGE);
    tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "pulumi-go-example-"));
    for (const dir of ["home", "state"]) await fs.promises.mkdir(path.join(tempDir, dir));
    this.timeout(GO_BUILD_TIMEOUT_MS + 60_000);
    program = path.join(tempDir, "sendmailos-go");
    const build = await buildGoProgram(exampleDir, program);
    // The first build compiles sdk/v3's Go packages (minutes); later ones reuse the Go build cache.
    process.stderr.write(`      (go build of examples/go-automation: ${(build.durationMs / 1000).toFixed(1)} s)\n`);
    emulator = await startEmulator({ verification: { checkIntervalMs: 200 }, rateLimits: false });
  });

  after(async function () {
    await emulator?.stop();
    if (tempDir && process.env.PULUMI_E2E_KEEP !== "1") await fs.promises.rm(tempDir, { recursive: true, force: true });
    process.stderr.write(`      (e2e examples/go-automation: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  });

  it("up registers the domain, publishes its records through the VerifiedDomain component and waits until verified", async () => {
    const up = await runProgram(["-domain", "go.acme.example", "up"]);
    // The stack, the component and its five children: the domain, three records, the verification.
    assert.deepEqual(up.changes, { create: 7 });
    assert.equal(up.outputs?.status, "verified");
    const [domain] = emulator.domains();
    assert.equal(emulator.domains().length, 1);
    assert.equal(up.outputs?.domainId, domain!.id);
    assert.deepEqual(domain!.metadata, { plan: "starter" });
    const published = new Set(emulator.dnsRecords().map((r) => `${r.name} ${r.value}`));
    assert.equal(up.outputs?.records?.length, 3);
    for (const record of up.outputs?.records ?? [])
      assert.ok(published.has(`${record.name} ${record.value}`), `${record.name} is not in DNS`);
  });

  it("a preview with the same inputs plans no change", async () => {
    const preview = await runProgram(["-domain", "go.acme.example", "preview"]);
    assert.deepEqual(preview.changes, { same: 7 });
  });

  it("a metadata change previews and applies as one update in place", async () => {
    assert.deepEqual((await runProgram(["-domain", "go.acme.example", "-plan", "pro", "preview"])).changes, { same: 6, update: 1 });
    const id = emulator.domains()[0]!.id;
    const up = await runProgram(["-domain", "go.acme.example", "-plan", "pro", "up"]);
    assert.deepEqual(up.changes, { same: 6, update: 1 });
    assert.deepEqual(
      emulator.domains().map((d) => [d.id, d.metadata]),
      [[id, { plan: "pro" }]],
    );
  });

  it("the state and the stack settings hold the API key only encrypted", async () => {
    const settings = fs.readFileSync(path.join(tempDir, "workspace", "Pulumi.dev.yaml"), "utf8");
    assert.match(settings, /sendmailos:apiKey:\n\s+secure: /);
    const env = pulumiEnv(binDir, path.join(tempDir, "home"), path.join(tempDir, "state"), "go-e2e-passphrase");
    const r = await runCommand(path.join(binDir, "pulumi"), ["stack", "export", "--stack", "dev"], {
      cwd: path.join(tempDir, "workspace"),
      env,
      timeoutMs: 60_000,
    });
    assert.equal(r.code, 0, describeRun("pulumi stack export", r));
    assert.ok(r.stdout.includes("sendmailos:index:VerifiedDomain"));
    assert.ok(!r.stdout.includes(emulator.apiKey) && !settings.includes(emulator.apiKey), "the API key is in the clear");
  });

  it("destroy removes everything", async () => {
    const destroy = await runProgram(["-domain", "go.acme.example", "-plan", "pro", "destroy"]);
    assert.deepEqual(destroy.changes, { delete: 7 });
    assert.deepEqual(emulator.domains(), []);
    assert.deepEqual(emulator.dnsRecords(), []);
  });
});
