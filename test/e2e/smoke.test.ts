/**
 * Smoke test of the real Pulumi engine, offline: up, a no-change preview, refresh (with drift), destroy, on a
 * local file backend, with a minimal dynamic resource that creates a domain on the SendMailOS emulator.
 *
 * The engine comes from test/e2e/harness.ts (PULUMI_BIN_DIR, or scripts/ensure-pulumi.sh). When it cannot be
 * had the `before` hook fails loudly: this test never skips.
 */
import * as assert from "assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { getPulumiBinDir, PulumiProject } from "./harness";

const DOMAIN = "smoke.example.com";
const RESOURCE_TYPE = "pulumi-nodejs:dynamic/smoke:Domain";

/**
 * The program. Its provider captures nothing: the emulator URL and the API key come from the stack config
 * through configure() at run time, so neither lands in the serialized provider that the state keeps.
 */
const PROGRAM = String.raw`"use strict";
const pulumi = require("@pulumi/pulumi");

async function call(settings, method, path, body) {
    const res = await fetch(settings.baseUrl + path, {
        method,
        headers: {
            authorization: "Bearer " + settings.apiKey,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const provider = {
    async configure(req) {
        this.settings = { baseUrl: req.config.get("smoke:baseUrl"), apiKey: req.config.get("smoke:apiKey") };
    },
    async create(inputs) {
        const r = await call(this.settings, "POST", "/domains", { domain: inputs.domain });
        if (r.status !== 201) {
            throw new Error("create " + inputs.domain + ": HTTP " + r.status + " " + JSON.stringify(r.body));
        }
        return { id: r.body.domain.id, outs: { domain: r.body.domain.domain_name, status: r.body.domain.status } };
    },
    async read(id, props) {
        const r = await call(this.settings, "GET", "/domains/" + encodeURIComponent(id));
        if (r.status === 404) {
            return { id: "", props: {} };
        }
        if (r.status !== 200) {
            throw new Error("read " + id + ": HTTP " + r.status + " " + JSON.stringify(r.body));
        }
        return { id, props: { ...props, domain: r.body.domain.domain_name, status: r.body.domain.status } };
    },
    async diff(id, olds, news) {
        const changed = olds.domain !== news.domain;
        return { changes: changed, replaces: changed ? ["domain"] : [], deleteBeforeReplace: true };
    },
    async delete(id) {
        const r = await call(this.settings, "DELETE", "/domains/" + encodeURIComponent(id));
        if (r.status !== 200 && r.status !== 404) {
            throw new Error("delete " + id + ": HTTP " + r.status + " " + JSON.stringify(r.body));
        }
    },
};

const config = new pulumi.Config();
const domain = new pulumi.dynamic.Resource(provider, "domain", { domain: config.require("domain"), status: undefined }, {}, "smoke", "Domain");
exports.domainId = domain.id;
exports.status = domain.status;
`;

describe("e2e smoke: the real Pulumi engine, offline", function () {
  let emulator: RunningEmulator | undefined;
  let project: PulumiProject | undefined;
  const started = Date.now();

  before(async function () {
    // Obtaining the CLI may mean a one-time build (10-25 minutes cold, about a second warm).
    this.timeout(45 * 60 * 1000);
    await getPulumiBinDir();
    this.timeout(3 * 60 * 1000);
    emulator = await startEmulator({ verification: { mode: "manual" }, rateLimits: false });
    project = await PulumiProject.create({
      name: "smoke",
      programJs: PROGRAM,
      config: {
        domain: DOMAIN,
        baseUrl: emulator.baseUrl,
        apiKey: { value: emulator.apiKey, secret: true },
      },
    });
  });

  after(async function () {
    this.timeout(3 * 60 * 1000);
    await project?.dispose();
    await emulator?.stop();
    process.stderr.write(`      (e2e smoke: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  });

  it("up creates the domain through the dynamic provider", async function () {
    this.timeout(4 * 60 * 1000);
    const up = await project!.up();
    assert.strictEqual(up.changes.create, 2, `expected stack + domain created, got ${JSON.stringify(up.changes)}`);
    const domains = emulator!.domains();
    assert.strictEqual(domains.length, 1);
    assert.strictEqual(domains[0]!.domain_name, DOMAIN);

    const outputs = await project!.outputs();
    assert.strictEqual(outputs.domainId, domains[0]!.id);
    assert.strictEqual(outputs.status, "pending");

    const state = await project!.exportStack();
    const resource = (state.deployment.resources ?? []).find((r) => r.type === RESOURCE_TYPE);
    assert.ok(resource, `no ${RESOURCE_TYPE} in state`);
    assert.strictEqual(resource.id, domains[0]!.id);
    // The key is only in the state encrypted: the engine records the whole stack config (secrets as
    // ciphertext) as the inputs of the default pulumi-nodejs provider resource.
    assert.ok(!JSON.stringify(state).includes(emulator!.apiKey), "the API key is in the state in plain text");
    // The serialized provider holds neither the key nor the emulator's address.
    const providerText = String(resource.outputs?.__provider ?? "");
    assert.ok(!providerText.includes(emulator!.apiKey), "the API key leaked into the provider");
    assert.ok(providerText.length > 0, "no __provider in state");
    assert.ok(!providerText.includes(String(emulator!.port)), "the emulator address leaked into the provider");
  });

  it("preview after up plans no change", async function () {
    this.timeout(4 * 60 * 1000);
    const preview = await project!.preview();
    assert.strictEqual(preview.hasChanges, false, `unexpected changes: ${JSON.stringify(preview.changes)}`);
    assert.strictEqual(preview.changes.same, 2);
  });

  it("refresh reads the domain and brings drift into the state", async function () {
    this.timeout(4 * 60 * 1000);
    const id = emulator!.domains()[0]!.id;
    emulator!.setStatus(id, "verified");
    const refresh = await project!.refresh();
    // Pulumi 3.274 counts a refresh that changed only outputs as "same": check the state instead.
    assert.deepStrictEqual(refresh.errors, []);
    const resource = (await project!.resources()).find((r) => r.type === RESOURCE_TYPE);
    assert.strictEqual(resource?.outputs?.status, "verified");
    assert.strictEqual(resource?.id, id);
  });

  it("destroy deletes the domain and empties the stack", async function () {
    this.timeout(4 * 60 * 1000);
    const destroy = await project!.destroy();
    assert.ok((destroy.changes.delete ?? 0) >= 1, `expected deletes, got ${JSON.stringify(destroy.changes)}`);
    assert.strictEqual(emulator!.domains().length, 0);
    assert.strictEqual((await project!.resources()).length, 0);
  });
});
