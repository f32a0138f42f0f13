/** The DKIM records SendMailOS asks for, derived from the tokens (list responses omit `dns_records`). */
import type { DnsRecord } from "./types";
import { dkimRecordFor } from "./wire";

/**
 * The SES Easy DKIM CNAMEs for a domain: `<token>._domainkey.<domain>` → `<token>.dkim.amazonses.com`,
 * one per token, in token order. Pure.
 * @param domainName the domain, as SendMailOS returned it
 * @param dkimTokens the domain's DKIM tokens
 */
export function dnsRecordsFor(domainName: string, dkimTokens: string[]): DnsRecord[] {
  return dkimTokens.map((token) => dkimRecordFor(token, domainName));
}
