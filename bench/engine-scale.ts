/**
 * `engine-scale`: the domains program with N client domains under the real engine (its default
 * parallelism and per-resource steps), against an emulator whose documented limits are scaled down in time
 * (a `--window-seconds` window instead of 60 s, same budgets), DNS verification on. Each scenario is compared
 * with its physical floor: the time the create budget needs for N domains plus the verification latency
 * of the last one, computed from the emulator's settings.
 *
 *   node dist/bench/index.js engine-scale [--domains 200] [--window-seconds 6] [--resources dynamic|native]
 *     [--parallel P|unbounded] [--state-compression gzip|zstd] [--skip-checkpoints]
 *
 * `--parallel` runs every command with `PULUMI_PARALLEL` (the engine's `--parallel`); without it the engine's
 * default applies (4 per CPU). `unbounded` is the engine's own "no limit" value.
 *
 * `--state-compression` runs every command with the file backend's `PULUMI_DIY_BACKEND_GZIP` or
 * `PULUMI_DIY_BACKEND_ZSTD` (the state file compressed; every checkpoint is still written).
 *
 * `--skip-checkpoints` is an experiment, not a setting we recommend: it runs every command with the engine's
 * `PULUMI_SKIP_CHECKPOINTS=true` (state written once at the end instead of after every step), which separates
 * the file backend's state writes from the rest of the run.
 */
import { SendMailOSClient } from "../sdk";
import { clearSharedRateLimiters } from "../sdk/rate-limiter";
import type { Bench } from "./support/bench";
import { DomainsStack, type SeenRequest, type StackRun } from "./support/domains-stack";
import { startBenchEmulator } from "./support/emulator";
import { bytes, heading, keyValues, ms, section, table, type Cell } from "./support/report";

/** The command line's figures, with their defaults. */
export interface EngineScaleOptions {
  domains: number;
  windowSeconds: number;
  /** Which provider serves the domains: the dynamic one (default) or the native plugin. */
  resources: "dynamic" | "native";
  /** Runs the engine with `PULUMI_SKIP_CHECKPOINTS=true` (an experiment that isolates the cost of state writes). */
  skipCheckpoints: boolean;
  /** The engine's parallelism (`PULUMI_PARALLEL`); `undefined`: its default, 4 per CPU. */
  parallel?: number;
  /** The file backend writes its state compressed; `undefined`: plain JSON, the backend's default. */
  stateCompression?: StateCompression;
}

/** The compressions the file (DIY) backend can write its state with, and the variable that turns each on. */
const stateCompressions = { gzip: "PULUMI_DIY_BACKEND_GZIP", zstd: "PULUMI_DIY_BACKEND_ZSTD" } as const;

/** A compression of the file backend's state. */
export type StateCompression = keyof typeof stateCompressions;

/** The engine's "no limit" parallelism (`math.MaxInt32`: every step gets a worker as soon as it is ready). */
export const UNBOUNDED_PARALLEL = 2_147_483_647;

