/** Builders of the resources the policies compare, shaped as the domains program declares them. */
import type { PolicyResourceView } from "../../policy/resources";

const prefix = "urn:pulumi:prod::sendmailos-domains::sendmailos:index:VerifiedDomain$";

/** A deployed or planned `Domain` of the dynamic provider. */
export function domain(name: string, props: Record<string, unknown> = {}, extra: Partial<PolicyResourceView> = {}): PolicyResourceView {
  const values = { domain: name, domainName: name, domainId: `id-${name}`, status: "pending", ...props };
  return {
    urn: `${prefix}pulumi-nodejs:dynamic/sendmailos:Domain::${name}`,
    type: "pulumi-nodejs:dynamic/sendmailos:Domain",
    id: values.domainId as string,
    inputs: values,
    outputs: values,
    parent: `urn:pulumi:prod::sendmailos-domains::sendmailos:index:VerifiedDomain::${name}`,
    dependencies: [],
    ...extra,
  };
}

/** The `DomainVerification` of a domain built by {@link domain}. */
export function verification(name: string, props: Record<string, unknown> = {}): PolicyResourceView {
  const values = { domainId: `id-${name}`, domainName: name, timeoutSeconds: 2700, ...props };
  return {
    urn: `${prefix}pulumi-nodejs:dynamic/sendmailos:DomainVerification::${name}-verification`,
    type: "pulumi-nodejs:dynamic/sendmailos:DomainVerification",
    inputs: values,
    outputs: values,
    parent: `urn:pulumi:prod::sendmailos-domains::sendmailos:index:VerifiedDomain::${name}`,
    dependencies: [`${prefix}pulumi-nodejs:dynamic/sendmailos:Domain::${name}`],
  };
}

/** A Cloudflare record (provider v6). */
export function cloudflareRecord(resourceName: string, props: Record<string, unknown>, dependencies: string[] = []): PolicyResourceView {
  return {
    urn: `urn:pulumi:prod::p::cloudflare:index/dnsRecord:DnsRecord::${resourceName}`,
    type: "cloudflare:index/dnsRecord:DnsRecord",
    inputs: props,
    outputs: props,
    dependencies,
  };
}

/** The value Pulumi shows for something not known until apply. */
export const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
