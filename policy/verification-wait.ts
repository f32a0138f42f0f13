/**
 * Advice on waiting: a domain that no verification waits for lets `pulumi up` finish before SendMailOS
 * verifies it (mail fails DKIM until then, and nobody is told), and a very short wait fails `pulumi up` before
 * SES has had a fair chance (usually minutes, up to 72 hours). Pure.
 */
import { domainIdentity, domainsOf, normalizedName, verificationsOf, type PolicyResourceView } from "./resources";

/** The shortest wait that is not advised against, unless the pack's config says otherwise. */
export const defaultMinimumTimeoutSeconds = 300;

/** One piece of advice about a resource. */
export interface WaitFinding {
  urn: string;
  message: string;
}

/** Domains without a verification, and verifications that wait less than `minimumSeconds`. */
export function waitFindings(resources: readonly PolicyResourceView[], minimumSeconds: number): WaitFinding[] {
  const findings: WaitFinding[] = [];
  const verifications = verificationsOf(resources);
  for (const domain of domainsOf(resources)) {
    const identity = domainIdentity(domain);
    const waited = verifications.some(
      (v) =>
        v.dependencies.includes(domain.urn) ||
        (identity.domainId !== undefined && v.inputs["domainId"] === identity.domainId) ||
        (v.parent !== undefined && v.parent === domain.parent && v.parent.includes("VerifiedDomain")),
    );
    if (!waited) {
      findings.push({
        urn: domain.urn,
        message:
          `no verification waits for ${identity.name ?? "this domain"}: pulumi up finishes before SendMailOS verifies it, and mail fails DKIM ` +
          "until it does. Let VerifiedDomain wait (leave out wait: false) or declare a DomainVerification for it.",
      });
    }
  }
  const domains = domainsOf(resources).map(domainIdentity);
  for (const v of verifications) {
    const timeout = v.inputs["timeoutSeconds"];
    if (typeof timeout === "number" && timeout < minimumSeconds) {
      const domain = domains.find(
        (d) => v.dependencies.includes(d.urn) || (d.domainId !== undefined && d.domainId === v.inputs["domainId"]),
      );
      const name = domain?.name ?? normalizedName(v.inputs["domainName"]) ?? "its domain";
      findings.push({
        urn: v.urn,
        message:
          `the verification of ${name} waits at most ${timeout}s (timeoutSeconds), less than ${minimumSeconds}s: SES usually needs minutes ` +
          "after the records resolve and may take up to 72 hours, so pulumi up is likely to fail first. Raise timeoutSeconds (default 2700).",
      });
    }
  }
  return findings;
}
