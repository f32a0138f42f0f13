/**
 * `pulumi-sendmailos/emulator`: a SendMailOS-compatible server for development and tests. It serves
 * the documented Domains API (plus the assumed REST endpoints) on 127.0.0.1, an authoritative DNS
 * server on 127.0.0.1 UDP, and verifies domains by resolving their DKIM CNAMEs through that DNS
 * server, as SES does through the public DNS.
 *
 * ```ts
 * const emulator = await startEmulator({ verification: { checkIntervalMs: 100 } });
 * // point the client at emulator.baseUrl with emulator.apiKey ...
 * await emulator.stop();
 * ```
 * @packageDocumentation
 */
import type { DomainStatus } from "../sdk/types";
import { adminDomainView, adminRouter, publishDkim } from "./admin";
import { apiRouter } from "./api-routes";
import { DomainStore } from "./domain-store";
import { startDnsServer } from "./dns-server";
import { DnsZone } from "./dns-zone";
import { FaultRegistry } from "./faults";
import { resolveOptions, type EmulatorOptions } from "./options";
import { DataFileWriter, loadDataFile } from "./persistence";
import type { ActiveFault, AdminDomain, DnsRecord, DnsRecordInput, DnsRecordType, FaultSpec } from "./public-types";
import { RateLimiter } from "./rate-limit";
import { RequestEvents, type AnsweredRequest, type NextRequestOptions, type RequestListener } from "./request-events";
import { startHttpServer } from "./server";
import { StatsCounter, type EmulatorStats } from "./stats";
import { Verifier } from "./verifier";

export type { ApiKeyConfig, AssumedMethod, EmulatorOptions, PaginationOptions, RateLimitOptions, VerificationOptions } from "./options";
export { defaultApiKey } from "./options";
// Plain types, not the zod-inferred ones of dns-zone.ts and faults.ts: see public-types.ts.
export type {
  ActiveFault,
  AdminDomain,
  DnsRecord,
  DnsRecordInput,
  DnsRecordType,
  FaultScope,
  FaultSpec,
  ResolvedFault,
} from "./public-types";
export type { EmulatorStats } from "./stats";
export type { AnsweredRequest, NextRequestOptions, RequestListener } from "./request-events";

/** Where the DNS server listens. */
export interface EmulatorDnsAddress {
  host: "127.0.0.1";
  port: number;
  /** `127.0.0.1:PORT`, ready for `Resolver.setServers([...])`. */
  address: string;
}

