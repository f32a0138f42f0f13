import type { InputFailure } from "../runtime/check-failure";
import { isUnknown } from "../runtime/unknown";
import { normalizeDomainName } from "./domain-name";
import { validateMetadata } from "./metadata";

/** What to do with the SendMailOS domain when the resource is deleted. */
export type DeletionPolicy = "delete" | "retain";

/** The `Domain` resource's inputs after `check`: normalized, defaults applied. */
export interface DomainInputs {
  /** Normalized domain name (lower case, punycode, no trailing dot). */
  domain: string;
  externalId?: string;
  metadata?: Record<string, string>;
  workspaceId?: string;
  adoptExisting: boolean;
  deletionPolicy: DeletionPolicy;
}

/** The result of checking raw inputs: normalized inputs plus every failure found. */
export interface CheckedDomainInputs {
  inputs: DomainInputs;
  failures: InputFailure[];
}

const workspacePattern = /^ws_[A-Za-z0-9_-]+$/;

/**
 * Validates and normalizes the raw inputs of a `Domain`. Runs in `check`, so every mistake is reported
 * at preview time, naming the property and the fix. Unknown values (preview of a value computed by
 * another resource) pass through untouched.
 */
export function checkDomainInputs(raw: Record<string, unknown>): CheckedDomainInputs {
  const failures: InputFailure[] = [];
  const inputs: Record<string, unknown> = {};

  const domain = raw["domain"];
  if (isUnknown(domain)) {
    inputs["domain"] = domain;
  } else if (typeof domain !== "string") {
    failures.push({ property: "domain", reason: "domain is required: the sending domain, e.g. \"acme.com\"" });
  } else {
    const result = normalizeDomainName(domain);
    if (result.ok) inputs["domain"] = result.value;
    else failures.push({ property: "domain", reason: `domain ${result.reason}` });
  }

  const externalId = raw["externalId"];
  if (externalId !== undefined && externalId !== null) {
    if (!isUnknown(externalId) && (typeof externalId !== "string" || externalId.trim() === "")) {
      failures.push({ property: "externalId", reason: "externalId must be a non-empty string; leave it out to send none" });
    } else {
      inputs["externalId"] = externalId;
    }
  }

  const metadata = raw["metadata"];
  const metadataFailures = validateMetadata(metadata);
  failures.push(...metadataFailures);
  if (metadata !== undefined && metadata !== null && metadataFailures.length === 0) inputs["metadata"] = metadata;

  const workspaceId = raw["workspaceId"];
  if (workspaceId !== undefined && workspaceId !== null && workspaceId !== "") {
    if (!isUnknown(workspaceId) && (typeof workspaceId !== "string" || !workspacePattern.test(workspaceId))) {
      failures.push({
        property: "workspaceId",
        reason: `workspaceId must look like "ws_..." (an agency workspace id), got ${JSON.stringify(workspaceId)}`,
      });
    } else {
      inputs["workspaceId"] = workspaceId;
    }
  }

  const adopt = raw["adoptExisting"];
  if (adopt !== undefined && adopt !== null && typeof adopt !== "boolean" && !isUnknown(adopt)) {
    failures.push({ property: "adoptExisting", reason: "adoptExisting must be true or false" });
  }
  inputs["adoptExisting"] = adopt ?? false;

  const policy = raw["deletionPolicy"];
  if (policy !== undefined && policy !== null && policy !== "delete" && policy !== "retain" && !isUnknown(policy)) {
    failures.push({
      property: "deletionPolicy",
      reason: `deletionPolicy must be "delete" or "retain", got ${JSON.stringify(policy)}`,
    });
  }
  inputs["deletionPolicy"] = policy ?? "delete";

  return { inputs: inputs as unknown as DomainInputs, failures };
}
