/**
 * THE definition of a `DomainVerification`'s inputs (rules, defaults, doc text). `check`, the generated
 * `DomainVerificationArgs`, the `wait` settings of `VerifiedDomain` and of the domains program, the README
 * table and the provider schema derive from it.
 */
import { z } from "zod";
import type { InputFailure } from "../schema/issues";
import { booleanField, identifierField, resolverListField, secondsField, workspaceIdField } from "../schema/fields";
import { documented } from "../schema/doc";
import { isUnknown } from "../runtime/unknown";

/** Bounds of the wait settings, named once for the rules and the docs. */
export const waitBounds = {
  timeoutSeconds: { min: 1, max: 7 * 24 * 3600 },
  pollIntervalSeconds: { min: 0.1, max: 3600 },
} as const;

/** How a verification waits: the part of its inputs that `VerifiedDomain`'s `wait` and the domains program take. */
export const waitSettingsShape = {
  timeoutSeconds: documented(secondsField(waitBounds.timeoutSeconds.min, waitBounds.timeoutSeconds.max).default(45 * 60), {
    description:
      "How long one `pulumi up` waits before failing; the resource stays in state and the next `pulumi up` resumes the wait. " +
      "Pulumi's `customTimeouts` bound it too where they reach the provider (the native provider).",
  }),
  pollIntervalSeconds: documented(secondsField(waitBounds.pollIntervalSeconds.min, waitBounds.pollIntervalSeconds.max).default(5), {
    description:
      "First interval between status polls; it grows by half each poll up to `maxPollIntervalSeconds`. Every waiting domain shares one list request per interval.",
  }),
  maxPollIntervalSeconds: documented(secondsField(waitBounds.pollIntervalSeconds.min, waitBounds.pollIntervalSeconds.max).optional(), {
    description: "Longest interval between polls; not below `pollIntervalSeconds`.",
    defaultText: "60, or `pollIntervalSeconds` when that is larger",
  }),
  dnsCheck: documented(booleanField().default(true), {
    description: "Resolve each DKIM record while waiting and report which are right, missing or pointing elsewhere.",
  }),
  dnsResolvers: documented(resolverListField.optional(), {
    description: 'DNS servers for that check, IP with an optional port (`"1.1.1.1"`, `"127.0.0.1:5353"`).',
    defaultText: "`sendmailos:dnsResolvers`, else the emulator's DNS when the records went there, else the system's",
  }),
};

/** The `DomainVerification` resource's inputs. */
export const verificationInputsSchema = z.strictObject({
  domainId: documented(identifierField("domainId"), {
    description: "The SendMailOS domain id to wait for: a `Domain`'s `domainId`.",
    replaces: true,
  }),
  domainName: documented(identifierField("domainName").optional(), {
    description: "The domain's name, for messages (a `Domain`'s `domainName`).",
  }),
  workspaceId: documented(workspaceIdField.optional(), {
    description: "The domain's workspace when it is not the default; must match the `Domain`'s.",
    defaultText: "`sendmailos:workspaceId`",
    replaces: true,
  }),
  ...waitSettingsShape,
});

/** A `DomainVerification`'s inputs after `check`: defaults applied. */
export type VerificationInputs = z.output<typeof verificationInputsSchema>;

/** Default of `maxPollIntervalSeconds` when `pollIntervalSeconds` is not larger. */
export const defaultMaxPollIntervalSeconds = 60;

/** The longest interval between polls that applies: the input, else the default or the first interval, whichever is larger. */
export function effectiveMaxPollIntervalSeconds(
  inputs: Pick<VerificationInputs, "pollIntervalSeconds" | "maxPollIntervalSeconds">,
): number {
  return inputs.maxPollIntervalSeconds ?? Math.max(defaultMaxPollIntervalSeconds, inputs.pollIntervalSeconds);
}

/** Rules across the wait settings (fields already valid; unknown values skipped). */
export function checkWaitSettings(inputs: Record<string, unknown>): InputFailure[] {
  const poll = inputs["pollIntervalSeconds"];
  const max = inputs["maxPollIntervalSeconds"];
  if (typeof poll === "number" && typeof max === "number" && !isUnknown(max) && max < poll) {
    return [
      { property: "maxPollIntervalSeconds", reason: `maxPollIntervalSeconds (${max}) must not be below pollIntervalSeconds (${poll})` },
    ];
  }
  return [];
}

/** One record of the DNS diagnosis, as the outputs carry it. */
export const recordCheckOutputSchema = z.object({
  name: documented(z.string(), { description: "The record's name." }),
  expected: documented(z.string(), { description: "The CNAME target SendMailOS expects." }),
  state: documented(z.enum(["ok", "missing", "wrong", "unresolved"]), {
    description: "`ok`: resolves to the expected target; `missing`: no CNAME there; `wrong`: points elsewhere; `unresolved`: DNS failed.",
  }),
  found: documented(z.array(z.string()), { description: "What was found instead (CNAME targets, or addresses when proxied)." }),
  hint: documented(z.string().optional(), { description: "How to fix this record, when there is a hint." }),
});

/** What a `DomainVerification` reports besides its inputs. */
export const verificationOutputsSchema = z.object({
  status: documented(z.enum(["pending", "verified", "failed"]), {
    description: "`verified` once the wait succeeded; the last status seen otherwise.",
  }),
  verifiedAt: documented(z.string().nullable(), { description: "When SendMailOS verified the domain." }),
  waitedSeconds: documented(z.number(), { description: "Seconds spent waiting, across resumed runs." }),
  records: documented(z.array(recordCheckOutputSchema), { description: "The last DNS diagnosis: one entry per required record." }),
});
