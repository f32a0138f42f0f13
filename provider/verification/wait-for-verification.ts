import type { Domain, DomainStatus } from "../../sdk";
import type { DomainListCache } from "../runtime/domain-list-cache";
import type { ProviderLog } from "../runtime/log";
import { SendMailOSResourceError } from "../runtime/errors";
import { dnsRecordsFor } from "../../sdk";
import { diagnoseRecords, type CnameLookup, type RecordCheck } from "./dns-diagnosis";
import { diagnosisReport, formatDuration, progressLine } from "./progress";

/** What a wait is for and how patient it is. */
export interface WaitRequest {
  domainId: string;
  domainName: string;
  timeoutMs: number;
  /** First poll interval; grows by half each poll up to `maxPollIntervalMs`. */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** Time already spent waiting in earlier runs (a resumed wait), counted in `waitedMs`. */
  previouslyWaitedMs: number;
  /** What set `timeoutMs`, for the timeout message. @default "timeoutSeconds <n>" */
  timeoutSource?: string;
}

/** The collaborators of a wait: a seam for tests and for sharing between resources. */
export interface WaitDeps {
  /** Shared domain list of the workspace: one request per interval serves every waiting domain. */
  list: DomainListCache;
  /** Asks for a domain by id when the list lacks it: a list alone never ends a wait as "deleted". */
  findById?: (id: string) => Promise<Domain | undefined>;
  /** DNS lookups for the diagnosis, or undefined when the DNS check is off. */
  lookup: CnameLookup | undefined;
  log: ProviderLog;
  /** Aborted when the engine cancels the operation: the wait stops at once, as a resumable failure. */
  signal?: AbortSignal;
  now?: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A successful wait. */
export interface WaitResult {
  status: "verified";
  verifiedAt: string | null;
  /** Total time waited, this run and earlier ones. */
  waitedMs: number;
  records: RecordCheck[];
}

/** A wait that ended without verification; carries the last status and DNS diagnosis. */
export class VerificationError extends SendMailOSResourceError {
  constructor(
    code: string,
    message: string,
    readonly status: DomainStatus,
    readonly waitedMs: number,
    readonly records: RecordCheck[],
  ) {
    super(code, message);
  }
}

/**
 * Polls until SendMailOS reports the domain verified. Prints a line when the status or the DNS picture
 * changes (not on every poll); `failed` ends the wait at once and a timeout ends it, both with a
 * per-record diagnosis. Safe to interrupt: it holds nothing that a later run needs.
 */
export async function waitForVerification(request: WaitRequest, deps: WaitDeps): Promise<WaitResult> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const startedAt = now();
  let interval = request.pollIntervalMs;
  // Each look wants a list no older than the pause before it; the cache spaces requests by the same.
  let freshnessMs = request.pollIntervalMs;
  let lastLine = "";
  let records: RecordCheck[] = [];

  let lastStatus: DomainStatus = "pending";
  const cancelled = () =>
    new VerificationError(
      "VERIFICATION_CANCELLED",
      `Stopped waiting for ${request.domainName} (cancelled after ${formatDuration(request.previouslyWaitedMs + now() - startedAt)}). ` +
        "Nothing was lost: the next `pulumi up` resumes the wait.",
      lastStatus,
      request.previouslyWaitedMs + now() - startedAt,
      records,
    );

  for (;;) {
    if (deps.signal?.aborted) throw cancelled();
    // One list per interval serves every waiting domain (see DomainListCache.poll).
    const domain = (await deps.list.poll(request.domainId, freshnessMs, startedAt)) ?? (await deps.findById?.(request.domainId));
    const elapsed = now() - startedAt;
    const waitedMs = request.previouslyWaitedMs + elapsed;
    if (!domain) {
      throw new VerificationError(
        "DOMAIN_NOT_FOUND",
        `${request.domainName} (${request.domainId}) is not registered in SendMailOS any more; run \`pulumi refresh\` and then \`pulumi up\` to register it again.`,
        "failed",
        waitedMs,
        records,
      );
    }
    const expected = domain.dnsRecords.length > 0 ? domain.dnsRecords : dnsRecordsFor(domain.domainName, domain.dkimTokens);
    lastStatus = domain.status;
    records = deps.lookup ? await diagnoseRecords(expected, deps.lookup) : [];
    if (domain.status === "verified") {
      deps.log.info(`${request.domainName}: verified after ${formatDuration(waitedMs)}`);
      return { status: "verified", verifiedAt: domain.verifiedAt, waitedMs, records };
    }
    const line = progressLine(request.domainName, domain.status, waitedMs, deps.lookup ? records : undefined, deps.lookup?.servers);
    const key = line.slice(line.indexOf(";"));
    if (key !== lastLine) {
      deps.log.info(line);
      lastLine = key;
    }
    if (domain.status === "failed") {
      throw new VerificationError(
        "VERIFICATION_FAILED",
        `SendMailOS marked ${request.domainName} as failed after ${formatDuration(waitedMs)}: it could not see correct DKIM records.\n` +
          `${diagnosisReport(deps.lookup ? records : undefined, deps.lookup?.servers)}\n` +
          "Fix the records above, then ask SendMailOS to verify again or register the domain anew " +
          "(`pulumi up --replace <the Domain's URN>`; this rotates its DKIM keys).",
        "failed",
        waitedMs,
        records,
      );
    }
    const left = request.timeoutMs - elapsed;
    if (left <= 0) {
      throw new VerificationError(
        "VERIFICATION_TIMEOUT",
        `${request.domainName} is still ${domain.status} after waiting ${formatDuration(waitedMs)} (${request.timeoutSource ?? `timeoutSeconds ${Math.round(request.timeoutMs / 1000)}`}).\n` +
          `${diagnosisReport(deps.lookup ? records : undefined, deps.lookup?.servers)}\n` +
          "Nothing was lost: run `pulumi up` again to resume waiting, or raise timeoutSeconds. DNS changes can take up to 48 hours " +
          "to propagate and SES up to 72 hours to verify.",
        domain.status,
        waitedMs,
        records,
      );
    }
    const pause = Math.min(interval, left);
    await sleep(pause, deps.signal);
    freshnessMs = pause;
    interval = Math.min(interval * 1.5, request.maxPollIntervalMs);
  }
}

/** `setTimeout` as a promise that resolves early when `signal` aborts (the loop then sees `aborted`). */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
