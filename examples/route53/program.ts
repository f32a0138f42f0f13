import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Domain, DomainVerification, VerifiedDomain } from "pulumi-sendmailos";
import { route53DkimRecords } from "pulumi-sendmailos/route53";

/** What the program needs; `index.ts` reads it from the stack configuration. */
export interface ExampleConfig {
  /** A public Route53 hosted zone, e.g. "acme.com". Its apex becomes a sending domain. */
  zone: string;
  /** Subdomains of the zone to send from as well, e.g. ["news"] for news.acme.com. */
  subdomains?: string[];
}

/** Per sending domain: its SendMailOS id, its status and when it was verified. */
export type DomainSummary = Record<
  string,
  { domainId: pulumi.Output<string>; status: pulumi.Output<string>; verifiedAt: pulumi.Output<string | null> }
>;

/** Declares the example's resources and returns a summary per domain. */
export function declareExample(config: ExampleConfig): DomainSummary {
  const { zone, subdomains = [] } = config;
  const summary: DomainSummary = {};

  // 1. The apex: register it, publish its three DKIM CNAMEs (zone looked up by name), wait until verified.
  const apex = new VerifiedDomain(zone, { domain: zone, dns: { provider: "route53", zoneName: zone } });
  summary[zone] = { domainId: apex.domainId, status: apex.status, verifiedAt: apex.verifiedAt };

  // 2. Subdomains in the same zone, by zone id (one lookup shared by all of them). allowOverwrite takes
  //    over DKIM CNAMEs that someone already created by hand; a shorter TTL makes mistakes cheaper.
  const zoneId = aws.route53.getZoneOutput({ name: zone, privateZone: false }).zoneId;
  for (const label of subdomains) {
    const domain = `${label}.${zone}`;
    const sub = new VerifiedDomain(domain, { domain, dns: { provider: "route53", zoneId, ttl: 300, allowOverwrite: true } });
    summary[domain] = { domainId: sub.domainId, status: sub.status, verifiedAt: sub.verifiedAt };
  }

  // 3. The same chain piece by piece, with the records written through an explicit AWS provider
  //    (e.g. the account that owns DNS: add `profile` or `assumeRoles`).
  const dnsAccount = new aws.Provider("dns-account", { region: "us-east-1" });
  const notify = new Domain("notify", { domain: `notify.${zone}`, metadata: { team: "notifications" } });
  const records = route53DkimRecords("notify", notify, { zoneName: zone }, { provider: dnsAccount });
  const verification = new DomainVerification(
    "notify-verification",
    { domainId: notify.domainId, domainName: notify.domainName, timeoutSeconds: 1800 },
    { dependsOn: records },
  );
  summary[`notify.${zone}`] = { domainId: notify.domainId, status: verification.status, verifiedAt: verification.verifiedAt };

  return summary;
}
