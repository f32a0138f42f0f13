/**
 * Waiting for verification under the real engine: timeout, resume, interruption, a long wait. Every action
 * taken during an `up` is cued by what the emulator answered (see triggers.ts), so the scenarios hold on
 * a machine busy enough to make the engine start slowly.
 */
import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { PulumiProject, type StackResource } from "./harness";
import { dynamicProviders, processesWithEnv, waitForExit } from "./processes";
import { emulatorStackConfig, singleDomainProgram } from "./single-domain-program";
import { cueBoundMs, isPollOf, whileRunning } from "./triggers";

const verificationType = "pulumi-nodejs:dynamic/sendmailos:DomainVerification";

/** Bound for a killed engine's plugins to end: the provider's watchdog needs ~10 s; more only on a stalled machine. */
const orphanExitBoundMs = 2 * 60 * 1000;

function verificationOf(resources: StackResource[]): StackResource {
  const verification = resources.find((r) => r.type === verificationType);
  assert.ok(verification, `no ${verificationType} in state: ${resources.map((r) => r.type).join(", ")}`);
  return verification;
}

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
    const verification = verificationOf(await project.resources());
    assert.equal(verification.outputs?.["status"], "pending");
    assert.ok(
      Number(verification.outputs?.["waitedSeconds"]) >= 4,
      `waitedSeconds ${verification.outputs?.["waitedSeconds"]} after a 4 s timeout`,
    );
    assert.equal(emulator.domains().length, 1);
  });

  it("the next up resumes waiting without re-creating anything", async () => {
    const domainId = emulator.domains()[0]!.id;
    const waitedBefore = Number(verificationOf(await project.resources()).outputs?.["waitedSeconds"]);
    await project.setConfig("timeoutSeconds", "60");
    const isPoll = isPollOf(emulator, "slow.example");
    // Verified once the resumed wait has been answered `pending` twice: it really waited in this run.
    const { result: up, cued: pendingSpanMs } = await whileRunning(
      (interrupt) => project.up({ interrupt }),
      async ({ commandEnded }) => {
        const first = await emulator.nextRequest(isPoll, {
          timeoutMs: cueBoundMs,
          description: "a first poll of slow.example",
          signal: commandEnded,
        });
        const second = await emulator.nextRequest(isPoll, {
          timeoutMs: cueBoundMs,
          description: "a second poll of slow.example",
          signal: commandEnded,
        });
        emulator.setStatus(domainId, "verified");
        return second.at - first.at;
      },
    );
    assert.equal(up.changes["create"] ?? 0, 0, JSON.stringify(up.changes));
    assert.equal(up.changes["update"], 1);
    const outputs = await project.outputs();
    assert.equal(outputs["status"], "verified");
    assert.equal(outputs["domainId"], domainId);
    // The resumed run counts on from the first: at least what it had, plus the span between two pending answers
    // (waitedSeconds is rounded to 0.1 s).
    const waited = Number(outputs["waitedSeconds"]);
    const atLeast = waitedBefore + pendingSpanMs / 1000 - 0.06;
    assert.ok(waited >= atLeast, `waited ${waited}s in all; expected >= ${waitedBefore}s before + ${pendingSpanMs / 1000}s in this run`);
    assert.equal(emulator.domains().length, 1);
  });

  it("an up interrupted during the wait resumes on the next up, without a duplicate domain", async () => {
    await project.destroy();
    await project.setConfig("domain", "interrupted.example");
    await project.setConfig("timeoutSeconds", "600");
    const isPoll = isPollOf(emulator, "interrupted.example");
    // Interrupted (Ctrl-C, then a kill) once the verification polls, i.e. while it waits; the provider process
    // that polls is noted first, to check below that it does not outlive the killed engine.
    const { result: interrupted, cued: providers } = await whileRunning(
      (interrupt) => project.up({ interrupt, check: false }),
      async ({ commandEnded, interrupt }) => {
        await emulator.nextRequest(isPoll, {
          timeoutMs: cueBoundMs,
          description: "a first poll of interrupted.example",
          signal: commandEnded,
        });
        const polling = dynamicProviders(project.pulumiHome);
        interrupt();
        assert.ok(polling.length > 0, `no dynamic-provider process with PULUMI_HOME=${project.pulumiHome} while the verification polls`);
        return polling;
      },
    );
    assert.ok(interrupted.interrupted, `the first up was not interrupted: code ${interrupted.code}, ${interrupted.durationMs} ms`);
    assert.notEqual(interrupted.code, 0);
    const registered = emulator.domains().filter((d) => d.domain_name === "interrupted.example");
    assert.equal(registered.length, 1);

    // A killed CLI cannot stop its plugins (each has its own process group): the provider's watchdog must end
    // it, and with it every process the engine started for this project.
    await waitForExit([...providers, ...processesWithEnv("PULUMI_HOME", project.pulumiHome)], orphanExitBoundMs);
    const afterExit: string[] = [];
    const unsubscribe = emulator.onRequest((r) => afterExit.push(`${r.method} ${r.path} ${r.status}`));
    try {
      // A killed CLI leaves its lock behind, as with any backend: `pulumi cancel` releases it.
      await project.cancel();
    } finally {
      unsubscribe();
    }
    assert.deepEqual(afterExit, [], "SendMailOS was called after the killed engine's processes had ended");

    const { result: up } = await whileRunning(
      (interrupt) => project.up({ interrupt }),
      async ({ commandEnded }) => {
        await emulator.nextRequest(isPoll, { timeoutMs: cueBoundMs, description: "a poll of the resumed wait", signal: commandEnded });
        emulator.setStatus(registered[0]!.id, "verified");
      },
    );
    assert.equal(up.changes["create"], 1, `only the verification starts again: ${JSON.stringify(up.changes)}`);
    const outputs = await project.outputs();
    assert.equal(outputs["status"], "verified");
    assert.equal(outputs["domainId"], registered[0]!.id);
    assert.equal(emulator.domains().filter((d) => d.domain_name === "interrupted.example").length, 1);
  });

  it("a wait longer than 200 seconds completes", async () => {
    await project.destroy();
    await project.setConfig("domain", "patient.example");
    await project.setConfig("timeoutSeconds", "600");
    const isPoll = isPollOf(emulator, "patient.example");
    // Measured from the wait's first poll, not from the test's start: the provider's own count starts before
    // that poll and ends after the one that sees `verified`, so it is longer than what is measured here.
    const patienceMs = 201_000;
    const { cued: measuredMs } = await whileRunning(
      (interrupt) => project.up({ interrupt, timeoutMs: 10 * 60 * 1000 }),
      async ({ commandEnded }) => {
        const first = await emulator.nextRequest(isPoll, {
          timeoutMs: cueBoundMs,
          description: "a first poll of patient.example",
          signal: commandEnded,
        });
        const late = await emulator.nextRequest((r) => isPoll(r) && r.at - first.at >= patienceMs, {
          timeoutMs: patienceMs + cueBoundMs,
          description: `a poll of patient.example ${patienceMs / 1000} s after the first`,
          signal: commandEnded,
        });
        emulator.setStatus(emulator.domains().find((d) => d.domain_name === "patient.example")!.id, "verified");
        return late.at - first.at;
      },
    );
    const outputs = await project.outputs();
    const waited = Number(outputs["waitedSeconds"]);
    console.log(`      waited ${waited}s under the real engine (${measuredMs / 1000}s between its first and last pending poll)`);
    assert.ok(waited > 200, `waited ${waited}s`);
    assert.ok(waited >= measuredMs / 1000 - 0.06, `waited ${waited}s, less than the ${measuredMs / 1000}s the emulator saw it poll`);
    assert.equal(outputs["status"], "verified");
    await project.destroy();
  });
});