/** The environment every command of the run gets, from the options. */
export function engineEnvironment(
  options: Pick<EngineScaleOptions, "skipCheckpoints" | "parallel" | "stateCompression">,
): Record<string, string> {
  return {
    ...(options.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
    ...(options.parallel === undefined ? {} : { PULUMI_PARALLEL: String(options.parallel) }),
    ...(options.stateCompression === undefined ? {} : { [stateCompressions[options.stateCompression]]: "true" }),
  };
}

/** The `--parallel` flag that asks for this parallelism. */
function parallelFlag(parallel: number): string {
  return `--parallel ${parallel === UNBOUNDED_PARALLEL ? "unbounded" : parallel}`;
}

function describeParallel(parallel: number | undefined): string {
  return parallel === undefined ? "the engine's default parallelism" : parallelFlag(parallel);
}

/** The flags `engineScaleOptions` reads a value after (`--domains 200`, or `--domains=200`). */
export const engineScaleValueFlags = ["--domains", "--window-seconds", "--resources", "--parallel", "--state-compression"] as const;

/** The documented create budget per window. */
const CREATES_PER_WINDOW = 10;
/** The emulator's verification pass interval (scaled SES needs minutes; this one checks often). */
const CHECK_INTERVAL_MS = 100;
/** Scenario (b): each domain verifies this long after its records exist, in documented (unscaled) seconds. */
const SLOW_VERIFY_SECONDS = 30;
/** The small stack the no-change and one-change figures are compared with. */
const REFERENCE_DOMAINS = 20;

/** The physical limit: the create budget's windows for N domains, then the last domain's verification latency. */
export function floorMs(domains: number, windowMs: number, verifyDelayMs: number): number {
  return (Math.ceil(domains / CREATES_PER_WINDOW) - 1) * windowMs + verifyDelayMs + CHECK_INTERVAL_MS;
}

/** List requests (GET /api/v1/domains) answered in [from, to]. */
function listRequests(requests: readonly SeenRequest[], from = 0, to = Infinity): SeenRequest[] {
  return requests.filter((r) => r.method === "GET" && r.path === "/api/v1/domains" && r.at >= from && r.at <= to);
}

/** The most list requests answered within any span of `intervalMs`. */
export function maxPerInterval(times: readonly number[], intervalMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= intervalMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/** The most lists within one poll interval, and the shortest gap between two (arrival times at the emulator, ms resolution). */
function listSpacing(times: readonly number[], intervalSeconds: number): string {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const shortest = gaps.length > 0 ? `${Math.min(...gaps)} ms` : "n/a";
  return `max lists per ${intervalSeconds}s: ${maxPerInterval(times, intervalSeconds * 1000)}; shortest gap ${shortest}`;
}

/** When the last domain create (POST /api/v1/domains answered 201) in [from, to] arrived, in ms after `from`. */
export function lastCreateMs(requests: readonly SeenRequest[], from: number, to: number): number | undefined {
  const creates = requests.filter(
    (r) => r.method === "POST" && r.path === "/api/v1/domains" && r.status === 201 && r.at >= from && r.at <= to,
  );
  return creates.length === 0 ? undefined : Math.max(...creates.map((r) => r.at)) - from;
}

/** The note for an `up` that created domains: when its last create landed, against the create budget's own floor. */
function createNote(requests: readonly SeenRequest[], from: number, to: number, domains: number, windowMs: number): string {
  const last = lastCreateMs(requests, from, to);
  return last === undefined ? "no create" : `last create at ${ms(last)} (create floor ${ms(floorMs(domains, windowMs, 0))})`;
}

/** Requests answered 429 since `from`. */
function rateLimited(requests: readonly SeenRequest[], from = 0): number {
  return requests.filter((r) => r.at >= from && r.status === 429).length;
}

/** What one timed scenario measured. */
interface Scenario {
  name: string;
  run: StackRun;
  floorMs?: number;
  lists?: number;
  extra?: string;
}

async function timed(stack: DomainsStack, verb: "up" | "refresh" | "preview"): Promise<{ run: StackRun; from: number; to: number }> {
  const from = Date.now();
  const run = await stack.run(verb);
  return { run, from, to: Date.now() };
}

/** Polls N domains the way per-resource waits (SES/ACM style) do: one GET by id per domain per interval. */
async function perResourceBaseline(
  domains: number,
  windowMs: number,
  intervalMs: number,
  intervals: number,
): Promise<{ requests: number; rateLimited: number; perMinute: number }> {
  clearSharedRateLimiters();
  const emulator = await startBenchEmulator({ rateLimits: { windowMs, create: 10_000, read: 60, other: 60 } });
  const client = new SendMailOSClient({ apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, rateLimits: false, retry: { maxAttempts: 1 } });
  try {
    const ids: string[] = [];
    for (let i = 0; i < domains; i++) ids.push((await client.createDomain({ domain: `poll-${i}.example` })).domain.id);
    emulator.resetStats();
    const started = Date.now();
    let limited = 0;
    for (let round = 0; round < intervals; round++) {
      const roundStart = Date.now();
      await Promise.all(
        ids.map((id) => client.getDomain(id).catch((e: { status?: number }) => (e.status === 429 ? void limited++ : undefined))),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - roundStart))));
    }
    const elapsed = Date.now() - started;
    const requests = emulator.stats().total;
    return { requests, rateLimited: limited, perMinute: (requests / elapsed) * windowMs };
  } finally {
    await client.close();
    await emulator.stop();
  }
}

/** The command-line flags that reproduce these options. */
export function engineScaleFlags(options: EngineScaleOptions): string[] {
  return [
    `--domains ${options.domains}`,
    `--window-seconds ${options.windowSeconds}`,
    `--resources ${options.resources}`,
    ...(options.parallel === undefined ? [] : [parallelFlag(options.parallel)]),
    ...(options.stateCompression === undefined ? [] : [`--state-compression ${options.stateCompression}`]),
    ...(options.skipCheckpoints ? ["--skip-checkpoints"] : []),
  ];
}

