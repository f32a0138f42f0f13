import {
  verifiedDomainArgsSchema,
  checkVerifiedDomainArgs,
  type VerifiedDomainInputs,
} from "../provider/components/verified-domain-schema";
import { failuresOf } from "../provider/schema/issues";
import * as pulumi from "@pulumi/pulumi";
import { displayText } from "../sdk/display";

/**
 * One entry of the `domains` stack setting: exactly a `VerifiedDomain`'s arguments (the same schema, not a
 * restatement), so the stack file, the component and the resources can never disagree on a rule.
 */
export const domainEntrySchema = verifiedDomainArgsSchema;

/** A validated entry of the `domains` stack setting. */
export type DomainEntry = VerifiedDomainInputs;

/**
 * The `domains` setting's value is not what the program expects; the message names each bad entry. A
 * `RunError`, so that Pulumi prints the message alone: a stack trace into the program helps no one fix a stack file.
 */
export class DomainsConfigError extends pulumi.RunError {
  constructor(readonly problems: string[]) {
    super(`The stack setting "domains" is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DomainsConfigError";
  }
}

/**
 * Validates the `domains` stack setting: a list of entries, each naming its domain and DNS target.
 * Errors name the entry by index and domain, and the field, e.g. `domains[2] (acme.com): dns: route53 needs ...`.
 */
export function parseDomainsConfig(value: unknown): DomainEntry[] {
  if (!Array.isArray(value)) {
    throw new DomainsConfigError([
      `"domains" must be a list of entries like { domain: acme.com, dns: { provider: route53, zoneName: acme.com } }`,
    ]);
  }
  const problems: string[] = [];
  const entries: DomainEntry[] = [];
  const seen = new Map<string, number>();
  value.forEach((raw, index) => {
    const label = `domains[${index}]${describeEntry(raw)}`;
    const parsed = domainEntrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const failure of failuresOf(parsed.error.issues, raw, [], domainEntrySchema)) problems.push(`${label}: ${failure.reason}`);
      return;
    }
    const crossField = checkVerifiedDomainArgs(parsed.data);
    if (crossField.length > 0) {
      for (const failure of crossField) problems.push(`${label}: ${failure.reason}`);
      return;
    }
    const key = `${parsed.data.workspaceId ?? ""}/${parsed.data.domain}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`${label}: ${parsed.data.domain} is already declared by domains[${first}]; declare each domain once`);
      return;
    }
    seen.set(key, index);
    entries.push(parsed.data);
  });
  if (problems.length > 0) throw new DomainsConfigError(problems);
  return entries;
}

function describeEntry(raw: unknown): string {
  if (raw && typeof raw === "object" && typeof (raw as { domain?: unknown }).domain === "string") {
    return ` (${displayText((raw as { domain: string }).domain)})`;
  }
  return "";
}

/**
 * The stack setting `resources`: which provider serves the domains. `dynamic` needs nothing installed;
 * `native` needs the plugin (see the README, "Dynamic or native") and keeps a far smaller state, which
 * matters for stacks of hundreds of domains (see `bench/RESULTS.md`).
 */
export function parseResourcesChoice(value: string | undefined): "dynamic" | "native" {
  if (value === undefined || value === "dynamic" || value === "native") return value ?? "dynamic";
  throw new DomainsConfigError([`"resources" must be "dynamic" or "native", got ${displayText(value)}`]);
}
