/**
 * When to retry and how long to wait: pure functions, no clock and no I/O, so they are tested alone.
 *
 * Retried: 429 (after the server's hint), 5xx except 501, network errors and timeouts. Never retried:
 * other 4xx, wrong-shape responses, configuration errors. See stripe-node's `_shouldRetry` / `_getSleepTimeInMs`.
 */
import type { SendMailOSError } from "./errors";
import { DEFAULT_RETRY, type RetryOptions } from "./options";

/** Fully defaulted retry bounds. */
export type RetryPolicy = Required<RetryOptions>;

/** Outcome of {@link nextRetry}. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why: string };

/**
 * Whether a failed attempt may be retried at all, before computing a delay.
 * @param error the failed attempt's error
 * @param attempt 1-based number of the attempt that failed
 * @param elapsedMs time since the first attempt was sent
 * @param policy retry bounds @default DEFAULT_RETRY
 */
export function shouldRetry(error: SendMailOSError, attempt: number, elapsedMs: number, policy: RetryPolicy = DEFAULT_RETRY): boolean {
  return error.retryable && attempt < policy.maxAttempts && elapsedMs < policy.maxElapsedMs;
}

/**
 * How long to wait after attempt number `attempt` failed.
 *
 * - With a server hint (`Retry-After`, `X-RateLimit-Reset`): the hint plus up to
 *   `min(baseDelayMs, 1000)` of jitter, so that waiting clients do not return in lockstep; not capped by
 *   `maxDelayMs` (waiting less would only earn another 429).
 * - Without: full jitter, uniform between a floor of `baseDelayMs / 2` and the capped exponential
 *   `min(maxDelayMs, baseDelayMs * 2^(attempt-1))`.
 * @param attempt 1-based number of the attempt that failed
 * @param hintMs the server's requested wait, if any
 * @param policy retry bounds @default DEFAULT_RETRY
 * @param random source of uniform numbers in [0, 1) @default Math.random
 */
export function delayFor(
  attempt: number,
  hintMs: number | undefined,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
): number {
  if (hintMs !== undefined) {
    return Math.ceil(Math.max(0, hintMs) + random() * Math.min(policy.baseDelayMs, 1000));
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const floor = Math.min(policy.baseDelayMs / 2, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}

/**
 * The full decision: retry or not and, if so, after how long. A wait that would overrun `maxElapsedMs`
 * is shortened to fit when it is plain backoff, and not retried when the server asked for it (a shorter
 * wait would only earn another 429).
 * @param error the failed attempt's error (its `retryAfterMs` is the server's hint)
 * @param attempt 1-based number of the attempt that failed
 * @param elapsedMs time since the first attempt was sent
 * @param policy retry bounds @default DEFAULT_RETRY
 * @param random source of uniform numbers in [0, 1) @default Math.random
 */
export function nextRetry(
  error: SendMailOSError,
  attempt: number,
  elapsedMs: number,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
): RetryDecision {
  if (!error.retryable) return { retry: false, why: "not retryable" };
  if (!shouldRetry(error, attempt, elapsedMs, policy)) {
    return { retry: false, why: attempt >= policy.maxAttempts ? "attempts exhausted" : "time budget exhausted" };
  }
  const delayMs = delayFor(attempt, error.retryAfterMs, policy, random);
  const remaining = Math.max(0, Math.floor(policy.maxElapsedMs - elapsedMs));
  if (delayMs <= remaining) return { retry: true, delayMs };
  if (error.retryAfterMs !== undefined && error.retryAfterMs > remaining) {
    return { retry: false, why: "server asked to wait past the time budget" };
  }
  return { retry: true, delayMs: remaining };
}
