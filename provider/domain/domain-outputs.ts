import type * as pulumi from "@pulumi/pulumi";
import type { DnsRecord, DomainStatus } from "../../sdk";

/**
 * The outputs of a `Domain`, the dynamic one (`pulumi-sendmailos`) and the native one (`pulumi-sendmailos/native`):
 * both classes merge this one declaration, so they cannot drift apart.
 */
export interface DomainOutputs {
  /** SendMailOS id of the domain (also the resource id). */
  readonly domainId: pulumi.Output<string>;
  /** The registered name (normalized). */
  readonly domainName: pulumi.Output<string>;
  /** `pending`, `verified` or `failed`, as of the last create, update or refresh. */
  readonly status: pulumi.Output<DomainStatus>;
  /** The live external id. */
  readonly externalId: pulumi.Output<string | null>;
  /** The live metadata. */
  readonly metadata: pulumi.Output<Record<string, string>>;
  /** The three Easy DKIM tokens. */
  readonly dkimTokens: pulumi.Output<string[]>;
  /** The three CNAME records to publish: `<token>._domainkey.<domain>` -> `<token>.dkim.amazonses.com`. */
  readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** When SendMailOS registered the domain (ISO 8601). */
  readonly createdAt: pulumi.Output<string>;
  /** When it was verified, or null. */
  readonly verifiedAt: pulumi.Output<string | null>;
  /** True when an existing registration was taken over with `adoptExisting`. */
  readonly adopted: pulumi.Output<boolean>;
  /** The normalized `domain` input. */
  readonly domain: pulumi.Output<string>;
  /** The workspace the domain lives in, when not the default. */
  readonly workspaceId: pulumi.Output<string | undefined>;
}

/** The outputs the provider computes; the others echo inputs. */
export const domainComputedOutputs = [
  "domainId",
  "domainName",
  "status",
  "dkimTokens",
  "dnsRecords",
  "createdAt",
  "verifiedAt",
  "adopted",
] as const satisfies readonly (keyof DomainOutputs)[];
