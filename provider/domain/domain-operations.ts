import { ConflictError, NotFoundError, UnsupportedEndpointError, newIdempotencyKey, type Domain } from "../../sdk";
import { checkInputs } from "../schema/check-inputs";
import { apiKeyFailure, clientFor, domainListFor } from "../runtime/context";
import { findLiveDomain } from "../runtime/live-domain";
import { DeleteNotSupportedError, DomainAlreadyRegisteredError, UpdateNotSupportedError } from "../runtime/errors";
import { providerLog } from "../runtime/log";
import type { ResourceOperations } from "../runtime/operations";
import { diffDomain, liveFieldChanges } from "./domain-diff";
import { domainInputsSchema, type DomainInputs } from "./domain-schema";
import type { DomainState } from "./domain-state";

/** The `Domain` resource: one SendMailOS registration. Served by both the dynamic and the native provider. */
export const domainOperations: ResourceOperations<DomainInputs, DomainState> = {
  token: "sendmailos:index:Domain",

  /** Normalizes and validates inputs at preview time; fails early when no API key is configured. */
  async check(_olds, news) {
    const missingKey = apiKeyFailure();
    if (missingKey) return { inputs: news, failures: [missingKey] };
    return checkInputs(domainInputsSchema, news);
  },

  /** Update versus replacement, property by property; a replacement carries the loud warning. */
  async diff(_id, olds, news) {
    return diffDomain(olds, news);
  },

  /** Registers the domain; adopts an existing registration when told to; survives a lost response. */
  async create(inputs) {
    const client = clientFor(inputs.workspaceId);
    const request = {
      domain: inputs.domain,
      ...(inputs.externalId !== undefined ? { externalId: inputs.externalId } : {}),
      ...(inputs.metadata !== undefined ? { metadata: inputs.metadata } : {}),
    };
    try {
      const { domain, recovered } = await client.createDomain(request, { idempotencyKey: newIdempotencyKey() });
      if (recovered) {
        providerLog().info(
          `${domain.domainName}: the response to the create was lost; found the domain it made (${domain.id}) and kept it`,
        );
      }
      domainListFor(inputs.workspaceId).invalidate();
      return { id: domain.id, state: toState(inputs, domain, false) };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (!inputs.adoptExisting) {
        const existing = await client.findDomainByName(inputs.domain).catch(() => undefined);
        throw new DomainAlreadyRegisteredError(inputs.domain, inputs.workspaceId, existing?.id);
      }
      return adopt(inputs);
    }
  },

  /**
   * Reads the live domain. A domain missing from the shared list is confirmed gone by id before it leaves
   * state: a list (paged, or stale) alone never makes a domain look deleted. With empty state (an import),
   * the inputs are taken from what SendMailOS has.
   */
  async read(id, state) {
    const live = await findLiveDomain(id, state.workspaceId);
    if (!live) {
      providerLog().warn(
        `${state.domainName ?? state.domain ?? id} (${id}) no longer exists in SendMailOS; it was removed from state and the next \`pulumi up\` registers it again`,
      );
      return undefined;
    }
    const inputs: DomainInputs = {
      domain: state.domain ?? live.domainName,
      adoptExisting: state.adoptExisting ?? false,
      deletionPolicy: state.deletionPolicy ?? "delete",
      ...(live.externalId !== null ? { externalId: live.externalId } : {}),
      ...(Object.keys(live.metadata).length > 0 || state.metadata !== undefined ? { metadata: live.metadata } : {}),
      ...(state.workspaceId !== undefined ? { workspaceId: state.workspaceId } : {}),
    };
    return { id, state: toState(inputs, live, state.adopted ?? false), inputs };
  },

  /** Applies externalId/metadata in place; never replaces silently. */
  async update(id, olds, news) {
    const changed = liveFieldChanges(olds, news);
    if (changed.length === 0) return { ...olds, ...keptInputs(news) };
    const client = clientFor(news.workspaceId);
    try {
      const updated = await client.updateDomain(id, { externalId: news.externalId ?? null, metadata: news.metadata ?? {} });
      domainListFor(news.workspaceId).invalidate();
      return toState(news, updated, olds.adopted ?? false);
    } catch (error) {
      if (error instanceof UnsupportedEndpointError) throw new UpdateNotSupportedError(olds.domainName, changed, error.message);
      throw error;
    }
  },

  /** Deletes the registration, or leaves it in SendMailOS with `deletionPolicy: "retain"`. */
  async delete(id, state) {
    const name = state.domainName ?? state.domain;
    if (state.deletionPolicy === "retain") {
      providerLog().info(`${name} (${id}) retained in SendMailOS (deletionPolicy "retain"); this stack no longer manages it`);
      return;
    }
    try {
      await clientFor(state.workspaceId).deleteDomain(id);
    } catch (error) {
      if (error instanceof NotFoundError) return;
      if (error instanceof UnsupportedEndpointError) throw new DeleteNotSupportedError(name, error.message);
      throw error;
    }
    domainListFor(state.workspaceId).invalidate();
  },

  /** An update keeps the registration: same id, name, tokens and records; externalId and metadata as asked. */
  previewUpdate(_id, olds, news) {
    return { ...olds, ...keptInputs(news), externalId: news.externalId ?? null, metadata: news.metadata ?? {} };
  },
};

/** Takes over a registration that already exists, bringing externalId/metadata in line with the program. */
async function adopt(inputs: DomainInputs): Promise<{ id: string; state: DomainState }> {
  const client = clientFor(inputs.workspaceId);
  const existing = await client.findDomainByName(inputs.domain);
  if (!existing) {
    throw new Error(
      `SendMailOS answered that ${inputs.domain} already exists, but it is not in the domain list of this workspace; ` +
        "check sendmailos:workspaceId / the Domain's workspaceId and try again.",
    );
  }
  let domain = existing;
  const changed = liveFieldChanges(existing, inputs);
  if (changed.length > 0) {
    try {
      domain = await client.updateDomain(existing.id, { externalId: inputs.externalId ?? null, metadata: inputs.metadata ?? {} });
    } catch (error) {
      if (!(error instanceof UnsupportedEndpointError)) throw error;
      providerLog().warn(
        `${inputs.domain}: adopted, but ${changed.join(" and ")} could not be updated (${error.message}); the live values are kept`,
      );
    }
  }
  providerLog().info(`${inputs.domain}: adopted the existing SendMailOS registration ${domain.id} (status ${domain.status})`);
  domainListFor(inputs.workspaceId).invalidate();
  return { id: domain.id, state: toState(inputs, domain, true) };
}

/** The checked inputs that state keeps as they are (the rest of state is what SendMailOS reports). */
function keptInputs(inputs: DomainInputs): Pick<DomainState, "domain" | "workspaceId" | "adoptExisting" | "deletionPolicy"> {
  return {
    domain: inputs.domain,
    ...(inputs.workspaceId !== undefined ? { workspaceId: inputs.workspaceId } : {}),
    adoptExisting: inputs.adoptExisting,
    deletionPolicy: inputs.deletionPolicy,
  };
}

/** State = the checked inputs that are ours to keep + what SendMailOS reports. */
function toState(inputs: DomainInputs, domain: Domain, adopted: boolean): DomainState {
  return {
    ...keptInputs(inputs),
    domainId: domain.id,
    domainName: domain.domainName,
    status: domain.status,
    externalId: domain.externalId,
    metadata: domain.metadata,
    dkimTokens: domain.dkimTokens,
    dnsRecords: domain.dnsRecords,
    createdAt: domain.createdAt,
    verifiedAt: domain.verifiedAt,
    adopted,
  };
}
