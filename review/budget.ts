/**
 * Keeping a comment under GitHub's limit (65,536 characters per comment) for any number of domains: the head
 * (counts, warnings, policy) always fits because each of its lists is capped; then whole detail blocks in order
 * of importance while they fit, leaving room (up to half the comment) to name every domain they leave out;
 * then those domains by name, one line each; then a count of any that even the names cannot hold. Sizes are
 * measured in UTF-8 bytes, never fewer than characters, so the bound holds however GitHub counts. Pure.
 */

import { plural } from "./markdown";

/** GitHub's limit on one comment, in characters. */
export const githubCommentLimit = 65_536;

/** One domain's part of a comment: its detail block, and the line that names it when the block is cut. */
export interface Block {
  detail: string;
  /** One list line naming the domain and its change, for when the detail does not fit. */
  line: string;
}

/** How the cut part is announced. */
export interface CutWording {
  /** The summary line of the section that lists what is cut, given how many blocks are cut. */
  heading(cut: number): string;
  /** The sentence that says why and how to see everything. */
  explanation: string;
  /** The last line when even the names do not all fit. */
  rest(notListed: number): string;
}

/**
 * The wording when domains are cut from a comment: why, and the command that shows every one of them.
 * @param fullCommand - the command a reader runs on the same preview output to see everything.
 */
export function domainCutWording(fullCommand: string): CutWording {
  return {
    heading: (cut) => `${plural(cut, "more domain")} not shown in detail`,
    explanation:
      `Cut to stay under GitHub's ${githubCommentLimit.toLocaleString("en-US")}-character limit on a comment; every domain is counted above. ` +
      `To see all of them, run \`${fullCommand}\` on the same preview output.`,
    rest: (n) => `- …and ${plural(n, "more domain")}, only counted above`,
  };
}

/** The size that counts: UTF-8 bytes (at least the number of characters, whatever GitHub counts). */
export function sizeOf(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * The comment: `head`, as many `blocks` as fit whole, the names of the rest, and a count of what remains, all
 * joined by blank lines and strictly under `limit`. `limit` 0 means no limit.
 * @throws RangeError when even `head` does not fit (the caller caps its lists, so this is a bug).
 */
export function fitComment(head: string, blocks: readonly Block[], wording: CutWording, limit: number = githubCommentLimit): string {
  const join = (parts: string[]) => parts.filter((p) => p !== "").join("\n\n") + "\n";
  if (limit <= 0) return join([head, ...blocks.map((b) => b.detail)]);
  const budget = limit - 1;
  // Room for the cut section's frame, counted with the largest numbers it can show.
  const frameReserve = sizeOf(section(wording, blocks.length, [], blocks.length)) + 2;
  if (sizeOf(join([head])) + frameReserve > budget)
    throw new RangeError(`the comment's head alone is ${sizeOf(head)} bytes; the limit is ${limit}`);

  // linesAfter[i]: the size of the name lines of blocks i, i+1, ... (what naming them all would take).
  const linesAfter = new Array<number>(blocks.length + 1).fill(0);
  for (let i = blocks.length - 1; i >= 0; i--) linesAfter[i] = linesAfter[i + 1]! + sizeOf(blocks[i]!.line) + 1;
  const shown: string[] = [];
  let used = sizeOf(join([head]));
  let index = 0;
  for (; index < blocks.length; index++) {
    const cost = sizeOf(blocks[index]!.detail) + 2;
    const reserve = index + 1 < blocks.length ? frameReserve + Math.min(linesAfter[index + 1]!, Math.floor(budget / 2)) : 0;
    if (used + cost + reserve > budget) break;
    shown.push(blocks[index]!.detail);
    used += cost;
  }
  if (index === blocks.length) return join([head, ...shown]);

  const cut = blocks.slice(index);
  const lines: string[] = [];
  let listUsed = used + frameReserve;
  for (const block of cut) {
    const cost = sizeOf(block.line) + 1;
    if (listUsed + cost > budget) break;
    lines.push(block.line);
    listUsed += cost;
  }
  const notListed = cut.length - lines.length;
  const comment = join([head, ...shown, section(wording, cut.length, lines, notListed)]);
  if (sizeOf(comment) > budget) throw new RangeError(`the comment came out at ${sizeOf(comment)} bytes; the limit is ${limit}`);
  return comment;
}

function section(wording: CutWording, cut: number, lines: string[], notListed: number): string {
  return [
    `<details><summary>${wording.heading(cut)}</summary>`,
    "",
    wording.explanation,
    "",
    ...lines,
    ...(notListed > 0 ? [wording.rest(notListed)] : []),
    "",
    "</details>",
  ].join("\n");
}
