/**
 * Pacing decisions, pure: given what was sent recently and what the server's `X-RateLimit-*` headers
 * said, how long must the next request wait? `rate-limiter.ts` applies them with a clock and a queue.
 *
 * The client keeps a sliding log of its requests per route class, and allows a new request only when
 * fewer than `limit` of them happened in the last `windowMs` (plus a small safety margin). This stays
 * within a server that counts by fixed window, sliding window or token bucket alike. Each request is
 * logged at the time it was ANSWERED (a request in flight counts as happening now): the server saw
 * it at some moment between sending and answer, and only the answer time is a safe upper bound, so
 * connection set-up or a slow first request cannot squeeze `limit + 1` arrivals into one server window.
 * On top, the server's headers are followed: `Remaining: 0` waits until `Reset`, a lower `Limit` is
 * adopted, and a 429's hint blocks the whole route class.
 */
import { type HeaderMap, numericHeader, rateLimitResetAt } from "./headers";
import type { RateLimits } from "./options";

/** Route classes, each paced by its own bucket. */
export type RouteClass = "create" | "read" | "other";

/** The route classes, in a fixed order. */
export const ROUTE_CLASSES: readonly RouteClass[] = ["create", "read", "other"];

/** A bucket's allowance: `limit` requests per `windowMs`. */
export interface BucketConfig {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** What the server last said about a bucket, decremented by each send since. */
export interface ServerAllowance {
  /** Requests the server still allows before `resetAt`. */
  remaining: number;
  /** When the server's window resets (epoch ms). */
  resetAt: number;
}

/** One logged request. */
export interface LoggedRequest {
  /** Identifies the request between {@link recordSend} and {@link recordAnswer}. */
  id: number;
  /** When it was answered (epoch ms), or sent while `pending`. */
  at: number;
  /** Sent, not yet answered: it counts as happening now. */
  pending: boolean;
}

/** A bucket's state. Treated as immutable: every function returns a new one. */
export interface BucketState {
  /** The allowance in force (configured, or lower if the server said so). */
  config: BucketConfig;
  /** Requests in flight and those answered within the last window (plus margin). */
  sent: readonly LoggedRequest[];
  /** No send before this time (a 429's hint); 0 when not blocked. */
  blockedUntil: number;
  /** The server's own count, when it sent headers. */
  server?: ServerAllowance;
}

/** The `X-RateLimit-*` headers of a response, parsed. */
export interface RateLimitInfo {
  /** `X-RateLimit-Limit`. */
  limit?: number;
  /** `X-RateLimit-Remaining`. */
  remaining?: number;
  /** `X-RateLimit-Reset`, as epoch ms. */
  resetAt?: number;
}

/** The bucket a request is paced by: POST /domains = create; GET = read; anything else = other. Pure. */
export function routeClassOf(method: string, path: string): RouteClass {
  const m = method.toUpperCase();
  if (m === "GET" || m === "HEAD") return "read";
  if (m === "POST" && /\/domains\/?$/.test(path)) return "create";
  return "other";
}

/** The bucket configs for a set of limits. Pure. */
export function bucketConfigs(limits: RateLimits): Record<RouteClass, BucketConfig> {
  return {
    create: { limit: limits.create, windowMs: limits.windowMs },
    read: { limit: limits.read, windowMs: limits.windowMs },
    other: { limit: limits.other, windowMs: limits.windowMs },
  };
}

/**
 * Extra time a request stays in the log beyond the window, absorbing clock granularity and the rounding
 * of `X-RateLimit-Reset` to seconds: 2% of the window, between 10 ms and 1 s. Pure.
 */
export function safetyMarginMs(windowMs: number): number {
  return Math.min(1000, Math.max(10, windowMs * 0.02));
}

/** An empty bucket. Pure. */
export function initialBucket(config: BucketConfig): BucketState {
  return { config, sent: [], blockedUntil: 0 };
}

/**
 * Milliseconds the next request must wait: 0 to send now, `Infinity` to wait until a request in flight
 * is answered (it counts against the window until then). Pure.
 */
export function waitTime(state: BucketState, now: number): number {
  const { limit, windowMs } = state.config;
  const margin = safetyMarginMs(windowMs);
  let until = state.blockedUntil;
  const expiries = live(state, now)
    .map((r) => (r.pending ? Infinity : r.at + windowMs + margin))
    .sort((a, b) => a - b);
  if (expiries.length >= limit) {
    // Enough of them must leave the window that fewer than `limit` remain.
    until = Math.max(until, expiries[expiries.length - limit]!);
  }
  const server = state.server;
  if (server !== undefined && server.remaining <= 0 && now < server.resetAt) {
    until = Math.max(until, server.resetAt + margin);
  }
  return until === Infinity ? Infinity : Math.max(0, Math.ceil(until - now));
}

/** The state after request `id` was sent at `now`. Pure. */
export function recordSend(state: BucketState, now: number, id: number): BucketState {
  const sent = [...live(state, now), { id, at: now, pending: true }];
  const server =
    state.server === undefined || now >= state.server.resetAt ? undefined : { ...state.server, remaining: state.server.remaining - 1 };
  return withServer({ ...state, sent }, server);
}

/** The state after request `id` was answered (or failed) at `now`. Pure. */
export function recordAnswer(state: BucketState, now: number, id: number): BucketState {
  const sent = live(state, now).map((r) => (r.id === id ? { id, at: now, pending: false } : r));
  return { ...state, sent };
}

/** Requests in flight. Pure. */
export function inFlight(state: BucketState): number {
  return state.sent.filter((r) => r.pending).length;
}

/** The logged requests that still count at `now`. */
function live(state: BucketState, now: number): LoggedRequest[] {
  const horizon = state.config.windowMs + safetyMarginMs(state.config.windowMs);
  return state.sent.filter((r) => r.pending || r.at + horizon > now);
}

/** The `X-RateLimit-*` headers of a response. Pure. */
export function rateLimitInfo(headers: HeaderMap, now: number): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = numericHeader(headers, "x-ratelimit-limit");
  const remaining = numericHeader(headers, "x-ratelimit-remaining");
  const resetAt = rateLimitResetAt(headers, now);
  if (limit !== undefined && limit > 0) info.limit = Math.floor(limit);
  if (remaining !== undefined && remaining >= 0) info.remaining = Math.floor(remaining);
  if (resetAt !== undefined) info.resetAt = resetAt;
  return info;
}

