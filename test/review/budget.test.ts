import { strict as assert } from "node:assert";
import fc from "fast-check";
import { fitComment, githubCommentLimit, sizeOf, type Block } from "../../review/budget";
import { summarizePreview } from "../../review";
import { syntheticDomain, syntheticPreview } from "./synthetic";

const wording = {
  heading: (cut: number) => `${cut} more not shown`,
  explanation: "Cut to fit.",
  rest: (n: number) => `- …and ${n} more`,
};

describe("fitComment", () => {
  const blocks = (n: number, size: number): Block[] =>
    Array.from({ length: n }, (_, i) => ({ detail: `<details>${String(i).padEnd(size, ".")}</details>`, line: `- d${i}` }));

  it("keeps everything when it fits", () => {
    const comment = fitComment("# head", blocks(3, 10), wording, 10_000);
    assert.equal(comment.split("\n\n").length, 4);
    assert.doesNotMatch(comment, /not shown/);
  });

  it("cuts whole blocks, lists the rest by name, and counts what even the names cannot hold", () => {
    const comment = fitComment("# head", blocks(5_000, 200), wording, 20_000);
    assert.ok(sizeOf(comment) < 20_000, `${sizeOf(comment)} bytes`);
    const shownDetails = comment.match(/<details>\d/g)!.length;
    const listed = comment.match(/^- d\d+$/gm)!.length;
    const rest = Number(/- …and (\d+) more/.exec(comment)![1]);
    assert.equal(shownDetails + listed + rest, 5_000);
    assert.match(comment, new RegExp(`<summary>${5_000 - shownDetails} more not shown</summary>`));
  });

  it("has no limit at 0", () => {
    const comment = fitComment("# head", blocks(2_000, 100), wording, 0);
    assert.equal(comment.match(/<details>\d/g)!.length, 2_000);
  });

  it("stays strictly under the limit for any blocks (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ detail: fc.string({ unit: "grapheme", maxLength: 3_000 }), line: fc.string({ unit: "grapheme", maxLength: 300 }) }),
          { maxLength: 200 },
        ),
        fc.integer({ min: 8_000, max: 70_000 }),
        (bs, limit) => sizeOf(fitComment("# head", bs, wording, limit)) < limit,
      ),
      { numRuns: 200 },
    );
  });
});

describe("a review of 1,000 domains", () => {
  const preview = syntheticPreview(1_000);
  const { comment } = summarizePreview(preview);
  const lines = comment.split("\n");

  it(`stays under GitHub's ${githubCommentLimit} characters`, () => {
    assert.ok(sizeOf(comment) < githubCommentLimit, `${sizeOf(comment)} bytes`);
    assert.ok(comment.length < githubCommentLimit);
  });

  it("counts every domain first", () => {
    assert.equal(
      lines[2],
      "**1000 domains change:** 250 registered, 250 updated, **250 REPLACED**, **250 deleted**. DNS records: 1500 to add, 1500 to remove. 0 domains unchanged.",
    );
  });

  it("names the first ten verified domains at stake and says how many more", () => {
    assert.equal(lines.filter((l) => /^> - `/.test(l)).length, 10);
    assert.ok(lines.includes("> - …and 490 more domains (see below)"));
  });

  it("lists ten policy violations and counts the rest", () => {
    assert.ok(lines.includes("**Policy: 500 mandatory violations (the preview fails), 0 advisory**"));
    assert.ok(lines.includes("- …and 490 more violations (not listed)"));
  });

  it("shows the most dangerous domains in detail first, and says what is cut and how to see it", () => {
    const details = lines.filter((l) => l.startsWith("<details><summary>") && !l.includes("not shown in detail"));
    assert.ok(details.length > 20, `${details.length} shown in detail`);
    assert.ok(
      details.every((l) => /⚠️ <b>was verified<\/b>/.test(l)),
      "verified domains at stake come first",
    );
    const cut = /<details><summary>(\d+) more domains not shown in detail<\/summary>/.exec(comment);
    assert.ok(cut, "the cut is announced");
    assert.equal(details.length + Number(cut[1]), 1_000);
    assert.match(
      comment,
      /Cut to stay under GitHub's 65,536-character limit on a comment; every domain is counted above\. To see all of them, run `sendmailos-review --max-chars 0 preview\.json` on the same preview output\./,
    );
  });

  it("lists each cut domain by name while room remains, then counts the rest", () => {
    const listed = lines.filter((l) => /^- `[^`]+`(?: → `[^`]+`)?: /.test(l)).length;
    const rest = /^- …and (\d+) more domains, only counted above$/m.exec(comment);
    const cut = Number(/(\d+) more domains not shown in detail/.exec(comment)![1]);
    assert.equal(listed + Number(rest?.[1] ?? 0), cut);
  });

  it("shows all of it without a limit", () => {
    const full = summarizePreview(preview, { limit: 0 }).comment;
    assert.equal(full.split("\n").filter((l) => l.startsWith("<details><summary>")).length, 1_000);
    assert.ok(sizeOf(full) > githubCommentLimit * 10, `${sizeOf(full)} bytes in all`);
  });

  it("stays under the limit with the longest domain names (253 characters)", () => {
    const long = summarizePreview(syntheticPreview(1_000, { nameLength: 253 })).comment;
    assert.ok(sizeOf(long) < githubCommentLimit, `${sizeOf(long)} bytes`);
    assert.ok(long.includes(syntheticDomain(3, 253).slice(0, 100)));
  });
});
