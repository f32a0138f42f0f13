import type { DiffDecision, PropertyChange } from "../runtime/operations";
import { isUnknown } from "../runtime/unknown";
import type { DomainInputs } from "./domain-schema";
import type { DomainState } from "./domain-state";
import { sameMetadata } from "./metadata";

/**
 * Decides what a change of inputs does to a SendMailOS domain, property by property. Status and verifiedAt
 * are outputs and never count; metadata compares by content (key order never shows as a change) and is
 * reported key by key. A change of `domain` or `workspaceId` replaces the domain, with a loud warning.
 * Pure. The engine ignores `replaceOnChanges` and `stables` for a dynamic provider's diff, so replacements
 * are decided here.
 */
export function diffDomain(olds: DomainState, news: DomainInputs): DiffDecision {
  const properties: PropertyChange[] = [];
  const oldName = olds.domain ?? olds.domainName;
  if (isUnknown(news.domain) || news.domain !== oldName) properties.push(change("domain", "update", true));
  const oldWorkspace = olds.workspaceId || undefined;
  const newWorkspace = news.workspaceId || undefined;
  if (isUnknown(newWorkspace) || newWorkspace !== oldWorkspace) {
    properties.push(change("workspaceId", oldWorkspace === undefined ? "add" : newWorkspace === undefined ? "delete" : "update", true));
  }
  properties.push(...liveFieldDiff(olds, news));
  if (news.adoptExisting !== (olds.adoptExisting ?? false)) properties.push(change("adoptExisting", "update", false));
  if (news.deletionPolicy !== (olds.deletionPolicy ?? "delete")) properties.push(change("deletionPolicy", "update", false));

  const replaces = [...new Set(properties.filter((p) => p.replaces).map((p) => p.path))];
  const diff: DiffDecision = { changes: properties.length > 0, replaces, properties, deleteBeforeReplace: false };
  if (replaces.length > 0) diff.warning = replacementWarning(olds, news, replaces);
  return diff;
}

/**
 * The in-place changes between what SendMailOS stores (externalId, metadata) and what the program wants:
 * absent, null and empty count as equal; metadata is compared by content and reported per key. Pure.
 */
export function liveFieldDiff(
  live: { externalId?: string | null; metadata?: Record<string, string> | null },
  wanted: { externalId?: string; metadata?: Record<string, string> },
): PropertyChange[] {
  const changes: PropertyChange[] = [];
  const from = live.externalId ?? null;
  const to = wanted.externalId ?? null;
  if (isUnknown(to) || from !== to) changes.push(change("externalId", from === null ? "add" : to === null ? "delete" : "update", false));
  if (isUnknown(wanted.metadata)) {
    changes.push(change("metadata", "update", false));
  } else if (!sameMetadata(live.metadata, wanted.metadata)) {
    const before = live.metadata ?? {};
    const after = wanted.metadata ?? {};
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const path = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `metadata.${key}` : `metadata[${JSON.stringify(key)}]`;
      if (!Object.hasOwn(before, key)) changes.push(change(path, "add", false));
      else if (!Object.hasOwn(after, key)) changes.push(change(path, "delete", false));
      else if (before[key] !== after[key]) changes.push(change(path, "update", false));
    }
  }
  return changes;
}

/** Which of the fields SendMailOS stores (externalId, metadata) differ. Pure. */
export function liveFieldChanges(
  live: { externalId?: string | null; metadata?: Record<string, string> | null },
  wanted: { externalId?: string; metadata?: Record<string, string> },
): ("externalId" | "metadata")[] {
  const top = liveFieldDiff(live, wanted).map((c) => (c.path === "externalId" ? "externalId" : "metadata"));
  return [...new Set(top)];
}

/** The loud preview message for a replacement: DKIM keys rotate and the domain must verify again. */
export function replacementWarning(olds: DomainState, news: DomainInputs, replaces: string[]): string {
  const oldName = olds.domainName ?? olds.domain;
  const shown = (value: string | undefined, fallback: string) =>
    isUnknown(value) ? "(not known until apply)" : value === undefined ? fallback : value;
  const what = replaces
    .map((p) =>
      p === "domain"
        ? `domain ${oldName} -> ${shown(news.domain, "(none)")}`
        : `workspaceId ${olds.workspaceId ?? "(default)"} -> ${shown(news.workspaceId, "(default)")}`,
    )
    .join(", ");
  return (
    `REPLACING SendMailOS domain ${oldName} (${what}). A new domain is registered with NEW DKIM keys: ` +
    `its three CNAME records change and it must verify again (SES can take up to 72 hours); ` +
    `mail signed for the old registration stops verifying once it is deleted. ` +
    `If this is not intended, revert the change; to keep the old registration, set deletionPolicy: "retain" first.`
  );
}

function change(path: string, kind: PropertyChange["kind"], replaces: boolean): PropertyChange {
  return { path, kind, replaces, input: true };
}
