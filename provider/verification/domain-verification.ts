import * as pulumi from "@pulumi/pulumi";
import type { DomainStatus } from "../../sdk";
import { providerShim } from "../dynamic/shim";
import type { RecordCheck } from "./dns-diagnosis";

/** Arguments of a {@link DomainVerification}. */
export interface DomainVerificationArgs {
  /** The SendMailOS domain id to wait for (a Domain's `domainId`). */
  domainId: pulumi.Input<string>;
  /** The domain's name, for messages. */
  domainName?: pulumi.Input<string>;
  /** The domain's workspace when not the default; must match the Domain's. */
  workspaceId?: pulumi.Input<string>;
  /**
   * How long one `pulumi up` waits before failing (the next `pulumi up` resumes).
   * Pulumi's `customTimeouts` do not reach dynamic providers, hence this input.
   * @default 2700 (45 minutes)
   */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * First interval between status polls; it grows by half each poll up to `maxPollIntervalSeconds`.
   * Every waiting domain shares one list request per interval.
   * @default 5
   */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** @default 60 */
  maxPollIntervalSeconds?: pulumi.Input<number>;
  /**
   * Resolve each DKIM record while waiting and report which are right, missing or pointing elsewhere.
   * @default true
   */
  dnsCheck?: pulumi.Input<boolean>;
  /**
   * DNS servers for that check (`"1.1.1.1"`, `"127.0.0.1:5353"`); defaults to `sendmailos:dnsResolvers`,
   * then the system resolvers.
   */
  dnsResolvers?: pulumi.Input<pulumi.Input<string>[]>;
}

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
