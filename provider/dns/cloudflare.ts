import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "@pulumi/cloudflare";
import { canonicalDnsName } from "../../sdk";
import { parseProgramArgs } from "../schema/program-args";
import { declareDkimRecords, type DkimSource } from "./dkim-records";
import type { CloudflareDkimArgs } from "./dns-target-args";
import { checkDnsTarget, cloudflareTargetSchema } from "./dns-target-schema";

export type { CloudflareDkimArgs } from "./dns-target-args";

/**
 * Declares the three DKIM CNAMEs of a domain in Cloudflare, DNS-only, named `<name>-dkim-1..3`. Usable
 * alone on any `Domain`; `VerifiedDomain` uses it for `dns: { provider: "cloudflare" }`. `proxied: true`
 * and a TTL Cloudflare refuses fail when the program runs (at preview), with the reason.
 */
export function cloudflareDkimRecords(name: string, domain: DkimSource, args: CloudflareDkimArgs, opts?: pulumi.CustomResourceOptions): cloudflare.DnsRecord[] {
  const checked = parseProgramArgs(`cloudflare DKIM records for ${name}`, cloudflareTargetSchema, { ...args, provider: "cloudflare" }, {
    refine: (inputs) => checkDnsTarget(inputs, ""),
  }) as CloudflareDkimArgs;
  const zoneId = cloudflareZoneId(checked, opts);
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new cloudflare.DnsRecord(
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

function cloudflareZoneId(args: CloudflareDkimArgs, opts: pulumi.CustomResourceOptions | undefined): pulumi.Input<string> {
  if (args.zoneId !== undefined) return args.zoneId;
  const invokeOpts: pulumi.InvokeOutputOptions = {};
  if (opts?.parent) invokeOpts.parent = opts.parent;
  if (opts?.provider) invokeOpts.provider = opts.provider;
  return pulumi.output(args.zoneName!).apply((zoneName) => cloudflare.getZoneOutput({ filter: { name: zoneName } }, invokeOpts).id);
}
