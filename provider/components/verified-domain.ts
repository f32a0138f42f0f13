import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord } from "../../sdk";
import { Domain } from "../domain/domain";
import { DomainVerification } from "../verification/domain-verification";
import { cloudflareDkimRecords } from "../dns/cloudflare";
import type { DnsTarget } from "../dns/dns-target-args";
import { route53DkimRecords } from "../dns/route53";
import { EmulatorDnsRecord, emulatorDkimRecords, type EmulatorRecordClass } from "../dns/emulator";
import type { DomainArgs } from "../domain/domain-args";
import type { DomainVerificationArgs } from "../verification/domain-verification-args";
import { parseProgramArgs } from "../schema/program-args";
import type { VerifiedDomainArgs, WaitSettings } from "./verified-domain-args";
import { checkVerifiedDomainArgs, verifiedDomainArgsSchema } from "./verified-domain-schema";

export type { VerifiedDomainArgs, WaitSettings } from "./verified-domain-args";

/** What a `VerifiedDomain` needs of its domain resource. */
export interface DomainResource extends pulumi.CustomResource {
  readonly domainId: pulumi.Output<string>;
  readonly domainName: pulumi.Output<string>;
  readonly status: pulumi.Output<string>;
  readonly dnsRecords: pulumi.Output<DnsRecord[]>;
  readonly verifiedAt: pulumi.Output<string | null>;
}

/** What a `VerifiedDomain` needs of its verification resource. */
export interface VerificationResource extends pulumi.CustomResource {
  readonly status: pulumi.Output<string>;
  readonly verifiedAt: pulumi.Output<string | null>;
  readonly waitedSeconds: pulumi.Output<number>;
}

/**
 * The resource classes a `VerifiedDomain` declares: the dynamic provider's by default, the native plugin's
 * in `pulumi-sendmailos/native` and in the plugin's `construct` (for YAML, Go and Python programs).
 */
export interface ChildResources {
  Domain: new (name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) => DomainResource;
  DomainVerification: new (name: string, args: DomainVerificationArgs, opts?: pulumi.CustomResourceOptions) => VerificationResource;
  EmulatorDnsRecord: EmulatorRecordClass;
}

/** The dynamic provider's resources. */
export const dynamicChildren: ChildResources = { Domain, DomainVerification, EmulatorDnsRecord };

/**
 * One declaration for the whole chain: registers a SendMailOS domain, publishes its three DKIM CNAMEs in
 * the chosen DNS, and waits until SendMailOS verifies it. The arguments are checked against the same
 * schemas as the resources when the program runs (at preview). Resource options pass through: `providers`
 * (an explicit aws or cloudflare provider) reach the records, `dependsOn` reaches the domain.
 */
export class VerifiedDomain extends pulumi.ComponentResource {
  /** The underlying SendMailOS domain. */
  readonly domain: DomainResource;
  /** The DNS record resources (empty for `dns.provider: "none"`). */
  readonly dnsRecordResources: pulumi.CustomResource[];
  /** The verification, unless `wait` is false. */
  readonly verification: VerificationResource | undefined;
  /** SendMailOS id of the domain. */
  readonly domainId: pulumi.Output<string>;
  /** `verified` once waited for; otherwise the status SendMailOS last reported. */
  readonly status: pulumi.Output<string>;
  /** The three CNAME records. */
  readonly records: pulumi.Output<DnsRecord[]>;
  /** When SendMailOS verified the domain. */
  readonly verifiedAt: pulumi.Output<string | null>;
  /** Seconds `pulumi up` waited for verification (0 when not waiting). */
  readonly timeToVerifySeconds: pulumi.Output<number>;

  /**
   * @param name - the component's name; children are named `<name>`, `<name>-dkim-1..3`, `<name>-verification`.
   * @param args - the domain, its DNS target and how to wait.
   * @param opts - component options.
   * @param children - the resource classes to declare (the dynamic provider's unless the native door says otherwise).
   * @throws InvalidArgumentsError when an argument breaks a rule, naming each (at preview time).
   */
  constructor(name: string, args: VerifiedDomainArgs, opts?: pulumi.ComponentResourceOptions, children: ChildResources = dynamicChildren) {
    super("sendmailos:index:VerifiedDomain", name, {}, opts);
    const checked = parseProgramArgs(`VerifiedDomain ${name}`, verifiedDomainArgsSchema, args, { refine: checkVerifiedDomainArgs });
    const { dns: _dns, wait: _wait, ...domainArgs } = args;
    const dnsTarget = checked["dns"] as DnsTarget;
    const waitSettings = checked["wait"] as boolean | WaitSettings;

    this.domain = new children.Domain(name, domainArgs, { parent: this, ...(opts?.dependsOn ? { dependsOn: opts.dependsOn } : {}) });
    this.dnsRecordResources = declareRecords(name, this.domain, dnsTarget, { parent: this }, children.EmulatorDnsRecord);
    this.verification =
      waitSettings === false
        ? undefined
        : new children.DomainVerification(
            `${name}-verification`,
            {
              ...(waitSettings === true ? {} : waitSettings),
              domainId: this.domain.domainId,
              domainName: this.domain.domainName,
              ...(args.workspaceId !== undefined ? { workspaceId: args.workspaceId } : {}),
            },
            { parent: this, dependsOn: this.dnsRecordResources },
          );

    this.domainId = this.domain.domainId;
    this.records = this.domain.dnsRecords;
    this.status = this.verification ? this.verification.status : this.domain.status;
    this.verifiedAt = this.verification ? this.verification.verifiedAt : this.domain.verifiedAt;
    this.timeToVerifySeconds = this.verification ? this.verification.waitedSeconds : pulumi.output(0);
    this.registerOutputs({
      domainId: this.domainId,
      status: this.status,
      records: this.records,
      verifiedAt: this.verifiedAt,
      timeToVerifySeconds: this.timeToVerifySeconds,
    });
  }
}

function declareRecords(
  name: string,
  domain: DomainResource,
  dns: DnsTarget,
  opts: pulumi.CustomResourceOptions,
  recordClass: EmulatorRecordClass,
): pulumi.CustomResource[] {
  switch (dns.provider) {
    case "route53": {
      const { provider: _route53, ...rest } = dns;
      return route53DkimRecords(name, domain, rest, opts);
    }
    case "cloudflare": {
      const { provider: _cloudflare, ...rest } = dns;
      return cloudflareDkimRecords(name, domain, rest, opts);
    }
    case "emulator": {
      const { provider: _emulator, ...rest } = dns;
      return emulatorDkimRecords(name, domain, rest, opts, recordClass);
    }
    case "none":
      return [];
    default:
      throw new Error(`dns.provider must be "route53", "cloudflare", "emulator" or "none"`);
  }
}
