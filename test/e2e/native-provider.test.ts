import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { PulumiProject } from "./harness";
import { upInterruptedOnce } from "./interrupt";
import { createNativeProject } from "./native-project";

/**
 * The native provider plugin (`pulumi-resource-sendmailos`) under the real engine, from a JavaScript
 * program: exact per-property diffs, import, custom timeouts, Ctrl-C, explicit providers for two accounts.
 */
const program = `
const pulumi = require("@pulumi/pulumi");
const sm = require("pulumi-sendmailos/native");
const cfg = new pulumi.Config();
const domain = new sm.Domain("site", { domain: cfg.require("domain"), externalId: cfg.get("externalId"), metadata: cfg.getObject("metadata") });
const records = [0, 1, 2].map((i) => new sm.EmulatorDnsRecord("site-dkim-" + (i + 1), {
  name: domain.dnsRecords.apply((r) => [...r].sort((a, b) => a.name.localeCompare(b.name))[i].name),
  type: "CNAME",
  value: domain.dnsRecords.apply((r) => [...r].sort((a, b) => a.name.localeCompare(b.name))[i].value),
}));
const timeout = cfg.get("customTimeout");
const verification = new sm.DomainVerification("site-verification", {
  domainId: domain.domainId, domainName: domain.domainName, pollIntervalSeconds: 0.5, maxPollIntervalSeconds: 1,
  timeoutSeconds: Number(cfg.get("timeoutSeconds") || 600),
}, { dependsOn: records, ...(timeout ? { customTimeouts: { create: timeout, update: timeout } } : {}) });
if (cfg.getBoolean("withImported")) new sm.Domain("imported", { domain: "handmade.example", externalId: "by-hand", metadata: { team: "ops" } });
exports.domainId = domain.domainId;
exports.status = verification.status;
exports.waitedSeconds = verification.waitedSeconds;
`;

const domainType = "sendmailos:index:Domain";
const verificationType = "sendmailos:index:DomainVerification";

interface PreviewStep {
  op: string;
  urn: string;
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> | null;
  replaceReasons?: string[];
}

