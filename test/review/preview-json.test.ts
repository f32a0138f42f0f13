import { strict as assert } from "node:assert";
import { parsePreviewOutput, PreviewFormatError, typeFromUrn } from "../../review/preview-json";
import { fixture } from "./fixtures";

const domainUrn = (name: string) =>
  `urn:pulumi:emulator::sendmailos-domains::sendmailos:index:VerifiedDomain$pulumi-nodejs:dynamic/sendmailos:Domain::${name}`;

describe("parsePreviewOutput", () => {
  describe("when given both forms of the same preview", () => {
    const events = parsePreviewOutput(fixture("four-changes.events.jsonl"));
    const document = parsePreviewOutput(fixture("four-changes.document.json"));

    it("recognizes each form", () => {
      assert.equal(events.format, "events");
      assert.equal(document.format, "document");
    });

    it("finds the same changing steps in both", () => {
      const changing = (steps: { op: string; urn: string }[]) =>
        steps
          .filter((s) => s.op !== "same")
          .map((s) => `${s.op} ${s.urn}`)
          .sort();
      assert.deepEqual(changing(events.steps), changing(document.steps));
      assert.equal(changing(events.steps).length, 25);
    });

    it("reads the stack's name from the URNs", () => {
      assert.equal(events.stack, "emulator");
      assert.equal(document.stack, "emulator");
    });

    it("takes old state and new inputs of an update", () => {
      const acme = events.steps.find((s) => s.urn === domainUrn("acme.example"))!;
      assert.equal(acme.op, "update");
      assert.deepEqual(acme.old?.outputs["metadata"], { client_name: "Acme Corp", plan: "enterprise" });
      assert.deepEqual(acme.new?.inputs["metadata"], { client_name: "Acme Corp", plan: "pro" });
    });

    it("lists the unchanged resources only in the event stream", () => {
      assert.ok(events.steps.some((s) => s.op === "same" && s.type === "pulumi-nodejs:dynamic/sendmailos:DomainVerification"));
      assert.ok(!document.steps.some((s) => s.op === "same" && s.type === "pulumi-nodejs:dynamic/sendmailos:DomainVerification"));
    });

    it("carries policy violations only in the event stream, without the policy's description line", () => {
      assert.deepEqual(
        events.policyViolations.map((v) => [v.policy, v.enforcementLevel, v.message.split(" ")[0], v.excepted]),
        [
          ["verified-domain-protected", "mandatory", "initech.example", false],
          ["verified-domain-protected", "mandatory", "mail.globex.example", false],
          ["verification-wait", "advisory", "the", false],
        ],
      );
      assert.deepEqual(document.policyViolations, []);
    });

    it("leaves out the engine's bare 'preview failed' line and debug messages", () => {
      assert.deepEqual(
        events.diagnostics.filter((d) => d.severity === "error"),
        [],
      );
      assert.ok(events.diagnostics.every((d) => d.severity !== "debug"));
    });
  });

  describe("when a replacement comes as sub-steps (the event stream of the native provider)", () => {
    const preview = parsePreviewOutput(fixture("native-provider.events.jsonl"));
    const globex = preview.steps.filter((s) => s.urn.endsWith("sendmailos:index:Domain::globex.example"));

    it("folds create-replacement, replace and delete-replaced into one replace with both states", () => {
      assert.equal(globex.length, 1);
      assert.equal(globex[0]!.op, "replace");
      assert.equal(globex[0]!.old?.outputs["domainName"], "globex.example");
      assert.equal(globex[0]!.new?.inputs["domain"], "globex.org");
      assert.deepEqual(globex[0]!.replaceReasons, ["domain"]);
    });

    it("reads the detailed diff, written with diffKind in the stream", () => {
      assert.deepEqual(globex[0]!.detailedDiff, { domain: { kind: "update-replace", inputDiff: true } });
    });
  });

  describe("when the preview refreshed", () => {
    it("keeps what each read found in the event stream (null: gone)", () => {
      const preview = parsePreviewOutput(fixture("drift.events.jsonl"));
      const initech = preview.refreshed.get(domainUrn("initech.example"));
      assert.equal(initech, null);
      const acme = preview.refreshed.get(domainUrn("acme.example"));
      assert.deepEqual(acme?.outputs["metadata"], { client_name: "Acme Corp", plan: "free" });
    });

    it("counts a resource the document shows read and no later step changes as unchanged", () => {
      const preview = parsePreviewOutput(fixture("drift.document.json"));
      const globex = preview.steps.find((s) => s.urn === domainUrn("mail.globex.example"));
      assert.equal(globex?.op, "same");
      assert.ok(preview.refreshed.has(domainUrn("mail.globex.example")));
    });
  });

  describe("when the input is not a preview", () => {
    const fails = (text: string, message: RegExp) =>
      assert.throws(
        () => parsePreviewOutput(text),
        (e: unknown) => e instanceof PreviewFormatError && message.test(e.message),
      );

    it("says so for empty input", () => fails("  \n", /empty: give the output of `pulumi preview --json`/));
    it("names the line that is not JSON", () =>
      fails('{"sequence":0,"preludeEvent":{}}\nWarning: something\n', /line 2 of the preview output is not JSON \("Warning: something"\)/));
    it("names what a document lacks", () => fails('{"config":{}}', /steps: /));
    it("names an event of the wrong shape", () =>
      fails(
        '{"sequence":1,"resourcePreEvent":{"metadata":{"op":"create"}}}',
        /line 1 is not a Pulumi engine event: resourcePreEvent\.metadata\.urn/,
      ));
  });
});

describe("typeFromUrn", () => {
  it("takes the last type of a parent chain", () => {
    assert.equal(typeFromUrn(domainUrn("acme.example")), "pulumi-nodejs:dynamic/sendmailos:Domain");
  });
});
