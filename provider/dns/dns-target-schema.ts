/**
 * THE definition of where a `VerifiedDomain` publishes its DKIM records (`dns`): one schema per DNS host,
 * with the TTL rules of that host, so a value Route53 or Cloudflare would refuse is refused at preview.
 */
import { z } from "zod";
import type { InputFailure } from "../schema/issues";
import { booleanField, identifierField, ttlField } from "../schema/fields";
import { documented } from "../schema/doc";
import { cloudflareAutomaticTtl, emulatorDefaultTtl, route53DefaultTtl } from "./dns-target-defaults";

export { cloudflareAutomaticTtl, emulatorDefaultTtl, route53DefaultTtl } from "./dns-target-defaults";
/** Largest TTL DNS allows (RFC 2181 §8). */
const maxTtl = 2_147_483_647;

const zoneFields = {
  zoneId: documented(identifierField("zoneId").optional(), { description: "The zone id. Give this or `zoneName`." }),
  zoneName: documented(identifierField("zoneName").optional(), {
    description: "The zone's name (e.g. `acme.com`), looked up when `zoneId` is not given.",
  }),
};

/** DKIM records in Route53 (`aws.route53.Record`, CNAME). */
export const route53TargetSchema = z.strictObject({
  provider: z.literal("route53"),
  ...zoneFields,
  ttl: documented(ttlField(0, maxTtl).default(route53DefaultTtl), { description: "Record TTL in seconds." }),
  allowOverwrite: documented(booleanField().default(false), {
    description: "Overwrite a record that already exists with the same name (one made by hand) instead of failing.",
  }),
});

/** DKIM records in Cloudflare (provider v6, `cloudflare.DnsRecord`), always DNS-only. */
export const cloudflareTargetSchema = z.strictObject({
  provider: z.literal("cloudflare"),
  ...zoneFields,
  ttl: documented(ttlField(60, 86_400, [cloudflareAutomaticTtl]).default(cloudflareAutomaticTtl), {
    description: "Record TTL: 1 means automatic; otherwise 60 to 86400 (Cloudflare's rule).",
  }),
  proxied: documented(
    z.literal(false, { error: "must be false: a proxied CNAME is flattened into A records and the DKIM records never verify" }).optional(),
    {
      description:
        "Must stay `false`: a proxied CNAME is flattened into A records and DKIM never verifies. Accepted so that `true` fails with that explanation.",
    },
  ),
});

/** DKIM records in the local SendMailOS emulator's DNS zone (development and tests). */
export const emulatorTargetSchema = z.strictObject({
  provider: z.literal("emulator"),
  ttl: documented(ttlField(0, maxTtl).default(emulatorDefaultTtl), { description: "Record TTL in seconds." }),
});

/** You publish the records yourself (another DNS host, another program). */
export const noDnsTargetSchema = z.strictObject({ provider: z.literal("none") });

/** Where the three DKIM CNAMEs go. */
export const dnsTargetSchema = z.discriminatedUnion(
  "provider",
  [route53TargetSchema, cloudflareTargetSchema, emulatorTargetSchema, noDnsTargetSchema],
  { error: (issue) => (issue.code === "invalid_union" ? 'must be "route53", "cloudflare", "emulator" or "none"' : undefined) },
);

/** A DNS target after validation, defaults applied. */
export type DnsTargetInputs = z.output<typeof dnsTargetSchema>;

/**
 * Rules across fields: Route53 and Cloudflare need exactly one of zoneId and zoneName.
 * @param property the property holding the target (`dns`), or `""` when the target is the whole input
 */
export function checkDnsTarget(dns: Record<string, unknown>, property = "dns"): InputFailure[] {
  if (dns["provider"] !== "route53" && dns["provider"] !== "cloudflare") return [];
  const given = ["zoneId", "zoneName"].filter((k) => dns[k] !== undefined && dns[k] !== null);
  if (given.length === 1) return [];
  const problem =
    given.length === 0
      ? `${String(dns["provider"])} needs zoneId or zoneName (e.g. "acme.com") to say where the DKIM records go`
      : "give zoneId or zoneName, not both";
  return [{ property, reason: property === "" ? problem : `${property}: ${problem}` }];
}
