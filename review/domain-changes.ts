/**
 * A preview in domain terms: per SendMailOS domain, what happens to it (registered, updated, replaced, renamed,
 * deleted), the fields that change, the DKIM records published or removed, how long `pulumi up` will wait, and
 * whether a verified domain is at stake. Pure.
 */
import { liveFieldDiff } from "../provider/domain/domain-diff";
import { waitSettingsShape } from "../provider/verification/verification-schema";
import { domainFieldChanges, inputFieldChanges, verificationFieldChanges, type FieldChange } from "./field-changes";
import { domainNameOf, groupByDomain, type DomainSteps } from "./domain-groups";
import { clientKeyOf, pairRenames } from "./renames";
import type { PlannedStep, PolicyViolation, PreviewRecord } from "./preview-json";
import { dnsHostOf, recordOf, type DnsHost, type RecordView } from "./resource-kinds";
import { containsSecret, maskSecrets, valueAt } from "./values";

/** What happens to a domain. */
export type DomainAction =
  | "register" // a new registration
  | "import" // an existing registration taken into the stack
  | "update" // changed in place: same registration, same DKIM keys
  | "replace" // a new registration with new DKIM keys, in place of the old one
  | "rename" // the old domain deleted and a new one registered for the same client (same externalId)
  | "delete" // deleted from SendMailOS (or forgotten, with deletionPolicy retain)
  | "dns" // only its DNS records change
  | "wait" // only its verification changes (settings, or waiting again)
  | "none";

/** How `pulumi up` will wait for a domain. */
export type WaitPlan =
  | { kind: "none" }
  | { kind: "disabled" }
  /** `timeoutSeconds` may be unknown or secret; `again`: a domain that was verified or waited before waits anew. */
  | { kind: "waits"; timeoutSeconds: unknown; again: boolean };

/** One domain's change. */
export interface DomainChange {
  action: DomainAction;
  /** The domain's name after the change (before it, for a deletion). */
  domain: string;
  /** The name before, when it changes (replacement of the name, rename). */
  previousDomain?: string;
  /** URNs of the resources involved (for policy violations). */
  urns: string[];
  /** The domain was verified before this change (state as of the last `up` or refresh). */
  wasVerified: boolean;
  /** A deletion leaves the registration in SendMailOS (`deletionPolicy: "retain"`). */
  retained: boolean;
  fields: FieldChange[];
  /** For a new registration: the settings it gets (externalId, metadata, ...). */
  settings: FieldChange[];
  /** The client's externalId, when a rename was recognized by it. */
  client?: string;
  /** Records that will be published (name or value may be unknown until apply). */
  recordsAdded: RecordView[];
  /** Records that will be removed. */
  recordsRemoved: RecordView[];
  /** Record resources changed in place (ttl, say). */
  recordUpdates: FieldChange[];
  /** Where the records are published, when the stack publishes them. */
  dnsHost?: DnsHost;
  wait: WaitPlan;
  violations: PolicyViolation[];
}

/** A whole preview in domain terms. */
export interface ReviewModel {
  stack?: string;
  /** Changed domains only. */
  changes: DomainChange[];
  /** Domains that stay as they are; undefined when the preview's form leaves them out (the document lists no `same` steps). */
  unchanged?: number;
  counts: { registered: number; updated: number; replaced: number; deleted: number; recordsAdded: number; recordsRemoved: number };
  /** Steps of other resources (not SendMailOS domains) that change. */
  otherChanges: PlannedStep[];
  policyViolations: PolicyViolation[];
  /** Error messages of the engine and providers (the preview failed). */
  errors: string[];
}

/** `timeoutSeconds` when a wait does not say. */
export const defaultTimeoutSeconds = waitSettingsShape.timeoutSeconds.parse(undefined) as number;

/** Builds the review model of a preview. */
export function reviewModel(preview: PreviewRecord): ReviewModel {
  const grouped = groupByDomain(preview.steps);
  const { pairs, singles } = pairRenames(grouped.domains);
  const violations = indexViolations(preview.policyViolations);
  const all = [...singles.map((g) => domainChange(g, violations)), ...pairs.map(([gone, born]) => renameChange(gone, born, violations))];
  const changes = all.filter((c) => c.action !== "none");
  const count = (...actions: DomainAction[]) => changes.filter((c) => actions.includes(c.action)).length;
  return {
    ...(preview.stack ? { stack: preview.stack } : {}),
    changes,
    ...(preview.format === "events" ? { unchanged: all.length - changes.length } : {}),
    counts: {
      registered: count("register", "import"),
      updated: count("update", "dns", "wait"),
      replaced: count("replace", "rename"),
      deleted: count("delete"),
      recordsAdded: changes.reduce((n, c) => n + c.recordsAdded.length, 0),
      recordsRemoved: changes.reduce((n, c) => n + c.recordsRemoved.length, 0),
    },
    otherChanges: grouped.others,
    policyViolations: preview.policyViolations,
    errors: preview.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.trim()),
  };
}

