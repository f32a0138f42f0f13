import { z } from "zod";
import { normalizeDomainName } from "../provider/domain/domain-name";

const zoneFields = {
  zoneId: z.string().min(1).optional(),
  zoneName: z.string().min(1).optional(),
};

const dnsSchema = z.discriminatedUnion("provider", [
  z.object({ provider: z.literal("route53"), ...zoneFields, ttl: z.number().int().min(1).optional(), allowOverwrite: z.boolean().optional() }).strict(),
  z
    .object({
      provider: z.literal("cloudflare"),
      ...zoneFields,
      ttl: z.number().int().refine((t) => t === 1 || (t >= 60 && t <= 86400), "ttl must be 1 (automatic) or 60 to 86400").optional(),
      proxied: z.literal(false, { error: "proxied must be false: a proxied DKIM CNAME never verifies" }).optional(),
    })
    .strict(),
  z.object({ provider: z.literal("emulator"), ttl: z.number().int().min(1).optional() }).strict(),
  z.object({ provider: z.literal("none") }).strict(),
]);

const waitSchema = z.union([
  z.boolean(),
  z
    .object({
      timeoutSeconds: z.number().positive().optional(),
      pollIntervalSeconds: z.number().positive().optional(),
      maxPollIntervalSeconds: z.number().positive().optional(),
      dnsCheck: z.boolean().optional(),
      dnsResolvers: z.array(z.string()).optional(),
    })
    .strict(),
]);

/** One entry of the `domains` stack setting. */
export const domainEntrySchema = z
  .object({
    domain: z.string().transform((value, ctx) => {
      const result = normalizeDomainName(value);
      if (!result.ok) {
        ctx.addIssue({ code: "custom", message: `domain ${result.reason}` });
        return z.NEVER;
      }
      return result.value;
    }),
    externalId: z.string().min(1).optional(),
    metadata: z.record(z.string(), z.string({ error: "metadata values must be strings (quote numbers)" })).optional(),
    workspaceId: z.string().regex(/^ws_[A-Za-z0-9_-]+$/, "workspaceId must look like ws_...").optional(),
    adoptExisting: z.boolean().optional(),
    deletionPolicy: z.enum(["delete", "retain"]).optional(),
    dns: dnsSchema,
    wait: waitSchema.optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const dns = entry.dns;
    if ((dns.provider === "route53" || dns.provider === "cloudflare") && !dns.zoneId && !dns.zoneName) {
      ctx.addIssue({ code: "custom", path: ["dns"], message: `${dns.provider} needs zoneId or zoneName` });
    }
  });

/** A validated entry of the `domains` stack setting. */
export type DomainEntry = z.infer<typeof domainEntrySchema>;

/** The `domains` setting's value is not what the program expects; the message names each bad entry. */
export class DomainsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The stack setting "domains" is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DomainsConfigError";
  }
}

/**
 * Validates the `domains` stack setting: a list of entries, each naming its domain and DNS target.
 * Errors name the entry by index and domain, and the field, e.g. `domains[2] (acme.com): dns.zoneName ...`.
 */
export function parseDomainsConfig(value: unknown): DomainEntry[] {
  if (!Array.isArray(value)) {
    throw new DomainsConfigError([`"domains" must be a list of entries like { domain: acme.com, dns: { provider: route53, zoneName: acme.com } }`]);
  }
  const problems: string[] = [];
  const entries: DomainEntry[] = [];
  const seen = new Map<string, number>();
  value.forEach((raw, index) => {
    const label = `domains[${index}]${describeEntry(raw)}`;
    const parsed = domainEntrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        problems.push(`${label}: ${path}${issue.message}`);
      }
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
    return ` (${(raw as { domain: string }).domain})`;
  }
  return "";
}
