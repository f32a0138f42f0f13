/**
 * Host-name rules shared by the domain API (which validates `domain`) and the DNS zone (which stores
 * and looks up owner names). DNS names compare case-insensitively and a trailing dot only marks the
 * name as absolute (RFC 1034 §3.1), so both sides normalize the same way before comparing.
 */

/** Longest host name in presentation form without the trailing dot (RFC 1035 §2.3.4). */
const maxNameLength = 253;
/** Letters, digits and inner hyphens, 1 to 63 octets (RFC 1123 §2.1 relaxes RFC 952's leading digit). */
const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Owner names in a zone may also hold underscores (`_domainkey`, `_dmarc`: RFC 8552). */
const ownerLabel = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** DNS names are compared in their canonical form (the sdk's single definition). */
export { canonicalDnsName as normalizeDnsName } from "../sdk/dns-records";

/**
 * Whether `name` (already normalized) is a registrable sending domain: at least two labels, each a
 * valid host label, and a top-level label that is not all digits (which would make it an IP address).
 */
export function isValidHostName(name: string): boolean {
  if (name.length === 0 || name.length > maxNameLength) return false;
  const labels = name.split(".");
  if (labels.length < 2) return false;
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return false;
  return labels.every((label) => hostLabel.test(label));
}

/** Whether `name` (already normalized) may own records in the emulator's zone. */
export function isValidOwnerName(name: string): boolean {
  if (name.length === 0 || name.length > maxNameLength) return false;
  return name.split(".").every((label) => ownerLabel.test(label));
}
