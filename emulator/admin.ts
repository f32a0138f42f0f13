/**
 * The admin API: no authentication, loopback only, for tests and local development. Everything it
 * does is also available in-process on `RunningEmulator`. Endpoints (JSON in and out; errors in the
 * API's `{"success":false,"error","code"}` shape):
 *
 * - `GET    /admin/domains`                       every domain of every workspace (`workspace` added)
 * - `POST   /admin/domains/{id}/status`           `{status}`: set pending/verified/failed by hand
 * - `POST   /admin/domains/{id}/publish-dkim`     write the domain's three correct CNAMEs to the zone
 * - `POST   /admin/verify`                        run one verification pass now, answer when done
 * - `GET    /admin/dns`                           where the DNS server listens: `{address:"127.0.0.1:PORT"}`
 * - `GET    /admin/dns/records`                   the zone: `{records:[{name,type,value,ttl}]}`
 * - `PUT    /admin/dns/records`                   `{name,type,value,ttl?}`: set one record (A, CNAME, TXT)
 * - `DELETE /admin/dns/records`                   `{name,type?}`: remove records, answers `{removed}`
 * - `GET    /admin/faults`                        armed faults (`remaining: null` = unlimited)
 * - `POST   /admin/faults`                        arm a fault (see `faultSpecSchema`), 201
 * - `DELETE /admin/faults`                        disarm every fault
 * - `GET    /admin/stats`                         request counters (see `EmulatorStats`)
 * - `DELETE /admin/stats`                         zero the counters
 * - `DELETE /admin/rate-limits`                   refill every rate-limit budget
 */
import { z } from "zod";
import { domainStatusSchema, errorCodes } from "../sdk/wire";
import type { BodyResult } from "./api-routes";
import type { DomainStore, StoredDomain } from "./domain-store";
import { detailedDomainView, dnsRecordsOf } from "./domain-view";
import { dnsRecordInputSchema, dnsRecordRemovalSchema, type DnsZone } from "./dns-zone";
import { faultSpecSchema, type ActiveFault, type FaultRegistry } from "./faults";
import { errorReply, type Reply } from "./reply";
import type { RateLimiter } from "./rate-limit";
import { Router } from "./router";
import type { StatsCounter } from "./stats";
import { describeIssues } from "../sdk/describe-issues";
import type { Verifier } from "./verifier";

/** What an admin handler receives. */
export interface AdminRequest {
  params: Record<string, string>;
  body: BodyResult;
}

/** An admin handler (may wait, e.g. for a verification pass). */
export type AdminHandler = (request: AdminRequest) => Reply | Promise<Reply>;

/** The parts of the emulator the admin API drives. */
export interface AdminDeps {
  store: DomainStore;
  zone: DnsZone;
  faults: FaultRegistry;
  stats: StatsCounter;
  limiter: RateLimiter | undefined;
  verifier: Verifier;
  /** The DNS server's address, `127.0.0.1:PORT`. */
  dnsAddress: string;
}

/** Body of `POST /admin/domains/{id}/status`. */
export const setStatusRequestSchema = z.object({ status: domainStatusSchema });

/** A domain with its workspace, as the admin API shows it. */
export function adminDomainView(domain: StoredDomain) {
  return { ...detailedDomainView(domain), workspace: domain.workspace };
}

/** Writes the three correct DKIM CNAMEs of a domain into the zone; returns them. */
export function publishDkim(zone: DnsZone, domain: StoredDomain) {
  return dnsRecordsOf(domain).map((record) => zone.set({ name: record.name, type: "CNAME", value: record.value }));
}

/** Builds the admin router. */
export function adminRouter(deps: AdminDeps): Router<AdminHandler> {
  const { store, zone, faults, stats, limiter, verifier, dnsAddress } = deps;
  const ok = (body: Record<string, unknown> = {}, status = 200): Reply => ({ status, body: { success: true, ...body } });
  const withDomain = (id: string | undefined, act: (domain: StoredDomain) => Reply): Reply => {
    const domain = store.get(id ?? "");
    return domain ? act(domain) : errorReply(404, errorCodes.notFound, "Domain not found");
  };

  return new Router<AdminHandler>()
    .add("GET", "/admin/domains", () => ok({ domains: store.all().map(adminDomainView) }))
    .add("POST", "/admin/domains/:id/status", ({ params, body }) =>
      withDomain(params["id"], (domain) =>
        parseBody(body, setStatusRequestSchema, ({ status }) => {
          const updated = store.setStatus(domain.id, status);
          return ok({ domain: updated && adminDomainView(updated) });
        }),
      ),
    )
    .add("POST", "/admin/domains/:id/publish-dkim", ({ params }) =>
      withDomain(params["id"], (domain) => ok({ records: publishDkim(zone, domain) })),
    )
    .add("POST", "/admin/verify", async () => {
      await verifier.checkNow();
      return ok();
    })
    .add("GET", "/admin/dns", () => ok({ address: dnsAddress }))
    .add("GET", "/admin/dns/records", () => ok({ records: zone.list() }))
    .add("PUT", "/admin/dns/records", ({ body }) => parseBody(body, dnsRecordInputSchema, (record) => ok({ record: zone.set(record) })))
    .add("DELETE", "/admin/dns/records", ({ body }) =>
      parseBody(body, dnsRecordRemovalSchema, ({ name, type }) => ok({ removed: zone.remove(name, type) })),
    )
    .add("GET", "/admin/faults", () => ok({ faults: faults.list().map(faultView) }))
    .add("POST", "/admin/faults", ({ body }) => parseBody(body, faultSpecSchema, (spec) => ok({ fault: faultView(faults.add(spec)) }, 201)))
    .add("DELETE", "/admin/faults", () => {
      faults.clear();
      return ok();
    })
    .add("GET", "/admin/stats", () => ok({ ...stats.snapshot() }))
    .add("DELETE", "/admin/stats", () => {
      stats.clear();
      return ok();
    })
    .add("DELETE", "/admin/rate-limits", () => {
      limiter?.reset();
      return ok();
    });
}

/** `Infinity` is not JSON: an unlimited fault shows `remaining: null`. */
function faultView(fault: ActiveFault) {
  return { ...fault, remaining: Number.isFinite(fault.remaining) ? fault.remaining : null };
}

function parseBody<T>(body: BodyResult, schema: z.ZodType<T>, act: (value: T) => Reply): Reply {
  if (!body.ok) return errorReply(400, errorCodes.invalid, body.error);
  const parsed = schema.safeParse(body.value);
  return parsed.success ? act(parsed.data) : errorReply(400, errorCodes.invalid, describeIssues(parsed.error.issues));
}