const actionOfOp: Record<string, DomainAction> = {
  create: "register",
  import: "import",
  update: "update",
  replace: "replace",
  delete: "delete",
};

function domainChange(group: DomainSteps, violations: ViolationIndex): DomainChange {
  const step = group.domain;
  let action: DomainAction = actionOfOp[step.op] ?? "none";
  const changingRecords = group.records.filter((r) => r.op !== "same");
  const changingVerifications = group.verifications.filter((v) => v.op !== "same");
  if (action === "none") action = changingRecords.length > 0 ? "dns" : changingVerifications.length > 0 ? "wait" : "none";

  const newName = domainNameOf(step, "new");
  const oldName = domainNameOf(step, "old");
  const fields = action === "update" || action === "replace" ? domainFieldChanges(step) : [];
  // A verification's `status` change means it waits again: the wait plan says so, it is no field a reviewer set.
  const verificationFields = changingVerifications.flatMap((v) =>
    v.op === "update" ? verificationFieldChanges(v).filter((f) => f.path !== "status") : [],
  );
  const { added, removed, updates } = recordChanges(changingRecords);
  const urns = [step.urn, ...group.records.map((r) => r.urn), ...group.verifications.map((v) => v.urn)];
  const parents = [step.new?.parent, step.old?.parent].filter((p): p is string => p !== undefined && p.includes("VerifiedDomain"));
  const mine = new Set([...urns, ...parents]);
  return {
    action,
    domain: (action === "delete" ? oldName : (newName ?? oldName)) ?? "(name known after apply)",
    ...(oldName && newName && oldName !== newName ? { previousDomain: oldName } : {}),
    urns,
    wasVerified: wasVerified(group),
    retained: step.old?.inputs["deletionPolicy"] === "retain" || step.old?.outputs["deletionPolicy"] === "retain",
    fields: [...fields, ...verificationFields.map((f) => ({ ...f, path: `wait.${f.path}` }))],
    settings: action === "register" || action === "import" ? registrationSettings(step) : [],
    recordsAdded: added,
    recordsRemoved: removed,
    recordUpdates: updates,
    ...dnsHostField(group.records),
    wait: waitPlan(action, group),
    violations: violationsOf(violations, mine, [newName, oldName]),
  };
}

/** Violations by the resource they name, and stack-level ones by the domain their message starts with. */
interface ViolationIndex {
  byUrn: Map<string, PolicyViolation[]>;
  byDomain: Map<string, PolicyViolation[]>;
}

/**
 * A stack policy's violation about a resource that the change deletes carries the stack's URN (the engine's
 * rule for URNs that will not exist); the SendMailOS pack names the domain first in its messages, which ties
 * such a violation to its domain.
 */
function indexViolations(violations: readonly PolicyViolation[]): ViolationIndex {
  const index: ViolationIndex = { byUrn: new Map(), byDomain: new Map() };
  const add = (map: Map<string, PolicyViolation[]>, key: string, v: PolicyViolation) => map.set(key, [...(map.get(key) ?? []), v]);
  for (const v of violations) {
    if (v.urn !== undefined && !v.urn.includes("::pulumi:pulumi:Stack::")) add(index.byUrn, v.urn, v);
    else add(index.byDomain, v.message.split(" ")[0]!, v);
  }
  return index;
}

function violationsOf(index: ViolationIndex, urns: Iterable<string>, names: (string | undefined)[]): PolicyViolation[] {
  const found = new Set<PolicyViolation>();
  for (const urn of urns) for (const v of index.byUrn.get(urn) ?? []) found.add(v);
  for (const name of new Set(names)) if (name !== undefined) for (const v of index.byDomain.get(name) ?? []) found.add(v);
  return [...found];
}

