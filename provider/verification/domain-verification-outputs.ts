import type * as pulumi from "@pulumi/pulumi";
import type { DomainStatus } from "../../sdk";
import type { RecordCheck } from "./dns-diagnosis";

/**
 * The outputs of a `DomainVerification`, dynamic and native: both classes merge this one declaration, so they
 * cannot drift apart.
 */
export interface DomainVerificationOutputs {
  /** `verified` once the wait succeeded. */
  readonly status: pulumi.Output<DomainStatus>;
  /** When SendMailOS verified the domain. */
  readonly verifiedAt: pulumi.Output<string | null>;
  /** Seconds spent waiting, across resumed runs. */
  readonly waitedSeconds: pulumi.Output<number>;
  /** The last DNS diagnosis: one entry per required record. */
  readonly records: pulumi.Output<RecordCheck[]>;
  /** The domain waited for. */
  readonly domainId: pulumi.Output<string>;
}

/** The outputs the provider computes; the others echo inputs. */
export const verificationComputedOutputs = [
  "status",
  "verifiedAt",
  "waitedSeconds",
  "records",
] as const satisfies readonly (keyof DomainVerificationOutputs)[];
