/**
 * The field types that resource input schemas are built from. The rules a request must follow (lengths,
 * characters, sizes) are the sdk's field schemas (`sdk/request-fields.ts`, built on `sdk/limits.ts`), the
 * ones the API client checks before sending and the emulator enforces, so a value refused here at preview
 * would be refused by the API, and the reverse. What this file adds is what only a resource input needs:
 * a hint that fits a value of the wrong type, and refusing an empty value that would mean "none".
 */
import { isIP } from "node:net";
import { z } from "zod";
import { describeKind, displayText, displayValue } from "../../sdk/display";
import {
  externalIdFieldSchema,
  forbiddenCharacterProblem,
  metadataFieldSchema,
  refuseProtoKey,
  workspaceIdProblem,
} from "../../sdk/request-fields";
import { normalizeDomainName } from "../domain/domain-name";

/** A string (the type named in the message otherwise), not empty. */
function nonEmptyString(what: string) {
  return z
    .string({ error: (issue) => (issue.code === "invalid_type" ? `must be a string, got ${describeKind(issue.input)}` : undefined) })
    .min(1, { error: `is empty; give a value or leave ${what} out` });
}

/** A sending domain: normalized (lower case, one trailing dot removed, punycode) or refused with the reason. */
export const domainNameField = z
  .string({ error: (issue) => (issue.code === "invalid_type" ? `is required: the sending domain, e.g. "acme.com"` : undefined) })
  .transform((value, ctx) => {
    const result = normalizeDomainName(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: "custom", message: result.reason });
    return z.NEVER;
  });

/** Your own id for a domain (`external_id`): the API's rules, and not empty (leave it out to send none). */
export const externalIdField = nonEmptyString("externalId").superRefine(obeys(externalIdFieldSchema));

/** The hint for a metadata value that is not a string. */
function metadataValueHint(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return `quote it: "${String(value)}"`;
  if (value === null) return "give a string, or remove the key";
  if (Array.isArray(value)) return `metadata is flat: join the list into one string, e.g. ${displayText((value as unknown[]).join(","))}`;
  if (typeof value === "object")
    return "metadata is flat (string to string): use one key per value, e.g. plan_tier and plan_seats, or a JSON string";
  return "give a string";
}

/** String-to-string metadata: a type hint for each value that is not a string, then the API's rules. */
export const metadataField = z
  .preprocess(
    refuseProtoKey,
    z.record(
      z.string(),
      z.string({ error: (issue) => `must be a string, got ${describeKind(issue.input)}; ${metadataValueHint(issue.input)}` }),
      {
        error: (issue) =>
          issue.code === "invalid_type" ? `must be a map of string keys to string values, got ${describeKind(issue.input)}` : undefined,
      },
    ),
  )
  .superRefine(obeys(metadataFieldSchema));

/** Forwards the issues of the sdk's rule for a field, so that its words and limits are the ones used. */
function obeys<T>(rule: z.ZodType<unknown, T>) {
  return (value: T, ctx: z.RefinementCtx) => {
    const result = rule.safeParse(value);
    if (!result.success)
      for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path] });
  };
}

/** An agency workspace id (`ws_...`). */
export const workspaceIdField = z
  .string({
    error: (issue) => (issue.code === "invalid_type" ? `must be a string such as "ws_123", got ${describeKind(issue.input)}` : undefined),
  })
  .superRefine((id, ctx) => {
    const problem = workspaceIdProblem(id);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });

/** `true` or `false`. */
export function booleanField() {
  return z.boolean({ error: (issue) => `must be true or false, got ${displayValue(issue.input)}` });
}

/** A number of seconds between `min` and `max`. */
export function secondsField(min: number, max: number) {
  const message = (issue: { input?: unknown }) => `must be a number of seconds between ${min} and ${max}, got ${displayValue(issue.input)}`;
  return z.number({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** True for `1.2.3.4`, `1.2.3.4:53`, `::1` and `[::1]:53`: what node's resolver accepts. */
export function isResolverAddress(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (isIP(value) !== 0) return true;
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(value);
  if (bracketed) return isIP(bracketed[1]!) === 6 && Number(bracketed[2]) <= 65535;
  const hostPort = /^([^:]+):(\d{1,5})$/.exec(value);
  return hostPort !== null && isIP(hostPort[1]!) === 4 && Number(hostPort[2]) <= 65535;
}

/** DNS servers for the verification's diagnosis: IP addresses with optional ports. */
export const resolverListField = z
  .array(
    z.string().refine(isResolverAddress, {
      error: (issue) =>
        `entry ${displayValue(issue.input)} is not an IP address with an optional port (e.g. "8.8.8.8" or "127.0.0.1:5353")`,
    }),
    { error: (issue) => `must be a list such as ["1.1.1.1", "127.0.0.1:5353"], got ${describeKind(issue.input)}` },
  )
  .max(16, { error: "has more than 16 entries" });

/** A DNS TTL in seconds within `min`..`max` (what the DNS host accepts), or one of the `also` values. */
export function ttlField(min: number, max: number, also: number[] = []) {
  const rule =
    also.length === 0 ? `an integer from ${min} to ${max}` : `${also.join(" or ")} (automatic), or an integer from ${min} to ${max}`;
  return z
    .number({ error: (issue) => `must be ${rule}, got ${displayValue(issue.input)}` })
    .refine((ttl) => Number.isInteger(ttl) && (also.includes(ttl) || (ttl >= min && ttl <= max)), {
      error: (issue) => `must be ${rule}, got ${displayValue(issue.input)}`,
    });
}

/** A non-empty identifier from another system (a zone id, a zone name, a domain id), without control characters. */
export function identifierField(what: string) {
  return nonEmptyString(what)
    .max(1024, { error: (issue) => `is ${String(issue.input).length} characters long; at most 1024 are allowed` })
    .superRefine((value, ctx) => {
      const problem = forbiddenCharacterProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    });
}
