import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../dynamic/shim";
import { withOutputs } from "../schema/declared-outputs";
import type { DomainVerificationArgs } from "./domain-verification-args";
import { verificationComputedOutputs, type DomainVerificationOutputs } from "./domain-verification-outputs";

export type { DomainVerificationArgs } from "./domain-verification-args";
export type { DomainVerificationOutputs } from "./domain-verification-outputs";

/** The outputs of a DomainVerification: one declaration for the dynamic and the native class (declaration merging). */
export interface DomainVerification extends DomainVerificationOutputs {}

/**
 * Blocks `pulumi up` until SendMailOS reports the domain verified, printing what is wrong in DNS while it
 * waits. A timeout or a `failed` status fails the update with a per-record diagnosis but keeps the
 * resource in state, so the next `pulumi up` resumes waiting instead of starting over.
 */
export class DomainVerification extends pulumi.dynamic.Resource {
  /**
   * @param name - the Pulumi resource name.
   * @param args - which domain to wait for and how patiently.
   * @param opts - resource options (make it depend on the DNS records).
   */
  constructor(name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerShim("verification"), name, withOutputs(args, verificationComputedOutputs), opts, "sendmailos", "DomainVerification");
  }
}
