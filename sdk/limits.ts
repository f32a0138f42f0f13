/**
 * Limits on what a domain request may carry: the one definition shared by the client (which refuses a
 * request beyond them before sending it), the emulator (which answers 400 beyond them, in the API's
 * error shape) and the Pulumi resources (which refuse inputs beyond them at preview time).
 *
 * SendMailOS documents none of these. They are ours, chosen to be generous for real use (Stripe's
 * metadata limits, the DNS limits of RFC 1035) and small enough that a mistake (a file pasted into a
 * field, a loop that appends) is caught at preview instead of failing at `pulumi up` or at the API.
 */
export const limits = {
  /** Longest domain name in presentation form, without the trailing dot (RFC 1035 §2.3.4). */
  domainNameLength: 253,
  /** Longest label of a domain name (RFC 1035 §2.3.4). */
  domainLabelLength: 63,
  /** Longest `external_id`, in characters. */
  externalIdLength: 255,
  /** Most keys in `metadata`. */
  metadataKeys: 50,
  /** Longest metadata key, in characters. */
  metadataKeyLength: 40,
  /** Longest metadata value, in characters. */
  metadataValueLength: 500,
  /** Largest `metadata` as the API receives it: the UTF-8 bytes of its JSON text. */
  metadataBytes: 8 * 1024,
  /** Longest workspace id, `ws_` included. */
  workspaceIdLength: 64,
  /** Longest `Idempotency-Key` (Stripe's limit). */
  idempotencyKeyLength: 255,
} as const;

/** What a workspace id looks like: `ws_` and then letters, digits, `_` or `-`. */
export const workspaceIdPattern = /^ws_[A-Za-z0-9_-]+$/;

/**
 * Characters refused in domain names, external ids and metadata keys: C0 and C1 control characters
 * (a raw CR, LF or NUL would reach terminals and logs), the bidirectional overrides and isolates of
 * "Trojan Source" (CVE-2021-42574), which make a reviewer read one value where another is stored, and
 * invisible characters (zero-width spaces and joiners, soft hyphen, BOM, line and paragraph separators),
 * which make two different values look the same.
 */
export const forbiddenCharacters = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/** The same, for metadata values, which may hold tabs and line breaks (`\t`, `\n`) but nothing else of the kind. */
export const forbiddenValueCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;
