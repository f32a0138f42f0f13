/**
 * Every emulator option and its default, in one place. `startEmulator` resolves the caller's partial
 * options into a {@link ResolvedOptions} once, so no other module invents a default of its own.
 */

/** An API key the emulator accepts. */
export interface ApiKeyConfig {
  /** The secret sent as `Authorization: Bearer <key>`. */
  key: string;
  /**
   * Organization key: the workspaces it may select with `X-Workspace-Id`. Without the header it
   * acts in the first one.
   * @default ["ws_default"] when neither `workspaces` nor `workspace` is set
   */
  workspaces?: string[];
  /**
   * Workspace-scoped key: the only workspace it can use. `X-Workspace-Id` naming any other one
   * answers 403.
   */
  workspace?: string;
}

/**
 * Per-API-key request budgets. The window is fixed: it opens at the first request a key makes to a
 * bucket and closes `windowMs` later, when the budget refills at once. A fixed window keeps
 * `X-RateLimit-Reset` a single, exact instant, which is what the documented headers describe.
 */
export interface RateLimitOptions {
  /**
   * Length of one window in milliseconds. Tests scale it down.
   * @default 60000
   */
  windowMs?: number;
  /**
   * Budget of `POST /api/v1/domains` per window (documented: 10 per minute).
   * @default 10
   */
  create?: number;
  /**
   * Budget of `GET /api/v1/domains` per window (documented: 60 per minute).
   * @default 60
   */
  read?: number;
  /**
   * Budget shared by every other API endpoint per window (undocumented; assumed like the list).
   * @default 60
   */
  other?: number;
  /**
   * Send `X-RateLimit-Reset` with milliseconds (`1700000000.250`) instead of the documented whole Unix
   * seconds. For limits scaled down in time (a 6-second window), where rounding the reset up to the next
   * second would cost a client up to a sixth of every window.
   * @default false
   */
  fractionalReset?: boolean;
}

/** How pending domains become verified (or failed). */
export interface VerificationOptions {
  /**
   * `dns`: a domain turns verified once its three DKIM CNAMEs resolve, through the emulator's DNS
   * server, to `<token>.dkim.amazonses.com`; failed after `failAfterMs` without that.
   * `auto`: verified `autoVerifyAfterMs` after creation whatever DNS says.
   * `manual`: only `POST /admin/domains/{id}/status` (or `setStatus`) changes the status.
   * @default "dns"
   */
  mode?: "dns" | "auto" | "manual";
  /**
   * Pause between two verification passes, in milliseconds.
   * @default 1000
   */
  checkIntervalMs?: number;
  /**
   * `auto` mode: delay from creation to verified, in milliseconds.
   * @default 0 (verified on the next pass)
   */
  autoVerifyAfterMs?: number;
  /**
   * `dns` mode: how long a domain may stay pending before it turns failed, in milliseconds. SES Easy
   * DKIM gives up after 72 hours.
   * @default 259200000 (72 h)
   */
  failAfterMs?: number;
  /**
   * `dns` mode: keep checking verified domains, and put one back to `pending` (with a fresh
   * deadline and `verified_at: null`) when its records no longer resolve. SES keeps re-checking DKIM
   * records too, but the emulator defaults to verified being final, which is simpler to reason about.
   * @default false
   */
  recheckVerified?: boolean;
  /**
   * `dns` mode: how long a domain's records must have resolved correctly before it turns verified, in
   * milliseconds (SES takes minutes to hours after the records appear; benchmarks scale that down).
   * @default 0 (verified on the first pass that sees them)
   */
  verifyDelayMs?: number;
}

/**
 * Paging of `GET /api/v1/domains`, which SendMailOS does not document: the conventions such APIs use,
 * so a client can be tested against a server that pages. Every style answers `has_more`, and `limit`
 * may ask for smaller pages (at most `pageSize`); a bad parameter is a 400 naming it.
 * - `page`: `?page=N&limit=L` (page 1 first), answering `page`, `limit`, `total`, `has_more`.
 * - `offset`: `?offset=N&limit=L` (offset 0 first), answering `offset`, `limit`, `total`, `has_more`
 *   (SendMailOS's subscriber list uses `limit`/`offset`/`total`).
 * - `cursor`: `?cursor=C&limit=L`, answering `has_more` and `next_cursor` (`null` on the last page); a
 *   cursor stays valid when domains are created or deleted meanwhile.
 * - `truncate`: a hostile server that answers the first `pageSize` domains and says nothing about the
 *   rest (no paging fields): a client cannot tell the list is cut, so it must never take a domain missing
 *   from a list for deleted without asking for it by id.
 */
