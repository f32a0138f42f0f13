import { Resolver } from "node:dns/promises";
import { canonicalDnsName, type DnsRecord } from "../../sdk";

/** What DNS says about one required DKIM record. */
export type RecordState = "ok" | "missing" | "wrong" | "unresolved";

/** The DNS diagnosis of one required record. */
export interface RecordCheck {
  /** The record's name, e.g. `abc._domainkey.acme.com`. */
  name: string;
  /** The CNAME target SendMailOS expects. */
  expected: string;
  /** ok: resolves to the expected target; missing: no CNAME there; wrong: points elsewhere; unresolved: DNS failed. */
  state: RecordState;
  /** What was found instead (CNAME targets, or addresses when the name is flattened/proxied). */
  found: string[];
  /** A hint that says how to fix this record, when there is one. */
  hint?: string;
}

/** The lookups the diagnosis needs; a seam so that tests can count or fail them. */
export interface CnameLookup {
  resolveCname(name: string): Promise<string[]>;
  resolve4(name: string): Promise<string[]>;
  /** Which servers are asked, for messages: `127.0.0.1:5353`, or `the system's resolvers`. */
  readonly servers?: string;
}

/** Lookups in flight at once per resolver set: hundreds of waits must not burst thousands of queries. */
export const maxConcurrentLookups = 32;

const lookups = new Map<string, CnameLookup>();

/**
 * The process-wide lookup for a set of servers (`host` or `host:port`; the system's when empty): one
 * resolver shared by every waiting domain, with at most {@link maxConcurrentLookups} queries in flight.
 * Measured (`npm run bench`, dns-diagnosis): 600 queries at once lose about one in seven to UDP drops and
 * timeouts, while the same work queued 32 at a time loses none and is faster. Short timeouts: a diagnosis
 * is advice printed while waiting, it must never hold the wait up.
 */
export function createLookup(servers: string[] | undefined): CnameLookup {
  const key = (servers ?? []).join(",");
  let lookup = lookups.get(key);
  if (!lookup) {
    const resolver = new Resolver({ timeout: 2_000, tries: 2 });
    if (servers && servers.length > 0) resolver.setServers(servers);
    const limit = concurrencyLimit(maxConcurrentLookups);
    lookup = {
      resolveCname: (name) => limit(() => resolver.resolveCname(name)),
      resolve4: (name) => limit(() => resolver.resolve4(name)),
      servers: servers && servers.length > 0 ? servers.join(", ") : "the system's resolvers",
    };
    lookups.set(key, lookup);
  }
  return lookup;
}

/** Runs at most `max` of the given tasks at once, in call order. */
export function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    running -= 1;
    queue.shift()?.();
  };
  return (task) =>
    new Promise((resolve, reject) => {
      const start = () => {
        running += 1;
        task().then(resolve, reject).finally(next);
      };
      if (running < max) start();
      else queue.push(start);
    });
}

/** Resolves each required CNAME and says, per record, whether it is right, missing or pointing elsewhere. */
export async function diagnoseRecords(records: DnsRecord[], lookup: CnameLookup): Promise<RecordCheck[]> {
  return Promise.all(records.map((record) => diagnoseRecord(record, lookup)));
}

async function diagnoseRecord(record: DnsRecord, lookup: CnameLookup): Promise<RecordCheck> {
  const base = { name: record.name, expected: record.value };
  try {
    const targets = (await lookup.resolveCname(record.name)).map(canonicalDnsName);
    if (targets.includes(canonicalDnsName(record.value))) return { ...base, state: "ok", found: targets };
    return { ...base, state: "wrong", found: targets, hint: `change the CNAME's value to ${record.value}` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENODATA" && code !== "ENOTFOUND") {
      return {
        ...base,
        state: "unresolved",
        found: [],
        hint: `DNS lookup failed (${code ?? String(error)}); check the resolvers or try again`,
      };
    }
    const addresses = await lookup.resolve4(record.name).catch(() => [] as string[]);
    if (addresses.length > 0) {
      return {
        ...base,
        state: "wrong",
        found: addresses,
        hint: "the name answers with addresses, not a CNAME: if it is a Cloudflare record, turn proxying off (DNS only)",
      };
    }
    return { ...base, state: "missing", found: [], hint: `create a CNAME ${record.name} -> ${record.value} in the domain's DNS zone` };
  }
}
