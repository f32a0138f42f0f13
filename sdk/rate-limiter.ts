/**
 * Client-side pacing: one {@link RateLimiter} per process per (base URL, API key), shared by every
 * client instance, with one FIFO bucket per route class. The decisions are the pure functions of
 * `rate-limit-policy.ts`; this file only adds a clock, a queue and timers.
 */
import type { HeaderMap } from "./headers";
import type { RateLimits } from "./options";
import {
  type BucketConfig,
  type BucketState,
  type RouteClass,
  ROUTE_CLASSES,
  blockUntil,
  bucketConfigs,
  inFlight,
  initialBucket,
  observeRateLimit,
  rateLimitInfo,
  recordAnswer,
  recordSend,
  waitTime,
} from "./rate-limit-policy";

/** Called when the request at the head of a queue must wait; `queued` counts it and those behind it. */
export type WaitListener = (delayMs: number, queued: number) => void;

/** Ends a paced request: call once, with the response headers when there was a response. */
export type Release = (headers?: HeaderMap) => void;

/** What the HTTP layer needs from a pacer. */
export interface Pacer {
  /** Resolves when a request of this class may be sent, with the function to call once it is answered. */
  acquire(route: RouteClass, onWait?: WaitListener): Promise<Release>;
  /** The server asked that no request of this class be sent before `until` (epoch ms). */
  blockUntil(route: RouteClass, until: number): void;
}

const noRelease: Release = () => undefined;

/** A pacer that never waits (`rateLimits: false`). */
export const NO_PACING: Pacer = Object.freeze({
  acquire: () => Promise.resolve(noRelease),
  blockUntil: () => undefined,
});

interface Waiter {
  resolve: (release: Release) => void;
  onWait: WaitListener | undefined;
}

/** One route class's queue and state. */
class Bucket {
  private state: BucketState;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  constructor(
    state: BucketState,
    private readonly clock: () => number,
  ) {
    this.state = state;
  }

  acquire(onWait: WaitListener | undefined): Promise<Release> {
    return new Promise((resolve) => {
      this.queue.push({ resolve, onWait });
      this.pump();
    });
  }

  block(until: number): void {
    this.state = blockUntil(this.state, until);
    this.reschedule();
  }

  configure(config: BucketConfig): void {
    this.state = { ...this.state, config };
    this.reschedule();
  }

  private answered(id: number, headers: HeaderMap | undefined): void {
    const now = this.clock();
    this.state = recordAnswer(this.state, now, id);
    if (headers !== undefined) {
      this.state = observeRateLimit(this.state, rateLimitInfo(headers, now), now, inFlight(this.state));
    }
    this.reschedule();
  }

  /**
   * Lets through every request whose wait is over; arms one timer for the next one, or none when only
   * an answer can free a slot (`answered` pumps again).
   */
  private pump(): void {
    if (this.timer !== undefined) return;
    while (this.queue.length > 0) {
      const now = this.clock();
      const wait = waitTime(this.state, now);
      if (wait === Infinity) return;
      if (wait > 0) {
        notify(this.queue[0]!.onWait, wait, this.queue.length);
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const id = this.nextId++;
      this.state = recordSend(this.state, now, id);
      let released = false;
      this.queue.shift()!.resolve((headers) => {
        if (released) return;
        released = true;
        this.answered(id, headers);
      });
    }
  }

  private reschedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pump();
  }
}

function notify(listener: WaitListener | undefined, delayMs: number, queued: number): void {
  try {
    listener?.(delayMs, queued);
  } catch {
    // A failing logger must not stall the queue.
  }
}

/** Paces requests of one (base URL, API key) pair. Use {@link sharedRateLimiter} rather than `new`. */
export class RateLimiter implements Pacer {
  private readonly buckets: Record<RouteClass, Bucket>;

  /**
   * @param limits allowance per route class
   * @param clock current time in epoch ms @default Date.now
   */
  constructor(limits: RateLimits, clock: () => number = Date.now) {
    const configs = bucketConfigs(limits);
    this.buckets = {
      create: new Bucket(initialBucket(configs.create), clock),
      read: new Bucket(initialBucket(configs.read), clock),
      other: new Bucket(initialBucket(configs.other), clock),
    };
  }

  /** @inheritDoc */
  acquire(route: RouteClass, onWait?: WaitListener): Promise<Release> {
    return this.buckets[route].acquire(onWait);
  }

  /** @inheritDoc */
  blockUntil(route: RouteClass, until: number): void {
    this.buckets[route].block(until);
  }

  /** Replaces the limits (keeping what was already sent), e.g. when a client is created with new ones. */
  configure(limits: RateLimits): void {
    const configs = bucketConfigs(limits);
    for (const route of ROUTE_CLASSES) this.buckets[route].configure(configs[route]);
  }
}

/** Module-level registry: keys are `baseUrl` plus the key's SHA-256 fingerprint, never the key. */
const registry = new Map<string, RateLimiter>();

/**
 * The process-wide limiter of a base URL and API key, created on first use. A client created later
 * with other limits reconfigures it: the latest configuration applies to every client sharing it
 * (within one process they normally share one configuration, and requests already sent still count).
 * @param baseUrl the API root
 * @param keyFingerprint a hash identifying the key (see `ApiKey.fingerprint`)
 * @param limits the requesting client's limits
 */
export function sharedRateLimiter(baseUrl: string, keyFingerprint: string, limits: RateLimits): RateLimiter {
  const id = `${baseUrl} ${keyFingerprint}`;
  const existing = registry.get(id);
  if (existing !== undefined) {
    existing.configure(limits);
    return existing;
  }
  const limiter = new RateLimiter(limits);
  registry.set(id, limiter);
  return limiter;
}

/** Forgets every shared limiter. For tests, whose servers may reuse a port between cases. */
export function clearSharedRateLimiters(): void {
  registry.clear();
}
