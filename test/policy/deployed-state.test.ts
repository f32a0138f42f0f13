import { strict as assert } from "node:assert";
import { deployedResources, DeployedStateError, parseStackExport, stackReference } from "../../policy/deployed-state";

describe("stackReference", () => {
  it("qualifies the stack the engine names", () => {
    assert.equal(
      stackReference({ PULUMI_NODEJS_ORGANIZATION: "acme", PULUMI_NODEJS_PROJECT: "p", PULUMI_NODEJS_STACK: "prod" }),
      "acme/p/prod",
    );
    assert.equal(stackReference({ PULUMI_NODEJS_PROJECT: "p", PULUMI_NODEJS_STACK: "prod" }), "organization/p/prod");
  });

  it("says how to run the pack when it was not told the stack", () => {
    assert.throws(
      () => stackReference({}),
      (e: unknown) => e instanceof DeployedStateError && /run it with `pulumi preview --policy-pack <dir>`/.test(e.message),
    );
  });
});

describe("parseStackExport", () => {
  it("reads the resources of a deployment", () => {
    const text = JSON.stringify({
      version: 3,
      deployment: {
        resources: [
          { urn: "u", type: "t", id: "i", inputs: { a: 1 }, outputs: { b: 2 }, dependencies: ["d"] },
          { urn: "s", type: "pulumi:pulumi:Stack" },
        ],
      },
    });
    assert.deepEqual(parseStackExport(text), [
      { urn: "u", type: "t", id: "i", inputs: { a: 1 }, outputs: { b: 2 }, dependencies: ["d"] },
      { urn: "s", type: "pulumi:pulumi:Stack", inputs: {}, outputs: {}, dependencies: [] },
    ]);
  });

  it("reads a stack never deployed as no resources", () => {
    assert.deepEqual(parseStackExport(JSON.stringify({ version: 3, deployment: { manifest: {} } })), []);
  });

  it("refuses what is not an export, saying so", () => {
    assert.throws(() => parseStackExport("error: no stack"), /did not print JSON/);
    assert.throws(() => parseStackExport("{}"), /printed an unexpected shape: deployment: /);
  });
});

describe("deployedResources", () => {
  it("says which stack it could not read and why when the CLI cannot run", async () => {
    await assert.rejects(
      deployedResources({ PULUMI_NODEJS_PROJECT: "p", PULUMI_NODEJS_STACK: "s", PATH: "/nonexistent" }),
      (e: unknown) =>
        e instanceof DeployedStateError &&
        /^cannot read the deployed state of organization\/p\/s with `pulumi stack export`: .*ENOENT/.test(e.message),
    );
  });
});
