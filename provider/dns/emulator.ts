import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../dynamic/shim";
import { canonicalDnsName } from "../../sdk";
import { declareDkimRecords, type DkimSource } from "./dkim-records";
import type { EmulatorDkimArgs } from "./dns-target-args";
import type { EmulatorDnsRecordArgs } from "./emulator-record-args";

export type { EmulatorDnsRecordArgs } from "./emulator-record-args";

/** One record in the local SendMailOS emulator's DNS zone (development and tests, no account needed). */
export class EmulatorDnsRecord extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the record.
   * @param opts - resource options.
   */
  constructor(name: string, args: EmulatorDnsRecordArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerShim("emulatorDnsRecord"), name, { ...args }, opts, "sendmailos", "EmulatorDnsRecord");
  }
}

/** A class of emulator DNS records: the dynamic provider's {@link EmulatorDnsRecord}, or the native plugin's. */
export type EmulatorRecordClass = new (
  name: string,
  args: EmulatorDnsRecordArgs,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** Declares the three DKIM CNAMEs of a domain in the emulator's DNS zone, named `<name>-dkim-1..3`. */
export function emulatorDkimRecords(
  name: string,
  domain: DkimSource,
  args: EmulatorDkimArgs = {},
  opts?: pulumi.CustomResourceOptions,
  recordClass: EmulatorRecordClass = EmulatorDnsRecord,
): pulumi.CustomResource[] {
  return declareDkimRecords(
    name,
    domain,
    (resourceName, record) =>
      new recordClass(
        resourceName,
        {
          name: record.apply((r) => canonicalDnsName(r.name)),
          type: "CNAME",
          value: record.apply((r) => canonicalDnsName(r.value)),
          ...(args.ttl !== undefined ? { ttl: args.ttl } : {}),
        },
        opts,
      ),
  );
}
