/**
 * Wire views of a stored domain. The key order of each object literal is the order of the documented
 * examples (`domains-api.txt`), because JSON.stringify keeps insertion order and a client or a diff
 * reader may compare the emulator's bytes with the documentation.
 */
import { dkimRecordFor, type WireDnsRecord, type WireDomain } from "../sdk/wire";
import type { StoredDomain } from "./domain-store";

/** The three CNAMEs a domain asks for, in token order. */
export function dnsRecordsOf(domain: StoredDomain): WireDnsRecord[] {
  return domain.dkimTokens.map((token) => dkimRecordFor(token, domain.domainName));
}

/** The fields every domain view starts with, in the seed's order. */
function commonView(domain: StoredDomain) {
  return {
    id: domain.id,
    domain_name: domain.domainName,
    status: domain.status,
    external_id: domain.externalId,
    metadata: { ...domain.metadata },
    dkim_tokens: [...domain.dkimTokens],
    created_at: domain.createdAt,
  };
}

/** The domain of a 201 from POST /api/v1/domains: documented with `dns_records`, without `verified_at`. */
export function createdDomainView(domain: StoredDomain) {
  return { ...commonView(domain), dns_records: dnsRecordsOf(domain) } satisfies WireDomain;
}

/** An item of GET /api/v1/domains: documented with `verified_at`, without `dns_records`. */
export function listedDomainView(domain: StoredDomain) {
  return { ...commonView(domain), verified_at: domain.verifiedAt } satisfies WireDomain;
}

/** The domain of GET/PATCH /api/v1/domains/{id} (assumed endpoints): the list item plus `dns_records`. */
export function detailedDomainView(domain: StoredDomain) {
  return { ...listedDomainView(domain), dns_records: dnsRecordsOf(domain) } satisfies WireDomain;
}
