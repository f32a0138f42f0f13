import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { getPulumiBinDir, repoRoot, type PulumiProject, type StackResource } from "./harness";
import { upInterruptedOnce } from "./interrupt";
import { checkNativePackage, SENDMAILOS_PACKAGE } from "./native-package";
import { createNativeProject } from "./native-project";

/**
 * examples/yaml, a Pulumi YAML program, run as users run it under the real engine: the CLI, the
 * pulumi-language-yaml host (built by scripts/ensure-pulumi.sh) and the native plugin, found through
 * `plugins.providers[].path`, against the emulator. The steps a user takes after the first `up` (import a
 * domain registered by hand, wait for it) are edits of the program, as a user makes them.
 */

const examplePath = path.join(repoRoot(), "examples", "yaml", "Pulumi.yaml");
const domainType = "sendmailos:index:Domain";
const verificationType = "sendmailos:index:DomainVerification";

/** The code `pulumi import` generates for the domain registered by hand (the YAML host's GenerateProgram). */
const importedCode = `resources:
  imported:
    type: sendmailos:Domain
    properties:
      adoptExisting: false
      deletionPolicy: delete
      domain: handmade.example
      externalId: by-hand
      metadata:
        team: ops
`;

/** A verification of the imported domain, bounded by `customTimeouts`, as a user would add it. */
const importedVerification = `  imported-verification:
    type: sendmailos:index:DomainVerification
    properties:
      domainId: \${imported.domainId}
      domainName: \${imported.domainName}
      pollIntervalSeconds: 0.5
      maxPollIntervalSeconds: 1
    options:
      customTimeouts:
        create: 3s
`;

interface PreviewStep {
  op: string;
  urn: string;
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> | null;
}

