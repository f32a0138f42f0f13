import type { Domain } from "../../sdk";
import { checkInputs } from "../schema/check-inputs";
import { apiKeyFailure, dnsResolversFor, domainListFor } from "../runtime/context";
import { findLiveDomain } from "../runtime/live-domain";
import { providerLog } from "../runtime/log";
import { PartialFailure, type OperationContext, type ResourceOperations } from "../runtime/operations";
import { createLookup } from "./dns-diagnosis";
import { diffVerification, type VerificationState } from "./verification-diff";
import {
  checkWaitSettings,
  effectiveMaxPollIntervalSeconds,
  verificationInputsSchema,
  type VerificationInputs,
} from "./verification-schema";
import { VerificationError, waitForVerification } from "./wait-for-verification";

/**
 * The `DomainVerification` resource: create and update wait until the domain is verified. A timeout, a
 * `failed` status or a cancellation is a partial failure that records where things stand, so the next
 * `pulumi up` resumes waiting instead of starting over.
 */
export const verificationOperations: ResourceOperations<VerificationInputs, VerificationState> = {
  token: "sendmailos:index:DomainVerification",

  async check(_olds, news) {
    const missingKey = apiKeyFailure();
    if (missingKey) return { inputs: news, failures: [missingKey] };
    return checkInputs(verificationInputsSchema, news, { refine: checkWaitSettings });
  },

  async diff(_id, olds, news) {
    return diffVerification(olds, news);
  },

  async create(inputs, context) {
    return { id: inputs.domainId, state: await wait(inputs, 0, context) };
  },

  /** The live status; with empty state (an import) the inputs are the id and the defaults. */
  async read(id, state) {
    const domainId = state.domainId ?? id;
    const live = await findLiveDomain(domainId, state.workspaceId);
    if (!live) return undefined;
    if (state.status === "verified" && live.status !== "verified") {
      providerLog().warn(`${live.domainName} is ${live.status} again in SendMailOS; the next \`pulumi up\` waits for it to verify`);
    }
    const inputs = state.domainId === undefined ? imported(domainId, live) : inputsOf(state as VerificationState);
    return {
      id,
      inputs,
      state: {
        ...inputs,
        waitedSeconds: state.waitedSeconds ?? 0,
        records: state.records ?? [],
        status: live.status,
        verifiedAt: live.verifiedAt,
      },
    };
  },

  async update(_id, olds, news, context) {
    if (olds.status === "verified" && news.domainId === olds.domainId) {
      return { ...news, status: olds.status, verifiedAt: olds.verifiedAt, waitedSeconds: olds.waitedSeconds, records: olds.records };
    }
    return wait(news, (olds.waitedSeconds ?? 0) * 1000, context);
  },

  async delete() {
    // Verification is an observation, not an object in SendMailOS: nothing to remove.
  },

  /** Verified stays verified; anything else waits, and how that ends is not known before it happens. */
  previewUpdate(_id, olds, news) {
    if (olds.status === "verified" && news.domainId === olds.domainId) return { ...olds, ...news };
    return { ...news };
  },
};

/** The inputs kept in a verification's state. */
function inputsOf(state: VerificationState): VerificationInputs {
  const { status: _s, verifiedAt: _v, waitedSeconds: _w, records: _r, ...inputs } = state;
  return inputs;
}

/** Inputs for a verification taken over by `pulumi import`: the domain and the default settings. */
function imported(domainId: string, live: Domain): VerificationInputs {
  return verificationInputsSchema.parse({ domainId, domainName: live.domainName });
}

/** Waits (bounded by timeoutSeconds and the engine's custom timeout, whichever is shorter). */
async function wait(inputs: VerificationInputs, previouslyWaitedMs: number, context: OperationContext): Promise<VerificationState> {
  const domainName = inputs.domainName ?? inputs.domainId;
  const engineTimeout = context.timeoutSeconds !== undefined && context.timeoutSeconds > 0 ? context.timeoutSeconds : undefined;
  const byEngine = engineTimeout !== undefined && engineTimeout < inputs.timeoutSeconds;
  const resolvers = await dnsResolversFor(inputs.dnsResolvers);
  try {
    const result = await waitForVerification(
      {
        domainId: inputs.domainId,
        domainName,
        timeoutMs: (byEngine ? engineTimeout : inputs.timeoutSeconds) * 1000,
        timeoutSource: byEngine ? `customTimeouts ${engineTimeout}s` : `timeoutSeconds ${inputs.timeoutSeconds}`,
        pollIntervalMs: inputs.pollIntervalSeconds * 1000,
        maxPollIntervalMs: effectiveMaxPollIntervalSeconds(inputs) * 1000,
        previouslyWaitedMs,
      },
      {
        list: domainListFor(inputs.workspaceId),
        findById: (id) => findLiveDomain(id, inputs.workspaceId),
        lookup: inputs.dnsCheck ? createLookup(resolvers) : undefined,
        log: providerLog(),
        ...(context.signal ? { signal: context.signal } : {}),
      },
    );
    return {
      ...inputs,
      status: result.status,
      verifiedAt: result.verifiedAt,
      waitedSeconds: seconds(result.waitedMs),
      records: result.records,
    };
  } catch (error) {
    if (!(error instanceof VerificationError) || error.code === "DOMAIN_NOT_FOUND") throw error;
    const state: VerificationState = {
      ...inputs,
      status: error.status,
      verifiedAt: null,
      waitedSeconds: seconds(error.waitedMs),
      records: error.records,
    };
    throw new PartialFailure(error.message, inputs.domainId, state);
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
