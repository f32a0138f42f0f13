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
import type { EmulatorDnsRecordArgs } from "../dns/emulator-record-args";
import type { DomainArgs } from "../domain/domain-args";
import { domainComputedOutputs, type DomainOutputs } from "../domain/domain-outputs";
import { withOutputs } from "../schema/declared-outputs";
import type { DomainVerificationArgs } from "../verification/domain-verification-args";
import { verificationComputedOutputs, type DomainVerificationOutputs } from "../verification/domain-verification-outputs";
import { packageName } from "./package-schema";

/** The outputs of a Domain: one declaration for the dynamic and the native class (declaration merging). */
export interface Domain extends DomainOutputs {}

/** A SendMailOS sending domain, served by the native provider plugin. */
export class Domain extends pulumi.CustomResource {
  /** The type token. */
  static readonly __pulumiType = `${packageName}:index:Domain`;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the domain to register and how to manage it.
   * @param opts - resource options (`customTimeouts`, `provider` for another account, `import`).
   */
  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(Domain.__pulumiType, name, withOutputs(args, domainComputedOutputs), opts);
  }
}

/** The outputs of a DomainVerification: one declaration for the dynamic and the native class (declaration merging). */
export interface DomainVerification extends DomainVerificationOutputs {}

/** Blocks `pulumi up` until the domain is verified, served by the native provider plugin. */
export class DomainVerification extends pulumi.CustomResource {
  /** The type token. */
  static readonly __pulumiType = `${packageName}:index:DomainVerification`;

  /**
   * @param name - the Pulumi resource name.
   * @param args - which domain to wait for and how patiently.
   * @param opts - resource options (`customTimeouts.create` bounds the wait too).
   */
  constructor(name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    super(DomainVerification.__pulumiType, name, withOutputs(args, verificationComputedOutputs), opts);
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
