import { strict as assert } from "node:assert";
import { redact, summarizePreview } from "../../review";
import { fixture } from "./fixtures";

/** Every line of `actual` against the golden file, with the first difference named. */
function assertLines(actual: string, goldenFile: string): void {
  const expected = fixture(goldenFile);
  assert.deepEqual(actual.split("\n"), expected.split("\n"), `the summary differs from test/review/fixtures/${goldenFile}`);
}

describe("the review summary", () => {
  describe("of a pull request that adds, updates metadata, renames and removes (the domains stack, dynamic provider)", () => {
    it("is, line by line, the golden summary (event stream, policy pack run)", () => {
      assertLines(summarizePreview(fixture("four-changes.events.jsonl")).comment, "four-changes.review.md");
    });

    it("is, line by line, the golden summary of the plain `preview --json` document (no policy, no unchanged count)", () => {
      assertLines(summarizePreview(fixture("four-changes.document.json")).comment, "four-changes.document.review.md");
    });

    it("shows the same domains, counts and records in both forms", () => {
      // What only the event stream has: policy results, the unchanged count, the verification of an unchanged domain.
      const strip = (text: string) =>
        text
          .split("\n")
          .map((l) =>
            l
              .replace(/; ⛔ blocked by policy/, "")
              .replace(/; it stays verified/, "")
              .replace(/ 0 domains unchanged\./, ""),
          )
          .filter((l) => !/^\*\*Policy|^- \*\*Policy|^- ⛔|^- ⚠️ advisory/.test(l) && l !== "");
      const events = strip(summarizePreview(fixture("four-changes.events.jsonl")).comment);
      const document = strip(summarizePreview(fixture("four-changes.document.json")).comment);
      assert.deepEqual(events, document);
    });

    it("says nothing of the serialized provider or of URNs", () => {
      const { comment } = summarizePreview(fixture("four-changes.events.jsonl"));
      assert.doesNotMatch(comment, /__provider|urn:pulumi|serialized/);
    });
  });

  describe("of the native provider's preview", () => {
    it("is, line by line, the golden summary", () => {
      assertLines(summarizePreview(fixture("native-provider.events.jsonl")).comment, "native-provider.review.md");
    });

    it("takes the fields that change from the provider's detailedDiff, not from its own diff", () => {
      // The provider's word is final: a detailedDiff that names externalId (whose value did not change) is shown.
      const edited = fixture("native-provider.events.jsonl").replace(
        /"detailedDiff":\{"metadata\.plan":\{"diffKind":"add","inputDiff":true\}\}/g,
        '"detailedDiff":{"metadata.plan":{"diffKind":"add","inputDiff":true},"externalId":{"diffKind":"update","inputDiff":true}}',
      );
      assert.notEqual(edited, fixture("native-provider.events.jsonl"), "the fixture has the detailed diff");
      const lines = summarizePreview(edited).comment.split("\n");
      assert.ok(lines.includes("  - `externalId`: `client_acme` → `client_acme`"), lines.join("\n"));
      assert.ok(lines.includes("<details><summary>✏️ <code>acme.example</code>: updated in place (metadata.plan, externalId)</summary>"));
    });
  });

  describe("of an update of a domain whose metadata holds a secret", () => {
    it("is, line by line, the golden summary: the secret field is listed as [secret]", () => {
      assertLines(summarizePreview(fixture("secret-metadata.events.jsonl")).comment, "secret-metadata.review.md");
    });

    it("never shows a secret's value, even when the preview carries it in plain text (--show-secrets)", () => {
      const plaintext = "hunter2-very-secret-value";
      const leaked = fixture("secret-metadata.events.jsonl").replace(/"ciphertext":"\[secret\]"/g, `"plaintext":"\\"${plaintext}\\""`);
      assert.notEqual(leaked, fixture("secret-metadata.events.jsonl"));
      assert.ok(leaked.includes(plaintext));
      const { comment } = summarizePreview(leaked);
      assert.ok(!comment.includes(plaintext), comment);
      assert.match(comment, /`metadata\.token`: `\[secret\]` → `\[secret\]` \(secret: the preview cannot show whether it changes\)/);
    });

    it("never shows a value given as a secret to hide (the API key), wherever it appears", () => {
      const key = "sk_test_emulator";
      const withKey = fixture("four-changes.events.jsonl").replace(/"plan":"pro"/g, `"plan":"${key}"`);
      assert.ok(summarizePreview(withKey).comment.includes(key), "the value would show otherwise");
      assert.ok(!summarizePreview(withKey, { secrets: [key] }).comment.includes(key));
      assert.equal(redact(`a ${key} b`, [key]), "a [secret] b");
    });
  });

  describe("of other resources", () => {
    it("counts changes outside SendMailOS domains, not the stack itself or provider instances", () => {
      const event = (op: string, type: string, name: string) =>
        JSON.stringify({
          sequence: 1,
          resourcePreEvent: {
            metadata: {
              op,
              urn: `urn:pulumi:dev::p::${type}::${name}`,
              type,
              new: { urn: `urn:pulumi:dev::p::${type}::${name}`, type, inputs: {} },
            },
          },
        });
      const text = [
        event("create", "pulumi:pulumi:Stack", "p-dev"),
        event("create", "pulumi:providers:aws", "default"),
        event("create", "aws:s3/bucket:Bucket", "logs"),
        event("delete", "aws:sqs/queue:Queue", "jobs"),
      ].join("\n");
      assert.deepEqual(summarizePreview(text).comment.split("\n"), [
        "## SendMailOS review of stack `dev`",
        "",
        "**No SendMailOS domain changes.** 0 domains unchanged.",
        "",
        "**Other resources:** 2 changes outside SendMailOS domains (create 1, delete 1).",
        "",
      ]);
    });
  });

  describe("of values that look like markup", () => {
    it("keeps them inert: code spans hold backticks, HTML and mentions stay text", () => {
      const hostile = "`x` </details><img src=x> @octocat [link](http://e.example)";
      const edited = fixture("four-changes.events.jsonl").replace(/"plan":"pro"/g, `"plan":${JSON.stringify(hostile)}`);
      const line = summarizePreview(edited)
        .comment.split("\n")
        .find((l) => l.startsWith("  - `metadata.plan`"));
      assert.equal(line, "  - `metadata.plan`: `enterprise` → `` `x` </details><img src=x> @octocat [link](http://e.example) ``");
    });

    it("escapes control characters in values", () => {
      const edited = fixture("four-changes.events.jsonl").replace(/"plan":"pro"/g, '"plan":"a\\nb\\u202ec"');
      assert.match(summarizePreview(edited).comment, /`a\\nb\\u202ec`/);
    });
  });
});
