import { strict as assert } from "node:assert";
import { diffVerification, type VerificationState } from "../../../provider/verification/verification-diff";
import type { VerificationInputs } from "../../../provider/verification/verification-schema";

const inputs = (overrides: Partial<VerificationInputs> = {}): VerificationInputs => ({
  domainId: "d-1",
  domainName: "acme.com",
  timeoutSeconds: 2700,
  pollIntervalSeconds: 5,
  dnsCheck: true,
  ...overrides,
});
const state = (overrides: Partial<VerificationState> = {}): VerificationState => ({
  ...inputs(),
  status: "verified",
  verifiedAt: "2026-01-01T00:00:00Z",
  waitedSeconds: 12,
  records: [],
  ...overrides,
});

describe("diffVerification", () => {
  it("reports nothing for a verified domain and the same inputs", () => {
    assert.deepEqual(diffVerification(state(), inputs()), { changes: false, replaces: [], properties: [], deleteBeforeReplace: false });
  });

  it("waits again when the domain is not verified, shown as a change of the status output", () => {
    const diff = diffVerification(state({ status: "pending" }), inputs());
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.properties, [{ path: "status", kind: "update", replaces: false, input: false }]);
  });

  it("replaces on another domain or workspace", () => {
    assert.deepEqual(diffVerification(state(), inputs({ domainId: "d-2" })).replaces, ["domainId"]);
    const workspace = diffVerification(state(), inputs({ workspaceId: "ws_b" }));
    assert.deepEqual(workspace.properties, [{ path: "workspaceId", kind: "add", replaces: true, input: true }]);
  });

  it("updates the wait settings in place, each named", () => {
    const diff = diffVerification(state(), inputs({ timeoutSeconds: 60, dnsResolvers: ["1.1.1.1"], maxPollIntervalSeconds: 10 }));
    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(
      diff.properties.map((p) => `${p.kind} ${p.path}`),
      ["update timeoutSeconds", "add maxPollIntervalSeconds", "add dnsResolvers"],
    );
  });

  it("compares resolver lists by content", () => {
    assert.equal(diffVerification(state({ dnsResolvers: ["1.1.1.1"] }), inputs({ dnsResolvers: ["1.1.1.1"] })).changes, false);
  });
});
