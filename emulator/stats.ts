/**
 * Request accounting, so tests can prove what a client cost the API (for instance that N waiting
 * domains cost one list request per interval, not N). Only API requests count; admin calls would
 * otherwise pollute the numbers the tests assert on.
 */

/** Counters since start or the last reset. */
export interface EmulatorStats {
  /**
   * API requests received, keyed `METHOD pattern` (`"GET /api/v1/domains"`, `"GET /api/v1/domains/:id"`);
   * requests the HTTP parser refused count as `"(malformed) request"`.
   */
  requests: Record<string, number>;
  /** Sum of `requests`. */
  total: number;
  /** 429 responses sent, by the limiter or by an injected fault. */
  rateLimited: number;
  /** Responses sent, keyed by status code (connection resets are not responses). */
  statuses: Record<string, number>;
  /** Requests whose connection was destroyed by an injected fault. */
  resets: number;
}

/** Mutable counters behind {@link EmulatorStats}. */
export class StatsCounter {
  private stats = empty();

  /** Counts an arriving request under its route pattern. */
  request(method: string, pattern: string): void {
    const key = `${method} ${pattern}`;
    this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;
    this.stats.total++;
  }

  /** Counts a response by status. */
  response(status: number): void {
    this.stats.statuses[status] = (this.stats.statuses[status] ?? 0) + 1;
    if (status === 429) this.stats.rateLimited++;
  }

  /**
   * Counts a request Node's HTTP parser refused (it has no method or route to count under) and the
   * reply it got.
   */
  malformed(status: number): void {
    this.request("(malformed)", "request");
    this.response(status);
  }

  /** Counts a destroyed connection. */
  reset(): void {
    this.stats.resets++;
  }

  /** A copy of the counters. */
  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  /** Zeroes every counter. */
  clear(): void {
    this.stats = empty();
  }
}

function empty(): EmulatorStats {
  return { requests: {}, total: 0, rateLimited: 0, statuses: {}, resets: 0 };
}
