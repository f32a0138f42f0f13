/**
 * `dns-diagnosis`: the per-record DNS diagnosis that waits print, run for many domains against the
 * emulator's DNS server over loopback UDP.
 */
import type { RunningEmulator } from "../emulator";
import { createLookup, diagnoseRecords, type CnameLookup } from "../provider/verification/dns-diagnosis";
import type { Domain } from "../sdk";
import type { Bench } from "./support/bench";
import { withDeadline } from "./support/deadline";
import { registerDomains, startBenchEmulator } from "./support/emulator";
import { forEachLimited } from "./support/pool";
import { counts, heading, keyValues, ms, section, table, type Cell } from "./support/report";
import { summarize } from "./support/stats";

/** Domains per scenario (each has three DKIM records). */
const DOMAINS = 200;
/** Bound of one scenario. */
const SCENARIO_LIMIT_MS = 30_000;

/** Scenarios, in order. */
const SCENARIOS: readonly Scenario[] = [
  { records: "published", concurrency: DOMAINS },
  { records: "published", concurrency: 50 },
  { records: "published", concurrency: 1 },
  { records: "missing", concurrency: DOMAINS },
  { records: "missing", concurrency: 50 },
  { records: "missing", concurrency: 1 },
];

/** A lookup that counts the queries it issues. */
interface CountingLookup extends CnameLookup {
  readonly queries: { cname: number; a: number };
}

function counting(inner: CnameLookup, queries: { cname: number; a: number }): CountingLookup {
  return {
    queries,
    resolveCname: (name) => (queries.cname++, inner.resolveCname(name)),
    resolve4: (name) => (queries.a++, inner.resolve4(name)),
  };
}

/** What one scenario measured. */
interface ScenarioResult {
  name: string;
  wallMs: number;
  perDomain: number[];
  queries: { cname: number; a: number };
  states: Record<string, number>;
}

/** A scenario: which domains, how many diagnosed at once. */
interface Scenario {
  records: "published" | "missing";
  concurrency: number;
}

/**
 * Diagnoses every domain, `concurrency` at a time. Concurrent domains get a resolver each, as concurrent
 * waits do (each wait creates its own lookup); one at a time shares a single resolver.
 */
async function scenario(s: Scenario, emulator: RunningEmulator, domains: Domain[]): Promise<ScenarioResult> {
  const name = `${s.records}, ${s.concurrency === 1 ? "one at a time" : s.concurrency >= domains.length ? "all at once" : `${s.concurrency} at a time`}`;
  const queries = { cname: 0, a: 0 };
  const shared = counting(createLookup([emulator.dns.address]), queries);
  const perDomain: number[] = [];
  const states: Record<string, number> = {};
  const started = performance.now();
  const work = forEachLimited(domains, s.concurrency, async (domain) => {
    const lookup = s.concurrency > 1 ? counting(createLookup([emulator.dns.address]), queries) : shared;
    const t = performance.now();
    const checks = await diagnoseRecords(domain.dnsRecords, lookup);
    perDomain.push(performance.now() - t);
    for (const c of checks) states[c.state] = (states[c.state] ?? 0) + 1;
  });
  await withDeadline(work, SCENARIO_LIMIT_MS, `dns-diagnosis ${name}`);
  return { name, wallMs: performance.now() - started, perDomain, queries, states };
}

function row(r: ScenarioResult): Cell[] {
  const s = summarize(r.perDomain);
  const total = r.queries.cname + r.queries.a;
  return [
    r.name,
    ms(r.wallMs),
    ms(s.p50),
    ms(s.p95),
    ms(s.max),
    `${r.queries.cname}+${r.queries.a}=${total}`,
    (total / DOMAINS).toFixed(1),
    counts(r.states),
  ];
}

/** See the file comment. */
export const dnsDiagnosis: Bench = {
  name: "dns-diagnosis",
  description: `diagnoseRecords for ${DOMAINS} domains x 3 DKIM CNAMEs through createLookup([emulator DNS]) over loopback UDP.`,
  limitMs: SCENARIOS.length * SCENARIO_LIMIT_MS + 30_000,
  async run() {
    heading(this.name, this.description);
    const emulator = await startBenchEmulator({ rateLimits: false });
    try {
      const all = await withDeadline(registerDomains(emulator, 2 * DOMAINS, "dns"), 30_000, "registering domains");
      const published = all.slice(0, DOMAINS);
      const missing = all.slice(DOMAINS);
      for (const d of published) emulator.publishDkimRecords(d.id);
      keyValues([
        ["domains per scenario", `${DOMAINS} (x 3 records = ${3 * DOMAINS} records)`],
        ["resolver", `createLookup(["${emulator.dns.address}"]): node Resolver, timeout 2000 ms, tries 2`],
        ["published", "the 3 correct CNAMEs in the emulator zone: 1 CNAME query per record"],
        ["missing", "no records: NXDOMAIN, then an A query per record (proxied-record check)"],
        ["per-domain time", "one diagnoseRecords call (its 3 records in parallel)"],
        ["concurrency", "domains diagnosed at once; >1: a resolver per domain (as concurrent waits), 1: one shared resolver"],
      ]);
      const results: ScenarioResult[] = [];
      for (const s of SCENARIOS) results.push(await scenario(s, emulator, s.records === "published" ? published : missing));
      section("results");
      table(
        ["scenario", "wall", "p50/domain", "p95/domain", "max/domain", "queries cname+a", "per domain", "record states"],
        results.map(row),
      );
    } finally {
      await emulator.stop();
    }
  },
};