describe("e2e: the native provider plugin under the real engine", function () {
  this.timeout(20 * 60 * 1000);
  let emulator: RunningEmulator;
  let project: PulumiProject;

  before(async () => {
    emulator = await startEmulator({ verification: { checkIntervalMs: 200 }, rateLimits: false });
    project = await createNativeProject({
      name: "native",
      programJs: program,
      config: {
        "sendmailos:apiKey": { value: emulator.apiKey, secret: true },
        "sendmailos:baseUrl": emulator.baseUrl,
        domain: "acme.example",
        externalId: "client_1",
      },
    });
  });
  after(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  const steps = async (): Promise<PreviewStep[]> => (await project.preview()).steps as PreviewStep[];
  const stepOf = (all: PreviewStep[], name: string) => all.find((s) => s.urn.endsWith(`::${name}`));

  it("up registers, publishes and verifies; the emulator's DNS is found without settings", async () => {
    const up = await project.up();
    assert.equal(up.changes["create"], 6, JSON.stringify(up.changes));
    assert.equal((await project.outputs())["status"], "verified");
    const resources = await project.resources();
    assert.ok(resources.some((r) => r.type === domainType && r.outputs?.["domainName"] === "acme.example"));
    assert.ok(!JSON.stringify(resources).includes(emulator.apiKey), "the key is in state");
  });

  it("a second preview shows no change", async () => {
    const all = await steps();
    assert.deepEqual(
      all.filter((s) => s.op !== "same").map((s) => s.op),
      [],
    );
  });

  it("a metadata change previews as one exact update, with a detailedDiff per key", async () => {
    await project.setConfig("metadata", JSON.stringify({ plan: "pro" }));
    await project.setConfig("externalId", "client_2");
    const all = await steps();
    assert.deepEqual(
      all.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`),
      ["update site"],
    );
    assert.deepEqual(stepOf(all, "site")!.detailedDiff, {
      externalId: { kind: "update", inputDiff: true },
      "metadata.plan": { kind: "add", inputDiff: true },
    });
    const up = await project.up();
    assert.equal(up.changes["update"], 1);
    assert.deepEqual(emulator.domains()[0]!.metadata, { plan: "pro" });
  });

  it("a domain change previews as a replacement, says why in detailedDiff, and warns", async () => {
    await project.setConfig("domain", "acme.org");
    const preview = await project.preview();
    const site = stepOf(preview.steps as PreviewStep[], "site")!;
    assert.match(site.op, /replace/);
    assert.deepEqual(site.detailedDiff, { domain: { kind: "update-replace", inputDiff: true } });
    assert.match(preview.warnings.join("\n"), /REPLACING SendMailOS domain acme\.example \(domain acme\.example -> acme\.org\)/);
    await project.setConfig("domain", "acme.example");
  });

  it("pulumi import adopts a domain registered by hand, and the next preview shows no change", async () => {
    const response = await fetch(`${emulator.baseUrl}/domains`, {
      method: "POST",
      headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ domain: "handmade.example", external_id: "by-hand", metadata: { team: "ops" } }),
    });
    const id = ((await response.json()) as { domain: { id: string } }).domain.id;
    // Code generation needs the language host's GenerateProgram, which ours lacks; the YAML test checks the generated code.
    const args = [
      "import",
      domainType,
      "imported",
      id,
      "--yes",
      "--protect=false",
      "--generate-code=false",
      "--stack",
      project.stack,
      "--non-interactive",
    ];
    await project.run(args, { check: true });
    const state = (await project.resources()).find((r) => r.urn.endsWith("::imported"))!;
    assert.deepEqual(state.inputs, {
      adoptExisting: false,
      deletionPolicy: "delete",
      domain: "handmade.example",
      externalId: "by-hand",
      metadata: { team: "ops" },
    });
    await project.setConfig("withImported", "true");
    const all = await steps();
    assert.deepEqual(
      all.filter((s) => s.op !== "same").map((s) => s.op),
      [],
      JSON.stringify(all.map((s) => [s.op, s.detailedDiff])),
    );
    assert.equal(emulator.domains().filter((d) => d.domain_name === "handmade.example").length, 1);
  });

  it("customTimeouts bound a verification wait, and the next up resumes it", async () => {
    await project.destroy();
    await emulator.stop();
    emulator = await startEmulator({ verification: { mode: "manual" }, rateLimits: false });
    await project.setConfig("sendmailos:baseUrl", emulator.baseUrl);
    await project.setConfig("withImported", "false");
    await project.setConfig("customTimeout", "3s");
    const up = await project.up({ check: false });
    assert.notEqual(up.code, 0);
    assert.match(up.errors.join("\n"), /acme\.example is still pending after waiting \d+s \(customTimeouts 3s\)/);
    const verification = (await project.resources()).find((r) => r.type === verificationType);
    assert.equal(verification?.outputs?.["status"], "pending", "kept in state as a partial failure");
  });

  it("the first Ctrl-C stops a running wait within seconds, leaves state consistent, and the next up resumes", async () => {
    await project.setConfig("customTimeout", "10m");
    const interrupted = await upInterruptedOnce(project, /acme\.example: pending after/);
    // The proof that the cancel worked is the plugin's own "Stopped waiting" line; the bound only separates "stopped
    // on the signal" from "waited out its 10-minute timeout", with room for a busy machine's shutdown.
    assert.ok(interrupted.secondsFromSignalToExit < 60, `the CLI took ${interrupted.secondsFromSignalToExit}s to stop`);
    assert.notEqual(interrupted.code, 0);
    assert.match(interrupted.output, /Stopped waiting for acme\.example \(cancelled after \d+s\)\. Nothing was lost/);
    const exported = await project.exportStack();
    assert.deepEqual(exported.deployment.pending_operations ?? [], [], "no pending operation left behind");
    const verification = exported.deployment.resources?.find((r) => r.type === verificationType);
    assert.equal(verification?.outputs?.["status"], "pending");
    assert.equal(emulator.domains().length, 1);

    emulator.setStatus(emulator.domains()[0]!.id, "verified");
    const up = await project.up();
    assert.equal(up.changes["create"] ?? 0, 0, JSON.stringify(up.changes));
    assert.equal((await project.outputs())["status"], "verified");
    assert.equal(emulator.domains().length, 1, "no duplicate domain");
  });

  it("destroy removes everything", async () => {
    await project.destroy();
    assert.deepEqual(emulator.domains(), []);
  });
});

describe("e2e: explicit native providers for two accounts in one program", function () {
  this.timeout(15 * 60 * 1000);
  let emulator: RunningEmulator;
  let project: PulumiProject;
  const keys = { a: "sk_test_agency_a", a2: "sk_test_agency_a_rotated", b: "sk_test_agency_b" };

  const twoAccounts = `
const pulumi = require("@pulumi/pulumi");
const sm = require("pulumi-sendmailos/native");
const cfg = new pulumi.Config();
const a = new sm.Provider("agency-a", { apiKey: cfg.requireSecret("keyA"), baseUrl: cfg.require("baseUrl") });
const b = new sm.Provider("agency-b", { apiKey: cfg.requireSecret("keyB"), baseUrl: cfg.require("baseUrl") });
exports.a = new sm.Domain("client-a", { domain: "client-a.example" }, { provider: a }).domainId;
exports.b = new sm.Domain("client-b", { domain: "client-b.example" }, { provider: b }).domainId;
`;

  before(async () => {
    emulator = await startEmulator({
      rateLimits: false,
      apiKeys: [
        { key: keys.a, workspace: "ws_a" },
        { key: keys.a2, workspace: "ws_a" },
        { key: keys.b, workspace: "ws_b" },
      ],
    });
    project = await createNativeProject({
      name: "accounts",
      programJs: twoAccounts,
      config: { keyA: { value: keys.a, secret: true }, keyB: { value: keys.b, secret: true }, baseUrl: emulator.baseUrl },
    });
  });
  after(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  it("manages a domain in each account", async () => {
    await project.up();
    const byWorkspace = Object.fromEntries(emulator.domains().map((d) => [d.workspace, d.domain_name]));
    assert.deepEqual(byWorkspace, { ws_a: "client-a.example", ws_b: "client-b.example" });
    assert.ok(!JSON.stringify(await project.exportStack()).includes(keys.a), "a key in clear in state");
  });

  it("a rotated key updates the provider and replaces nothing", async () => {
    await project.setConfig("keyA", keys.a2, { secret: true });
    const preview = await project.preview();
    const changed = (preview.steps as PreviewStep[]).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`);
    assert.deepEqual(changed, ["update agency-a"]);
    await project.up();
    assert.equal(emulator.domains().length, 2);
  });

  it("refuses a bad provider configuration at preview, naming the field", async () => {
    await project.setConfig("baseUrl", "ftp://sendmailos.example/api/v1");
    const preview = await project.preview({ check: false });
    assert.notEqual(preview.code, 0);
    assert.match(preview.errors.join("\n"), /baseUrl must be an http\(s\) URL/);
    await project.setConfig("baseUrl", emulator.baseUrl);
  });

  it("destroy removes both", async () => {
    await project.destroy();
    assert.deepEqual(emulator.domains(), []);
  });
});
