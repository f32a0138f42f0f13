/**
 * Per-API-key rate limits with the documented headers. Fixed windows (see `RateLimitOptions`): a
 * window opens at a key's first request to a bucket, and the whole budget comes back when it ends.
 * Refused requests do not spend budget, so a client that honours `Retry-After` always gets through.
 */
import { errorCodes } from "../sdk/wire";
import { errorReply, type Reply } from "./reply";
import type { ResolvedRateLimits } from "./options";

/** Which budget a request spends: documented create and list limits, and one for everything else. */
export type RateBucket = "create" | "read" | "other";

/** The bucket of an API route (pattern as registered in the router). */
export function bucketOf(method: string, pattern: string): RateBucket {
  if (pattern === "/api/v1/domains" && method === "POST") return "create";
  if (pattern === "/api/v1/domains" && method === "GET") return "read";
  return "other";
}

/** What the limiter decided for one request. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms at which the current window ends. */
  resetAtMs: number;
  /** Whole seconds to wait, at least 1 (only meaningful when refused). */
  retryAfterSeconds: number;
}

interface Window {
  startMs: number;
  used: number;
}

/** Counts requests per key and bucket. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  /** @param now the clock, injectable so unit tests need no sleeping. */
  constructor(
    private readonly limits: ResolvedRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one request of the key's budget if any is left. */
  take(apiKey: string, bucket: RateBucket): RateDecision {
    const nowMs = this.now();
    const id = `${bucket} ${apiKey}`;
    let window = this.windows.get(id);
    if (!window || nowMs >= window.startMs + this.limits.windowMs) {
      window = { startMs: nowMs, used: 0 };
      this.windows.set(id, window);
    }
    const limit = this.limits[bucket];
    const allowed = window.used < limit;
    if (allowed) window.used++;
    const resetAtMs = window.startMs + this.limits.windowMs;
    return {
      allowed,
      limit,
      remaining: limit - window.used,
      resetAtMs,
      retryAfterSeconds: Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000)),
    };
  }

  /** Whether `X-RateLimit-Reset` carries milliseconds. */
  get fractionalReset(): boolean {
    return this.limits.fractionalReset;
  }

  /** The budget of a bucket per window. */
  limitOf(bucket: RateBucket): number {
    return this.limits[bucket];
  }

  /** Forgets every window (all budgets full again). */
  reset(): void {
    this.windows.clear();
  }
}

/**
 * The documented `X-RateLimit-*` headers for a decision: `Reset` in whole Unix seconds (rounded up, so a
 * client never comes back early), or with milliseconds when `fractionalReset` (see `RateLimitOptions`).
 */
export function rateLimitHeaders(decision: RateDecision, fractionalReset = false): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": fractionalReset ? (decision.resetAtMs / 1000).toFixed(3) : String(Math.ceil(decision.resetAtMs / 1000)),
  };
}

/** The documented 429: body with `error`, `message` and `code`, plus `Retry-After` in seconds. */
export function rateLimitedReply(retryAfterSeconds: number, headers: Record<string, string> = {}): Reply {
  const reply = errorReply(
    429,
    errorCodes.rateLimited,
    "Rate limit exceeded",
    `Too many requests. Retry after ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}.`,
  );
  return { ...reply, headers: { ...headers, "Retry-After": String(retryAfterSeconds) } };
}