/** Runs every scenario and prints the table and the final line. */
export async function engineScale(options: EngineScaleOptions): Promise<void> {
  const windowMs = options.windowSeconds * 1000;
  const scale = windowMs / 60_000;
  const n = options.domains;
  const engineEnv = { env: engineEnvironment(options) };
  heading(
    "engine-scale",
    `the domains program with ${n} domains under the real engine, documented limits in a ${options.windowSeconds}-second window (10 creates, 60 reads), DNS verification on, ${options.resources} provider, ${describeParallel(options.parallel)}` +
      (options.stateCompression === undefined ? "" : `, state written with ${stateCompressions[options.stateCompression]}=true`) +
      (options.skipCheckpoints ? "; EXPERIMENT: PULUMI_SKIP_CHECKPOINTS=true (state written once, at the end)" : ""),
    engineScaleFlags(options),
  );
  const rows: Scenario[] = [];

  // (a), then (c), (d) and (e) on the same stack.
  const fast = await DomainsStack.create({
    domains: n,
    windowMs,
    verifyDelayMs: 0,
    checkIntervalMs: CHECK_INTERVAL_MS,
    resources: options.resources,
    ...engineEnv,
  });
  let stateBytes = 0;
  try {
    const a = await timed(fast, "up");
    const waitLists = listRequests(fast.requests, a.from, a.to).map((r) => r.at);
    rows.push({
      name: "(a) up, verified as soon as records exist",
      run: a.run,
      floorMs: floorMs(n, windowMs, 0),
      lists: waitLists.length,
      extra: `${createNote(fast.requests, a.from, a.to, n, windowMs)}; ${listSpacing(waitLists, fast.pollIntervalSeconds)}`,
    });
    const c = await timed(fast, "up");
    rows.push({ name: "(c) second up, no changes", run: c.run });
    const cPreview = await timed(fast, "preview");
    rows.push({ name: "(c) preview, no changes", run: cPreview.run });
    const d = await timed(fast, "refresh");
    rows.push({ name: "(d) refresh", run: d.run, lists: listRequests(fast.requests, d.from, d.to).length });
    fast.changeOneDomain(7, "Client 7, renamed");
    const ePreview = await timed(fast, "preview");
    rows.push({ name: "(e) preview, one domain changed", run: ePreview.run });
    const eUp = await timed(fast, "up");
    rows.push({ name: "(e) up, one domain changed", run: eUp.run });
    stateBytes = await fast.stateBytes();
  } finally {
    await fast.dispose();
  }
  const surfaced429 = rows.reduce((sum, r) => sum + (/rate limit exceeded/i.test(r.run.stdout + r.run.stderr) ? 1 : 0), 0);

  // (b): each domain verifies 30 scaled seconds after its records exist, so waits overlap creates.
  const slowDelayMs = SLOW_VERIFY_SECONDS * 1000 * scale;
  const slow = await DomainsStack.create({
    domains: n,
    windowMs,
    verifyDelayMs: slowDelayMs,
    checkIntervalMs: CHECK_INTERVAL_MS,
    resources: options.resources,
    ...engineEnv,
  });
  let b!: { run: StackRun; from: number; to: number };
  let slowLists: number[] = [];
  let answered429 = rateLimited(slow.requests);
  try {
    b = await timed(slow, "up");
    slowLists = listRequests(slow.requests, b.from, b.to).map((r) => r.at);
    answered429 += rateLimited(slow.requests, b.from);
    rows.push({
      name: `(b) up, verified ${SLOW_VERIFY_SECONDS} scaled s after records exist`,
      run: b.run,
      floorMs: floorMs(n, windowMs, slowDelayMs),
      lists: slowLists.length,
      extra: `${createNote(slow.requests, b.from, b.to, n, windowMs)}; ${listSpacing(slowLists, slow.pollIntervalSeconds)}`,
    });
  } finally {
    await slow.dispose();
  }

  // The reference stack for (c) and (e).
  const small = await DomainsStack.create({
    domains: REFERENCE_DOMAINS,
    windowMs,
    verifyDelayMs: 0,
    checkIntervalMs: CHECK_INTERVAL_MS,
    resources: options.resources,
    ...engineEnv,
  });
  const reference: Record<string, StackRun> = {};
  try {
    await small.run("up");
    reference["(c) second up, no changes"] = (await timed(small, "up")).run;
    reference["(c) preview, no changes"] = (await timed(small, "preview")).run;
    reference["(d) refresh"] = (await timed(small, "refresh")).run;
    small.changeOneDomain(7, "Client 7, renamed");
    reference["(e) preview, one domain changed"] = (await timed(small, "preview")).run;
    reference["(e) up, one domain changed"] = (await timed(small, "up")).run;
  } finally {
    await small.dispose();
  }

  section("scenarios");
  const cells: Cell[][] = rows.map((r) => {
    const ref = reference[r.name];
    return [
      r.name,
      ms(r.run.durationMs),
      r.floorMs === undefined ? "" : ms(r.floorMs),
      r.floorMs === undefined ? "" : (r.run.durationMs / r.floorMs).toFixed(2),
      ref === undefined ? "" : `${(r.run.durationMs / ref.durationMs).toFixed(2)} (${ms(ref.durationMs)} at ${REFERENCE_DOMAINS})`,
      r.lists ?? "",
      Object.entries(r.run.changes)
        .map(([k, v]) => `${k} ${v}`)
        .join(", "),
      bytes(r.run.providerPeakRss),
      r.extra ?? "",
    ];
  });
  table(["scenario", "wall", "floor", "ratio", `vs N=${REFERENCE_DOMAINS}`, "lists", "changes", "provider rss", "notes"], cells);

  section("polling, ours against one GET per resource per interval (SES/ACM style)");
  const interval = slow.pollIntervalSeconds * 1000;
  const baseline = await perResourceBaseline(n, windowMs, interval, 5);
  const ourPerMinute = slowLists.length / ((b.to - b.from) / windowMs);
  keyValues([
    ["ours: list requests per documented minute during (b)", ourPerMinute.toFixed(1)],
    [
      "per-resource polling: requests per documented minute",
      `${baseline.perMinute.toFixed(0)} (${baseline.requests} in 5 intervals; ${baseline.rateLimited} answered 429)`,
    ],
    ["state size per domain", bytes(stateBytes / n)],
  ]);

  const worst = rows.filter((r) => r.floorMs !== undefined).map((r) => r.run.durationMs / r.floorMs!);
  const peakRss = Math.max(...rows.map((r) => r.run.providerPeakRss));
  console.log("");
  console.log(
    `engine-scale N=${n} wall=${(b.run.durationMs / 1000).toFixed(1)} floor=${(floorMs(n, windowMs, slowDelayMs) / 1000).toFixed(1)} ` +
      `ratio=${Math.max(...worst).toFixed(2)} surfaced429=${surfaced429} lists_per_interval=${maxPerInterval(slowLists, interval)} ` +
      `rss_mb=${(peakRss / 1024 / 1024).toFixed(0)}`,
  );
  if (answered429 > 0) console.log(`  (the emulator answered ${answered429} requests with 429; the client absorbed them)`);
  if (options.parallel !== undefined) console.log(`  (every command ran with ${describeParallel(options.parallel)})`);
  if (options.skipCheckpoints)
    console.log("  (experiment: every command ran with PULUMI_SKIP_CHECKPOINTS=true; not a recommended setting)");
}

