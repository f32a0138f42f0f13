import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { canonicalDnsName } from "../../sdk";
import { parseProgramArgs } from "../schema/program-args";
import { declareDkimRecords, type DkimSource } from "./dkim-records";
import type { Route53DkimArgs } from "./dns-target-args";
import { checkDnsTarget, route53TargetSchema } from "./dns-target-schema";

export type { Route53DkimArgs } from "./dns-target-args";

/**
 * Declares the three DKIM CNAMEs of a domain in Route53, named `<name>-dkim-1..3`. Usable alone on any
 * `Domain`; `VerifiedDomain` uses it for `dns: { provider: "route53" }`. The arguments are checked against
 * the DNS target schema when the program runs (at preview): a TTL Route53 refuses fails there.
 */
export function route53DkimRecords(name: string, domain: DkimSource, args: Route53DkimArgs, opts?: pulumi.CustomResourceOptions): aws.route53.Record[] {
  const checked = parseProgramArgs(`route53 DKIM records for ${name}`, route53TargetSchema, { ...args, provider: "route53" }, {
    refine: (inputs) => checkDnsTarget(inputs, ""),
  }) as Route53DkimArgs;
  const zoneId = route53ZoneId(checked, opts);
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new aws.route53.Record(
        resourceName,
        {
          zoneId,
          name: record.apply((r) => canonicalDnsName(r.name)),
          type: "CNAME",
          ttl: checked.ttl!,
          records: [record.apply((r) => canonicalDnsName(r.value))],
          allowOverwrite: checked.allowOverwrite!,
        },
        opts,
      ),
  );
}

function route53ZoneId(args: Route53DkimArgs, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  if (args.zoneId !== undefined) return args.zoneId;
  const invokeOpts: pulumi.InvokeOutputOptions = {};
  if (opts?.parent) invokeOpts.parent = opts.parent;
  if (opts?.provider) invokeOpts.provider = opts.provider;
  return aws.route53.getZoneOutput({ name: args.zoneName!, privateZone: false }, invokeOpts).zoneId;
}
