/**
 * THE definition of a `VerifiedDomain`'s arguments, composed from the resource schemas it declares: the
 * `Domain` inputs, the DNS target, and the verification's wait settings. The domains program's entries are
 * exactly these arguments, so the stack file and the component can never disagree.
 */
import { z } from "zod";
import { dnsRecordOutputSchema, domainInputsSchema } from "../domain/domain-schema";
import { checkDnsTarget, dnsTargetSchema } from "../dns/dns-target-schema";
import { documented } from "../schema/doc";
import type { InputFailure } from "../schema/issues";
import { checkWaitSettings, waitSettingsShape } from "../verification/verification-schema";

/** The verification's settings as `wait` takes them. */
export const waitSettingsSchema = z.strictObject(waitSettingsShape);

/** `wait`: `false` to not wait, `true` for the defaults, or the settings. */
export const waitSchema = z.union([z.boolean(), waitSettingsSchema], {
  error: (issue) =>
    issue.code === "invalid_union" ? "must be true, false or a map of wait settings such as { timeoutSeconds: 2700 }" : undefined,
});

/** A `VerifiedDomain`'s arguments. */
export const verifiedDomainArgsSchema = domainInputsSchema.extend({
  dns: documented(dnsTargetSchema, {
    description:
      'Where the three DKIM CNAMEs go: `{ provider: "route53", zoneName | zoneId, ttl, allowOverwrite }`, ' +
      '`{ provider: "cloudflare", zoneId | zoneName, ttl }` (never proxied), `{ provider: "emulator", ttl }` or `{ provider: "none" }` ' +
      "(you publish `records` yourself).",
  }),
  wait: documented(waitSchema.default(true), {
    description:
      "Block `pulumi up` until SendMailOS reports the domain verified: `false` to not wait, or the `DomainVerification` settings.",
  }),
});

/** A `VerifiedDomain`'s arguments after validation, defaults applied. */
export type VerifiedDomainInputs = z.output<typeof verifiedDomainArgsSchema>;

/** Rules across fields of a `VerifiedDomain`'s arguments. */
export function checkVerifiedDomainArgs(args: Record<string, unknown>): InputFailure[] {
  const failures: InputFailure[] = [];
  const dns = args["dns"];
  if (dns !== null && typeof dns === "object") failures.push(...checkDnsTarget(dns as Record<string, unknown>));
  const wait = args["wait"];
  if (wait !== null && typeof wait === "object") {
    failures.push(...checkWaitSettings(wait as Record<string, unknown>).map((f) => ({ property: "wait", reason: `wait.${f.reason}` })));
  }
  return failures;
}

/** What a `VerifiedDomain` reports. */
export const verifiedDomainOutputsSchema = z.object({
  domainId: documented(z.string(), { description: "SendMailOS id of the domain." }),
  status: documented(z.string(), { description: "`verified` once waited for; otherwise the status SendMailOS last reported." }),
  records: documented(z.array(dnsRecordOutputSchema), { description: "The three CNAME records." }),
  verifiedAt: documented(z.string().nullable(), { description: "When SendMailOS verified the domain." }),
  timeToVerifySeconds: documented(z.number(), { description: "Seconds `pulumi up` waited for verification (0 when not waiting)." }),
});
