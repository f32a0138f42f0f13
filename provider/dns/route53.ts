import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { canonicalName, declareDkimRecords, type DkimSource } from "./dkim-records";

/** Where and how to write DKIM records into Route53. */
export interface Route53DkimArgs {
  /** The hosted zone id. Give this or `zoneName`. */
  zoneId?: pulumi.Input<string>;
  /** The hosted zone's name (e.g. `"acme.com"`), looked up when `zoneId` is not given. Public zones only. */
  zoneName?: pulumi.Input<string>;
  /** @default 1800 (what SES suggests for DKIM records) */
  ttl?: pulumi.Input<number>;
  /**
   * Overwrite a record that already exists with the same name (one made by hand), instead of failing.
   * @default false
   */
  allowOverwrite?: pulumi.Input<boolean>;
}

/** Default TTL of Route53 DKIM records. */
export const route53DefaultTtl = 1800;

/**
 * Declares the three DKIM CNAMEs of a domain in Route53, named `<name>-dkim-1..3`. Usable alone on any
 * `Domain`; `VerifiedDomain` uses it for `dns: { provider: "route53" }`.
 */
export function route53DkimRecords(name: string, domain: DkimSource, args: Route53DkimArgs, opts?: pulumi.CustomResourceOptions): aws.route53.Record[] {
  const zoneId = route53ZoneId(args, opts);
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new aws.route53.Record(
        resourceName,
        {
          zoneId,
          name: record.apply((r) => canonicalName(r.name)),
          type: "CNAME",
          ttl: args.ttl ?? route53DefaultTtl,
          records: [record.apply((r) => canonicalName(r.value))],
          allowOverwrite: args.allowOverwrite ?? false,
        },
        opts,
      ),
  );
}

function route53ZoneId(args: Route53DkimArgs, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  if (args.zoneId !== undefined) return args.zoneId;
  if (args.zoneName === undefined) {
    throw new Error("route53: give zoneId (the hosted zone id) or zoneName (e.g. \"acme.com\") to say where the DKIM records go");
  }
  const invokeOpts: pulumi.InvokeOutputOptions = {};
  if (opts?.parent) invokeOpts.parent = opts.parent;
  if (opts?.provider) invokeOpts.provider = opts.provider;
  return aws.route53.getZoneOutput({ name: args.zoneName, privateZone: false }, invokeOpts).zoneId;
}
