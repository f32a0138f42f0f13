import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../../../provider/dynamic/shim";
import { providerKinds, type ProviderKind } from "../../../provider/dynamic/kinds";
import { Domain } from "../../../provider/domain/domain";
import { setSettings, resetClients } from "../../../provider/runtime/context";
import { installMocks, settle } from "../../support/pulumi-mocks";

const secret = "sk_live_do_not_store_me_0123456789";

/** Serializes a shim exactly as `pulumi.dynamic.Resource` does. */
async function serialize(kind: ProviderKind): Promise<string> {
  const provider = providerShim(kind);
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  assert.equal(serialized.containsSecrets, false);
  return serialized.text;
}

/** Loads serialized provider text the way the dynamic-provider host does, resolving from the repo. */
function deserialize(text: string): pulumi.dynamic.ResourceProvider {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFromString = require("require-from-string") as (
    code: string,
    filename: string,
  ) => { handler: () => pulumi.dynamic.ResourceProvider };
  return requireFromString(text, path.join(process.cwd(), "__provider.js")).handler();
}

describe("the serialized provider shim", () => {
  before(() => setSettings({ apiKey: secret, baseUrl: "http://127.0.0.1:9/api/v1" }));
  after(() => {
    setSettings({});
    resetClients();
  });

  for (const kind of providerKinds) {
    describe(kind, () => {
      it("stays under 2 KB", async () => {
        const text = await serialize(kind);
        assert.ok(text.length < 2048, `${text.length} bytes`);
      });

      it("holds no secret and no machine path", async () => {
        const text = await serialize(kind);
        assert.ok(!text.includes(secret));
        assert.ok(!text.includes(process.cwd()), "repository path");
        assert.ok(!/["'`]\/(?:[\w.-]+\/)+/.test(text), "an absolute path");
        assert.ok(!text.includes("node_modules"), "an installation path");
        assert.match(text, /require\("pulumi-sendmailos\/dynamic\/v1"\)/);
      });
    });
  }

  it("is what a Domain puts in state", async () => {
    const declared = await installMocks();
    new Domain("acme", { domain: "acme.com" });
    await settle();
    const text = declared.find((d) => d.name === "acme")!.inputs["__provider"] as string;
    assert.equal(text, await serialize("domain"));
  });

  it("attaches the real methods when the host calls configure, and they work", async () => {
    const provider = deserialize(await serialize("domain"));
    assert.equal(provider.check, undefined, "only configure and create before configure");
    await provider.configure!({ config: { get: (key: string) => (key === "sendmailos:apiKey" ? secret : undefined), require: () => "" } });
    assert.equal(typeof provider.check, "function");
    assert.equal(typeof provider.diff, "function");
    assert.equal(typeof provider.read, "function");
    assert.equal(typeof provider.update, "function");
    assert.equal(typeof provider.delete, "function");
    const result = await provider.check!({}, { domain: "ACME.com." });
    assert.equal(result.inputs?.domain, "acme.com");
  });
});