/**
 * The state after a response's rate-limit headers. `inFlightOthers` requests of this bucket were sent
 * and not yet answered: the server may not have counted them yet, so they are subtracted (conservative).
 * Within one server window the lower `remaining` wins, so a late, older response cannot raise it. Pure.
 */
export function observeRateLimit(state: BucketState, info: RateLimitInfo, now: number, inFlightOthers: number): BucketState {
  let next = state;
  if (info.limit !== undefined && info.limit < state.config.limit) {
    next = { ...next, config: { ...next.config, limit: info.limit } };
  }
  if (info.remaining !== undefined && info.resetAt !== undefined && info.resetAt > now) {
    const remaining = Math.max(0, info.remaining - inFlightOthers);
    const previous = next.server;
    const sameWindow = previous !== undefined && Math.abs(previous.resetAt - info.resetAt) < 1000 && now < previous.resetAt;
    next = withServer(next, {
      remaining: sameWindow ? Math.min(previous.remaining, remaining) : remaining,
      resetAt: sameWindow ? Math.max(previous.resetAt, info.resetAt) : info.resetAt,
    });
  }
  return next;
}

/** The state after the server asked to wait until `until` (epoch ms), e.g. a 429's `Retry-After`. Pure. */
export function blockUntil(state: BucketState, until: number): BucketState {
  return until > state.blockedUntil ? { ...state, blockedUntil: until } : state;
}

function withServer(state: BucketState, server: ServerAllowance | undefined): BucketState {
  const { server: _previous, ...rest } = state;
  return server === undefined ? rest : { ...rest, server };
}