/** Settings of a new registration worth a reviewer's eye: ids, metadata, a policy that is not the default. */
function registrationSettings(step: PlannedStep): FieldChange[] {
  const inputs = step.new?.inputs ?? {};
  const shown = ["externalId", "metadata", "workspaceId"].filter((k) => inputs[k] !== undefined && inputs[k] !== null);
  if (inputs["deletionPolicy"] === "retain") shown.push("deletionPolicy");
  if (inputs["adoptExisting"] === true) shown.push("adoptExisting");
  return shown.map((path) => ({
    path,
    kind: "add",
    before: undefined,
    after: inputs[path],
    replaces: false,
    secret: containsSecret(inputs[path]),
  }));
}

/** Verified as of the last `up` or refresh: the domain's own status or its verification's. */
function wasVerified(group: DomainSteps): boolean {
  return group.domain.old?.outputs["status"] === "verified" || group.verifications.some((v) => v.old?.outputs["status"] === "verified");
}

function recordChanges(steps: PlannedStep[]): { added: RecordView[]; removed: RecordView[]; updates: FieldChange[] } {
  const added: RecordView[] = [];
  const removed: RecordView[] = [];
  const updates: FieldChange[] = [];
  for (const step of [...steps].sort((a, b) => a.urn.localeCompare(b.urn))) {
    const before = step.old ? recordOf(step.old) : undefined;
    const after = step.new ? recordOf(step.new) : undefined;
    if (step.op === "create" || step.op === "import") added.push(after!);
    else if (step.op === "delete") removed.push(before!);
    else if (step.op === "replace") {
      if (before) removed.push(before);
      if (after) added.push(after);
    } else if (step.op === "update") {
      const fields = inputFieldChanges(step);
      if (fields.some((f) => f.path === "name" || f.path === "value" || f.path === "content" || f.path === "records")) {
        if (before) removed.push(before);
        if (after) added.push(after);
      } else updates.push(...fields.map((f) => ({ ...f, path: `${String(before?.name ?? "record")}: ${f.path}` })));
    }
  }
  return { added, removed, updates };
}

function dnsHostField(records: PlannedStep[]): { dnsHost?: DnsHost } {
  const host = records.map((r) => dnsHostOf(r.type)).find((h) => h !== undefined);
  return host ? { dnsHost: host } : {};
}

function waitPlan(action: DomainAction, group: DomainSteps): WaitPlan {
  if (action === "delete" || action === "none") return { kind: "none" };
  const waiting = group.verifications.find(
    (v) =>
      v.op === "create" ||
      v.op === "replace" ||
      (v.op === "update" && verificationFieldChanges(v).some((f) => f.path === "status" || f.path === "domainId")),
  );
  if (waiting) {
    return {
      kind: "waits",
      timeoutSeconds: waiting.new?.inputs["timeoutSeconds"] ?? defaultTimeoutSeconds,
      again: waiting.op !== "create" || action !== "register",
    };
  }
  const creates = action === "register" || action === "replace" || action === "import";
  return creates && group.verifications.length === 0 ? { kind: "disabled" } : { kind: "none" };
}

/** The change of a renamed domain: the old registration's end and the new one's start, as one replacement. */
function renameChange(gone: DomainSteps, born: DomainSteps, violations: ViolationIndex): DomainChange {
  const before = domainChange(gone, violations);
  const after = domainChange(born, violations);
  const live = liveFieldDiff(
    maskSecrets(gone.domain.old?.outputs ?? {}) as { externalId?: string | null; metadata?: Record<string, string> | null },
    maskSecrets(born.domain.new?.inputs ?? {}) as { externalId?: string; metadata?: Record<string, string> },
  );
  const olds = gone.domain.old?.outputs ?? {};
  const news = born.domain.new?.inputs ?? {};
  const fields: FieldChange[] = [
    { path: "domain", kind: "update", before: before.domain, after: after.domain, replaces: true, secret: false },
    ...live.map((p) => {
      const was = valueAt(olds, p.path);
      const will = valueAt(news, p.path);
      return { path: p.path, kind: p.kind, before: was, after: will, replaces: false, secret: containsSecret(was) || containsSecret(will) };
    }),
  ];
  return {
    ...after,
    action: "rename",
    previousDomain: before.domain,
    client: JSON.parse(clientKeyOf(born.domain)!)[0] as string,
    urns: [...before.urns, ...after.urns],
    wasVerified: before.wasVerified,
    retained: before.retained,
    fields,
    recordsRemoved: before.recordsRemoved,
    violations: [...new Set([...before.violations, ...after.violations])],
  };
}
