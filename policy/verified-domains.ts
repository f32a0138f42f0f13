/**
 * The guard on verified domains: a change that replaces or deletes a SendMailOS domain that is verified now
 * costs its mail DKIM until new records verify (SES can take up to 72 hours), so it needs the stack's explicit
 * consent, the domain named in the stack setting `sendmailos-policy:allowVerifiedDomainChanges`. Pure.
 */
import { domainIdentity, domainsOf, normalizedName, verificationsOf, type DomainIdentity, type PolicyResourceView } from "./resources";

/** The stack setting that names the verified domains a change may replace or delete. */
export const allowSetting = { namespace: "sendmailos-policy", key: "allowVerifiedDomainChanges" } as const;

/** A verified domain that the planned change replaces or deletes. */
export interface VerifiedDomainAtRisk {
  /** The deployed domain's URN (the stack's own URN stands in for it when the resource is gone). */
  urn: string;
  domain: string;
  change: "deleted" | "replaced";
  /** The name it is replaced by, when the name changes and is known. */
  newName?: string;
  /** Why it counts as a replacement: `domain`, `workspaceId`, or `domain (not known until apply)`. */
  reason?: string;
}

/** The names a stack allows, from the setting's value; throws with the fix when the value is not a list of names. */
export function allowedDomains(value: unknown): Set<string> {
  if (value === undefined || value === null) return new Set();
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw new TypeError(
      `${allowSetting.namespace}:${allowSetting.key} must be a list of domain names, e.g. [acme.com, news.acme.com]; got ${JSON.stringify(value)?.slice(0, 80)}`,
    );
  }
  return new Set(value.map((v) => normalizedName(v)!).filter((v) => v !== undefined));
}

/** The verified domains of `deployed` that `planned` replaces or deletes, and that `allowed` does not name. */
export function verifiedDomainsAtRisk(
  deployed: readonly PolicyResourceView[],
  planned: readonly PolicyResourceView[],
  allowed: ReadonlySet<string>,
): VerifiedDomainAtRisk[] {
  const plannedByUrn = new Map(domainsOf(planned).map((r) => [r.urn, domainIdentity(r)]));
  const verified = verifiedIds(deployed);
  const atRisk: VerifiedDomainAtRisk[] = [];
  for (const resource of domainsOf(deployed)) {
    const before = domainIdentity(resource);
    if (before.name === undefined || allowed.has(before.name)) continue;
    if (resource.outputs["status"] !== "verified" && !(before.domainId !== undefined && verified.has(before.domainId))) continue;
    const after = plannedByUrn.get(resource.urn);
    if (!after) {
      atRisk.push({ urn: resource.urn, domain: before.name, change: "deleted" });
      continue;
    }
    const reason = replacementReason(before, after);
    if (reason)
      atRisk.push({
        urn: resource.urn,
        domain: before.name,
        change: "replaced",
        reason,
        ...(after.name && after.name !== before.name ? { newName: after.name } : {}),
      });
  }
  return atRisk.sort((a, b) => a.domain.localeCompare(b.domain));
}

/** The policy's message for one domain at risk. */
export function atRiskMessage(r: VerifiedDomainAtRisk): string {
  const what =
    r.change === "deleted"
      ? `${r.domain} is verified and this change deletes it (or renames it: a new name is a new registration)`
      : `${r.domain} is verified and this change replaces it (${r.reason}${r.newName ? `: ${r.newName}` : ""}), registering it anew with new DKIM keys`;
  return (
    `${what}; mail from it fails DKIM until new records verify (SES can take up to 72 hours). ` +
    `If that is intended, add ${r.domain} to the stack setting ${allowSetting.namespace}:${allowSetting.key} in this change.`
  );
}

/** SendMailOS ids whose verification resource reports them verified. */
function verifiedIds(deployed: readonly PolicyResourceView[]): Set<string> {
  const ids = new Set<string>();
  for (const v of verificationsOf(deployed)) {
    const id = v.outputs["domainId"] ?? v.inputs["domainId"];
    if (v.outputs["status"] === "verified" && typeof id === "string") ids.add(id);
  }
  return ids;
}

function replacementReason(before: DomainIdentity, after: DomainIdentity): string | undefined {
  if (after.name === undefined) return "domain not known until apply";
  if (after.name !== before.name) return "domain";
  if ((after.workspaceId ?? null) !== (before.workspaceId ?? null)) return "workspaceId";
  return undefined;
}
