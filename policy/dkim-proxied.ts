/**
 * DKIM records in Cloudflare must be DNS-only: a proxied CNAME is answered with Cloudflare's own addresses
 * (CNAME flattening), so SES never sees the DKIM CNAME and the domain never verifies, or stops verifying.
 * The package's `cloudflareDkimRecords` never proxies; this catches records declared by hand. A record is a
 * DKIM record when its name has a `_domainkey` label, its content points at `dkim.amazonses.com`, or it takes
 * its values from a SendMailOS domain (in a preview, a new domain's record names are not known yet). Pure.
 */
import { isUnknown } from "../provider/runtime/unknown";
import { domainsOf, type PolicyResourceView } from "./resources";

/** Cloudflare's record types: provider v6 `DnsRecord` and v5 `Record`. */
export const cloudflareRecordTypes: readonly string[] = ["cloudflare:index/dnsRecord:DnsRecord", "cloudflare:index/record:Record"];

/** One proxied DKIM record. */
export interface ProxiedDkimRecord {
  urn: string;
  message: string;
}

/** The proxied DKIM records among `resources`. */
export function proxiedDkimRecords(resources: readonly PolicyResourceView[]): ProxiedDkimRecord[] {
  const domainUrns = new Set(domainsOf(resources).map((d) => d.urn));
  return resources
    .filter((r) => cloudflareRecordTypes.includes(r.type) && r.outputs["proxied"] === true)
    .filter((r) => isDkimRecord(r, domainUrns))
    .map((r) => ({ urn: r.urn, message: message(r) }));
}

function isDkimRecord(r: PolicyResourceView, domainUrns: ReadonlySet<string>): boolean {
  const name = r.outputs["name"];
  const content = r.outputs["content"] ?? r.outputs["value"];
  if (typeof name === "string" && !isUnknown(name) && /(^|\.)_domainkey(\.|$)/i.test(name)) return true;
  if (typeof content === "string" && !isUnknown(content) && /\.dkim\.amazonses\.com\.?$/i.test(content)) return true;
  return r.dependencies.some((u) => domainUrns.has(u));
}

function message(r: PolicyResourceView): string {
  const name = r.outputs["name"];
  const shown = typeof name === "string" && !isUnknown(name) ? name : `of ${r.urn.split("::").pop()}`;
  return (
    `the DKIM record ${shown} is proxied through Cloudflare: a proxied CNAME is flattened into Cloudflare's addresses, ` +
    "so SES never sees the DKIM CNAME and the domain never verifies (or stops verifying). Set proxied: false " +
    "(cloudflareDkimRecords and VerifiedDomain with dns.provider cloudflare always do)."
  );
}
