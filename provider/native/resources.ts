/**
 * The resources of the native provider for TypeScript and JavaScript programs (`pulumi-sendmailos/native`).
 * They take the same `Args` as the dynamic resources (generated from the same schemas) and expose the same
 * outputs; only the type token differs (`sendmailos:index:Domain` instead of the dynamic provider's), so
 * the plugin `pulumi-resource-sendmailos` serves them: import, Ctrl-C, customTimeouts and exact diffs.
 *
 * Why hand-written classes rather than a generated Node.js SDK: these few lines reuse the generated `Args`
 * and the same component logic (`VerifiedDomain`), whereas a generated SDK would be a second package with a
 * second copy of every type to keep in step. YAML, Go and Python users get generated SDKs (`sdks/`).
 */
import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord, DomainStatus } from "../../sdk";
import type { DomainArgs } from "../domain/domain-args";
import type { EmulatorDnsRecordArgs } from "../dns/emulator-record-args";
import type { RecordCheck } from "../verification/dns-diagnosis";
import type { DomainVerificationArgs } from "../verification/domain-verification-args";
import { packageName } from "./package-schema";

/** A SendMailOS sending domain, served by the native provider plugin. */
export class Domain extends pulumi.CustomResource {
  /** The type token. */
  static readonly __pulumiType = `${packageName}:index:Domain`;
  /** SendMailOS id of the domain (also the resource id). */
  declare readonly domainId: pulumi.Output<string>;
  /** The registered name (normalized). */
  declare readonly domainName: pulumi.Output<string>;
  /** `pending`, `verified` or `failed`, as of the last create, update or refresh. */
  declare readonly status: pulumi.Output<DomainStatus>;
  /** The live external id. */
  declare readonly externalId: pulumi.Output<string | null>;
  /** The live metadata. */
  declare readonly metadata: pulumi.Output<Record<string, string>>;
  /** The three Easy DKIM tokens. */
  declare readonly dkimTokens: pulumi.Output<string[]>;
  /** The three CNAME records to publish. */
  declare readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** When SendMailOS registered the domain. */
  declare readonly createdAt: pulumi.Output<string>;
  /** When it was verified, or null. */
  declare readonly verifiedAt: pulumi.Output<string | null>;
  /** True when an existing registration was taken over with `adoptExisting`. */
  declare readonly adopted: pulumi.Output<boolean>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the domain to register and how to manage it.
   * @param opts - resource options (`customTimeouts`, `provider` for another account, `import`).
   */
  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      Domain.__pulumiType,
      name,
      withOutputs(args, ["domainId", "domainName", "status", "dkimTokens", "dnsRecords", "createdAt", "verifiedAt", "adopted"]),
      opts,
    );
  }
}

/** Blocks `pulumi up` until the domain is verified, served by the native provider plugin. */
export class DomainVerification extends pulumi.CustomResource {
  /** The type token. */
  static readonly __pulumiType = `${packageName}:index:DomainVerification`;
  /** `verified` once the wait succeeded. */
  declare readonly status: pulumi.Output<DomainStatus>;
  /** When SendMailOS verified the domain. */
  declare readonly verifiedAt: pulumi.Output<string | null>;
  /** Seconds spent waiting, across resumed runs. */
  declare readonly waitedSeconds: pulumi.Output<number>;
  /** The last DNS diagnosis: one entry per required record. */
  declare readonly records: pulumi.Output<RecordCheck[]>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - which domain to wait for and how patiently.
   * @param opts - resource options (`customTimeouts.create` bounds the wait too).
   */
  constructor(name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    super(DomainVerification.__pulumiType, name, withOutputs(args, ["status", "verifiedAt", "waitedSeconds", "records"]), opts);
  }
}

/** One record in the local emulator's DNS zone, served by the native provider plugin. */
export class EmulatorDnsRecord extends pulumi.CustomResource {
  /** The type token. */
  static readonly __pulumiType = `${packageName}:index:EmulatorDnsRecord`;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the record.
   * @param opts - resource options.
   */
  constructor(name: string, args: EmulatorDnsRecordArgs, opts?: pulumi.CustomResourceOptions) {
    super(EmulatorDnsRecord.__pulumiType, name, { ...args }, opts);
  }
}

/** The arguments plus each output as `undefined`, which is how a resource declares its outputs. */
function withOutputs(args: object, outputs: string[]): pulumi.Inputs {
  return { ...args, ...Object.fromEntries(outputs.map((name) => [name, undefined])) };
}
