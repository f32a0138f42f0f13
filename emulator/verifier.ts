/**
 * The verification loop, standing in for SES Easy DKIM: every `checkIntervalMs` it looks at the
 * waiting domains and moves them to `verified` or `failed`. In `dns` mode it resolves each
 * `<token>._domainkey.<domain>` CNAME with Node's resolver pointed at the emulator's DNS server, so a
 * client's records must really be published (through the admin API or a DNS provider double) and
 * really resolve.
 */
import { promises as dnsPromises } from "node:dns";
import { canonicalDnsName } from "../sdk/dns-records";
import { dkimRecordFor } from "../sdk/wire";
import type { DomainStore, StoredDomain } from "./domain-store";
import type { ResolvedVerification } from "./options";

/** What the verifier needs. */
export interface VerifierDeps {
  store: DomainStore;
  options: ResolvedVerification;
  /** `127.0.0.1:PORT` of the DNS server to resolve through. */
  dnsAddress: string;
  /** The clock, injectable for tests. */
  now?: () => number;
}

/**
 * Whether one resolved CNAME answer names the expected target. Case and a trailing dot do not
 * matter (DNS names compare case-insensitively).
 */
export function cnameMatches(answers: readonly string[], expected: string): boolean {
  const want = canonicalDnsName(expected);
  return answers.some((answer) => canonicalDnsName(answer) === want);
}

/** Whether all three DKIM CNAMEs of a domain resolve to their SES targets. */
export async function dkimPublished(resolver: dnsPromises.Resolver, domain: StoredDomain): Promise<boolean> {
  const checks = domain.dkimTokens.map(async (token) => {
    const record = dkimRecordFor(token, domain.domainName);
    try {
      return cnameMatches(await resolver.resolveCname(record.name), record.value);
    } catch {
      return false; // NXDOMAIN, NODATA, timeout: not published (yet)
    }
  });
  return (await Promise.all(checks)).every(Boolean);
}

/** Runs verification passes on a timer; {@link checkNow} runs one on demand. */
export class Verifier {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private resolver: dnsPromises.Resolver | undefined;
  private stopped = false;
  /** When each pending domain's records were first seen resolving correctly (for `verifyDelayMs`). */
  private readonly publishedSince = new Map<string, number>();
  private readonly now: () => number;

  /** @param deps store, options and DNS address. */
  constructor(private readonly deps: VerifierDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Starts the timer (no-op in `manual` mode). */
  start(): void {
    if (this.deps.options.mode !== "manual") this.schedule();
  }

  /** Runs one pass now, after any pass already running (a no-op in `manual` mode). */
  async checkNow(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    this.inFlight = this.pass().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Stops the timer and waits for a running pass to end (its DNS queries are cancelled). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.resolver?.cancel();
    await this.inFlight;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.checkNow()
        .catch(() => {}) // a failed pass is retried on the next tick
        .finally(() => this.schedule());
    }, this.deps.options.checkIntervalMs);
    // The HTTP server keeps a CLI alive; the timer alone must not keep a test process running.
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    const { store, options } = this.deps;
    if (options.mode === "manual") return;
    if (options.mode === "auto") {
      for (const domain of store.all()) {
        if (domain.status === "pending" && this.now() - domain.pendingSinceMs >= options.autoVerifyAfterMs) {
          store.setStatus(domain.id, "verified");
        }
      }
      return;
    }

    const candidates = store
      .all()
      .filter((domain) => domain.status === "pending" || (options.recheckVerified && domain.status === "verified"));
    if (candidates.length === 0) return;
    // A fresh resolver per pass: c-ares (1.23+) can cache answers per channel for their TTL, and a
    // record the customer just corrected must be seen on the next pass, not five minutes later.
    const resolver = new dnsPromises.Resolver({ timeout: 1000, tries: 2 });
    resolver.setServers([this.deps.dnsAddress]);
    this.resolver = resolver;
    const results = await Promise.all(candidates.map((domain) => dkimPublished(resolver, domain)));
    if (this.stopped) return;
    candidates.forEach((candidate, i) => this.apply(candidate, results[i] === true));
  }

  /** Applies one result, unless the domain changed (deleted, set by hand) while DNS was queried. */
  private apply(checked: StoredDomain, published: boolean): void {
    const { store, options } = this.deps;
    const current = store.get(checked.id);
    if (!current || current.status !== checked.status) return;
    if (current.status === "pending") {
      if (!published) this.publishedSince.delete(current.id);
      if (published) {
        const since = this.publishedSince.get(current.id) ?? this.now();
        this.publishedSince.set(current.id, since);
        if (this.now() - since >= options.verifyDelayMs) {
          this.publishedSince.delete(current.id);
          store.setStatus(current.id, "verified");
        }
      } else if (this.now() - current.pendingSinceMs >= options.failAfterMs) store.setStatus(current.id, "failed");
    } else if (current.status === "verified" && !published) {
      store.setStatus(current.id, "pending");
    }
  }
}
