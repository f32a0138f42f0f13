import type { DomainStatus } from "../../sdk";
import type { DiffDecision, PropertyChange } from "../runtime/operations";
import type { RecordCheck } from "./dns-diagnosis";
import type { VerificationInputs } from "./verification-schema";

/** What a `DomainVerification` keeps in state: its inputs and the outcome of the last wait. */
export interface VerificationState extends VerificationInputs {
  /** `verified` once the wait succeeded; the last status seen otherwise. */
  status: DomainStatus;
  /** When SendMailOS verified the domain. */
  verifiedAt: string | null;
  /** Seconds spent waiting, over every run that waited. */
  waitedSeconds: number;
  /** The last DNS diagnosis, one entry per required record. */
  records: RecordCheck[];
}

/** Inputs that change how a verification waits, not what it waits for: they update in place. */
const settings = ["domainName", "timeoutSeconds", "pollIntervalSeconds", "maxPollIntervalSeconds", "dnsCheck", "dnsResolvers"] as const;

/**
 * Decides what a change does to a verification. Another domain or workspace replaces it; the wait settings
 * change in place; and a verification that is not verified (timed out, interrupted, or un-verified since, as
 * a refresh showed) always changes: waiting again is the change, shown as its `status` output. Pure.
 */
export function diffVerification(olds: VerificationState, news: VerificationInputs): DiffDecision {
  const properties: PropertyChange[] = [];
  if (news.domainId !== olds.domainId) properties.push(input("domainId", "update", true));
  if ((news.workspaceId || undefined) !== (olds.workspaceId || undefined))
    properties.push(input("workspaceId", kindOf(olds.workspaceId, news.workspaceId), true));
  for (const key of settings) {
    if (JSON.stringify(news[key] ?? null) !== JSON.stringify(olds[key] ?? null))
      properties.push(input(key, kindOf(olds[key], news[key]), false));
  }
  if (olds.status !== "verified") properties.push({ path: "status", kind: "update", replaces: false, input: false });
  const replaces = properties.filter((p) => p.replaces).map((p) => p.path);
  return { changes: properties.length > 0, replaces, properties, deleteBeforeReplace: false };
}

function kindOf(before: unknown, after: unknown): PropertyChange["kind"] {
  return before === undefined || before === null ? "add" : after === undefined || after === null ? "delete" : "update";
}

function input(path: string, kind: PropertyChange["kind"], replaces: boolean): PropertyChange {
  return { path, kind, replaces, input: true };
}
