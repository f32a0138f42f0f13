/**
 * Fault injection: the failures a client must survive, on demand. Faults apply to API requests only
 * (never to `/admin`, which must stay reliable enough to clear them), in the order they were added,
 * and each one counts down the requests it still applies to.
 */
import { z } from "zod";

const scope = {
  /** Only requests with this method (any when absent). */
  method: z
    .string()
    .min(1)
    .transform((method) => method.toUpperCase())
    .optional(),
  /** Only requests whose path starts with this (any when absent), e.g. `/api/v1/domains`. */
  pathPrefix: z.string().startsWith("/").optional(),
};
const count = z.number().int().positive();

/**
 * A fault to inject, as accepted by `POST /admin/faults` and `injectFault`:
 * - `latency`: delay matching requests by `ms` (every matching request unless `count` is set);
 * - `rate-limit`: answer `count` requests with the documented 429 and `Retry-After: retryAfterSeconds`;
 * - `server-error`: answer `count` requests with `status` (5xx) and an `INTERNAL_ERROR` body;
 * - `reset`: destroy the connection of `count` requests without any response;
 * - `commit-then-fail`: run `count` requests for real (a create is stored), then answer 500
 *   (`failWith: "error"`) or destroy the connection (`failWith: "reset"`).
 * `count` defaults to 1 except for latency.
 */
export const faultSpecSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("latency"), ms: z.number().int().nonnegative(), count: count.optional(), ...scope }),
  z.object({
    kind: z.literal("rate-limit"),
    count: count.default(1),
    retryAfterSeconds: z.number().int().positive().default(1),
    ...scope,
  }),
  z.object({ kind: z.literal("server-error"), count: count.default(1), status: z.number().int().min(500).max(599).default(500), ...scope }),
  z.object({ kind: z.literal("reset"), count: count.default(1), ...scope }),
  z.object({
    kind: z.literal("commit-then-fail"),
    count: count.default(1),
    failWith: z.enum(["error", "reset"]).default("error"),
    ...scope,
  }),
]);
/** A fault as the caller writes it (defaults optional). */
export type FaultSpec = z.input<typeof faultSpecSchema>;
/** A fault with defaults applied. */
export type ResolvedFault = z.output<typeof faultSpecSchema>;
/** An active fault: its spec, an id and how many more requests it applies to. */
export type ActiveFault = ResolvedFault & { id: number; remaining: number };

/** What to do with a request before its handler runs. */
export interface BeforeAction {
  /** Sum of every matching latency fault. */
  latencyMs: number;
  /** A failure replacing the handler, if a matching fault is armed. */
  failure?: { kind: "rate-limit"; retryAfterSeconds: number } | { kind: "server-error"; status: number } | { kind: "reset" };
}

/** The set of active faults. */
export class FaultRegistry {
  private readonly faults: ActiveFault[] = [];
  private nextId = 1;

  /** Validates and arms a fault; throws a zod error naming the bad field. */
  add(spec: FaultSpec): ActiveFault {
    const fault = faultSpecSchema.parse(spec);
    const active: ActiveFault = { ...fault, id: this.nextId++, remaining: fault.count ?? Infinity };
    this.faults.push(active);
    return { ...active };
  }

  /** Disarms every fault. */
  clear(): void {
    this.faults.length = 0;
  }

  /** The armed faults (copies). */
  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** Consumes the faults that act before the handler: all latencies, then the first failure. */
  before(method: string, path: string): BeforeAction {
    const action: BeforeAction = { latencyMs: 0 };
    for (const fault of this.matching(method, path)) {
      if (fault.kind === "latency") {
        action.latencyMs += fault.ms;
        this.consume(fault);
      } else if (action.failure === undefined && fault.kind !== "commit-then-fail") {
        action.failure =
          fault.kind === "rate-limit"
            ? { kind: "rate-limit", retryAfterSeconds: fault.retryAfterSeconds }
            : fault.kind === "server-error"
              ? { kind: "server-error", status: fault.status }
              : { kind: "reset" };
        this.consume(fault);
      }
    }
    return action;
  }

  /** Consumes the first commit-then-fail fault matching a request whose handler has run. */
  after(method: string, path: string): "error" | "reset" | undefined {
    for (const fault of this.matching(method, path)) {
      if (fault.kind === "commit-then-fail") {
        this.consume(fault);
        return fault.failWith;
      }
    }
    return undefined;
  }

  private matching(method: string, path: string): ActiveFault[] {
    return this.faults.filter(
      (fault) =>
        (fault.method === undefined || fault.method === method.toUpperCase()) &&
        (fault.pathPrefix === undefined || path.startsWith(fault.pathPrefix)),
    );
  }

  private consume(fault: ActiveFault): void {
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
  }
}