/** A running emulator and the in-process twins of its admin endpoints. */
export interface RunningEmulator {
  /** API base URL, `http://127.0.0.1:PORT/api/v1`. */
  readonly baseUrl: string;
  /** Admin base URL, `http://127.0.0.1:PORT/admin`. */
  readonly adminUrl: string;
  /** HTTP port. */
  readonly port: number;
  /** The DNS server. */
  readonly dns: EmulatorDnsAddress;
  /** The first configured API key (`sk_test_emulator` by default). */
  readonly apiKey: string;
  /** Sets one DNS record, replacing the one of the same name and type. Throws on invalid input. */
  setDnsRecord(record: DnsRecordInput): DnsRecord;
  /** Removes the records at `name` (only those of `type` when given); returns how many. */
  removeDnsRecord(name: string, type?: DnsRecordType): number;
  /** The zone. */
  dnsRecords(): DnsRecord[];
  /** Publishes a domain's three correct DKIM CNAMEs, as a customer would at their DNS provider. */
  publishDkimRecords(domainId: string): DnsRecord[];
  /** Sets a domain's status by hand. Throws when the domain does not exist. */
  setStatus(domainId: string, status: DomainStatus): AdminDomain;
  /** Every domain of every workspace. */
  domains(): AdminDomain[];
  /** Runs one verification pass now and resolves when it is done (nothing happens in `manual` mode). */
  checkNow(): Promise<void>;
  /** Arms a fault. Throws on an invalid spec. */
  injectFault(fault: FaultSpec): ActiveFault;
  /** The armed faults. */
  faults(): ActiveFault[];
  /** Disarms every fault. */
  clearFaults(): void;
  /** Request counters since start or the last {@link resetStats}. */
  stats(): EmulatorStats;
  /** Zeroes the request counters. */
  resetStats(): void;
  /** Refills every rate-limit budget. */
  resetRateLimits(): void;
  /** Calls `listener` after each answered API request (not admin ones); returns the unsubscribe function. */
  onRequest(listener: RequestListener): () => void;
  /**
   * The next answered API request that `match` accepts, so that a test acts on what the emulator saw
   * rather than on elapsed time. Rejects past `options.timeoutMs` or when `options.signal` aborts.
   */
  nextRequest(match: (request: AnsweredRequest) => boolean, options: NextRequestOptions): Promise<AnsweredRequest>;
  /** Stops HTTP, DNS and the verifier, and writes the data file. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts an emulator; every option is optional and every port defaults to a free one. */
export async function startEmulator(opts?: EmulatorOptions): Promise<RunningEmulator> {
  const options = resolveOptions(opts);
  let writer: DataFileWriter | undefined;
  const changed = (): void => writer?.changed();
  const store = new DomainStore(changed);
  const zone = new DnsZone(changed);
  if (options.dataFile !== undefined) {
    const content = loadDataFile(options.dataFile);
    if (content) {
      store.load({ domains: content.domains, idempotency: content.idempotency });
      zone.load(content.dnsRecords);
    }
    writer = new DataFileWriter(
      options.dataFile,
      () => ({ ...store.snapshot(), dnsRecords: zone.list() }),
      (err) => (options.log ?? console.error)(`emulator: cannot write ${options.dataFile}: ${String(err)}`),
    );
  }

  const dns = await startDnsServer(zone, options.dnsPort);
  const dnsAddress = `127.0.0.1:${dns.port}`;
  const verifier = new Verifier({ store, options: options.verification, dnsAddress });
  const faults = new FaultRegistry();
  const stats = new StatsCounter();
  const limiter = options.rateLimits === false ? undefined : new RateLimiter(options.rateLimits);
  const requests = new RequestEvents();
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer(
      {
        apiKeys: options.apiKeys,
        unknownPaths: options.unknownPaths,
        api: apiRouter(store, { assumedEndpoints: options.assumedEndpoints, pagination: options.pagination }),
        admin: adminRouter({ store, zone, faults, stats, limiter, verifier, dnsAddress }),
        faults,
        stats,
        limiter,
        log: options.log,
        requests,
      },
      options.port,
    );
  } catch (err) {
    await dns.close();
    throw err;
  }
  verifier.start();

  const domainOrThrow = (id: string) => {
    const domain = store.get(id);
    if (!domain) throw new Error(`No domain with id ${id}`);
    return domain;
  };
  let stopping: Promise<void> | undefined;
  const origin = `http://127.0.0.1:${http.port}`;
  return {
    baseUrl: `${origin}/api/v1`,
    adminUrl: `${origin}/admin`,
    port: http.port,
    dns: { host: "127.0.0.1", port: dns.port, address: dnsAddress },
    apiKey: options.apiKeys[0]?.key ?? "",
    setDnsRecord: (record) => zone.set(record),
    removeDnsRecord: (name, type) => zone.remove(name, type),
    dnsRecords: () => zone.list(),
    publishDkimRecords: (id) => publishDkim(zone, domainOrThrow(id)),
    setStatus: (id, status) => adminDomainView(store.setStatus(id, status) ?? domainOrThrow(id)),
    domains: () => store.all().map(adminDomainView),
    checkNow: () => verifier.checkNow(),
    injectFault: (fault) => faults.add(fault),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.clear(),
    resetRateLimits: () => limiter?.reset(),
    onRequest: (listener) => requests.subscribe(listener),
    nextRequest: (match, nextOptions) => requests.next(match, nextOptions),
    stop: () =>
      (stopping ??= (async () => {
        await verifier.stop();
        await Promise.all([http.close(), dns.close()]);
        writer?.flush();
      })()),
  };
}
