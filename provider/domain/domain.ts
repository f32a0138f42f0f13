import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord, DomainStatus } from "../../sdk";
import { providerShim } from "../dynamic/shim";
import type { DomainArgs } from "./domain-args";

export type { DomainArgs } from "./domain-args";

/**
 * A SendMailOS sending domain. Registering it returns three DKIM tokens; publish {@link Domain.dnsRecords}
 * in the domain's DNS (see the Route53 and Cloudflare helpers) and wait with a `DomainVerification`.
 */
export class Domain extends pulumi.dynamic.Resource {
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
  /** The three CNAME records to publish: `<token>._domainkey.<domain>` -> `<token>.dkim.amazonses.com`. */
  declare readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  /** When SendMailOS registered the domain (ISO 8601). */
  declare readonly createdAt: pulumi.Output<string>;
  /** When it was verified, or null. */
  declare readonly verifiedAt: pulumi.Output<string | null>;
  /** True when an existing registration was taken over with `adoptExisting`. */
  declare readonly adopted: pulumi.Output<boolean>;
  /** The normalized `domain` input. */
  declare readonly domain: pulumi.Output<string>;
  /** The workspace the domain lives in, when not the default. */
  declare readonly workspaceId: pulumi.Output<string | undefined>;

  /**
   * @param name - the Pulumi resource name.
   * @param args - the domain to register and how to manage it.
   * @param opts - resource options.
   */
  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("domain"),
      name,
      {
        ...args,
        domainId: undefined,
        domainName: undefined,
        status: undefined,
        dkimTokens: undefined,
        dnsRecords: undefined,
        createdAt: undefined,
        verifiedAt: undefined,
        adopted: undefined,
      },
      opts,
      "sendmailos",
      "Domain",
    );
  }
}
