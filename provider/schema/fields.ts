/**
 * The field types that resource input schemas are built from, each with its rules and the messages that
 * name the fix. Limits and character rules come from `sdk/limits.ts`, the one definition the API client and
 * the emulator share, so a value refused here at preview would be refused by the API, and the reverse.
 */
import { isIP } from "node:net";
import { z } from "zod";
import { describeKind, displayText, displayValue } from "../../sdk/display";
import { forbiddenCharacters, forbiddenValueCharacters, limits, workspaceIdPattern } from "../../sdk/limits";
import { normalizeDomainName } from "../domain/domain-name";

/** Where the first match of `pattern` is in `text`: `U+000A at position 4`. */
function firstMatch(text: string, pattern: RegExp): string | undefined {
  let position = 0;
  for (const c of text) {
    position += 1;
    if (pattern.test(c)) return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} at position ${position}`;
  }
  return undefined;
}

/** A string with no control or bidirectional-override characters, at most `max` characters long. */
function safeString(max: number, what: string, forbidden: RegExp = forbiddenCharacters) {
  return z
    .string({ error: (issue) => (issue.code === "invalid_type" ? `must be a string, got ${describeKind(issue.input)}` : undefined) })
    .min(1, { error: `is empty; give a value or leave ${what} out` })
    .max(max, { error: (issue) => `is ${[...String(issue.input)].length} characters long; the limit is ${max}` })
    .superRefine((value, ctx) => {
      const at = firstMatch(value, forbidden);
      if (at !== undefined) ctx.addIssue({ code: "custom", message: `contains a control or invisible character (${at}); remove it` });
    });
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

/** Your own id for a domain (`external_id`). */
export const externalIdField = safeString(limits.externalIdLength, "externalId");

/** The value of one metadata entry, with a hint that fits what was given instead of a string. */
const metadataValue = z
  .string({
    error: (issue) => {
      if (issue.code !== "invalid_type") return undefined;
      const value = issue.input;
      const hint =
        typeof value === "number" || typeof value === "boolean"
          ? `quote it: "${String(value)}"`
          : value === null
            ? "give a string, or remove the key"
            : Array.isArray(value)
              ? `metadata is flat: join the list into one string, e.g. ${displayText((value as unknown[]).join(","))}`
              : typeof value === "object"
                ? "metadata is flat (string to string): use one key per value, e.g. plan_tier and plan_seats, or a JSON string"
                : "give a string";
      return `must be a string, got ${describeKind(value)}; ${hint}`;
    },
  })
  .max(limits.metadataValueLength, {
    error: (issue) => `is ${[...String(issue.input)].length} characters long; the limit is ${limits.metadataValueLength}`,
  })
  .superRefine((value, ctx) => {
    const at = firstMatch(value, forbiddenValueCharacters);
    if (at !== undefined) ctx.addIssue({ code: "custom", message: `contains a control or bidirectional character (${at}); remove it` });
  });

/** A metadata key. */
const metadataKey = z
  .string()
  .min(1, { error: "has an empty key; give every entry a name" })
  .max(limits.metadataKeyLength, {
    error: (issue) => `has a key of ${[...String(issue.input)].length} characters (${displayValue(issue.input)}); the limit is ${limits.metadataKeyLength}`,
  })
  .superRefine((key, ctx) => {
    const at = firstMatch(key, forbiddenCharacters);
    if (at !== undefined) ctx.addIssue({ code: "custom", message: `has a key with a control or invisible character (${at}); rename it` });
  });

/** String-to-string metadata, within the key count and total size limits. */
export const metadataField = z
  .record(metadataKey, metadataValue, {
    error: (issue) =>
      issue.code === "invalid_type" ? `must be a map of string keys to string values, got ${describeKind(issue.input)}` : undefined,
  })
  .superRefine((map, ctx) => {
    const keys = Object.keys(map).length;
    if (keys > limits.metadataKeys) ctx.addIssue({ code: "custom", message: `has ${keys} keys; the limit is ${limits.metadataKeys}` });
    const bytes = Buffer.byteLength(JSON.stringify(map), "utf8");
    if (bytes > limits.metadataBytes) {
      ctx.addIssue({ code: "custom", message: `is ${bytes} bytes as JSON; the limit is ${limits.metadataBytes}` });
    }
  });

/** An agency workspace id (`ws_...`). */
export const workspaceIdField = z
  .string({ error: (issue) => (issue.code === "invalid_type" ? `must be a string such as "ws_123", got ${describeKind(issue.input)}` : undefined) })
  .max(limits.workspaceIdLength, {
    error: (issue) => `is ${[...String(issue.input)].length} characters long; workspace ids have at most ${limits.workspaceIdLength}`,
  })
  .regex(workspaceIdPattern, { error: (issue) => `must look like "ws_..." (an agency workspace id), got ${displayValue(issue.input)}` });

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
      error: (issue) => `entry ${displayValue(issue.input)} is not an IP address with an optional port (e.g. "8.8.8.8" or "127.0.0.1:5353")`,
    }),
    { error: (issue) => `must be a list such as ["1.1.1.1", "127.0.0.1:5353"], got ${describeKind(issue.input)}` },
  )
  .max(16, { error: "has more than 16 entries" });

/** A DNS TTL in seconds within `min`..`max` (what the DNS host accepts), or one of the `also` values. */
export function ttlField(min: number, max: number, also: number[] = []) {
  const rule = also.length === 0 ? `an integer from ${min} to ${max}` : `${also.join(" or ")} (automatic), or an integer from ${min} to ${max}`;
  return z
    .number({ error: (issue) => `must be ${rule}, got ${displayValue(issue.input)}` })
    .refine((ttl) => Number.isInteger(ttl) && (also.includes(ttl) || (ttl >= min && ttl <= max)), {
      error: (issue) => `must be ${rule}, got ${displayValue(issue.input)}`,
    });
}

/** A non-empty single-line identifier from another system (a zone id, a zone name, a domain id). */
export function identifierField(what: string) {
  return safeString(1024, what);
}
