/**
 * The pull-request comment: counts first, then the verified domains at stake (a GitHub CAUTION alert), the
 * policy violations, then one collapsed block per changed domain, most dangerous first, always under GitHub's
 * comment limit. Pure.
 */
import { domainCutWording, fitComment, githubCommentLimit, type Block } from "./budget";
import type { DomainChange, ReviewModel } from "./domain-changes";
import { code, details, plural, text } from "./markdown";
import type { PolicyViolation } from "./preview-json";
import { blockedByPolicy, blocks, changeBody, changeHeadline, changeLabel, endangersVerifiedDomain, violationLine } from "./wording";

/** How to render. */
export interface RenderOptions {
  /** The most the comment may hold (0: no limit). @default 65536 */
  limit?: number;
  /** The command a reader runs to see everything, named where the comment is cut. */
  fullCommand?: string;
}

/** The stack-config key that lets a change replace or delete the verified domains it lists (read by the policy pack). */
export const allowKey = "sendmailos-policy:allowVerifiedDomainChanges";

/** Longest list of domains or violations in the head; the details below carry the rest. */
const headListMax = 10;

/** The review comment of a preview. */
export function renderReview(model: ReviewModel, options: RenderOptions = {}): string {
  const ordered = [...model.changes].sort((a, b) => rank(a) - rank(b) || a.domain.localeCompare(b.domain));
  const blocks: Block[] = ordered.map((c) => ({
    detail: details(changeHeadline(c), changeBody(c)),
    line: `- ${namesOf(c)}: ${changeLabel(c)}`,
  }));
  return fitComment(
    head(model, ordered),
    blocks,
    domainCutWording(options.fullCommand ?? "sendmailos-review --max-chars 0 preview.json"),
    options.limit ?? githubCommentLimit,
  );
}

function head(model: ReviewModel, ordered: DomainChange[]): string {
  const parts = [`## SendMailOS review${model.stack ? ` of stack ${code(model.stack)}` : ""}`, countsLine(model)];
  const endangered = ordered.filter(endangersVerifiedDomain);
  if (endangered.length > 0) parts.push(caution(endangered));
  if (model.policyViolations.length > 0) parts.push(policySection(model.policyViolations));
  if (model.errors.length > 0) {
    parts.push(
      ["**The preview failed:**", ...model.errors.slice(0, 5).map((e) => `- ${text(e)}`), ...more(model.errors.length, 5, "error")].join(
        "\n",
      ),
    );
  }
  if (model.otherChanges.length > 0) parts.push(othersLine(model));
  return parts.join("\n\n");
}

function countsLine(model: ReviewModel): string {
  const { counts } = model;
  const unchanged = model.unchanged === undefined ? "" : ` ${plural(model.unchanged, "domain")} unchanged.`;
  if (model.changes.length === 0) return `**No SendMailOS domain changes.**${unchanged}`;
  const replaced = counts.replaced > 0 ? `**${counts.replaced} REPLACED**` : "0 replaced";
  const deleted = counts.deleted > 0 ? `**${counts.deleted} deleted**` : "0 deleted";
  return (
    `**${plural(model.changes.length, "domain")} ${model.changes.length === 1 ? "changes" : "change"}:** ${counts.registered} registered, ${counts.updated} updated, ` +
    `${replaced}, ${deleted}. DNS records: ${counts.recordsAdded} to add, ${counts.recordsRemoved} to remove.${unchanged}`
  );
}

function caution(endangered: DomainChange[]): string {
  const lines = [
    "> [!CAUTION]",
    `> **${plural(endangered.length, "verified domain")} ${endangered.length === 1 ? "loses its" : "lose their"} DKIM records.** ` +
      `Mail from ${endangered.length === 1 ? "it" : "them"} fails DKIM until new records verify (SES can take up to 72 hours).`,
    ...endangered.slice(0, headListMax).map((c) => `> - ${namesOf(c)}: ${changeLabel(c)}`),
    ...more(endangered.length, headListMax, "domain", "see below").map((l) => `> ${l}`),
    ">",
    `> If this is not intended, revert it. If it is, list these domains in ${code(allowKey)} in the stack file; the policy pack blocks the change until then.`,
  ];
  return lines.join("\n");
}

function policySection(violations: PolicyViolation[]): string {
  const mandatory = violations.filter(blocks);
  const sorted = [...mandatory, ...violations.filter((v) => !blocks(v))];
  const excepted = violations.filter((v) => v.excepted).length;
  const title =
    `**Policy: ${plural(mandatory.length, "mandatory violation")}${mandatory.length > 0 ? " (the preview fails)" : ""}, ` +
    `${violations.length - mandatory.length - excepted} advisory${excepted > 0 ? `, ${excepted} excepted` : ""}**`;
  return [
    title,
    ...sorted.slice(0, headListMax).map((v) => `- ${violationLine(v)}`),
    ...more(sorted.length, headListMax, "violation"),
  ].join("\n");
}

function othersLine(model: ReviewModel): string {
  const byOp = new Map<string, number>();
  for (const s of model.otherChanges) byOp.set(s.op, (byOp.get(s.op) ?? 0) + 1);
  const ops = [...byOp]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${n}`)
    .join(", ");
  return `**Other resources:** ${plural(model.otherChanges.length, "change")} outside SendMailOS domains (${ops}).`;
}

/** The domain, or `old → new` when its name changes. */
function namesOf(c: DomainChange): string {
  return c.previousDomain ? `${code(c.previousDomain)} → ${code(c.domain)}` : code(c.domain);
}

function more(total: number, shown: number, word: string, where = "not listed"): string[] {
  return total > shown ? [`- …and ${plural(total - shown, `more ${word}`)} (${where})`] : [];
}

/** Most dangerous first: verified domains at stake, policy blocks, replacements, deletions, new ones, updates. */
function rank(c: DomainChange): number {
  if (endangersVerifiedDomain(c)) return 0;
  if (blockedByPolicy(c)) return 1;
  const order: DomainChange["action"][] = ["replace", "rename", "delete", "register", "import", "update", "dns", "wait", "none"];
  return 2 + order.indexOf(c.action);
}
