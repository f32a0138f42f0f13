import { strict as assert } from "node:assert";
import { summarizePreview } from "../../review";
import { driftModel } from "../../review/drift";
import { parsePreviewOutput } from "../../review/preview-json";
import { fixture } from "./fixtures";

describe("the drift report", () => {
  describe("of a refresh after metadata changed, a domain was deleted and a DKIM record vanished behind the stack's back", () => {
    for (const file of ["drift.events.jsonl", "drift.document.json"]) {
      it(`is, line by line, the golden report (${file})`, () => {
        const { comment, exitCode } = summarizePreview(fixture(file), { mode: "drift" });
        assert.deepEqual(comment.split("\n"), fixture("drift.report.md").split("\n"));
        assert.equal(exitCode, 1);
      });
    }

    it("finds each drift in domain terms, and nothing it cannot explain", () => {
      const model = driftModel(parsePreviewOutput(fixture("drift.events.jsonl")));
      assert.deepEqual(
        model.drifted.map((d) => [d.domain, d.drifts.map((x) => x.kind)]),
        [
          ["acme.example", ["changed"]],
          ["initech.example", ["deleted"]],
          ["mail.globex.example", ["unverified", "record-missing"]],
        ],
      );
      assert.deepEqual(model.unapplied, []);
      assert.equal(model.checked, 3);
    });
  });

  describe("of a refresh that finds everything as the stack says", () => {
    // The drift fixture with every planned step turned into `same`: each resource read and left as it is.
    const clean = fixture("drift.events.jsonl")
      .split("\n")
      .map((l) =>
        l.replace(
          /("resourcePreEvent":\{"metadata":\{"op":)"(create|update|replace|delete|create-replacement|delete-replaced)"/,
          '$1"same"',
        ),
      )
      .join("\n");

    it("says there is no drift and exits 0", () => {
      const { comment, exitCode } = summarizePreview(clean, { mode: "drift" });
      assert.deepEqual(comment.split("\n"), [
        "## SendMailOS drift check of stack `emulator`",
        "",
        "**No drift:** the 3 domains match SendMailOS and the DNS records the stack published.",
        "",
      ]);
      assert.equal(exitCode, 0);
    });
  });

  describe("of a preview without --refresh", () => {
    it("says it cannot tell drift", () => {
      const { comment } = summarizePreview(fixture("four-changes.events.jsonl"), { mode: "drift" });
      assert.match(
        comment,
        /\*\*This preview did not refresh, so it cannot show drift\.\*\* Run `pulumi preview --refresh --expect-no-changes --json`\./,
      );
    });

    it("counts program changes as not applied, not as drift, and exits 1", () => {
      const { comment, exitCode } = summarizePreview(fixture("four-changes.events.jsonl"), { mode: "drift" });
      assert.match(comment, /\*\*Not drift, but not applied either:\*\* \d+ resources would change/);
      assert.equal(exitCode, 1);
    });
  });
});
