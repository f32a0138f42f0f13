/**
 * Values as a preview shows them: secrets, unknowns and property paths. The engine masks secrets in its
 * JSON (`"[secret]"` in `preview --json`, a signature object with `ciphertext: "[secret]"` in the event
 * stream) and writes a sentinel for values that are not known until apply. Pure.
 */
import { escapeControls } from "../sdk/display";
import { isUnknown } from "../provider/runtime/unknown";

/** The key that marks a secret in Pulumi's serialized property values. */
const secretSignatureKey = "4dabf18193072939515e22adb298388d";
/** The signature value of a secret. */
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

/** How a secret is shown, always. */
export const secretText = "[secret]";

/** True when the engine marked this value secret (either JSON form). */
export function isSecret(value: unknown): boolean {
  if (value === secretText) return true;
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[secretSignatureKey] === secretSignature;
}

/** True when the value, or a value nested in it, is secret. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecret);
  return false;
}

/** A value with every secret (at any depth) replaced by `[secret]`, so that nothing downstream can show one. */
export function maskSecrets(value: unknown): unknown {
  if (isSecret(value)) return secretText;
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v)]));
  }
  return value;
}

/** Longest value shown in a summary, in characters: a DKIM record name of the longest domain (253) fits whole. */
export const shownValueMaxChars = 320;

/**
 * A value as one line of plain text: `[secret]`, `(known after apply)`, `(none)`, a string as it is, other
 * values as compact JSON; control characters escaped and long values cut with their length said.
 */
export function showValue(value: unknown, max: number = shownValueMaxChars): string {
  if (isSecret(value)) return secretText;
  if (isUnknown(value)) return "(known after apply)";
  if (value === undefined || value === null) return "(none)";
  const text = typeof value === "string" ? value : (JSON.stringify(maskSecrets(value)) ?? String(value));
  const chars = [...text];
  const shown = escapeControls(chars.length > max ? chars.slice(0, max).join("") : text);
  return chars.length > max ? `${shown}… (${chars.length} characters)` : shown;
}

/**
 * The value at a property path as the providers write them: `metadata.plan`, `metadata["odd key"]`,
 * `records[0]`. Undefined when any step is missing; a secret or unknown on the way is returned as it is.
 */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of pathKeys(path)) {
    if (isSecret(current) || isUnknown(current)) return current;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The keys of a property path: `a.b["c.d"][0]` is `a`, `b`, `c.d`, `0`. */
export function pathKeys(path: string): string[] {
  const keys: string[] = [];
  const pattern = /([^.[\]]+)|\[("(?:[^"\\]|\\.)*"|\d+)\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else keys.push(match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : match[2]!);
  }
  return keys;
}
