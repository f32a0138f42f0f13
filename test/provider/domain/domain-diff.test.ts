import { strict as assert } from "node:assert";
import { diffDomain } from "../../../provider/domain/domain-diff";
import type { DomainInputs } from "../../../provider/domain/domain-schema";
import type { DomainState } from "../../../provider/domain/domain-state";
import { unknownValue } from "../../../provider/runtime/unknown";

function state(overrides: Partial<DomainState> = {}): DomainState {
  return {
    domain: "acme.com",
    adoptExisting: false,
    deletionPolicy: "delete",
    domainId: "d-1",
    domainName: "acme.com",
    status: "pending",
    externalId: "client_1",
    metadata: { a: "1", b: "2" },
    dkimTokens: ["t1", "t2", "t3"],
    dnsRecords: [],
    createdAt: "2026-01-01T00:00:00Z",
    verifiedAt: null,
    adopted: false,
    ...overrides,
  };
}

function inputs(overrides: Partial<DomainInputs> = {}): DomainInputs {
  return {
    domain: "acme.com",
    externalId: "client_1",
    metadata: { a: "1", b: "2" },
    adoptExisting: false,
    deletionPolicy: "delete",
    ...overrides,
  };
}

describe("diffDomain", () => {
  it("reports no change for the same inputs", () => {
    assert.deepEqual(diffDomain(state(), inputs()), { changes: false, replaces: [], properties: [], deleteBeforeReplace: false });
  });

  it("ignores metadata key order", () => {
    assert.equal(diffDomain(state(), inputs({ metadata: { b: "2", a: "1" } })).changes, false);
  });

  it("ignores status and verifiedAt changes", () => {
    assert.equal(diffDomain(state({ status: "verified", verifiedAt: "2026-01-02T00:00:00Z" }), inputs()).changes, false);
  });

  it("treats absent and empty metadata as equal", () => {
    assert.equal(diffDomain(state({ metadata: {} }), inputs({ metadata: undefined })).changes, false);
  });

  it("updates externalId and metadata in place, metadata key by key", () => {
    const diff = diffDomain(state(), inputs({ externalId: "client_2", metadata: { a: "9", c: "3" } }));
    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(
      diff.properties.map((p) => `${p.kind} ${p.path}`),
      ["update externalId", "update metadata.a", "delete metadata.b", "add metadata.c"],
    );
    assert.ok(diff.properties.every((p) => !p.replaces && p.input));
    assert.equal(diff.changes, true);
    assert.equal(diff.warning, undefined);
  });

  it("replaces on a domain change and warns that DKIM keys rotate", () => {
    const diff = diffDomain(state(), inputs({ domain: "acme.org" }));
    assert.deepEqual(diff.replaces, ["domain"]);
    assert.deepEqual(diff.properties, [{ path: "domain", kind: "update", replaces: true, input: true }]);
    assert.match(diff.warning!, /REPLACING SendMailOS domain acme\.com \(domain acme\.com -> acme\.org\)/);
    assert.match(diff.warning!, /NEW DKIM keys/);
    assert.match(diff.warning!, /verify again/);
  });

  it("replaces on a workspace change", () => {
    const diff = diffDomain(state(), inputs({ workspaceId: "ws_other" }));
    assert.deepEqual(diff.replaces, ["workspaceId"]);
    assert.equal(diff.properties[0]!.kind, "add");
    assert.match(diff.warning!, /workspaceId \(default\) -> ws_other/);
  });

  it("conservatively reports a replacement when the new domain is not known yet", () => {
    const diff = diffDomain(state(), inputs({ domain: unknownValue }));
    assert.deepEqual(diff.replaces, ["domain"]);
    assert.match(diff.warning!, /not known until apply/);
  });

  it("writes an odd metadata key as a quoted path", () => {
    const diff = diffDomain(state({ metadata: {} }), inputs({ metadata: { "client name": "x" } }));
    assert.deepEqual(
      diff.properties.map((p) => p.path),
      ['metadata["client name"]'],
    );
  });

  it("changes deletionPolicy in place", () => {
    assert.deepEqual(
      diffDomain(state(), inputs({ deletionPolicy: "retain" })).properties.map((p) => p.path),
      ["deletionPolicy"],
    );
  });
});
