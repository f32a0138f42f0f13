/** Reading response headers: pure helpers shared by the error factory, retry policy and rate limiter. */

/** Response headers as undici returns them: lower-case names. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** The first value of header `name` (case-insensitive), trimmed, or `undefined`. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const lower = name.toLowerCase();
  let raw = headers[lower];
  if (raw === undefined) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
    raw = key === undefined ? undefined : headers[key];
  }
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/** A header as a finite number, or `undefined`. */
export function numericHeader(headers: HeaderMap, name: string): number | undefined {
  const value = headerValue(headers, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds (RFC 9110) or an HTTP date. Negative → 0.
 */
export function retryAfterMs(headers: HeaderMap, now: number): number | undefined {
  const value = headerValue(headers, "retry-after");
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `X-RateLimit-Reset` as an absolute time in epoch milliseconds. Documented as Unix seconds; a value
 * below 10^9 is read as seconds from now and one above 10^12 as Unix milliseconds, which other APIs use.
 */
export function rateLimitResetAt(headers: HeaderMap, now: number): number | undefined {
  const reset = numericHeader(headers, "x-ratelimit-reset");
  if (reset === undefined || reset < 0) return undefined;
  if (reset < 1e9) return now + reset * 1000;
  if (reset > 1e12) return reset;
  return reset * 1000;
}

/** The request id SendMailOS (or a proxy in front of it) sent, if any. */
export function requestIdOf(headers: HeaderMap): string | undefined {
  return headerValue(headers, "x-request-id") ?? headerValue(headers, "request-id");
}
