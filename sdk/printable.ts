/**
 * Repeating user input in a message without letting it take over the terminal or the log: every
 * control character, line break and bidirectional override is escaped, and long input is cut.
 */

/** Characters escaped by {@link printable}: C0 and C1 controls, DEL, and the "Trojan Source" bidi controls. */
const unprintable = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * `text` as a double-quoted string with every control character escaped (`\n`, `\u0000`, `\u202e`),
 * cut to `max` characters with the full length stated, e.g. `"aaaa…" (1500000 characters)`. Pure.
 */
export function printable(text: string, max = 80): string {
  // JavaScript callers may pass anything; a message about bad input must not fail on it.
  if (typeof text !== "string") text = String(text);
  const cut = text.length > max;
  const shown = cut ? text.slice(0, max) : text;
  const quoted = JSON.stringify(shown).replace(unprintable, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return cut ? `${quoted.slice(0, -1)}…" (${text.length} characters)` : quoted;
}
