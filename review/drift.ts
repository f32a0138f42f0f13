/**
 * Drift in domain terms, from a `pulumi preview --refresh` (the scheduled drift check): the refresh reads every
 * domain, record and verification, and the steps that follow are what `pulumi up --refresh` would do to repair
 * what changed outside Pulumi. A domain gone from SendMailOS is created again, metadata changed by hand is updated
 * back, a vanished DKIM record is published again, a domain no longer verified is waited for again. Anything
 * else that would change (a resource the program adds, say) is not drift but an unapplied change. Pure.
 */
import { liveFieldDiff } from "../provider/domain/domain-diff";
import { groupByDomain, domainNameOf, type DomainSteps } from "./domain-groups";
import type { PlannedStep, PreviewRecord } from "./preview-json";
import { dnsHostOf, recordOf, type DnsHost, type RecordView } from "./resource-kinds";
import { maskSecrets, valueAt } from "./values";

/** One thing that drifted. */
export type Drift =
  /** The domain no longer exists in SendMailOS. */
  | { kind: "deleted"; recordCount: number }
  /** Fields SendMailOS holds differ from the stack's (`live` is SendMailOS's value, `wanted` the stack's). */
  | { kind: "changed"; fields: { path: string; live: unknown; wanted: unknown }[] }
  /** The domain is not verified any more; `status` is what SendMailOS says. */
  | { kind: "unverified"; status: unknown }
  /** A DKIM record the stack published is gone from DNS. */
  | { kind: "record-missing"; record: RecordView }
  /** A DKIM record differs from what the stack published. */
  | { kind: "record-changed"; record: RecordView; fields: string[] };

/** A domain that drifted. */
export interface DomainDrift {
  domain: string;
  dnsHost?: DnsHost;
  drifts: Drift[];
}

/** The result of a drift check. */
export interface DriftModel {
  stack?: string;
  /** Domains with drift, by name. */
  drifted: DomainDrift[];
  /** How many domains were checked (those the preview shows). */
  checked: number;
  /** Steps that are not repairs of drift: changes made to the program or stack config but not applied. */
  unapplied: PlannedStep[];
  /** Error messages: the check itself failed. */
  errors: string[];
  /** False when the preview did not refresh (no `--refresh`): then nothing can be said about drift. */
  refreshed: boolean;
}

/** Builds the drift model of a `pulumi preview --refresh`. */
export function driftModel(preview: PreviewRecord): DriftModel {
  const grouped = groupByDomain(preview.steps);
  const drifted: DomainDrift[] = [];
  const unapplied: PlannedStep[] = [...grouped.others.filter((s) => s.op !== "same" && s.op !== "read")];
  for (const group of grouped.domains) {
    const { drifts, other } = domainDrifts(group, preview.refreshed);
    unapplied.push(...other);
    if (drifts.length > 0) {
      const host = group.records.map((r) => dnsHostOf(r.type)).find((h) => h !== undefined);
      drifted.push({
        domain: domainNameOf(group.domain, "old") ?? domainNameOf(group.domain, "new") ?? group.domain.urn,
        ...(host ? { dnsHost: host } : {}),
        drifts,
      });
    }
  }
  return {
    ...(preview.stack ? { stack: preview.stack } : {}),
    drifted: drifted.sort((a, b) => a.domain.localeCompare(b.domain)),
    checked: grouped.domains.length,
    unapplied,
    errors: preview.diagnostics.filter((d) => d.severity === "error").map((d) => d.message.trim()),
    refreshed: preview.refreshed.size > 0,
  };
}

function domainDrifts(group: DomainSteps, refreshed: PreviewRecord["refreshed"]): { drifts: Drift[]; other: PlannedStep[] } {
  const drifts: Drift[] = [];
  const other: PlannedStep[] = [];
  const wasRead = (step: PlannedStep) => refreshed.has(step.urn);
  const domain = group.domain;
  const deleted = domain.op === "create" && wasRead(domain);
  if (deleted) drifts.push({ kind: "deleted", recordCount: group.records.length });
  else if (domain.op === "update" && wasRead(domain)) {
    const fields = liveFieldDiff(
      maskSecrets(domain.old?.outputs ?? {}) as LiveFields,
      maskSecrets(domain.new?.inputs ?? {}) as WantedFields,
    ).map((p) => ({
      path: p.path,
      live: valueAt(domain.old?.outputs, p.path),
      wanted: valueAt(domain.new?.inputs, p.path),
    }));
    if (fields.length > 0) drifts.push({ kind: "changed", fields });
    else other.push(domain);
  } else if (domain.op !== "same") other.push(domain);

  for (const verification of group.verifications) {
    const status = verification.old?.outputs["status"];
    if (!deleted && verification.op === "update" && wasRead(verification) && status !== "verified")
      drifts.push({ kind: "unverified", status });
    else if (verification.op !== "same" && !deleted) other.push(verification);
  }
  for (const record of group.records) {
    if (deleted || record.op === "same") continue;
    if (record.op === "create" && wasRead(record)) drifts.push({ kind: "record-missing", record: recordOf(record.new!) });
    else if ((record.op === "update" || record.op === "replace") && wasRead(record) && record.old && record.new) {
      const before = recordOf({ ...record.old, inputs: {} }); // what the refresh read
      const after = recordOf(record.new);
      const fields = (["name", "value", "type"] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
      drifts.push({ kind: "record-changed", record: after, fields: fields.length > 0 ? fields : ["settings"] });
    } else other.push(record);
  }
  return { drifts, other };
}

type LiveFields = { externalId?: string | null; metadata?: Record<string, string> | null };
type WantedFields = { externalId?: string; metadata?: Record<string, string> };
