import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "@pulumi/cloudflare";
import { canonicalName, declareDkimRecords, type DkimSource } from "./dkim-records";

/** Where and how to write DKIM records into Cloudflare (provider v6, `cloudflare.DnsRecord`). */
export interface CloudflareDkimArgs {
  /** The zone id. Give this or `zoneName`. */
  zoneId?: pulumi.Input<string>;
  /** The zone's name (e.g. `"acme.com"`), looked up when `zoneId` is not given. */
  zoneName?: pulumi.Input<string>;
  /** 1 means automatic; otherwise 60 to 86400. @default 1 */
  ttl?: pulumi.Input<number>;
  /**
   * Must stay false: a proxied CNAME is flattened into A records and DKIM never verifies. Accepted only
   * so that setting it to true fails with that explanation.
   * @default false
   */
  proxied?: false;
}

/** Cloudflare's "automatic" TTL. */
export const cloudflareAutomaticTtl = 1;

/**
 * Declares the three DKIM CNAMEs of a domain in Cloudflare, DNS-only, named `<name>-dkim-1..3`. Usable
 * alone on any `Domain`; `VerifiedDomain` uses it for `dns: { provider: "cloudflare" }`.
 */
export function cloudflareDkimRecords(name: string, domain: DkimSource, args: CloudflareDkimArgs, opts?: pulumi.CustomResourceOptions): cloudflare.DnsRecord[] {
  if ((args as { proxied?: unknown }).proxied === true) {
    throw new Error(
      `cloudflare DKIM records for ${name}: proxied must be false. A proxied CNAME is flattened into A records and SendMailOS/SES can never see the DKIM CNAME, so the domain would never verify.`,
    );
  }
  const zoneId = cloudflareZoneId(args, opts);
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new cloudflare.DnsRecord(
        resourceName,
        {
          zoneId,
          name: record.apply((r) => canonicalName(r.name)),
          type: "CNAME",
          content: record.apply((r) => canonicalName(r.value)),
          ttl: args.ttl ?? cloudflareAutomaticTtl,
          proxied: false,
          comment: "DKIM record for SendMailOS (managed by pulumi-sendmailos)",
        },
        opts,
      ),
  );
}

function cloudflareZoneId(args: CloudflareDkimArgs, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  if (args.zoneId !== undefined) return args.zoneId;
  if (args.zoneName === undefined) {
    throw new Error("cloudflare: give zoneId or zoneName (e.g. \"acme.com\") to say where the DKIM records go");
  }
  const invokeOpts: pulumi.InvokeOutputOptions = {};
  if (opts?.parent) invokeOpts.parent = opts.parent;
  if (opts?.provider) invokeOpts.provider = opts.provider;
  return pulumi.output(args.zoneName).apply((zoneName) => cloudflare.getZoneOutput({ filter: { name: zoneName } }, invokeOpts).id);
}
