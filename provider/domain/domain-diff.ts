import { isUnknown } from "../runtime/unknown";
import type { DomainInputs } from "./domain-inputs";
import type { DomainState } from "./domain-state";
import { sameMetadata } from "./metadata";

/** A diff decision for a `Domain`, plus a human warning when it replaces the domain. */
export interface DomainDiff {
  changes: boolean;
  replaces: string[];
  /** Properties that change in place. */
  updates: string[];
  /** Set when the change replaces the domain: what that means for mail, for the preview. */
  warning?: string;
}

/**
 * Decides what a change of inputs does to a SendMailOS domain. Status and verifiedAt are outputs and
 * never count; metadata compares by content, so key order never shows as a change.
 * The engine ignores `replaceOnChanges` and `stables` for a custom diff, so replacements are returned here.
 */
export function diffDomain(olds: DomainState, news: DomainInputs): DomainDiff {
  const replaces: string[] = [];
  const updates: string[] = [];

  const oldName = olds.domain ?? olds.domainName;
  if (isUnknown(news.domain) || news.domain !== oldName) replaces.push("domain");
  if (isUnknown(news.workspaceId) || (news.workspaceId || undefined) !== (olds.workspaceId || undefined)) {
    replaces.push("workspaceId");
  }
  const unknownFields = (["externalId", "metadata"] as const).filter((p) => isUnknown(news[p]));
  updates.push(...unknownFields, ...liveFieldChanges(olds, news).filter((p) => !unknownFields.includes(p)));
  if (news.adoptExisting !== (olds.adoptExisting ?? false)) updates.push("adoptExisting");
  if (news.deletionPolicy !== (olds.deletionPolicy ?? "delete")) updates.push("deletionPolicy");

  const diff: DomainDiff = { changes: replaces.length + updates.length > 0, replaces, updates };
  if (replaces.length > 0) diff.warning = replacementWarning(olds, news, replaces);
  return diff;
}

/**
 * Which of the fields SendMailOS stores (externalId, metadata) differ between what it has and what the
 * program wants; absent and null/empty count as equal, metadata compares by content.
 */
export function liveFieldChanges(
  live: { externalId?: string | null; metadata?: Record<string, string> | null },
  wanted: { externalId?: string; metadata?: Record<string, string> },
): ("externalId" | "metadata")[] {
  const changed: ("externalId" | "metadata")[] = [];
  if ((live.externalId ?? null) !== (wanted.externalId ?? null)) changed.push("externalId");
  if (!sameMetadata(live.metadata, wanted.metadata)) changed.push("metadata");
  return changed;
}

/** The loud preview message for a replacement: DKIM keys rotate and the domain must verify again. */
export function replacementWarning(olds: DomainState, news: DomainInputs, replaces: string[]): string {
  const oldName = olds.domainName ?? olds.domain;
  const what = replaces
    .map((p) =>
      p === "domain"
        ? `domain ${oldName} -> ${isUnknown(news.domain) ? "(not known until apply)" : news.domain}`
        : `workspaceId ${olds.workspaceId ?? "(default)"} -> ${isUnknown(news.workspaceId) ? "(not known until apply)" : news.workspaceId ?? "(default)"}`,
    )
    .join(", ");
  return (
    `REPLACING SendMailOS domain ${oldName} (${what}). A new domain is registered with NEW DKIM keys: ` +
    `its three CNAME records change and it must verify again (SES can take up to 72 hours); ` +
    `mail signed for the old registration stops verifying once it is deleted. ` +
    `If this is not intended, revert the change; to keep the old registration, set deletionPolicy: "retain" first.`
  );
}