/**
 * Reads `--domains N`, `--window-seconds S`, `--resources dynamic|native`, `--parallel P|unbounded`,
 * `--state-compression gzip|zstd` and `--skip-checkpoints`.
 */
export function engineScaleOptions(argv: readonly string[]): EngineScaleOptions {
  const text = (flag: (typeof engineScaleValueFlags)[number]): string | undefined => {
    const at = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (at < 0) return undefined;
    return argv[at]!.includes("=") ? argv[at]!.split("=")[1] : argv[at + 1];
  };
  const value = (flag: "--domains" | "--window-seconds", fallback: number): number => {
    const raw = text(flag);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${flag}: expected a positive number, got ${JSON.stringify(raw)}`);
    return parsed;
  };
  const resources = text("--resources") ?? "dynamic";
  const parallelText = text("--parallel");
  let parallel: number | undefined;
  if (parallelText === "unbounded") parallel = UNBOUNDED_PARALLEL;
  else if (parallelText !== undefined) {
    parallel = Number(parallelText);
    if (!Number.isInteger(parallel) || parallel < 1 || parallel > UNBOUNDED_PARALLEL)
      throw new Error(
        `--parallel: expected a whole number from 1 to ${UNBOUNDED_PARALLEL} or "unbounded", got ${JSON.stringify(parallelText)}`,
      );
  }
  if (resources !== "dynamic" && resources !== "native")
    throw new Error(`--resources: expected dynamic or native, got ${JSON.stringify(resources)}`);
  const compression = text("--state-compression");
  if (compression !== undefined && !Object.hasOwn(stateCompressions, compression))
    throw new Error(`--state-compression: expected gzip or zstd, got ${JSON.stringify(compression)}`);
  return {
    domains: Math.round(value("--domains", 200)),
    windowSeconds: value("--window-seconds", 6),
    resources,
    skipCheckpoints: argv.includes("--skip-checkpoints"),
    ...(parallel === undefined ? {} : { parallel }),
    ...(compression === undefined ? {} : { stateCompression: compression as StateCompression }),
  };
}

/** The benchmark, for `npm run bench -- engine-scale`. */
export const engineScaleBench: Bench = {
  name: "engine-scale",
  description: "N domains through the real engine at the scaled rate-limit floor",
  limitMs: 90 * 60 * 1000,
  valueFlags: engineScaleValueFlags,
  run: () => engineScale(engineScaleOptions(process.argv.slice(2))),
};
