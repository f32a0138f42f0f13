import { currentSettings, domainListFor, requireApiKey } from "../runtime/context";
import { providerLog } from "../runtime/log";
import { createLookup, type RecordCheck } from "./dns-diagnosis";
import { checkVerificationInputs, type VerificationInputs } from "./verification-inputs";
import { VerificationError, waitForVerification } from "./wait-for-verification";
import type { DomainStatus } from "../../sdk";

/** What a `DomainVerification` keeps in state. */
export interface VerificationState extends VerificationInputs {
  status: DomainStatus;
  verifiedAt: string | null;
  /** Seconds spent waiting, over every run that waited. */
  waitedSeconds: number;
  /** The last DNS diagnosis, one entry per required record. */
  records: RecordCheck[];
}

/** How old the shared list may be for a refresh read (see the Domain provider). */
const readMaxAgeMs = 2_000;

/**
 * The real `DomainVerification` provider: create and update wait; a timeout or a `failed` status is a
 * partial failure that records where things stand, so the next `pulumi up` resumes waiting.
 */
export const verificationProvider = {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    requireApiKey();
    return checkVerificationInputs(news);
  },

  async diff(_id: string, olds: VerificationState, news: VerificationInputs) {
    const replaces: string[] = [];
    if (news.domainId !== olds.domainId) replaces.push("domainId");
    if ((news.workspaceId || undefined) !== (olds.workspaceId || undefined)) replaces.push("workspaceId");
    const knobs: (keyof VerificationInputs)[] = ["timeoutSeconds", "pollIntervalSeconds", "maxPollIntervalSeconds", "dnsCheck", "domainName"];
    const knobChanged = knobs.some((k) => news[k] !== olds[k]) || JSON.stringify(news.dnsResolvers ?? []) !== JSON.stringify(olds.dnsResolvers ?? []);
    // Not verified (timed out, interrupted, or un-verified since, as a refresh showed): waiting again is the change.
    const mustWait = olds.status !== "verified";
    return { changes: replaces.length > 0 || knobChanged || mustWait, replaces, deleteBeforeReplace: false };
  },

  async create(inputs: VerificationInputs) {
    return { id: inputs.domainId, outs: await wait(inputs, 0) };
  },

  async read(id: string, props: VerificationState) {
    const live = await domainListFor(props.workspaceId).find(props.domainId ?? id, readMaxAgeMs);
    if (!live) return {};
    if (props.status === "verified" && live.status !== "verified") {
      providerLog().warn(`${live.domainName} is ${live.status} again in SendMailOS; the next \`pulumi up\` waits for it to verify`);
    }
    return { id, props: { ...props, status: live.status, verifiedAt: live.verifiedAt } };
  },

  async update(_id: string, olds: VerificationState, news: VerificationInputs) {
    if (olds.status === "verified" && news.domainId === olds.domainId) {
      return { outs: { ...news, status: olds.status, verifiedAt: olds.verifiedAt, waitedSeconds: olds.waitedSeconds, records: olds.records } };
    }
    return { outs: await wait(news, (olds.waitedSeconds ?? 0) * 1000) };
  },

  async delete() {
    // Verification is an observation, not an object in SendMailOS: nothing to remove.
  },
};

async function wait(inputs: VerificationInputs, previouslyWaitedMs: number): Promise<VerificationState> {
  const resolvers = inputs.dnsResolvers ?? currentSettings().dnsResolvers;
  const domainName = inputs.domainName ?? inputs.domainId;
  try {
    const result = await waitForVerification(
      {
        domainId: inputs.domainId,
        domainName,
        timeoutMs: inputs.timeoutSeconds * 1000,
        pollIntervalMs: inputs.pollIntervalSeconds * 1000,
        maxPollIntervalMs: inputs.maxPollIntervalSeconds * 1000,
        previouslyWaitedMs,
      },
      { list: domainListFor(inputs.workspaceId), lookup: inputs.dnsCheck ? createLookup(resolvers) : undefined, log: providerLog() },
    );
    return { ...inputs, status: result.status, verifiedAt: result.verifiedAt, waitedSeconds: seconds(result.waitedMs), records: result.records };
  } catch (error) {
    if (!(error instanceof VerificationError) || error.code === "DOMAIN_NOT_FOUND") throw error;
    // A partial failure: the engine records these properties, so the next `pulumi up` resumes the wait.
    throw Object.assign(new Error(error.message), {
      id: inputs.domainId,
      properties: { ...inputs, status: error.status, verifiedAt: null, waitedSeconds: seconds(error.waitedMs), records: error.records },
      reasons: [error.message],
    });
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
