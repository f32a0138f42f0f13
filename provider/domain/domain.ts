import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../dynamic/shim";
import { withOutputs } from "../schema/declared-outputs";
import type { DomainArgs } from "./domain-args";
import { domainComputedOutputs, type DomainOutputs } from "./domain-outputs";

export type { DomainArgs } from "./domain-args";
export type { DomainOutputs } from "./domain-outputs";

/** The outputs of a Domain: one declaration for the dynamic and the native class (declaration merging). */
export interface Domain extends DomainOutputs {}

/**
 * A SendMailOS sending domain. Registering it returns three DKIM tokens; publish {@link Domain.dnsRecords}
 * in the domain's DNS (see the Route53 and Cloudflare helpers) and wait with a `DomainVerification`.
 */
export class Domain extends pulumi.dynamic.Resource {
  /**
   * @param name - the Pulumi resource name.
   * @param args - the domain to register and how to manage it.
   * @param opts - resource options.
   */
  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerShim("domain"), name, withOutputs(args, domainComputedOutputs), opts, "sendmailos", "Domain");
  }
}
