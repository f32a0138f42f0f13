/**
 * `create-pacing`: N creates fired at once through one client against an emulator that enforces the
 * documented create limit scaled in time, with the client's pacing on and then off.
 */
import { SendMailOSClient, type RateLimits, type RetryEvent } from "../sdk";
import { clearSharedRateLimiters } from "../sdk/rate-limiter";
import type { Bench } from "./support/bench";
import { withDeadline } from "./support/deadline";
import { startBenchEmulator } from "./support/emulator";
import { counts, heading, keyValues, ms, pct, section, table, type Cell } from "./support/report";
import { countBy, summarize } from "./support/stats";

/** Creates fired per run. */
const CREATES = 60;
/** The documented limits (10 creates, 60 reads per minute) at ten times the speed. */
const LIMITS: RateLimits = { windowMs: 6_000, create: 10, read: 60, other: 60 };
/** Bound of one run (the client gives up after 5 attempts or 120 s anyway). */
const RUN_LIMIT_MS = 75_000;

/** What one run measured. */
interface RunResult {
  label: string;
  elapsedMs: number;
  succeeded: number;
  failures: Record<string, number>;
  perWindow: number[];
  /** Completion time of the first success in each window, ms from the first call. */
  windowFirsts: number[];
  latencies: number[];
  postsReceived: number;
  rateLimited: number;
  events: Record<string, number>;
  retryStatuses: Record<string, number>;
}

async function run(label: string, paced: boolean): Promise<RunResult> {
  clearSharedRateLimiters();
  const emulator = await startBenchEmulator({ rateLimits: LIMITS });
  const events: RetryEvent[] = [];
  const client = new SendMailOSClient({
    apiKey: emulator.apiKey,
    baseUrl: emulator.baseUrl,
    rateLimits: paced ? LIMITS : false,
    onRetry: (event) => void events.push(event),
  });
  const t0 = Date.now();
  const doneAt: number[] = [];
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  try {
    const creates = Array.from({ length: CREATES }, async (_, i) => {
      const started = Date.now();
      try {
        await client.createDomain({ domain: `pace-${i}.example.com` });
        const now = Date.now();
        doneAt.push(now - t0);
        latencies.push(now - started);
      } catch (error) {
        const code = (error as { code?: string }).code ?? (error as Error).name;
        failures[code] = (failures[code] ?? 0) + 1;
      }
    });
    await withDeadline(Promise.all(creates), RUN_LIMIT_MS, `${label}: ${CREATES} creates`);
    const elapsedMs = Date.now() - t0;
    const stats = emulator.stats();
    const windows = Math.floor(Math.max(0, ...doneAt) / LIMITS.windowMs) + 1;
    const inWindow = (w: number) => doneAt.filter((t) => Math.floor(t / LIMITS.windowMs) === w);
    const perWindow = Array.from({ length: windows }, (_, w) => inWindow(w).length);
    const windowFirsts = Array.from({ length: windows }, (_, w) => Math.min(...inWindow(w)));
    const retries = events.filter((e) => e.kind === "retry");
    return {
      label,
      elapsedMs,
      succeeded: doneAt.length,
      failures,
      perWindow,
      windowFirsts,
      latencies,
      postsReceived: stats.requests["POST /api/v1/domains"] ?? 0,
      rateLimited: stats.rateLimited,
      events: countBy(events, (e) => e.kind),
      retryStatuses: countBy(retries, (e) => String(e.status ?? e.code ?? "network")),
    };
  } finally {
    await client.close();
    await emulator.stop();
  }
}

/** Minimum time for `n` creates: the first `limit` go at once, each further `limit` needs a new window. */
function minimumMs(n: number): number {
  return Math.max(0, Math.ceil(n / LIMITS.create) - 1) * LIMITS.windowMs;
}

/** Creates per window after the opening burst: `limit` when every window is used fully. */
function achievedPerWindow(r: RunResult): number {
  return (r.succeeded - Math.min(LIMITS.create, r.succeeded)) / (r.elapsedMs / LIMITS.windowMs);
}

/** Mean time between the first successes of consecutive windows (the window length when nothing is lost). */
function meanGap(firsts: number[]): number {
  const known = firsts.filter(Number.isFinite);
  return known.length < 2 ? Number.NaN : (known[known.length - 1]! - known[0]!) / (known.length - 1);
}

function rows(results: RunResult[]): Cell[][] {
  const metric = (name: string, value: (r: RunResult) => Cell): Cell[] => [name, ...results.map(value)];
  const seconds = (values: number[]) => values.map((v) => (Number.isFinite(v) ? (v / 1000).toFixed(1) : "-")).join(" ");
  return [
    metric("creates succeeded / fired", (r) => `${r.succeeded} / ${CREATES}`),
    metric("creates failed (by code)", (r) => counts(r.failures)),
    metric("total time", (r) => ms(r.elapsedMs)),
    metric("minimum time for the successes", (r) => ms(minimumMs(r.succeeded))),
    metric("successes per window", (r) => r.perWindow.join(" ")),
    metric("first success in window (s)", (r) => seconds(r.windowFirsts)),
    metric("mean gap between windows", (r) => ms(meanGap(r.windowFirsts))),
    metric("achieved creates / window", (r) => `${achievedPerWindow(r).toFixed(2)} (limit ${LIMITS.create})`),
    metric("efficiency (achieved / limit)", (r) => pct(achievedPerWindow(r) / LIMITS.create)),
    metric("POSTs the server received", (r) => r.postsReceived),
    metric("429s the server sent", (r) => r.rateLimited),
    metric("client onRetry events", (r) => counts(r.events)),
    metric("  retries by status", (r) => counts(r.retryStatuses)),
    metric("latency per create p50", (r) => ms(summarize(r.latencies).p50)),
    metric("latency per create p95", (r) => ms(summarize(r.latencies).p95)),
    metric("latency per create max", (r) => ms(summarize(r.latencies).max)),
  ];
}

/** See the file comment. */
export const createPacing: Bench = {
  name: "create-pacing",
  description: `${CREATES} concurrent createDomain calls through ONE SendMailOSClient against an emulator enforcing the documented limits at 10x speed.`,
  limitMs: 2 * RUN_LIMIT_MS + 10_000,
  async run() {
    heading(this.name, this.description);
    keyValues([
      ["creates fired at once", CREATES],
      ["server limit (fixed window)", `${LIMITS.create} creates / ${LIMITS.windowMs} ms (documented 10/min, time scaled 10x)`],
      ["client pacing when on", `${LIMITS.create} creates / ${LIMITS.windowMs} ms sliding log (same limits as the server)`],
      ["client retry", "defaults: 5 attempts, 120 s budget, Retry-After honoured"],
      ["window accounting", "successes bucketed by completion time, windows counted from the first call"],
      ["achieved / window", "(successes - the opening burst of 10) / (total time / window)"],
      ["latency per create", "from the call to its result, queueing for a pacing slot included"],
    ]);
    const paced = await run("pacing on", true);
    const unpaced = await run("pacing off", false);
    section("results");
    table(["metric", paced.label, `${unpaced.label} (rateLimits: false)`], rows([paced, unpaced]));
    section("what pacing saved");
    keyValues([
      ["429s avoided", unpaced.rateLimited - paced.rateLimited],
      ["POSTs avoided", unpaced.postsReceived - paced.postsReceived],
      ["creates lost without pacing", CREATES - unpaced.succeeded],
      ["time difference (off - on)", ms(unpaced.elapsedMs - paced.elapsedMs)],
    ]);
  },
};
