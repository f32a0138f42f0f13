import { canonicalDnsName, type Domain } from "../../sdk";

/**
 * How old the shared list may be for a read (refresh, import). The reads of one refresh all want the same
 * picture of the workspace, and a refresh of hundreds of domains takes longer than any short bound: one
 * list (all its pages) serves them all. Nothing here goes stale by our own doing: every create, update and
 * delete of this process invalidates the list, and a domain missing from it is asked for by id before it
 * is taken for deleted. Each CLI operation is a new process.
 */
export const readMaxAgeMs = 10 * 60_000;

/** One fetched list of domains and when it was asked for. */
interface Snapshot {
  fetchedAt: number;
  /** The cache's change count when the request started: a list is current only if nothing changed since. */
  changes: number;
  byId: Map<string, Domain>;
}

/**
 * The least time between the starts of two list requests: the poll interval plus a margin. The server times
 * a request when it arrives, and a request that left this process a few milliseconds late (a busy event
 * loop, a slow socket) followed by one that left on time would otherwise arrive less than one interval apart.
 * The margin is 2% of the interval, at least 50 ms (the most seen at N = 200 was 18 ms) and at most 1 s. Pure.
 */
export function listSpacingMs(intervalMs: number): number {
  return intervalMs + Math.min(1000, Math.max(50, intervalMs * 0.02));
}

/**
 * Shares GET /domains between every resource of a provider process: concurrent callers join the request
 * in flight, and a list younger than the caller's `maxAgeMs` is served from memory. N domains waiting
 * with interval T therefore cost about one list request per T, not N (the API allows 60 GET/min), and
 * the reads of a refresh share one request.
 */
export class DomainListCache {
  private latest: Snapshot | undefined;
  private inflight: { startedAt: number; changes: number; request: Promise<Snapshot> } | undefined;
  /** A fetch the waits asked for, to start once the spacing since the previous one allows. */
  private scheduled: Promise<Snapshot> | undefined;
  private lastStartedAt = Number.NEGATIVE_INFINITY;
  /**
   * How many times this process changed a domain: reads need a list requested after the last change. A
   * count, not a time: a change and a list request in the same millisecond must still be ordered.
   */
  private changes = 0;
  private fetchCount = 0;

  /**
   * @param fetchList - lists every domain of one workspace (the client's `listDomains`).
   * @param now - clock, replaceable in tests.
   */
  constructor(
    private readonly fetchList: () => Promise<Domain[]>,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many list requests this cache has sent. */
  get fetches(): number {
    return this.fetchCount;
  }

  /**
   * The domain with this id from a list at most `maxAgeMs` old, or undefined when the workspace has none.
   * Before answering "none", it asks once more with a list requested after this call began: a list
   * fetched before a domain was created must never make that domain look deleted.
   */
  async find(id: string, maxAgeMs: number): Promise<Domain | undefined> {
    const calledAt = this.now();
    const snapshot = await this.snapshot(maxAgeMs, 0);
    const found = snapshot.byId.get(id);
    if (found || snapshot.fetchedAt >= calledAt) return found;
    return (await this.snapshot(Number.POSITIVE_INFINITY, calledAt)).byId.get(id);
  }

  /**
   * For waits: the domain with this id from a list at most `intervalMs` old, where list requests start at
   * least `listSpacingMs(intervalMs)` apart however many domains wait, so N waits cost one request per interval. A domain
   * missing from a list requested before `since` (the wait's start: it was created just before) is looked
   * for in the next list, when the spacing allows it, not in an extra request now.
   */
  async poll(id: string, intervalMs: number, since: number): Promise<Domain | undefined> {
    let snapshot = await this.spaced(intervalMs, Number.NEGATIVE_INFINITY);
    if (!snapshot.byId.has(id) && snapshot.fetchedAt < since) snapshot = await this.spaced(intervalMs, since);
    return snapshot.byId.get(id);
  }

  /** The domain with this (normalized) name, from a list at most `maxAgeMs` old. */
  async findByName(domainName: string, maxAgeMs: number): Promise<Domain | undefined> {
    const snapshot = await this.snapshot(maxAgeMs, 0);
    return [...snapshot.byId.values()].find((d) => canonicalDnsName(d.domainName) === canonicalDnsName(domainName));
  }

  /**
   * Records that this process changed a domain: reads (`find`, `findByName`) then need a list requested
   * after now. Waits keep using the list they have: a status is at most one interval old anyway.
   */
  invalidate(): void {
    this.changes += 1;
  }

  /** A list at most `maxAgeMs` old, requested no earlier than `notBefore` nor before this process's last change. */
  private snapshot(maxAgeMs: number, notBefore: number): Promise<Snapshot> {
    const usable = (list: { changes: number }, requestedAt: number) => requestedAt >= notBefore && list.changes === this.changes;
    const latest = this.latest;
    if (latest && usable(latest, latest.fetchedAt) && this.now() - latest.fetchedAt <= maxAgeMs) return Promise.resolve(latest);
    if (this.inflight && usable(this.inflight, this.inflight.startedAt)) return this.inflight.request;
    return this.fetch();
  }

  /** A list younger than `intervalMs` requested no earlier than `notBefore`, starting requests `listSpacingMs` apart. */
  private spaced(intervalMs: number, notBefore: number): Promise<Snapshot> {
    const latest = this.latest;
    const now = this.now();
    if (latest && latest.fetchedAt >= notBefore && now - latest.fetchedAt < intervalMs) return Promise.resolve(latest);
    if (this.inflight && this.inflight.startedAt >= notBefore) return this.inflight.request;
    if (this.scheduled) return this.scheduled;
    const startAt = Math.max(now, this.lastStartedAt + listSpacingMs(intervalMs));
    if (startAt <= now) return this.fetch();
    const scheduled = new Promise<void>((resolve) => setTimeout(resolve, startAt - now)).then(() => {
      this.scheduled = undefined;
      return this.inflight && this.inflight.startedAt >= notBefore ? this.inflight.request : this.fetch();
    });
    this.scheduled = scheduled;
    return scheduled;
  }

  /** Starts one list request, shared by everyone who asks while it runs. */
  private fetch(): Promise<Snapshot> {
    const startedAt = this.now();
    const changes = this.changes;
    this.lastStartedAt = startedAt;
    this.fetchCount += 1;
    const request = this.fetchList()
      .then((domains) => {
        const snapshot = { fetchedAt: startedAt, changes, byId: new Map(domains.map((d) => [d.id, d])) };
        if (!this.latest || this.latest.fetchedAt <= startedAt) this.latest = snapshot;
        return snapshot;
      })
      .finally(() => {
        if (this.inflight?.request === request) this.inflight = undefined;
      });
    this.inflight = { startedAt, changes, request };
    return request;
  }
}
