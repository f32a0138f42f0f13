import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord, DomainStatus } from "../../sdk";
import { providerShim } from "../dynamic/shim";
import type { DeletionPolicy } from "./domain-inputs";

/** Arguments of a {@link Domain}. */
export interface DomainArgs {
  /** The sending domain, e.g. `"acme.com"`. Normalized (lower case, no trailing dot, punycode). Changing it REPLACES the domain. */
  domain: pulumi.Input<string>;
  /** Your own id for the domain, for correlation (`external_id`). Changes in place. */
  externalId?: pulumi.Input<string>;
  /** String key-value pairs stored with the domain. Changes in place; key order never matters. */
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Agency workspace (`ws_...`); defaults to `sendmailos:workspaceId`. Changing it REPLACES the domain. */
  workspaceId?: pulumi.Input<string>;
  /**
   * Take over a registration that already exists (made by hand or by another tool) instead of failing.
   * The supported alternative to `pulumi import`, which cannot work for dynamic resources.
   * @default false
   */
  adoptExisting?: pulumi.Input<boolean>;
  /**
   * `"delete"` removes the domain from SendMailOS when the resource is deleted or replaced; `"retain"`
   * leaves it registered and only forgets it.
   * @default "delete"
   */
  deletionPolicy?: pulumi.Input<DeletionPolicy>;
}

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