export interface PaginationOptions {
  /** Which convention. */
  style: "page" | "offset" | "cursor" | "truncate";
  /**
   * Domains per page when the request gives no `limit`, and the largest `limit` accepted.
   * @default 100
   */
  pageSize?: number;
}

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /**
   * HTTP port on 127.0.0.1.
   * @default 0 (a free port)
   */
  port?: number;
  /**
   * UDP port of the DNS server on 127.0.0.1.
   * @default 0 (a free port)
   */
  dnsPort?: number;
  /**
   * Accepted API keys.
   * @default [{ key: "sk_test_emulator", workspaces: ["ws_default", "ws_other"] }]
   */
  apiKeys?: ApiKeyConfig[];
  /**
   * Rate limits, or `false` to serve every request.
   * @default the documented limits, 60-second window
   */
  rateLimits?: false | RateLimitOptions;
  /** How domains get verified. */
  verification?: VerificationOptions;
  /**
   * Which undocumented `/api/v1/domains/{id}` endpoints to serve, so a client's fallbacks can be
   * tested against a server that lacks them. `true`: GET, PATCH and DELETE. `false`: none, and the
   * path answers like any unknown path (see `unknownPaths`). A list: only those methods; the others
   * answer 405 `METHOD_NOT_ALLOWED`, like a web framework whose route exports only some methods.
   * @default true
   */
  assumedEndpoints?: boolean | AssumedMethod[];
  /**
   * The 404 for a path the emulator does not serve. `json`: the API's error body
   * `{"success":false,"error":"Not found","code":"NOT_FOUND"}`, as a catch-all API router would send
   * (indistinguishable from "no such domain" by its body). `html`: a `text/html` 404 page, as a web
   * framework without the route sends.
   * @default "json"
   */
  unknownPaths?: "json" | "html";
  /**
   * Page the domain list (not documented by SendMailOS), or `false` to answer every domain at once,
   * exactly as the documentation shows, whatever the query says.
   * @default false
   */
  pagination?: false | PaginationOptions;
  /**
   * JSON file holding domains, idempotency records and the DNS zone. Loaded at start, rewritten
   * atomically after every change.
   * @default none (state lives in memory only)
   */
  dataFile?: string;
  /**
   * Receives one line per API request (`POST /api/v1/domains 201 3ms`).
   * @default none
   */
  log?: (line: string) => void;
}

/** Methods of the assumed `/api/v1/domains/{id}` endpoints. */
export type AssumedMethod = "GET" | "PATCH" | "DELETE";

/** The default API key, an organization key with two workspaces. */
export const defaultApiKey = "sk_test_emulator";

/** {@link RateLimitOptions} with every default filled in. */
export type ResolvedRateLimits = Required<RateLimitOptions>;
/** {@link VerificationOptions} with every default filled in. */
export type ResolvedVerification = Required<VerificationOptions>;
/** {@link PaginationOptions} with every default filled in. */
export type ResolvedPagination = Required<PaginationOptions>;

/** {@link EmulatorOptions} with every default filled in. */
export interface ResolvedOptions {
  port: number;
  dnsPort: number;
  apiKeys: ApiKeyConfig[];
  rateLimits: ResolvedRateLimits | false;
  verification: ResolvedVerification;
  assumedEndpoints: AssumedMethod[];
  unknownPaths: "json" | "html";
  pagination: ResolvedPagination | false;
  dataFile: string | undefined;
  log: ((line: string) => void) | undefined;
}

/** Fills in every default, and rejects values that would make the emulator misbehave silently. */
export function resolveOptions(opts: EmulatorOptions = {}): ResolvedOptions {
  const apiKeys = opts.apiKeys ?? [{ key: defaultApiKey, workspaces: ["ws_default", "ws_other"] }];
  if (apiKeys.length === 0) throw new Error("apiKeys: configure at least one key");
  const rateLimits =
    opts.rateLimits === false
      ? false
      : {
          windowMs: opts.rateLimits?.windowMs ?? 60_000,
          create: opts.rateLimits?.create ?? 10,
          read: opts.rateLimits?.read ?? 60,
          other: opts.rateLimits?.other ?? 60,
          fractionalReset: opts.rateLimits?.fractionalReset ?? false,
        };
  const verification: ResolvedVerification = {
    mode: opts.verification?.mode ?? "dns",
    checkIntervalMs: opts.verification?.checkIntervalMs ?? 1000,
    autoVerifyAfterMs: opts.verification?.autoVerifyAfterMs ?? 0,
    failAfterMs: opts.verification?.failAfterMs ?? 72 * 3600 * 1000,
    recheckVerified: opts.verification?.recheckVerified ?? false,
    verifyDelayMs: opts.verification?.verifyDelayMs ?? 0,
  };
  if (verification.verifyDelayMs < 0) throw new Error("verification.verifyDelayMs: must not be negative");
  if (verification.checkIntervalMs <= 0) throw new Error("verification.checkIntervalMs: must be positive");
  if (rateLimits && rateLimits.windowMs <= 0) throw new Error("rateLimits.windowMs: must be positive");
  const pagination = opts.pagination ? { style: opts.pagination.style, pageSize: opts.pagination.pageSize ?? 100 } : false;
  if (pagination && !["page", "offset", "cursor", "truncate"].includes(pagination.style)) {
    throw new Error('pagination.style: expected "page", "offset", "cursor" or "truncate"');
  }
  if (pagination && (!Number.isInteger(pagination.pageSize) || pagination.pageSize < 1)) {
    throw new Error("pagination.pageSize: expected a whole number of at least 1");
  }
  return {
    port: opts.port ?? 0,
    dnsPort: opts.dnsPort ?? 0,
    apiKeys,
    rateLimits,
    verification,
    assumedEndpoints:
      opts.assumedEndpoints === undefined || opts.assumedEndpoints === true
        ? ["GET", "PATCH", "DELETE"]
        : opts.assumedEndpoints === false
          ? []
          : opts.assumedEndpoints,
    unknownPaths: opts.unknownPaths ?? "json",
    pagination,
    dataFile: opts.dataFile,
    log: opts.log,
  };
}