describe("e2e: examples/yaml (Pulumi YAML on the native plugin)", function () {
  this.timeout(20 * 60 * 1000);
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let started = 0;
  let importedId = "";

  const programFile = () => path.join(project.projectDir, "Pulumi.yaml");
  /** Adds resources to the program's `resources:` section, as a user pastes them in. */
  const addResources = (yaml: string) => {
    const program = fs.readFileSync(programFile(), "utf8");
    assert.equal(program.split("\nresources:\n").length, 2, "the program has one resources: section");
    fs.writeFileSync(programFile(), program.replace("\nresources:\n", `\nresources:\n${yaml}`));
  };
  const steps = async () => (await project.preview()).steps as PreviewStep[];
  const changed = (all: PreviewStep[]) => all.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`);
  const resource = (all: StackResource[], name: string) => all.find((r) => r.urn.endsWith(`::${name}`));

  before(async function () {
    started = Date.now();
    // Obtaining the CLI and the YAML host may mean one-time builds (minutes cold, seconds warm).
    this.timeout(45 * 60 * 1000);
    await getPulumiBinDir();
    checkNativePackage(SENDMAILOS_PACKAGE);
    emulator = await startEmulator({ verification: { checkIntervalMs: 200 }, rateLimits: false });
    project = await createNativeProject({
      name: "sendmailos-yaml",
      programYaml: fs.readFileSync(examplePath, "utf8"),
      config: {
        "sendmailos:apiKey": { value: emulator.apiKey, secret: true },
        "sendmailos:baseUrl": emulator.baseUrl,
      },
    });
  });
  after(async function () {
    await project?.dispose();
    await emulator?.stop();
    process.stderr.write(`      (e2e examples/yaml: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  });

  it("up registers both domains, publishes their records in the emulator's DNS and waits until both are verified", async () => {
    const up = await project.up();
    assert.deepEqual(up.errors, []);
    const outputs = await project.outputs();
    assert.equal(outputs["siteStatus"], "verified");
    assert.equal(outputs["newsletterStatus"], "verified");
    assert.deepEqual(
      emulator
        .domains()
        .map((d) => d.domain_name)
        .sort(),
      ["acme.example", "news.acme.example"],
    );
    const published = new Set(emulator.dnsRecords().map((r) => `${r.name} ${r.type} ${r.value}`));
    for (const record of outputs["siteRecords"] as Array<{ name: string; type: string; value: string }>) {
      assert.ok(published.has(`${record.name} ${record.type} ${record.value}`), `${record.name} is not in the emulator's DNS`);
    }
    const resources = await project.resources();
    // The component was constructed by the plugin: its children are registered under it.
    const component = resources.find((r) => r.type === "sendmailos:index:VerifiedDomain")!;
    assert.deepEqual(
      resources
        .filter((r) => r.parent === component.urn)
        .map((r) => `${r.type} ${r.urn.split("::").pop()}`)
        .sort(),
      [
        "sendmailos:index:Domain newsletter",
        "sendmailos:index:DomainVerification newsletter-verification",
        "sendmailos:index:EmulatorDnsRecord newsletter-dkim-1",
        "sendmailos:index:EmulatorDnsRecord newsletter-dkim-2",
        "sendmailos:index:EmulatorDnsRecord newsletter-dkim-3",
      ],
    );
    assert.ok(!JSON.stringify(resources).includes(emulator.apiKey), "the API key is in state");
  });

  it("a second preview shows no change", async () => {
    assert.deepEqual(changed(await steps()), []);
  });

  it("a metadata change previews as one update with a detailedDiff per key, and applies in place", async () => {
    await project.setConfig("plan", "pro");
    const all = await steps();
    assert.deepEqual(changed(all), ["update site"]);
    assert.deepEqual(all.find((s) => s.urn.endsWith("::site"))!.detailedDiff, { "metadata.plan": { kind: "update", inputDiff: true } });
    const up = await project.up();
    assert.equal(up.changes["update"], 1, JSON.stringify(up.changes));
    assert.deepEqual(emulator.domains().find((d) => d.domain_name === "acme.example")!.metadata, { plan: "pro" });
  });

  it("a secret input stays secret: the plugin marks what it answers, so state holds only ciphertext", async () => {
    await project.setConfig("plan", "enterprise-secret-plan", { secret: true });
    const up = await project.up();
    assert.equal(up.changes["update"], 1, JSON.stringify(up.changes));
    assert.deepEqual(emulator.domains().find((d) => d.domain_name === "acme.example")!.metadata, { plan: "enterprise-secret-plan" });
    const exported = await project.exportStack();
    assert.ok(!JSON.stringify(exported).includes("enterprise-secret-plan"), "the secret is in state in the clear");
    const site = resource(exported.deployment.resources ?? [], "site")!;
    const plan = (site.outputs?.["metadata"] as Record<string, unknown>)["plan"] as Record<string, unknown>;
    assert.equal(typeof plan["ciphertext"], "string", `metadata.plan in the outputs: ${JSON.stringify(plan)}`);
  });

  it("a domain change previews as a replacement, says why in detailedDiff, and warns", async () => {
    await project.setConfig("domain", "acme.org");
    const preview = await project.preview();
    const site = (preview.steps as PreviewStep[]).find((s) => s.urn.endsWith("::site"))!;
    assert.equal(site.op, "replace");
    assert.deepEqual(site.detailedDiff, { domain: { kind: "update-replace", inputDiff: true } });
    assert.match(preview.warnings.join("\n"), /REPLACING SendMailOS domain acme\.example \(domain acme\.example -> acme\.org\)/);
    await project.setConfig("domain", "acme.example");
    assert.deepEqual(changed(await steps()), []);
  });

  it("pulumi import adopts a domain registered by hand, generates its YAML, and with that code the next preview shows no change", async () => {
    const response = await fetch(`${emulator.baseUrl}/domains`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ domain: "handmade.example", external_id: "by-hand", metadata: { team: "ops" } }),
    });
    assert.equal(response.status, 201);
    importedId = ((await response.json()) as { domain: { id: string } }).domain.id;
    const codeFile = path.join(project.tempDir, "imported.yaml");
    await project.run(
      [
        "import",
        domainType,
        "imported",
        importedId,
        "--yes",
        "--protect=false",
        "--out",
        codeFile,
        "--stack",
        project.stack,
        "--non-interactive",
      ],
      {
        check: true,
      },
    );
    assert.equal(fs.readFileSync(codeFile, "utf8"), importedCode);
    assert.equal(resource(await project.resources(), "imported")?.id, importedId);

    addResources(importedCode.replace(/^resources:\n/, ""));
    assert.deepEqual(changed(await steps()), []);
    assert.equal(emulator.domains().filter((d) => d.domain_name === "handmade.example").length, 1);
  });

  it("customTimeouts {create: 3s} bound a verification wait; the resource stays in state, pending", async () => {
    // Nobody published the imported domain's records: its verification waits until the custom timeout.
    addResources(importedVerification);
    const up = await project.up({ check: false });
    assert.notEqual(up.code, 0);
    assert.match(up.errors.join("\n"), /handmade\.example is still pending after waiting \d+s \(customTimeouts 3s\)/);
    const verification = resource(await project.resources(), "imported-verification");
    assert.equal(verification?.type, verificationType);
    assert.equal(verification?.outputs?.["status"], "pending", "kept in state as a partial failure");
  });

  it("the first Ctrl-C stops the resumed wait within seconds, leaves state consistent, and the next up finishes it", async () => {
    const interrupted = await upInterruptedOnce(project, /handmade\.example: pending after/);
    process.stderr.write(`      (Ctrl-C to exit of the CLI: ${interrupted.secondsFromSignalToExit.toFixed(1)} s)\n`);
    // The proof that the cancel worked is the plugin's own "Stopped waiting" line; the bound only separates "stopped
    // on the signal" from "waited out its 10-minute timeout", with room for a busy machine's shutdown.
    assert.ok(interrupted.secondsFromSignalToExit < 60, `the CLI took ${interrupted.secondsFromSignalToExit}s to stop`);
    assert.notEqual(interrupted.code, 0);
    // The plugin's cancel stopped the wait (the engine did not just abandon it).
    assert.match(interrupted.output, /Stopped waiting for handmade\.example \(cancelled after \d+s\)\. Nothing was lost/);
    const exported = await project.exportStack();
    assert.deepEqual(exported.deployment.pending_operations ?? [], [], "no pending operation left behind");
    assert.equal(resource(exported.deployment.resources ?? [], "imported-verification")?.outputs?.["status"], "pending");

    // The customer publishes the records by hand; SendMailOS (the emulator, by DNS) verifies the domain.
    emulator.publishDkimRecords(importedId);
    await emulator.checkNow();
    const up = await project.up();
    assert.equal(up.changes["create"] ?? 0, 0, JSON.stringify(up.changes));
    assert.equal(resource(await project.resources(), "imported-verification")?.outputs?.["status"], "verified");
    assert.equal(emulator.domains().length, 3, "no domain lost or duplicated");
  });

  it("destroy removes everything, in SendMailOS and in its DNS", async () => {
    const handmadeRecords = emulator.dnsRecords().filter((r) => r.name.endsWith("handmade.example"));
    await project.destroy();
    assert.deepEqual(emulator.domains(), []);
    // What the program published is gone; the records published by hand stay.
    assert.deepEqual(emulator.dnsRecords(), handmadeRecords);
    assert.deepEqual(await project.resources(), []);
  });
});
