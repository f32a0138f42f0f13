import * as pulumi from "@pulumi/pulumi";
import { VerifiedDomain } from "pulumi-sendmailos";

/** What the program needs; `index.ts` reads it from the stack configuration. */
export interface ExampleConfig {
  /** A Cloudflare zone, e.g. "acme.com". Its apex becomes a sending domain. */
  zone: string;
  /** That zone's id (dashboard, the zone's Overview page, "Zone ID"). */
  zoneId: string;
  /** More zones of the account to send from, by name, e.g. ["globex.com"]. */
  otherZones?: string[];
}

/** Per sending domain: its SendMailOS id, its status and when it was verified. */
export type DomainSummary = Record<
  string,
  { domainId: pulumi.Output<string>; status: pulumi.Output<string>; verifiedAt: pulumi.Output<string | null> }
>;

/** Declares the example's resources and returns a summary per domain. */
export function declareExample(config: ExampleConfig): DomainSummary {
  const { zone, zoneId, otherZones = [] } = config;
  const summary: DomainSummary = {};

  // Register the domain, publish its three DKIM CNAMEs (DNS-only, automatic TTL) in the zone given by
  // id, and wait until SendMailOS reports it verified.
  const main = new VerifiedDomain(zone, { domain: zone, dns: { provider: "cloudflare", zoneId } });
  summary[zone] = { domainId: main.domainId, status: main.status, verifiedAt: main.verifiedAt };

  // The same for other zones, each looked up by name.
  for (const domain of otherZones) {
    const other = new VerifiedDomain(domain, { domain, dns: { provider: "cloudflare", zoneName: domain } });
    summary[domain] = { domainId: other.domainId, status: other.status, verifiedAt: other.verifiedAt };
  }

  return summary;
}
