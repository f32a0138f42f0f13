import { isIP } from "node:net";
import { domainToASCII, domainToUnicode } from "node:url";
import { displayText, escapeControls } from "../../sdk/display";
import { limits } from "../../sdk/limits";

/** The outcome of normalizing a user-supplied domain name. */
export type DomainNameResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Normalizes a sending domain and refuses anything else. The only changes ever made are the documented
 * ones: lower case, one trailing dot removed, Unicode labels to punycode (IDNA, UTS #46). Everything that
 * is not a host name is refused, naming the character and its position, so that a preview never approves
 * one domain while `up` registers another. Pure, so it runs at preview time.
 *
 * Why not simply `new URL()` or `domainToASCII`: a URL-host parser drops what follows `?`, `#` or `\`,
 * decodes `%41`, reads `0x7f.1` as an IPv4 address and deletes soft hyphens: each a silent change.
 *
 * @param input - the domain as the user wrote it, e.g. `"Acme.COM."` or `"bücher.de"`.
 * @returns the normalized name, or the reason it cannot be used (written to follow "domain ...").
 */
export function normalizeDomainName(input: string): DomainNameResult {
  const shown = displayText(input);
  if (input.length === 0) return fail('is empty; give a host name such as "mail.acme.com"');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    return fail(`${shown} looks like a URL; give only the host name, e.g. "acme.com" instead of "https://acme.com/"`);
  }
  const bad = firstForbidden(input);
  if (bad) return fail(`${shown} ${bad}`);

  const withoutDot = input.endsWith(".") ? input.slice(0, -1) : input;
  if (isIP(withoutDot) !== 0) return fail(`${shown} is an IP address; DKIM needs a domain name`);
  const lastLabel = withoutDot.slice(withoutDot.lastIndexOf(".") + 1);
  if (/^[0-9]+$/.test(lastLabel)) return fail(`${shown} ends in a numeric label; a top-level domain is never all digits`);

  const ascii = domainToASCII(withoutDot);
  if (ascii === "") return fail(`${shown} is not a valid internationalized domain name (IDNA)`);
  if (ascii.length > limits.domainNameLength) {
    return fail(`${shown} is ${ascii.length} characters long; DNS allows at most ${limits.domainNameLength}`);
  }
  const labels = ascii.split(".");
  if (labels.length < 2) return fail(`${shown} is a single label; give a registrable name such as "${ascii}.com"`);
  for (const label of labels) {
    if (label.length === 0) return fail(`${shown} has an empty label (two dots in a row, or a leading dot)`);
    if (label.length > limits.domainLabelLength) {
      return fail(`${shown} has a label of ${label.length} characters; DNS allows at most ${limits.domainLabelLength}`);
    }
    if (label.startsWith("xn--") && !isValidAceLabel(label)) {
      return fail(`${shown} is not a valid internationalized domain name (IDNA): ${displayText(label)} is not valid punycode`);
    }
    if (!/^(?!-)[a-z0-9-]+(?<!-)$/.test(label)) {
      return fail(`${shown} has an invalid label ${displayText(label)}: use letters, digits and inner hyphens only`);
    }
  }
  if (!sameUpToIdna(withoutDot, ascii)) {
    return fail(`${shown} would be registered as ${displayText(ascii)}, which is not the same name; write the domain as you mean it`);
  }
  return { ok: true, value: ascii };
}

/**
 * Why the first character that cannot be part of a host name is refused, or undefined. ASCII allows letters,
 * digits, `-` and `.`; other code points are left to IDNA, except spaces, controls and invisible formatting
 * characters (which IDNA would delete or which hide what is written).
 */
function firstForbidden(input: string): string | undefined {
  let position = 0;
  for (const c of input) {
    position += 1;
    if (/^[A-Za-z0-9.-]$/.test(c)) continue;
    const at = `at position ${position}`;
    if (c === "@") return `looks like an email address ("@" ${at}); give only the part after "@"`;
    if (c === "*") return `is a wildcard ("*" ${at}); SendMailOS verifies one exact domain, so declare each domain separately`;
    if (c === ":") return `contains ":" ${at} (a port, or an IPv6 address); give only the host name`;
    if (c === "/" || c === "?" || c === "#" || c === "\\") {
      return `contains "${c}" ${at}, which cannot be part of a domain (part of a URL or a path?); give only the host name`;
    }
    if (c === "%") return `contains "%" ${at}; percent-escapes are not decoded, write the characters themselves`;
    if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u.test(c)) {
      return `contains the invisible or control character ${escapeControls(c)} (U+${hex(c)}) ${at}; remove it`;
    }
    if (/\s/u.test(c)) return `contains a space ${at}; give a single host name such as "acme.com"`;
    if (c.codePointAt(0)! < 0x80) {
      return `contains ${JSON.stringify(c)} ${at}; a domain name has only letters, digits, hyphens and dots`;
    }
  }
  return undefined;
}

/** IDNA's label separators besides ".": ideographic and fullwidth full stops (UTS #46 maps them to "."). */
const labelSeparators = /[.\u3002\uff0e\uff61]/u;

/**
 * Whether `ascii` is `input` up to case and IDNA mapping, label by label: each label of the result is the
 * input's label in lower case, or decodes to it after the compatibility mapping IDNA applies. A guard
 * against any parser behaviour that changes a name beyond those normalizations.
 */
export function sameUpToIdna(input: string, ascii: string): boolean {
  const wanted = input.split(labelSeparators);
  const got = ascii.split(".");
  if (wanted.length !== got.length) return false;
  return got.every((label, i) => {
    const original = wanted[i]!;
    return label === original.toLowerCase() || domainToUnicode(label) === original.normalize("NFKC").toLowerCase();
  });
}

/**
 * Whether an `xn--` label is punycode that decodes, and encodes back to itself. Checked here rather than left to
 * `domainToASCII`: Node 20 refuses `xn--zz`, Node 24 passes it through unchanged, and a name must not be valid
 * on one Node version and refused on another.
 */
function isValidAceLabel(label: string): boolean {
  const unicode = domainToUnicode(label);
  return unicode !== "" && unicode !== label && domainToASCII(unicode) === label;
}

function hex(c: string): string {
  return c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

function fail(reason: string): DomainNameResult {
  return { ok: false, reason };
}
