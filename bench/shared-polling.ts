/**
 * `shared-polling`: many DomainVerification waits at once in one provider process, and what they cost
 * the API (list requests) and the process (memory).
 */
import { domainListFor, resetClients, setSettings } from "../provider/runtime/context";
import { verificationOperations } from "../provider/verification/verification-operations";
import { clearSharedRateLimiters } from "../sdk/rate-limiter";
import type { Bench } from "./support/bench";
import { sleep, withDeadline } from "./support/deadline";
import { registerDomains, startBenchEmulator } from "./support/emulator";
import { canForceGc, memorySnapshot, type MemorySnapshot } from "./support/memory";
import { quietProviderLog } from "./support/quiet-log";
import { bytes, counts, heading, keyValues, ms, section, table } from "./support/report";

/** Domains waiting at once. */
const DOMAINS = 200;
/** Poll interval (and its maximum, so it does not grow). */
const POLL_SECONDS = 0.5;
/** How long the domains stay pending before all are marked verified. */
const PENDING_MS = 5_000;
/** Bound on the wait after marking them verified. */
const FINISH_LIMIT_MS = 15_000;
/** Documented list budget per minute. */
const DOCUMENTED_LIST_PER_MINUTE = 60;
const LIST = "GET /api/v1/domains";

function tally(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

/** See the file comment. */
export const sharedPolling: Bench = {
  name: "shared-polling",
  description: `${DOMAINS} concurrent verificationProvider.create waits (dnsCheck off) polling one emulator; list requests and memory.`,
  limitMs: 60_000,
  async run() {
    heading(this.name, this.description);
    clearSharedRateLimiters();
    // Documented read limit enforced; the create budget is raised only so that the setup is quick.
    const emulator = await startBenchEmulator({ rateLimits: { windowMs: 60_000, create: DOMAINS + 10, read: 60, other: 60 } });
    const log = quietProviderLog();
    try {
      const setupStarted = Date.now();
      const domains = await withDeadline(registerDomains(emulator, DOMAINS, "poll"), 30_000, "registering domains");
      const setupMs = Date.now() - setupStarted;
      // The provider's own client, with production pacing defaults (60 reads/min), as `configure` would set it up.
      setSettings({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, dnsResolvers: [emulator.dns.address] }, {});
      // Warm up: the client, its connection pool and one cached list exist before the baseline, so the
      // per-domain figure is what the waits themselves hold.
      await domainListFor(undefined).find(domains[0]!.id, 0);
      const warmupFetches = domainListFor(undefined).fetches;
      const before = memorySnapshot();
      // The first poll must fetch, as it would in a fresh `pulumi up`; the snapshot it replaces is in the baseline.
      domainListFor(undefined).invalidate();
      emulator.resetStats();

      const t0 = Date.now();
      let verified = 0;
      const failures: Record<string, number> = {};
      const waits = domains.map((d) =>
        verificationOperations
          .create(
            {
              domainId: d.id,
              domainName: d.domainName,
              timeoutSeconds: 60,
              pollIntervalSeconds: POLL_SECONDS,
              maxPollIntervalSeconds: POLL_SECONDS,
              dnsCheck: false,
            },
            {},
          )
          .then(
            (r) => (r.state.status === "verified" ? void verified++ : tally(failures, r.state.status)),
            (e: unknown) => tally(failures, String((e as Error).message).slice(0, 60)),
          ),
      );
      await sleep(PENDING_MS);
      const during = memorySnapshot();
      const markedAt = Date.now();
      const atMark = emulator.stats();
      for (const d of domains) emulator.setStatus(d.id, "verified");
      await withDeadline(Promise.all(waits), FINISH_LIMIT_MS, "waits after marking verified");
      const finishedAt = Date.now();
      const final = emulator.stats();
      const after = memorySnapshot();

      const pendingMs = markedAt - t0;
      const listWhilePending = atMark.requests[LIST] ?? 0;
      const intervals = pendingMs / (POLL_SECONDS * 1000);
      const perInterval = listWhilePending / intervals;
      const otherRequests = { ...final.requests };
      delete otherRequests[LIST];

      section("parameters");
      keyValues([
        ["waiting domains", DOMAINS],
        ["pollIntervalSeconds / max", `${POLL_SECONDS} / ${POLL_SECONDS}`],
        ["dnsCheck", "false"],
        ["pending for", `${ms(pendingMs)}, then all ${DOMAINS} set verified with setStatus`],
        ["server limits", "documented read limit (60 GET/min) enforced; client pacing at its defaults"],
        ["setup", `${DOMAINS} domains registered in ${ms(setupMs)} (unpaced client, not counted)`],
      ]);
      section("API cost");
      keyValues([
        ["list requests while pending", `${listWhilePending} in ${ms(pendingMs)} = ${intervals.toFixed(1)} intervals`],
        ["list requests per interval", perInterval.toFixed(2)],
        [
          "list requests in total",
          `${final.requests[LIST] ?? 0} (list cache fetches: ${domainListFor(undefined).fetches - warmupFetches})`,
        ],
        ["other API requests", counts(otherRequests)],
        ["429s the server sent", final.rateLimited],
        ["waits verified", `${verified} / ${DOMAINS}; not verified: ${counts(failures)}`],
        ["last wait ended after mark", ms(finishedAt - markedAt)],
      ]);
      section("scaled: list requests per minute for the whole set of waiting domains");
      table(
        ["poll interval", "shared list (measured rate)", "one list per domain per poll", "documented budget"],
        [5, 10, 60].map((s) => [
          `${s} s${s === 5 ? " (default first)" : s === 60 ? " (default max)" : ""}`,
          Number((perInterval * (60 / s)).toFixed(1)),
          DOMAINS * (60 / s),
          DOCUMENTED_LIST_PER_MINUTE,
        ]),
      );
      section(
        `memory (process.memoryUsage${canForceGc() ? " after a forced full GC" : ", no forced GC"}; emulator in-process; client and one list warmed up before the baseline)`,
      );
      const row = (name: string, m: MemorySnapshot) => [name, bytes(m.rss), bytes(m.heapUsed)];
      table(
        ["when", "rss", "heapUsed"],
        [row("before the waits", before), row(`${DOMAINS} waiting (at mark)`, during), row("after all ended", after)],
      );
      keyValues([
        ["per waiting domain, heapUsed", bytes((during.heapUsed - before.heapUsed) / DOMAINS)],
        ["per waiting domain, rss", `${bytes((during.rss - before.rss) / DOMAINS)} (indicative only: RSS moves by whole pages and arenas)`],
        ["left after the waits, heapUsed", bytes(after.heapUsed - before.heapUsed)],
      ]);
      console.log(`  provider log lines swallowed: ${log.infoLines()} info, ${log.warnLines()} warnings`);
    } finally {
      log.restore();
      resetClients();
      await emulator.stop();
    }
  },
};
