/**
 * `pulumi-sendmailos/cloudflare`: the DKIM records of a domain in Cloudflare. Its own entry because its types
 * mention `@pulumi/cloudflare`, an optional peer dependency: programs that do not publish to Cloudflare
 * compile and run without it. `@pulumi/cloudflare` is loaded when the first records are declared, not when
 * this module is imported.
 * @packageDocumentation
 */
import * as pulumi from "@pulumi/pulumi";
import type * as cloudflare from "@pulumi/cloudflare";
import { canonicalDnsName } from "../../sdk";
import { parseProgramArgs } from "../schema/program-args";
import { declareDkimRecords, type DkimSource } from "./dkim-records";
import type { CloudflareDkimArgs } from "./dns-target-args";
import { checkDnsTarget, cloudflareTargetSchema } from "./dns-target-schema";
import { loadOptionalPeer } from "./optional-peer";

export type { CloudflareDkimArgs } from "./dns-target-args";

/**
 * Declares the three DKIM CNAMEs of a domain in Cloudflare, DNS-only, named `<name>-dkim-1..3`. Usable
 * alone on any `Domain`; `VerifiedDomain` uses it for `dns: { provider: "cloudflare" }`. `proxied: true`
 * and a TTL Cloudflare refuses fail when the program runs (at preview), with the reason.
 * @throws MissingDnsProviderError when `@pulumi/cloudflare` (v6) is not installed
 */
export function cloudflareDkimRecords(
  name: string,
  domain: DkimSource,
  args: CloudflareDkimArgs,
  opts?: pulumi.CustomResourceOptions,
): cloudflare.DnsRecord[] {
  const checked = parseProgramArgs(
    `cloudflare DKIM records for ${name}`,
    cloudflareTargetSchema,
    { ...args, provider: "cloudflare" },
    {
      refine: (inputs) => checkDnsTarget(inputs, ""),
    },
  ) as CloudflareDkimArgs;
  const cloudflareModule = loadOptionalPeer<typeof cloudflare>("@pulumi/cloudflare");
  const zoneId = cloudflareZoneId(cloudflareModule, checked, opts);
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new cloudflareModule.DnsRecord(
        resourceName,
        {
          zoneId,
          name: record.apply((r) => canonicalDnsName(r.name)),
          type: "CNAME",
          content: record.apply((r) => canonicalDnsName(r.value)),
          ttl: checked.ttl!,
          proxied: false,
          comment: "DKIM record for SendMailOS (managed by pulumi-sendmailos)",
        },
        opts,
      ),
  );
}

function cloudflareZoneId(
  cloudflareModule: typeof cloudflare,
  args: CloudflareDkimArgs,
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.Input<string> {
  if (args.zoneId !== undefined) return args.zoneId;
  const invokeOpts: pulumi.InvokeOutputOptions = {};
  if (opts?.parent) invokeOpts.parent = opts.parent;
  if (opts?.provider) invokeOpts.provider = opts.provider;
  return pulumi.output(args.zoneName!).apply((zoneName) => cloudflareModule.getZoneOutput({ filter: { name: zoneName } }, invokeOpts).id);
}
