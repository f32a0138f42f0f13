import { strict as assert } from "node:assert";
import { checkDomainInputs } from "../../../provider/domain/domain-inputs";
import { unknownValue } from "../../../provider/runtime/unknown";

describe("checkDomainInputs", () => {
  it("normalizes the domain and applies defaults", () => {
    const { inputs, failures } = checkDomainInputs({ domain: "Acme.COM." });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { domain: "acme.com", adoptExisting: false, deletionPolicy: "delete" });
  });

  it("keeps externalId, metadata and workspaceId when valid", () => {
    const { inputs, failures } = checkDomainInputs({
      domain: "acme.com",
      externalId: "client_1",
      metadata: { plan: "enterprise" },
      workspaceId: "ws_abc",
      adoptExisting: true,
      deletionPolicy: "retain",
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, {
      domain: "acme.com",
      externalId: "client_1",
      metadata: { plan: "enterprise" },
      workspaceId: "ws_abc",
      adoptExisting: true,
      deletionPolicy: "retain",
    });
  });

  it("names every bad property with its fix", () => {
    const { failures } = checkDomainInputs({
      domain: "https://acme.com",
      externalId: "",
      metadata: { plan: 3, "": "x" },
      workspaceId: "acme",
      adoptExisting: "yes",
      deletionPolicy: "keep",
    });
    const byProperty = new Map(failures.map((f) => [f.property, f.reason]));
    assert.match(byProperty.get("domain")!, /looks like a URL/);
    assert.match(byProperty.get("externalId")!, /non-empty string/);
    assert.match(byProperty.get("metadata.plan")!, /must be a string.*quote it/);
    assert.match(byProperty.get("metadata")!, /empty key/);
    assert.match(byProperty.get("workspaceId")!, /ws_/);
    assert.match(byProperty.get("adoptExisting")!, /true or false/);
    assert.match(byProperty.get("deletionPolicy")!, /"delete" or "retain"/);
  });

  it("requires the domain", () => {
    const { failures } = checkDomainInputs({});
    assert.deepEqual(failures.map((f) => f.property), ["domain"]);
  });

  it("lets values that are unknown during preview through untouched", () => {
    const { inputs, failures } = checkDomainInputs({ domain: unknownValue, metadata: { a: unknownValue }, externalId: unknownValue });
    assert.deepEqual(failures, []);
    assert.equal(inputs.domain, unknownValue);
    assert.equal(inputs.externalId, unknownValue);
  });
});
