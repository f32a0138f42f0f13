/**
 * Which resources of a preview belong to SendMailOS domains, by type token, and how to read a DKIM record
 * from each DNS resource the package declares (the emulator's, Route53's, Cloudflare's). Pure.
 */
import type { ResourceView } from "./preview-json";

/** What a resource is to a review. */
export type ResourceRole = "domain" | "verification" | "record" | "component" | "other";

/** Where a domain's DKIM records live, as its record resources say. */
export type DnsHost = "route53" | "cloudflare" | "emulator";

const domainTypes = new Set(["pulumi-nodejs:dynamic/sendmailos:Domain", "sendmailos:index:Domain"]);
const verificationTypes = new Set(["pulumi-nodejs:dynamic/sendmailos:DomainVerification", "sendmailos:index:DomainVerification"]);
const componentTypes = new Set(["sendmailos:index:VerifiedDomain"]);
const recordHosts: Record<string, DnsHost> = {
  "pulumi-nodejs:dynamic/sendmailos:EmulatorDnsRecord": "emulator",
  "sendmailos:index:EmulatorDnsRecord": "emulator",
  "aws:route53/record:Record": "route53",
  "cloudflare:index/dnsRecord:DnsRecord": "cloudflare",
  "cloudflare:index/record:Record": "cloudflare",
};

/** The role of a resource type (dynamic and native provider types alike). */
export function roleOf(type: string): ResourceRole {
  if (domainTypes.has(type)) return "domain";
  if (verificationTypes.has(type)) return "verification";
  if (componentTypes.has(type)) return "component";
  if (type in recordHosts) return "record";
  return "other";
}

/** The DNS service of a record type. */
export function dnsHostOf(type: string): DnsHost | undefined {
  return recordHosts[type];
}

/** All type tokens of SendMailOS domains (dynamic and native). */
export const domainTypeTokens: readonly string[] = [...domainTypes];

/** All type tokens of verifications (dynamic and native). */
export const verificationTypeTokens: readonly string[] = [...verificationTypes];

/** A DNS record as a resource declares it; a part may be secret or not known until apply. */
export interface RecordView {
  type: unknown;
  name: unknown;
  value: unknown;
}

/** The record a DNS resource declares: its inputs (what will be), else its outputs. */
export function recordOf(resource: ResourceView): RecordView {
  const props = Object.keys(resource.inputs).length > 0 ? resource.inputs : resource.outputs;
  const value = props["value"] ?? props["content"] ?? firstOf(props["records"]);
  return { type: props["type"], name: props["name"], value };
}

function firstOf(list: unknown): unknown {
  return Array.isArray(list) ? list[0] : list;
}
