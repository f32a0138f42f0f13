import type { InputFailure } from "../runtime/check-failure";
import { isUnknown } from "../runtime/unknown";

/**
 * Validates `metadata`: a flat map of string to string. SendMailOS documents it as "custom key-value
 * pairs"; we accept only strings so that what goes out is exactly what comes back on refresh, and a
 * number written without quotes in YAML is caught at preview instead of drifting forever.
 *
 * @returns the failures (empty when valid).
 */
export function validateMetadata(value: unknown, property = "metadata"): InputFailure[] {
  if (value === undefined || value === null || isUnknown(value)) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    return [{ property, reason: `${property} must be a map of string keys to string values, got ${describe(value)}` }];
  }
  const failures: InputFailure[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key.trim() === "") failures.push({ property, reason: `${property} has an empty key; give every entry a name` });
    if (typeof v !== "string" && !isUnknown(v)) {
      failures.push({
        property: `${property}.${key}`,
        reason: `${property}.${key} must be a string, got ${describe(v)}; quote it (e.g. "${String(v)}")`,
      });
    }
  }
  return failures;
}

/** Compares two metadata maps by content; key order and absent-versus-empty never count as a change. */
export function sameMetadata(a: Record<string, string> | null | undefined, b: Record<string, string> | null | undefined): boolean {
  const left = a ?? {};
  const right = b ?? {};
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(right, k) && left[k] === right[k]);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}
