/**
 * Host-name rules shared by the domain API (which validates `domain`) and the DNS zone (which stores
 * and looks up owner names). Both compare names in the sdk's canonical form (`canonicalDnsName`), and
 * both take their lengths from `sdk/limits.ts`.
 */
import { limits } from "../sdk/limits";

/** Characters a label may hold between its first and last: `limits.domainLabelLength` octets in all. */
const inner = `{0,${limits.domainLabelLength - 2}}`;
/** Letters, digits and inner hyphens (RFC 1123 §2.1 relaxes RFC 952's leading digit). */
const hostLabel = new RegExp(`^[a-z0-9](?:[a-z0-9-]${inner}[a-z0-9])?$`);
/** Owner names in a zone may also hold underscores (`_domainkey`, `_dmarc`: RFC 8552). */
const ownerLabel = new RegExp(`^[a-z0-9_](?:[a-z0-9_-]${inner}[a-z0-9_])?$`);

/**
 * Whether `name` (already canonical) is a registrable sending domain: at least two labels, each a
 * valid host label, and a top-level label that is not all digits (which would make it an IP address).
 */
export function isValidHostName(name: string): boolean {
  if (name.length === 0 || name.length > limits.domainNameLength) return false;
  const labels = name.split(".");
  if (labels.length < 2) return false;
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return false;
  return labels.every((label) => hostLabel.test(label));
}

/** Whether `name` (already canonical) may own records in the emulator's zone. */
export function isValidOwnerName(name: string): boolean {
  if (name.length === 0 || name.length > limits.domainNameLength) return false;
  return name.split(".").every((label) => ownerLabel.test(label));
}
