/**
 * The types `pulumi-sendmailos/emulator` publishes, in plain TypeScript: the emulator validates with zod
 * (`dns-zone.ts`, `faults.ts`, `../sdk/wire.ts`), but a user's compiler must read these declarations without
 * zod's. `test/emulator/public-types.test.ts` fails to compile when one of them and its schema disagree.
 */
import type { DomainStatus } from "../sdk/types";

/** Record types the emulator serves: CNAME for DKIM, A and TXT because they cost nothing more. */
export const dnsRecordTypes = ["A", "CNAME", "TXT"] as const;
/** A record type the emulator serves. */
export type DnsRecordType = (typeof dnsRecordTypes)[number];

/** A record in the zone. */
export interface DnsRecord {
  name: string;
  type: DnsRecordType;
  value: string;
  /** Seconds. */
  ttl: number;
}

/**
 * A record as `PUT /admin/dns/records` and `setDnsRecord` accept it: the type is case-insensitive, names may
 * carry a trailing dot, `ttl` defaults to 300 seconds.
 */
export interface DnsRecordInput {
  name: string;
  /** `A`, `CNAME` or `TXT`, in any case. */
  type: string;
  value: string;
  /** Seconds. @default 300 */
  ttl?: number;
}

/** Which requests a fault applies to. */
export interface FaultScope {
  /** Only requests with this method (any when absent). */
  method?: string;
  /** Only requests whose path starts with this (any when absent), e.g. `/api/v1/domains`. */
  pathPrefix?: string;
}

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
export type FaultSpec =
  | ({ kind: "latency"; ms: number; count?: number } & FaultScope)
  | ({ kind: "rate-limit"; count?: number; retryAfterSeconds?: number } & FaultScope)
  | ({ kind: "server-error"; count?: number; status?: number } & FaultScope)
  | ({ kind: "reset"; count?: number } & FaultScope)
  | ({ kind: "commit-then-fail"; count?: number; failWith?: "error" | "reset" } & FaultScope);

/** A fault with its defaults applied. */
export type ResolvedFault =
  | ({ kind: "latency"; ms: number; count?: number } & FaultScope)
  | ({ kind: "rate-limit"; count: number; retryAfterSeconds: number } & FaultScope)
  | ({ kind: "server-error"; count: number; status: number } & FaultScope)
  | ({ kind: "reset"; count: number } & FaultScope)
  | ({ kind: "commit-then-fail"; count: number; failWith: "error" | "reset" } & FaultScope);

/** An armed fault: its spec, an id and how many more requests it applies to. */
export type ActiveFault = ResolvedFault & { id: number; remaining: number };

/** A domain as the admin API shows it: the API's detailed (snake_case) view plus its `workspace`. */
export interface AdminDomain {
  id: string;
  domain_name: string;
  status: DomainStatus;
  external_id: string | null;
  metadata: Record<string, string>;
  dkim_tokens: string[];
  created_at: string;
  verified_at: string | null;
  dns_records: { type: string; name: string; value: string }[];
  workspace: string;
}
