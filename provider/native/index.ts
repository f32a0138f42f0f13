/**
 * `pulumi-sendmailos/native`: the resources of the native provider plugin (`pulumi-resource-sendmailos`)
 * for TypeScript and JavaScript programs. Same arguments and outputs as the dynamic resources of
 * `pulumi-sendmailos`; served by the plugin, so `pulumi import`, Ctrl-C, `customTimeouts` and per-property
 * diffs work. The plugin must be installed or found (see the README, "Dynamic or native").
 * @packageDocumentation
 */
import type * as pulumi from "@pulumi/pulumi";
import { ProviderResource, output as pulumiOutput } from "@pulumi/pulumi";
import { VerifiedDomain as DynamicVerifiedDomain, type ChildResources, type VerifiedDomainArgs } from "../components/verified-domain";
import { Domain, DomainVerification, EmulatorDnsRecord } from "./resources";

export { Domain, DomainVerification, EmulatorDnsRecord } from "./resources";
export type { DomainArgs } from "../domain/domain-args";
export type { DomainVerificationArgs } from "../verification/domain-verification-args";
export type { EmulatorDnsRecordArgs } from "../dns/emulator-record-args";
export type { VerifiedDomainArgs, WaitSettings } from "../components/verified-domain";
export { declareInTurns } from "../components/declare-in-turns";

/** The native plugin's resources, as a `VerifiedDomain` declares them. */
export const nativeChildren: ChildResources = { Domain, DomainVerification, EmulatorDnsRecord };

/** The whole chain (domain, DKIM records, verification) with the native plugin's resources. */
export class VerifiedDomain extends DynamicVerifiedDomain {
  /**
   * @param name - the component's name; children are named `<name>`, `<name>-dkim-1..3`, `<name>-verification`.
   * @param args - the domain, its DNS target and how to wait.
   * @param opts - component options.
   */
  constructor(name: string, args: VerifiedDomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super(name, args, opts, nativeChildren);
  }
}

/** Arguments of an explicit SendMailOS {@link Provider}: the provider configuration. */
export interface ProviderArgs {
  /** API key (`sk_live_...`); give it as a secret (`pulumi.secret` or `config.requireSecret`). */
  apiKey?: pulumi.Input<string>;
  /** API root. @default `SENDMAILOS_BASE_URL`, else https://sendmailos.com/api/v1 */
  baseUrl?: pulumi.Input<string>;
  /** Default agency workspace of the resources this provider manages. */
  workspaceId?: pulumi.Input<string>;
  /** DNS servers for the verifications' diagnosis. */
  dnsResolvers?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * An explicit SendMailOS provider (`pulumi:providers:sendmailos`): one per account or agency, passed to
 * resources with `{ provider }`, so one program manages several. Changing its key never replaces resources.
 */
export class Provider extends ProviderResource {
  /**
   * @param name - the provider's name.
   * @param args - its configuration.
   * @param opts - resource options.
   */
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    super(
      "sendmailos",
      name,
      {
        ...args,
        dnsResolvers: args.dnsResolvers === undefined ? undefined : pulumiOutput(args.dnsResolvers).apply((r) => JSON.stringify(r)),
      },
      opts,
    );
  }
}
