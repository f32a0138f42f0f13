import { strict as assert } from "node:assert";
import { summarizePreview } from "../../review";
import { reviewModel } from "../../review/domain-changes";
import { parsePreviewOutput } from "../../review/preview-json";

const prefix = "urn:pulumi:dev::app::";
const types = {
  domain: "pulumi-nodejs:dynamic/sendmailos:Domain",
  verification: "pulumi-nodejs:dynamic/sendmailos:DomainVerification",
};

/** One step of the event stream, for a resource declared at the top of a program (no component). */
function step(
  op: string,
  type: string,
  name: string,
  old?: { inputs?: object; outputs?: object },
  next?: { inputs?: object; outputs?: object },
): string {
  const urn = `${prefix}${type}::${name}`;
  const state = (s?: { inputs?: object; outputs?: object }) =>
    s ? { urn, type, inputs: s.inputs ?? {}, outputs: s.outputs ?? {} } : undefined;
  return JSON.stringify({ sequence: 1, resourcePreEvent: { metadata: { op, urn, type, old: state(old), new: state(next) } } });
}

const registered = {
  domain: "notify.acme.com",
  domainName: "notify.acme.com",
  domainId: "d1",
  status: "pending",
  deletionPolicy: "delete",
};

describe("reviewModel", () => {
  it("says a domain that is not verified waits again, without a status field", () => {
    const text = [
      step(
        "same",
        types.domain,
        "notify",
        { inputs: { domain: "notify.acme.com" }, outputs: registered },
        { inputs: { domain: "notify.acme.com" } },
      ),
      step(
        "update",
        types.verification,
        "notify-verification",
        { inputs: { domainId: "d1", timeoutSeconds: 600 }, outputs: { domainId: "d1", status: "pending", timeoutSeconds: 600 } },
        { inputs: { domainId: "d1", timeoutSeconds: 600 } },
      ),
    ].join("\n");
    const [change] = reviewModel(parsePreviewOutput(text)).changes;
    assert.equal(change?.action, "wait");
    assert.deepEqual(change?.fields, []);
    assert.deepEqual(change?.wait, { kind: "waits", timeoutSeconds: 600, again: true });
    const lines = summarizePreview(text).comment.split("\n");
    assert.ok(
      lines.includes("<details><summary>⏳ <code>notify.acme.com</code>: waits for verification again</summary>"),
      lines.join("\n"),
    );
  });

  it("says a new domain that nothing waits for is not waited for", () => {
    const text = step("create", types.domain, "notify", undefined, { inputs: { domain: "notify.acme.com", deletionPolicy: "delete" } });
    const [change] = reviewModel(parsePreviewOutput(text)).changes;
    assert.deepEqual(change?.wait, { kind: "disabled" });
    const lines = summarizePreview(text).comment.split("\n");
    assert.ok(
      lines.includes(
        "- **Expected wait:** none: `pulumi up` does not wait for verification (`wait: false`), and mail fails DKIM until SendMailOS verifies the domain.",
      ),
    );
    assert.ok(lines.includes("- **DKIM records:** none in this stack: publish the domain's `dnsRecords` output in its DNS yourself"));
  });

  it("says a deletion with deletionPolicy retain keeps the registration", () => {
    const text = step("delete", types.domain, "notify", {
      inputs: { domain: "notify.acme.com", deletionPolicy: "retain" },
      outputs: { ...registered, deletionPolicy: "retain" },
    });
    const lines = summarizePreview(text).comment.split("\n");
    assert.ok(
      lines.includes("<details><summary>🗑️ <code>notify.acme.com</code>: removed from the stack, kept in SendMailOS</summary>"),
      lines.join("\n"),
    );
  });

  it("shows a workspace move as a replacement and why", () => {
    const text = step(
      "replace",
      types.domain,
      "notify",
      { inputs: { domain: "notify.acme.com" }, outputs: { ...registered, status: "verified" } },
      { inputs: { domain: "notify.acme.com", workspaceId: "ws_other", deletionPolicy: "delete" } },
    );
    const lines = summarizePreview(text).comment.split("\n");
    assert.ok(
      lines.includes(
        "<details><summary>🔁 <code>notify.acme.com</code>: <b>REPLACED</b> (workspaceId), new DKIM keys; ⚠️ <b>was verified</b></summary>",
      ),
      lines.join("\n"),
    );
    assert.ok(lines.includes("  - `workspaceId`: `ws_other` (added) (**replaces the domain**)"));
  });

  it("joins a deletion and a registration only when one externalId pairs them", () => {
    const gone = (name: string, id: string) =>
      step("delete", types.domain, name, {
        inputs: { domain: name },
        outputs: { ...registered, domain: name, domainName: name, externalId: id },
      });
    const born = (name: string, id: string) => step("create", types.domain, name, undefined, { inputs: { domain: name, externalId: id } });
    const paired = reviewModel(parsePreviewOutput([gone("a.com", "c1"), born("b.com", "c1")].join("\n"))).changes;
    assert.deepEqual(
      paired.map((c) => [c.action, c.previousDomain, c.domain]),
      [["rename", "a.com", "b.com"]],
    );
    const ambiguous = reviewModel(parsePreviewOutput([gone("a.com", "c1"), born("b.com", "c1"), born("c.com", "c1")].join("\n"))).changes;
    assert.deepEqual(ambiguous.map((c) => c.action).sort(), ["delete", "register", "register"]);
  });
});
