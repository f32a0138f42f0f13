/** The DKIM records SendMailOS asks for, derived from the tokens (list responses omit `dns_records`). */
import type { DnsRecord } from "./types";
import { dkimRecordFor } from "./wire";

/**
 * A DNS name as DNS compares it: lower case, surrounding spaces and one trailing dot (which only marks the
 * name absolute, RFC 1034 §3.1) removed, so `Mail.Example.COM.` and `mail.example.com` are one key.
 * The one definition used by the client, the emulator and the Pulumi resources.
 */
export function canonicalDnsName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/**
 * The SES Easy DKIM CNAMEs for a domain: `<token>._domainkey.<domain>` → `<token>.dkim.amazonses.com`,
 * one per token, in token order. Pure.
 * @param domainName the domain, as SendMailOS returned it
 * @param dkimTokens the domain's DKIM tokens
 */
export function dnsRecordsFor(domainName: string, dkimTokens: string[]): DnsRecord[] {
  return dkimTokens.map((token) => dkimRecordFor(token, domainName));
}
