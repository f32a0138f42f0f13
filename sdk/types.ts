/**
 * The client's public, camelCase data types. Wire (snake_case) types live in `wire.ts`; `mapping.ts`
 * converts between the two. Plain TypeScript on purpose: `pulumi-sendmailos/sdk` publishes these, and a
 * user's compiler must not need zod's declarations to read them.
 */

/** The verification states SendMailOS documents, in their usual order. */
export const domainStatuses = ["pending", "verified", "failed"] as const;
/** A domain's verification state (the wire schema in `wire.ts` is built from {@link domainStatuses}). */
export type DomainStatus = (typeof domainStatuses)[number];

/** A DNS record SendMailOS asks the customer to publish (a DKIM CNAME). */
export interface DnsRecord {
  /** Record type, `"CNAME"` for SES Easy DKIM. */
  type: string;
  /** Fully qualified record name, e.g. `abc123._domainkey.example.com`. */
  name: string;
  /** Record value, e.g. `abc123.dkim.amazonses.com`. */
  value: string;
}

/** A sending domain registered with SendMailOS. */
export interface Domain {
  /** SendMailOS id (a UUID). */
  id: string;
  /** The domain name as SendMailOS stores it. */
  domainName: string;
  /** Verification state: `pending` until DKIM is verified, `verified`, or `failed`. */
  status: DomainStatus;
  /** The caller's correlation id, or `null` when none was set. */
  externalId: string | null;
  /** Custom key-value pairs; `{}` when none were set. */
  metadata: Record<string, string>;
  /** The DKIM tokens (three for SES Easy DKIM). */
  dkimTokens: string[];
  /** The CNAME records to publish; derived from `dkimTokens` when the API omits them (list responses). */
  dnsRecords: DnsRecord[];
  /** Creation time, ISO 8601 as the API sent it. */
  createdAt: string;
  /** Verification time, or `null` while not verified. */
  verifiedAt: string | null;
}

/** Input of {@link SendMailOSClient.createDomain}. */
export interface CreateDomainInput {
  /** Domain name to register, e.g. `"example.com"` (sent as the wire field `domain`). */
  domain: string;
  /** Your own correlation id (wire `external_id`). */
  externalId?: string;
  /** Custom string key-value pairs. */
  metadata?: Record<string, string>;
}

/** Result of {@link SendMailOSClient.createDomain}. */
export interface CreateDomainResult {
  /** The created domain. */
  domain: Domain;
  /**
   * `true` when a retried create answered 409 and the domain was recognized as the one an earlier,
   * ambiguous attempt of this same create had registered (same externalId and metadata, recent).
   */
  recovered: boolean;
}

/**
 * Input of {@link SendMailOSClient.updateDomain}. Omitted fields are left unchanged; `externalId: null`
 * clears it; `metadata` replaces the whole map.
 */
export interface UpdateDomainInput {
  /** New correlation id, or `null` to clear it. */
  externalId?: string | null;
  /** New metadata (replaces the existing map). */
  metadata?: Record<string, string>;
}

/** Options of {@link SendMailOSClient.createDomain}. */
export interface CreateDomainOptions {
  /**
   * Idempotency key sent on every attempt of this create.
   * @default a new random key (see `newIdempotencyKey`), generated once per call
   */
  idempotencyKey?: string;
}
