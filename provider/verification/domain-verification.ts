import * as pulumi from "@pulumi/pulumi";
import type { DomainStatus } from "../../sdk";
import { providerShim } from "../dynamic/shim";
import type { RecordCheck } from "./dns-diagnosis";
import type { DomainVerificationArgs } from "./domain-verification-args";

export type { DomainVerificationArgs } from "./domain-verification-args";

/**
 * Blocks `pulumi up` until SendMailOS reports the domain verified, printing what is wrong in DNS while it
 * waits. A timeout or a `failed` status fails the update with a per-record diagnosis but keeps the
 * resource in state, so the next `pulumi up` resumes waiting instead of starting over.
 */
export class DomainVerification extends pulumi.dynamic.Resource {
  /** `verified` once the wait succeeded. */
  declare readonly status: pulumi.Output<DomainStatus>;
  /** When SendMailOS verified the domain. */
  declare readonly verifiedAt: pulumi.Output<string | null>;
  /** Seconds spent waiting, across resumed runs. */
  declare readonly waitedSeconds: pulumi.Output<number>;
  /** The last DNS diagnosis: one entry per required record. */
  declare readonly records: pulumi.Output<RecordCheck[]>;
  /** The domain waited for. */
  declare readonly domainId: pulumi.Output<string>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - which domain to wait for and how patiently.
   * @param opts - resource options (make it depend on the DNS records).
   */
  constructor(name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("verification"),
      name,
      { ...args, status: undefined, verifiedAt: undefined, waitedSeconds: undefined, records: undefined },
      opts,
      "sendmailos",
      "DomainVerification",
    );
  }
}
