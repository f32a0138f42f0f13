/**
 * Repeating a value in a message safely. User input and server text reach terminals, CI logs and the Pulumi
 * engine's log, so a message never carries a raw control character (a CR that rewrites the line, a NUL, an
 * ANSI escape), a bidirectional override that makes a reviewer read something else (Trojan Source), or
 * megabytes of a pasted file. Pure.
 */

/** Longest piece of a value repeated in a message, in characters. */
export const DISPLAY_MAX_CHARS = 80;

/** Code points escaped when displayed: C0/C1 controls, bidi overrides and isolates, invisible format characters. */
const unsafe = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu;

const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };

/** `text` with every unsafe code point written as an escape (`\n`, `\u202e`). Never longer than needed. */
export function escapeControls(text: string): string {
  return text.replace(unsafe, (c) => named[c] ?? `\\u${c.codePointAt(0)!.toString(16).padStart(4, "0")}`);
}

/**
 * `text` as it may appear in a message: quoted, unsafe code points escaped, cut to `max` characters with
 * the full length said, e.g. `"abc…" (1500000 characters)`.
 */
export function displayText(text: string, max: number = DISPLAY_MAX_CHARS): string {
  const chars = [...text];
  const cut = chars.length > max;
  const shown = escapeControls((cut ? chars.slice(0, max).join("") : text).replace(/["\\]/g, (c) => `\\${c}`));
  return cut ? `"${shown}…" (${chars.length} characters)` : `"${shown}"`;
}

/**
 * Any input value as it may appear in a message: strings as {@link displayText}; numbers, booleans and null
 * as themselves; lists and maps as a short JSON rendering, cut and escaped the same way.
 */
export function displayValue(value: unknown, max: number = DISPLAY_MAX_CHARS): string {
  if (typeof value === "string") return displayText(value, max);
  if (value === null || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === undefined) return "nothing";
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined; // cycles, BigInt: fall back to the type
  }
  if (json === undefined) return `a ${typeof value}`;
  const chars = [...json];
  const shown = escapeControls(chars.length > max ? chars.slice(0, max).join("") : json);
  return chars.length > max ? `${shown}… (${chars.length} characters)` : shown;
}

/** What kind of value this is, for messages: `a number`, `a list`, `a map`, `null`. */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}
