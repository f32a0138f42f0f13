import { ConflictError, NotFoundError, UnsupportedEndpointError, newIdempotencyKey, type Domain } from "../../sdk";
import { clientFor, domainListFor, requireApiKey } from "../runtime/context";
import { DeleteNotSupportedError, DomainAlreadyRegisteredError, UpdateNotSupportedError } from "../runtime/errors";
import { providerLog } from "../runtime/log";
import { checkDomainInputs, type DomainInputs } from "./domain-inputs";
import { diffDomain, liveFieldChanges } from "./domain-diff";
import type { DomainState } from "./domain-state";
import { knownOutputsFor, knownOutputsOf, type KnownOutputs } from "./known-outputs";

/**
 * How old a shared domain list may be for a refresh read. The reads of one refresh arrive together and
 * join one request; each CLI operation is a new process, so nothing older than this is ever seen.
 */
const readMaxAgeMs = 2_000;

/**
 * The real `Domain` provider. The state holds only the thin shim (`dynamic/shim.ts`), which calls these
 * methods through the stable entry `pulumi-sendmailos/dynamic/v1`.
 */
export const domainProvider = {
  /** Normalizes and validates inputs at preview time; fails early when no API key is configured. */
  async check(olds: Record<string, unknown>, news: Record<string, unknown>) {
    requireApiKey();
    const { inputs, failures } = checkDomainInputs(news);
    const known = failures.length === 0 ? await knownOutputsFor(olds as Partial<DomainInputs & KnownOutputs>, inputs) : {};
    return { inputs: { ...news, ...inputs, ...known }, failures };
  },

  /** Decides update versus replacement and warns loudly before a replacement. */
  async diff(_id: string, olds: DomainState, news: DomainInputs) {
    const diff = diffDomain(olds, news);
    if (diff.warning) await providerLog().warn(diff.warning);
    return { changes: diff.changes, replaces: diff.replaces, deleteBeforeReplace: false };
  },

  /** Registers the domain; adopts an existing registration when told to; survives a lost response. */
  async create(inputs: DomainInputs) {
    const client = clientFor(inputs.workspaceId);
    const request = {
      domain: inputs.domain,
      ...(inputs.externalId !== undefined ? { externalId: inputs.externalId } : {}),
      ...(inputs.metadata !== undefined ? { metadata: inputs.metadata } : {}),
    };
    try {
      const { domain, recovered } = await client.createDomain(request, { idempotencyKey: newIdempotencyKey() });
      if (recovered) {
        providerLog().info(`${domain.domainName}: the response to the create was lost; found the domain it made (${domain.id}) and kept it`);
      }
      domainListFor(inputs.workspaceId).invalidate();
      return { id: domain.id, outs: toState(inputs, domain, false) };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (!inputs.adoptExisting) throw new DomainAlreadyRegisteredError(inputs.domain, inputs.workspaceId);
      return adopt(inputs);
    }
  },

  /** Reads live state through the shared list; a domain deleted outside Pulumi leaves state. */
  async read(id: string, props: DomainState) {
    const live = await domainListFor(props.workspaceId).find(id, readMaxAgeMs);
    if (!live) {
      providerLog().warn(
        `${props.domainName ?? props.domain} (${id}) no longer exists in SendMailOS; it was removed from state and the next \`pulumi up\` registers it again`,
      );
      return {};
    }
    const state = toState(props, live, props.adopted ?? false);
    const inputs: DomainInputs & KnownOutputs = {
      ...knownOutputsOf(live),
      domain: props.domain ?? live.domainName,
      adoptExisting: props.adoptExisting ?? false,
      deletionPolicy: props.deletionPolicy ?? "delete",
      metadata: live.metadata,
      ...(live.externalId !== null ? { externalId: live.externalId } : {}),
      ...(props.workspaceId !== undefined ? { workspaceId: props.workspaceId } : {}),
    };
    return { id, props: state, inputs };
  },

  /** Applies externalId/metadata in place; never replaces silently. */
  async update(id: string, olds: DomainState, news: DomainInputs) {
    const changed = liveFieldChanges(olds, news);
    if (changed.length === 0) return { outs: { ...olds, ...news, externalId: olds.externalId, metadata: olds.metadata } };
    const client = clientFor(news.workspaceId);
    try {
      const updated = await client.updateDomain(id, { externalId: news.externalId ?? null, metadata: news.metadata ?? {} });
      domainListFor(news.workspaceId).invalidate();
      return { outs: toState(news, updated, olds.adopted ?? false) };
    } catch (error) {
      if (error instanceof UnsupportedEndpointError) {
        throw new UpdateNotSupportedError(olds.domainName, changed, error.message);
      }
      throw error;
    }
  },

  /** Deletes the registration, or leaves it in SendMailOS with `deletionPolicy: "retain"`. */
  async delete(id: string, props: DomainState) {
    const name = props.domainName ?? props.domain;
    if (props.deletionPolicy === "retain") {
      providerLog().info(`${name} (${id}) retained in SendMailOS (deletionPolicy "retain"); this stack no longer manages it`);
      return;
    }
    try {
      await clientFor(props.workspaceId).deleteDomain(id);
    } catch (error) {
      if (error instanceof NotFoundError) return;
      if (error instanceof UnsupportedEndpointError) throw new DeleteNotSupportedError(name, error.message);
      throw error;
    }
    domainListFor(props.workspaceId).invalidate();
  },
};

/** Takes over a registration that already exists, bringing externalId/metadata in line with the program. */
async function adopt(inputs: DomainInputs) {
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
      providerLog().warn(`${inputs.domain}: adopted, but ${changed.join(" and ")} could not be updated (${error.message}); the live values are kept`);
    }
  }
  providerLog().info(`${inputs.domain}: adopted the existing SendMailOS registration ${domain.id} (status ${domain.status})`);
  domainListFor(inputs.workspaceId).invalidate();
  return { id: domain.id, outs: toState(inputs, domain, true) };
}

/** State = the checked inputs that are ours to keep + what SendMailOS reports. */
function toState(inputs: Pick<DomainInputs, "domain" | "workspaceId" | "adoptExisting" | "deletionPolicy">, domain: Domain, adopted: boolean): DomainState {
  return {
    domain: inputs.domain,
    ...(inputs.workspaceId !== undefined ? { workspaceId: inputs.workspaceId } : {}),
    adoptExisting: inputs.adoptExisting ?? false,
    deletionPolicy: inputs.deletionPolicy ?? "delete",
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
