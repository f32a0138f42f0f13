import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { PulumiProject } from "./harness";
import { emulatorStackConfig, singleDomainProgram } from "./single-domain-program";

const domainType = "pulumi-nodejs:dynamic/sendmailos:Domain";

describe("e2e: Domain and DomainVerification under the real engine", function () {
  this.timeout(10 * 60 * 1000);
  let emulator: RunningEmulator;
  let project: PulumiProject;

  before(async () => {
    emulator = await startEmulator({ verification: { checkIntervalMs: 200 }, rateLimits: false });
    project = await PulumiProject.create({
      programJs: singleDomainProgram,
      config: {
        ...emulatorStackConfig(emulator),
        domain: "Acme.example.",
        externalId: "client_1",
      },
    });
    await project.setConfig("metadata", JSON.stringify({ plan: "pro", region: "eu" }));
  });
  after(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${emulator.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
    });

  it("up registers the domain, publishes its records in DNS and waits until verified", async () => {
    const up = await project.up();
    assert.equal(up.changes["create"], 6, JSON.stringify(up.changes)); // stack, domain, 3 records, verification
    const outputs = await project.outputs();
    assert.equal(outputs["status"], "verified");
    assert.equal(emulator.domains().length, 1);
    assert.equal(emulator.domains()[0]!.domain_name, "acme.example");
    assert.equal(emulator.domains()[0]!.status, "verified");
    assert.deepEqual(
      (outputs["records"] as { state: string }[]).map((r) => r.state),
      ["ok", "ok", "ok"],
    );
  });

  it("a second preview shows no change", async () => {
    const preview = await project.preview();
    assert.equal(preview.hasChanges, false, JSON.stringify(preview.changes));
  });

  it("keeps the API key out of the exported state and out of every provider text", async () => {
    // The engine keeps stack config as the default provider's inputs, encrypted: the key is never in clear.
    const exported = JSON.stringify(await project.exportStack());
    const at = exported.indexOf(emulator.apiKey);
    assert.ok(at < 0, exported.slice(Math.max(0, at - 600), at + 100));
    for (const resource of await project.resources()) {
      const provider = resource.inputs?.["__provider"];
      if (typeof provider === "string") assert.ok(provider.length < 2048, `${resource.urn}: ${provider.length} bytes`);
    }
  });

  it("a metadata change (keys reordered too) updates the domain in place", async () => {
    const before = (await project.outputs())["domainId"];
    await project.setConfig("metadata", JSON.stringify({ region: "eu", plan: "enterprise" }));
    const preview = await project.preview();
    assert.deepEqual(preview.changes, { same: 5, update: 1 }, JSON.stringify(preview.changes));
    const up = await project.up();
    assert.equal(up.changes["update"], 1);
    assert.equal((await project.outputs())["domainId"], before);
    assert.deepEqual(emulator.domains()[0]!.metadata, { region: "eu", plan: "enterprise" });
  });

  it("drift made outside Pulumi appears after refresh and the next up repairs it", async () => {
    const id = String((await project.outputs())["domainId"]);
    assert.equal((await api(`/domains/${id}`, { method: "PATCH", body: JSON.stringify({ external_id: "edited-by-hand" }) })).status, 200);
    await project.refresh();
    const preview = await project.preview();
    assert.equal(preview.changes["update"], 1, JSON.stringify(preview.changes));
    await project.up();
    assert.equal(emulator.domains()[0]!.external_id, "client_1");
  });

  it("a domain change replaces it, and preview says loudly that DKIM keys rotate", async () => {
    const before = String((await project.outputs())["domainId"]);
    await project.setConfig("domain", "acme.org");
    const preview = await project.preview();
    const text = preview.warnings.join("\n");
    assert.ok(
      preview.steps.some((s) => s.urn.includes(domainType.replace(/\//g, "/")) && /replace/.test(s.op)),
      JSON.stringify(preview.steps.map((s) => s.op)),
    );
    assert.match(text, /REPLACING SendMailOS domain acme\.example \(domain acme\.example -> acme\.org\)/);
    assert.match(text, /NEW DKIM keys/);
    await project.up();
    const after = String((await project.outputs())["domainId"]);
    assert.notEqual(after, before);
    assert.deepEqual(
      emulator.domains().map((d) => d.domain_name),
      ["acme.org"],
    );
    assert.equal((await project.outputs())["status"], "verified");
  });

  it("a domain deleted outside Pulumi leaves state on refresh and is registered again by up", async () => {
    const before = String((await project.outputs())["domainId"]);
    assert.equal((await api(`/domains/${before}`, { method: "DELETE" })).status, 200);
    await project.refresh();
    assert.ok(!(await project.resources()).some((r) => r.type === domainType), "the domain left state");
    await project.up();
    const after = String((await project.outputs())["domainId"]);
    assert.notEqual(after, before);
    assert.deepEqual(
      emulator.domains().map((d) => d.domain_name),
      ["acme.org"],
    );
    assert.equal((await project.outputs())["status"], "verified");
  });

  it("a domain registered by hand fails with advice, then is taken over with adoptExisting", async () => {
    const created = await api("/domains", { method: "POST", body: JSON.stringify({ domain: "handmade.example" }) });
    assert.equal(created.status, 201);
    const handmade = ((await created.json()) as { domain: { id: string } }).domain.id;
    await project.setConfig("domain", "handmade.example");
    const refused = await project.up({ check: false });
    assert.notEqual(refused.code, 0);
    assert.match(refused.errors.join("\n"), /handmade\.example is already registered in SendMailOS.*adoptExisting: true/s);
    await project.setConfig("adoptExisting", "true");
    await project.up();
    assert.equal((await project.outputs())["domainId"], handmade);
    assert.equal(emulator.domains().filter((d) => d.domain_name === "handmade.example").length, 1);
    assert.equal(emulator.domains().find((d) => d.id === handmade)!.external_id, "client_1", "externalId brought in line");
  });

  it("destroy removes the domain from SendMailOS and its records from DNS", async () => {
    await project.destroy();
    assert.deepEqual(emulator.domains(), []);
    assert.deepEqual(emulator.dnsRecords(), []);
  });
});
