/**
 * Client options: their types, every default in one place, and validation that names the offending option.
 */
import { ConfigurationError } from "./errors";
import { workspaceIdProblem } from "./request-fields";

/** Bounds on retrying failed requests (429, 5xx, network errors and timeouts). */
export interface RetryOptions {
  /**
   * Total attempts per request, the first one included. `1` disables retries.
   * @default 5
   */
  maxAttempts?: number;
  /**
   * Give up once this much time has passed since the first attempt was sent (waiting for a rate-limit
   * slot before the first attempt does not count).
   * @default 120000
   */
  maxElapsedMs?: number;
  /**
   * Base of the exponential backoff; also the floor's scale (see `delayFor`).
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Cap of one backoff delay (a server's `Retry-After` is honoured even when longer).
   * @default 30000
   */
  maxDelayMs?: number;
}

/** Client-side pacing limits, per route class, in requests per window. */
export interface RateLimits {
  /**
   * Length of the sliding window.
   * @default 60000
   */
  windowMs: number;
  /**
   * POST /domains per window (documented: 10 per minute).
   * @default 10
   */
  create: number;
  /**
   * GET /domains and GET /domains/{id} per window (documented for the list: 60 per minute).
   * @default 60
   */
  read: number;
  /**
   * PATCH and DELETE /domains/{id} per window (not documented).
   * @default 60
   */
  other: number;
}

/** Why the client is about to wait, reported to {@link SendMailOSClientOptions.onRetry}. Never contains the key. */
export interface RetryEvent {
  /** `retry`: an attempt failed and will be retried; `pacing`: waiting for a rate-limit slot. */
  kind: "retry" | "pacing";
  /** The attempt that will run after the wait (2 for the first retry). */
  attempt: number;
  /** How long the client waits before that attempt. */
  delayMs: number;
  /** Human-readable cause, e.g. the failed attempt's error message. */
  reason: string;
  /** `METHOD /path` of the request. */
  request: string;
  /** HTTP status of the failed attempt, when there was one. */
  status?: number;
  /** Error code of the failed attempt (`kind: "retry"` only). */
  code?: string;
}

/** Options of {@link SendMailOSClient}. */
export interface SendMailOSClientOptions {
  /** SendMailOS API key (`sk_live_...` or `sk_test_...`). Required; never printed. */
  apiKey: string;
  /**
   * API root, `http:` or `https:`. Some SendMailOS pages say `https://api.sendmailos.com/api/v1`.
   * @default "https://sendmailos.com/api/v1"
   */
  baseUrl?: string;
  /** Agency workspace (`ws_...`), sent as `X-Workspace-Id`. @default none (the key's own workspace) */
  workspaceId?: string;
  /**
   * Time limit of one attempt, from sending the request to reading the whole response.
   * @default 30000
   */
  timeoutMs?: number;
  /** Retry bounds. @default see {@link RetryOptions} */
  retry?: RetryOptions;
  /**
   * Client-side pacing, shared by every client of the same base URL and key in this process; `false`
   * disables pacing (429 responses are still retried).
   * @default see {@link RateLimits}
   */
  rateLimits?: Partial<RateLimits> | false;
  /** Appended to the `User-Agent` header after `pulumi-sendmailos/<version>`. @default none */
  userAgent?: string;
  /** Called before every wait (retry backoff or rate-limit pacing), e.g. to log it. Exceptions are ignored. */
  onRetry?: (event: RetryEvent) => void;
  /**
   * Most pages one `listDomains` may read when a server pages the list (SendMailOS documents no
   * paging); beyond it the list is an error, never a hang.
   * @default 1000
   */
  maxListPages?: number;
}

/** Default API root. */
export const DEFAULT_BASE_URL = "https://sendmailos.com/api/v1";
/** Default bound on the pages of one list. */
export const DEFAULT_MAX_LIST_PAGES = 1000;
/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default retry bounds. */
export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = Object.freeze({
  maxAttempts: 5,
  maxElapsedMs: 120_000,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
});
/** Default pacing limits (the documented limits; `other` is not documented). */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({
  windowMs: 60_000,
  create: 10,
  read: 60,
  other: 60,
});

/** Options after validation and defaulting, without the key. */
export interface ResolvedOptions {
  /** Origin, e.g. `https://sendmailos.com`. */
  origin: string;
  /** Path prefix without trailing slash, e.g. `/api/v1`. */
  pathPrefix: string;
  /** `origin + pathPrefix`. */
  baseUrl: string;
  /** Default workspace, trimmed; `undefined` for none. */
  workspaceId: string | undefined;
  /** Per-attempt time limit. */
  timeoutMs: number;
  /** Retry bounds with defaults applied. */
  retry: Required<RetryOptions>;
  /** Pacing limits with defaults applied, or `false`. */
  rateLimits: RateLimits | false;
  /** Complete `User-Agent` header value. */
  userAgent: string;
  /** Most pages one list may read. */
  maxListPages: number;
}

