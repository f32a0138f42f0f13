import { strict as assert } from "node:assert";
import { inspect } from "node:util";
import { domainOperations } from "../../../provider/domain/domain-operations";
import type { DomainInputs } from "../../../provider/domain/domain-schema";
import type { DomainState } from "../../../provider/domain/domain-state";
import { setSettings } from "../../../provider/runtime/context";
import { startProviderFixture, type ProviderFixture } from "../../support/provider-context";

/** Runs check then create, as the engine does. */
async function register(raw: Record<string, unknown>): Promise<{ id: string; outs: DomainState }> {
  const { inputs, failures } = await domainOperations.check({}, raw);
  assert.deepEqual(failures, []);
  const { id, state } = await domainOperations.create(inputs as DomainInputs, {});
  return { id, outs: state };
}

describe("domainOperations against the emulator", () => {
  let fx: ProviderFixture;
  beforeEach(async () => {
    fx = await startProviderFixture();
  });
  afterEach(async () => {
    await fx.stop();
  });

  describe("check", () => {
    it("fails with the config command when no API key is configured, once in full, without a stack", async () => {
      setSettings({});
      const first = await domainOperations.check({}, { domain: "acme.com" });
      assert.deepEqual(
        first.failures.map((f) => f.property),
        [""],
      );
      assert.match(first.failures[0]!.reason, /pulumi config set --secret sendmailos:apiKey/);
      assert.doesNotMatch(first.failures[0]!.reason, /\bat .*\.js:\d+/);
      const second = await domainOperations.check({}, { domain: "other.com" });
      assert.equal(second.failures[0]!.reason, "no SendMailOS API key is configured (see the first error)");
    });
  });

  describe("create", () => {
    it("registers the domain and returns its three DKIM records", async () => {
      const { id, outs } = await register({ domain: "Acme.com.", externalId: "c1", metadata: { plan: "pro" } });
      assert.equal(outs.domainId, id);
      assert.equal(outs.domainName, "acme.com");
      assert.equal(outs.status, "pending");
      assert.equal(outs.externalId, "c1");
      assert.deepEqual(outs.metadata, { plan: "pro" });
      assert.equal(outs.dkimTokens.length, 3);
      assert.deepEqual(
        outs.dnsRecords,
        outs.dkimTokens.map((t) => ({ type: "CNAME", name: `${t}._domainkey.acme.com`, value: `${t}.dkim.amazonses.com` })),
      );
      assert.equal(fx.emulator.domains().length, 1);
    });

    it("fails on a domain registered elsewhere and explains adoptExisting", async () => {
      await register({ domain: "acme.com" });
      await assert.rejects(register({ domain: "acme.com" }), (error: Error) => {
        assert.match(error.message, /acme\.com is already registered in SendMailOS/);
        assert.match(error.message, /adoptExisting: true/);
        assert.match(error.message, /pulumi import sendmailos:index:Domain <name> [0-9a-f-]{36}/);
        return true;
      });
      assert.equal(fx.emulator.domains().length, 1);
    });

    it("adopts an existing domain and brings externalId and metadata in line", async () => {
      const first = await register({ domain: "acme.com", externalId: "by-hand" });
      const { id, outs } = await register({ domain: "acme.com", externalId: "c1", metadata: { plan: "pro" }, adoptExisting: true });
      assert.equal(id, first.id);
      assert.equal(outs.adopted, true);
      assert.equal(outs.externalId, "c1");
      assert.deepEqual(outs.metadata, { plan: "pro" });
      assert.deepEqual(outs.dkimTokens, first.outs.dkimTokens);
      assert.equal(fx.emulator.domains().length, 1);
    });

    for (const failWith of ["error", "reset"] as const) {
      it(`neither duplicates nor fails when the response to a committed create is lost (${failWith})`, async () => {
        fx.emulator.injectFault({ kind: "commit-then-fail", failWith, method: "POST", pathPrefix: "/api/v1/domains" });
        const { id, outs } = await register({ domain: "acme.com", externalId: "c1" });
        assert.equal(outs.domainName, "acme.com");
        assert.equal(fx.emulator.domains().length, 1);
        assert.equal(fx.emulator.domains()[0]!.id, id);
      });
    }
  });

  describe("read", () => {
    it("brings drift of externalId and metadata back as inputs, so the next diff shows it", async () => {
      const { id, outs } = await register({ domain: "acme.com", externalId: "c1", metadata: { plan: "pro" } });
      const response = await fetch(`${fx.emulator.baseUrl}/domains/${id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${fx.emulator.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ external_id: "changed-by-hand", metadata: { plan: "free" } }),
      });
      assert.equal(response.status, 200);
      const read = await domainOperations.read(id, outs);
      assert.equal(read!.id, id);
      assert.equal(read!.state.externalId, "changed-by-hand");
      assert.deepEqual(read!.inputs.metadata, { plan: "free" });
      const diff = await domainOperations.diff(id, read!.state, {
        domain: "acme.com",
        externalId: "c1",
        metadata: { plan: "pro" },
        adoptExisting: false,
        deletionPolicy: "delete",
      });
      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces, []);
      assert.deepEqual(
        diff.properties.map((p) => p.path),
        ["externalId", "metadata.plan"],
      );
    });

    it("reports live status and verifiedAt", async () => {
      const { id, outs } = await register({ domain: "acme.com" });
      fx.emulator.setStatus(id, "verified");
      const read = await domainOperations.read(id, outs);
      assert.equal(read!.state.status, "verified");
      assert.ok(read!.state.verifiedAt);
    });

    it("drops a domain deleted outside Pulumi from state", async () => {
      const { id, outs } = await register({ domain: "acme.com" });
      await fetch(`${fx.emulator.baseUrl}/domains/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${fx.emulator.apiKey}` } });
      const read = await domainOperations.read(id, outs);
      assert.equal(read, undefined);
      assert.match(fx.lines.join("\n"), /no longer exists in SendMailOS.*registers it again/);
    });

    it("never drops a domain that a cut list leaves out: it asks for it by id first", async () => {
      await fx.stop();
      fx = await startProviderFixture({ pagination: { style: "truncate", pageSize: 2 } });
      const created = [];
      for (const name of ["a.example", "b.example", "c.example"]) created.push(await register({ domain: name }));
      const last = created[2]!;
      const read = await domainOperations.read(last.id, last.outs);
      assert.equal(read?.id, last.id, "kept in state");
      assert.ok(!fx.lines.some((l) => /no longer exists/.test(l)));
    });

    it("shares one list request between concurrent reads", async () => {
      const created = [];
      for (const name of ["a.example", "b.example", "c.example", "d.example"]) created.push(await register({ domain: name }));
      fx.emulator.resetStats();
      const reads = await Promise.all(created.map(({ id, outs }) => domainOperations.read(id, outs)));
      assert.ok(reads.every((r) => r?.id !== undefined));
      assert.equal(fx.emulator.stats().requests["GET /api/v1/domains"], 1);
      assert.equal(fx.emulator.stats().total, 1);
    });
  });

  describe("read for an import (empty state)", () => {
    it("takes the inputs from what SendMailOS has, so the next diff against the same program is empty", async () => {
      const { id } = await register({ domain: "acme.com", externalId: "c1", metadata: { plan: "pro" } });
      const read = await domainOperations.read(id, {});
      assert.deepEqual(read!.inputs, {
        domain: "acme.com",
        externalId: "c1",
        metadata: { plan: "pro" },
        adoptExisting: false,
        deletionPolicy: "delete",
      });
      const program = await domainOperations.check({}, { domain: "Acme.com", externalId: "c1", metadata: { plan: "pro" } });
      assert.equal((await domainOperations.diff(id, read!.state, program.inputs as DomainInputs)).changes, false);
    });

    it("leaves empty metadata and a missing externalId out of the imported inputs", async () => {
      const { id } = await register({ domain: "bare.example" });
      assert.deepEqual((await domainOperations.read(id, {}))!.inputs, {
        domain: "bare.example",
        adoptExisting: false,
        deletionPolicy: "delete",
      });
    });
  });

  describe("previewUpdate", () => {
    it("keeps the registration and shows the new externalId and metadata", async () => {
      const { id, outs } = await register({ domain: "acme.com", externalId: "c1" });
      const preview = domainOperations.previewUpdate!(id, outs, {
        domain: "acme.com",
        externalId: "c2",
        metadata: { k: "v" },
        adoptExisting: false,
        deletionPolicy: "delete",
      });
      assert.deepEqual({ ...outs, externalId: "c2", metadata: { k: "v" } }, preview);
    });
  });

  describe("update", () => {
    it("changes externalId and metadata in place", async () => {
      const { id, outs } = await register({ domain: "acme.com", externalId: "c1" });
      const updated = await domainOperations.update(
        id,
        outs,
        { domain: "acme.com", externalId: "c2", metadata: { k: "v" }, adoptExisting: false, deletionPolicy: "delete" },
        {},
      );
      assert.equal(updated.externalId, "c2");
      assert.deepEqual(updated.metadata, { k: "v" });
      assert.equal(updated.domainId, id);
      assert.equal(fx.emulator.domains()[0]!.external_id, "c2");
    });

    it("fails clearly, without replacing, when the server cannot PATCH", async () => {
      await fx.stop();
      fx = await startProviderFixture({ assumedEndpoints: ["GET", "DELETE"] });
      const { id, outs } = await register({ domain: "acme.com", externalId: "c1" });
      await assert.rejects(
        domainOperations.update(id, outs, { domain: "acme.com", externalId: "c2", adoptExisting: false, deletionPolicy: "delete" }, {}),
        /could not update externalId of acme\.com in place.*NOT replaced/s,
      );
      assert.equal(fx.emulator.domains()[0]!.id, id);
    });
  });

  describe("delete", () => {
    it("deletes the domain, and counts an already deleted one as done", async () => {
      const { id, outs } = await register({ domain: "acme.com" });
      await domainOperations.delete(id, outs);
      assert.equal(fx.emulator.domains().length, 0);
      await domainOperations.delete(id, outs);
    });

    it("leaves the domain in SendMailOS with deletionPolicy retain, and says so", async () => {
      const { id, outs } = await register({ domain: "acme.com", deletionPolicy: "retain" });
      await domainOperations.delete(id, outs);
      assert.equal(fx.emulator.domains().length, 1);
      assert.match(fx.lines.join("\n"), /retained in SendMailOS/);
    });

    it("suggests retain when the server cannot delete", async () => {
      await fx.stop();
      fx = await startProviderFixture({ assumedEndpoints: ["GET", "PATCH"] });
      const { id, outs } = await register({ domain: "acme.com" });
      await assert.rejects(domainOperations.delete(id, outs), /could not delete acme\.com.*deletionPolicy: "retain"/s);
    });
  });

  it("never puts the API key in an error", async () => {
    const errors: unknown[] = [];
    await register({ domain: "acme.com" });
    await register({ domain: "acme.com" }).catch((e) => errors.push(e));
    setSettings({ apiKey: "sk_live_wrong_key_123456", baseUrl: fx.emulator.baseUrl });
    await register({ domain: "other.com" }).catch((e) => errors.push(e));
    assert.equal(errors.length, 2);
    for (const error of errors) {
      const text = `${inspect(error, { depth: 10, showHidden: true })} ${(error as Error).stack}`;
      assert.ok(!text.includes(fx.emulator.apiKey), "emulator key leaked");
      assert.ok(!text.includes("sk_live_wrong_key_123456"), "wrong key leaked");
    }
    assert.match((errors[1] as Error).message, /API key/i);
  });
});
