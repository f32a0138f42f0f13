/**
 * Renaming between the wire (snake_case) and the client's types (camelCase): one pure function per
 * direction and payload, so the rules live in one tested place.
 */
import { dnsRecordsFor } from "./dns-records";
import type { CreateDomainInput, Domain, UpdateDomainInput } from "./types";
import type { CreateDomainRequest, UpdateDomainRequest, WireDomain } from "./wire";

/**
 * A wire domain as a {@link Domain}: absent `external_id`/`verified_at` become `null`, absent `metadata`
 * `{}`, and absent `dns_records` (list responses) are derived from `dkim_tokens`. Pure; copies arrays and maps.
 */
export function toDomain(wire: WireDomain): Domain {
  return {
    id: wire.id,
    domainName: wire.domain_name,
    status: wire.status,
    externalId: wire.external_id ?? null,
    metadata: { ...(wire.metadata ?? {}) },
    dkimTokens: [...wire.dkim_tokens],
    dnsRecords: (wire.dns_records ?? dnsRecordsFor(wire.domain_name, wire.dkim_tokens)).map((r) => ({
      type: r.type,
      name: r.name,
      value: r.value,
    })),
    createdAt: wire.created_at,
    verifiedAt: wire.verified_at ?? null,
  };
}

/** The caller's name of each wire field of a request body, so a refusal names the field the caller wrote. */
export const inputFieldNames: Readonly<Record<string, string>> = Object.freeze({
  domain: "domain",
  external_id: "externalId",
  metadata: "metadata",
});

/** A {@link CreateDomainInput} as the documented POST body (`domain`, `external_id`, `metadata`). Pure. */
export function toCreateDomainRequest(input: CreateDomainInput): CreateDomainRequest {
  const body: CreateDomainRequest = { domain: input.domain };
  if (input.externalId !== undefined) body.external_id = input.externalId;
  if (input.metadata !== undefined) body.metadata = { ...input.metadata };
  return body;
}

/** An {@link UpdateDomainInput} as the (assumed) PATCH body; omitted fields are not sent. Pure. */
export function toUpdateDomainRequest(input: UpdateDomainInput): UpdateDomainRequest {
  const body: UpdateDomainRequest = {};
  if (input.externalId !== undefined) body.external_id = input.externalId;
  if (input.metadata !== undefined) body.metadata = { ...input.metadata };
  return body;
}
