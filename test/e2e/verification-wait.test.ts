import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { PulumiProject } from "./harness";
import { emulatorStackConfig, singleDomainProgram } from "./single-domain-program";


const verificationType = "pulumi-nodejs:dynamic/sendmailos:DomainVerification";

describe("e2e: waiting for verification under the real engine", function () {
  this.timeout(15 * 60 * 1000);
  let emulator: RunningEmulator;
  let project: PulumiProject;

  before(async () => {
    emulator = await startEmulator({ verification: { mode: "manual" }, rateLimits: false });
    project = await PulumiProject.create({
      programJs: singleDomainProgram,
      config: {
        ...emulatorStackConfig(emulator),
        name: "slow",
        domain: "slow.example",
        timeoutSeconds: "4",
      },
    });
  });
  after(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("a timeout fails the up with the per-record diagnosis but keeps everything in state", async () => {
    const up = await project.up({ check: false });
    assert.notEqual(up.code, 0);
    const text = up.stdout + up.stderr;
    assert.match(text, /slow\.example is still pending after waiting/);
    assert.match(text, /ok +\w+\._domainkey\.slow\.example CNAME \w+\.dkim\.amazonses\.com/);
    assert.match(text, /run `pulumi up` again to resume/);
    const verification = (await project.resources()).find((r) => r.type === verificationType);
    assert.ok(verification, "the verification is in state");
    assert.equal(verification.outputs?.["status"], "pending");
    assert.equal(emulator.domains().length, 1);
  });

  it("the next up resumes waiting without re-creating anything", async () => {
    const domainId = emulator.domains()[0]!.id;
    await project.setConfig("timeoutSeconds", "60");
    // Verified only once the second run has been waiting for a while (engine start-up takes a few seconds).
    const timer = setTimeout(() => emulator.setStatus(domainId, "verified"), 8_000);
    const up = await project.up().finally(() => clearTimeout(timer));
    assert.equal(up.changes["create"] ?? 0, 0, JSON.stringify(up.changes));
    assert.equal(up.changes["update"], 1);
    const outputs = await project.outputs();
    assert.equal(outputs["status"], "verified");
    assert.equal(outputs["domainId"], domainId);
    assert.ok(Number(outputs["waitedSeconds"]) >= 6, `waited ${outputs["waitedSeconds"]}s over both runs (4s before)`);
    assert.equal(emulator.domains().length, 1);
  });

  it("an up interrupted during the wait resumes on the next up, without a duplicate domain", async () => {
    await project.destroy();
    await project.setConfig("domain", "interrupted.example");
    await project.setConfig("timeoutSeconds", "600");
    // The harness interrupts the command group when its bound runs out: SIGINT, then SIGKILL 10 s later.
    const interrupted = await project.up({ timeoutMs: 15_000, check: false });
    assert.ok(interrupted.timedOut, "the first up was interrupted while waiting");
    const registered = emulator.domains().filter((d) => d.domain_name === "interrupted.example");
    assert.equal(registered.length, 1);
    // The killed engine's provider process must not go on polling (its watchdog ends it within ~10 s).
    await new Promise((r) => setTimeout(r, 12_000));
    emulator.resetStats();
    await new Promise((r) => setTimeout(r, 8_000));
    assert.equal(emulator.stats().total, 0, "an orphaned provider is still polling SendMailOS");
    // A killed CLI leaves its lock behind, as with any backend: `pulumi cancel` releases it.
    const cancel = await project.run(["cancel", "--yes", "--stack", project.stack, "--non-interactive"]);
    assert.equal(cancel.code, 0, cancel.stderr);
    const timer = setTimeout(() => emulator.setStatus(registered[0]!.id, "verified"), 8_000);
    const up = await project.up().finally(() => clearTimeout(timer));
    assert.equal(up.changes["create"], 1, "only the verification starts again");
    assert.equal((await project.outputs())["status"], "verified", JSON.stringify(up.changes));
    assert.equal((await project.outputs())["domainId"], registered[0]!.id);
    assert.equal(emulator.domains().filter((d) => d.domain_name === "interrupted.example").length, 1);
  });

  it("a wait longer than 200 seconds completes", async () => {
    await project.destroy();
    await project.setConfig("domain", "patient.example");
    await project.setConfig("timeoutSeconds", "600");
    const started = Date.now();
    const timer = setInterval(() => {
      const domain = emulator.domains().find((d) => d.domain_name === "patient.example");
      if (domain && Date.now() - started > 210_000) {
        emulator.setStatus(domain.id, "verified");
        clearInterval(timer);
      }
    }, 1_000);
    try {
      await project.up({ timeoutMs: 8 * 60 * 1000 });
    } finally {
      clearInterval(timer);
    }
    const waited = Number((await project.outputs())["waitedSeconds"]);
    console.log(`      waited ${waited}s under the real engine`);
    assert.ok(waited > 200, `waited ${waited}s`);
    assert.equal((await project.outputs())["status"], "verified");
    await project.destroy();
  });
});