/**
 * Validates and defaults options (everything but `apiKey`, `onRetry`, handled by the client).
 * @throws ConfigurationError naming the option
 */
export function resolveOptions(opts: SendMailOSClientOptions, defaultUserAgent: string): ResolvedOptions {
  if (opts === null || typeof opts !== "object") {
    throw new ConfigurationError("options", "expected an object with at least apiKey");
  }
  if (typeof opts.apiKey !== "string" || opts.apiKey.trim() === "") {
    throw new ConfigurationError(
      "apiKey",
      "an API key is required: set sendmailos:apiKey (pulumi config set --secret) or SENDMAILOS_API_KEY",
    );
  }
  const url = parseBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
  const workspaceId = resolveWorkspaceId(opts.workspaceId);
  const suffix = optionalNonEmpty("userAgent", opts.userAgent);
  return {
    origin: url.origin,
    pathPrefix: url.pathname.replace(/\/+$/, ""),
    baseUrl: url.origin + url.pathname.replace(/\/+$/, ""),
    workspaceId,
    timeoutMs: positive("timeoutMs", opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    retry: resolveRetry(opts.retry ?? {}),
    rateLimits: opts.rateLimits === false ? false : resolveRateLimits(opts.rateLimits ?? {}),
    userAgent: suffix === undefined ? defaultUserAgent : `${defaultUserAgent} ${suffix}`,
    maxListPages: positive("maxListPages", opts.maxListPages ?? DEFAULT_MAX_LIST_PAGES, true),
  };
}

/**
 * A workspace id as sent in `X-Workspace-Id`: `ws_` and then letters, digits, `_` or `-`, at most
 * `limits.workspaceIdLength` characters (surrounding spaces are ignored); `undefined` for none.
 * @throws ConfigurationError naming `workspaceId`, the rule and the limit
 */
export function resolveWorkspaceId(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new ConfigurationError("workspaceId", `expected a string such as ws_123, got ${describe(value)}`);
  }
  const id = value.trim();
  const problem = workspaceIdProblem(id);
  if (problem !== undefined) throw new ConfigurationError("workspaceId", `${problem}; check sendmailos:workspaceId`);
  return id;
}

function parseBaseUrl(raw: unknown): URL {
  let url: URL | undefined;
  try {
    url = typeof raw === "string" ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigurationError("baseUrl", `expected an http(s) URL such as ${DEFAULT_BASE_URL}, got ${describe(raw)}`);
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new ConfigurationError("baseUrl", "must not contain credentials, a query or a fragment");
  }
  return url;
}

function resolveRetry(retry: RetryOptions): Required<RetryOptions> {
  const r = {
    maxAttempts: positive("retry.maxAttempts", retry.maxAttempts ?? DEFAULT_RETRY.maxAttempts, true),
    maxElapsedMs: nonNegative("retry.maxElapsedMs", retry.maxElapsedMs ?? DEFAULT_RETRY.maxElapsedMs),
    baseDelayMs: nonNegative("retry.baseDelayMs", retry.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: nonNegative("retry.maxDelayMs", retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
  };
  if (r.maxDelayMs < r.baseDelayMs) {
    throw new ConfigurationError("retry.maxDelayMs", `must be at least retry.baseDelayMs (${r.baseDelayMs})`);
  }
  return r;
}

function resolveRateLimits(limits: Partial<RateLimits>): RateLimits {
  return {
    windowMs: positive("rateLimits.windowMs", limits.windowMs ?? DEFAULT_RATE_LIMITS.windowMs),
    create: positive("rateLimits.create", limits.create ?? DEFAULT_RATE_LIMITS.create, true),
    read: positive("rateLimits.read", limits.read ?? DEFAULT_RATE_LIMITS.read, true),
    other: positive("rateLimits.other", limits.other ?? DEFAULT_RATE_LIMITS.other, true),
  };
}

function positive(option: string, value: unknown, integer = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError(option, `expected a positive ${integer ? "integer" : "number"}, got ${describe(value)}`);
  }
  return value;
}

function nonNegative(option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(option, `expected a number >= 0, got ${describe(value)}`);
  }
  return value;
}

function optionalNonEmpty(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "" || /[\r\n]/.test(value)) {
    throw new ConfigurationError(option, `expected a non-empty single-line string, got ${describe(value)}`);
  }
  return value.trim();
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 100)) : String(value);
}
