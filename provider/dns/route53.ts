/**
 * `pulumi-sendmailos/route53`: the DKIM records of a domain in Route53. Its own entry because its types
 * mention `@pulumi/aws`, an optional peer dependency: programs that do not publish to Route53 compile and run
 * without it. `@pulumi/aws` is loaded when the first records are declared, not when this module is imported.
 * @packageDocumentation
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { canonicalDnsName } from "../../sdk";
import { parseProgramArgs } from "../schema/program-args";
import { declareDkimRecords, type DkimSource } from "./dkim-records";
import type { Route53DkimArgs } from "./dns-target-args";
import { checkDnsTarget, route53TargetSchema } from "./dns-target-schema";
import { loadOptionalPeer } from "./optional-peer";

export type { Route53DkimArgs } from "./dns-target-args";

/**
 * Declares the three DKIM CNAMEs of a domain in Route53, named `<name>-dkim-1..3`. Usable alone on any
 * `Domain`; `VerifiedDomain` uses it for `dns: { provider: "route53" }`. The arguments are checked against
 * the DNS target schema when the program runs (at preview): a TTL Route53 refuses fails there.
 * @throws MissingDnsProviderError when `@pulumi/aws` is not installed
 */
export function route53DkimRecords(
  name: string,
  domain: DkimSource,
  args: Route53DkimArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.route53.Record[] {
  const checked = parseProgramArgs(
    `route53 DKIM records for ${name}`,
    route53TargetSchema,
    { ...args, provider: "route53" },
    {
      refine: (inputs) => checkDnsTarget(inputs, ""),
    },
  ) as Route53DkimArgs;
  const awsModule = loadOptionalPeer<typeof aws>("@pulumi/aws");
  const zoneId = route53ZoneId(awsModule, checked, opts);
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new awsModule.route53.Record(
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

function route53ZoneId(awsModule: typeof aws, args: Route53DkimArgs, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  if (args.zoneId !== undefined) return args.zoneId;
  const invokeOpts: pulumi.InvokeOutputOptions = {};
  if (opts?.parent) invokeOpts.parent = opts.parent;
  if (opts?.provider) invokeOpts.provider = opts.provider;
  return awsModule.route53.getZoneOutput({ name: args.zoneName!, privateZone: false }, invokeOpts).zoneId;
}
