import { domainToASCII } from "node:url";
import { isIP } from "node:net";

/** The outcome of normalizing a user-supplied domain name. */
export type DomainNameResult = { ok: true; value: string } | { ok: false; reason: string };

const labelPattern = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Normalizes a sending domain the way DNS compares names (lower case, no trailing dot, Unicode to
 * punycode) and rejects what cannot be a registrable host name. Pure, so it runs at preview time.
 *
 * @param input - the domain as the user wrote it, e.g. `"Acme.COM."` or `"bücher.de"`.
 * @returns the normalized name, or the reason it cannot be used (written to follow "domain ...").
 */
export function normalizeDomainName(input: string): DomainNameResult {
  const trimmed = input.trim();
  if (trimmed === "") return fail("is empty; give a host name such as \"mail.acme.com\"");
  if (/\s/.test(trimmed)) return fail(`"${input}" contains spaces; give a single host name such as "acme.com"`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || trimmed.includes("/")) {
    return fail(`"${input}" looks like a URL; give only the host name, e.g. "acme.com" instead of "https://acme.com/"`);
  }
  if (trimmed.includes("@")) return fail(`"${input}" looks like an email address; give only the part after "@"`);
  if (trimmed.includes("*")) {
    return fail(`"${input}" is a wildcard; SendMailOS verifies one exact domain, so declare each domain separately`);
  }
  const withoutDot = trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed;
  const bare = withoutDot.startsWith("[") && withoutDot.endsWith("]") ? withoutDot.slice(1, -1) : withoutDot;
  if (isIP(bare) !== 0) return fail(`"${input}" is an IP address; DKIM needs a domain name`);
  if (withoutDot.includes(":")) return fail(`"${input}" contains a port or colon; give only the host name`);

  if (/^[0-9]+$/.test(withoutDot.slice(withoutDot.lastIndexOf(".") + 1))) {
    return fail(`"${input}" ends in a numeric label; a top-level domain is never all digits`);
  }

  // domainToASCII applies IDNA (UTS #46) mapping: lower-cases and converts Unicode labels to punycode.
  const ascii = domainToASCII(withoutDot);
  if (ascii === "") return fail(`"${input}" is not a valid internationalized domain name`);
  if (ascii.length > 253) return fail(`"${input}" is ${ascii.length} characters long; DNS allows at most 253`);

  const labels = ascii.split(".");
  if (labels.length < 2) return fail(`"${input}" is a single label; give a registrable name such as "${ascii}.com"`);
  for (const label of labels) {
    if (label.length === 0) return fail(`"${input}" has an empty label (two dots in a row, or a leading dot)`);
    if (label.length > 63) return fail(`"${input}" has a label of ${label.length} characters; DNS allows at most 63`);
    if (!labelPattern.test(label)) {
      return fail(`"${input}" has an invalid label "${label}": use letters, digits and inner hyphens only`);
    }
  }
  return { ok: true, value: ascii };
}

function fail(reason: string): DomainNameResult {
  return { ok: false, reason };
}
