/**
 * `pulumi-sendmailos`: SendMailOS sending domains as Pulumi resources.
 *
 * - {@link Domain}: registers a domain and exposes its DKIM records.
 * - {@link DomainVerification}: blocks `pulumi up` until the domain is verified, diagnosing DNS meanwhile.
 * - {@link VerifiedDomain}: both, plus the records in Route53, Cloudflare or the local emulator.
 *
 * The record helpers whose types mention an optional peer dependency have their own entries:
 * `route53DkimRecords` in `pulumi-sendmailos/route53` (`@pulumi/aws`), `cloudflareDkimRecords` in
 * `pulumi-sendmailos/cloudflare` (`@pulumi/cloudflare`). Nothing here needs either package to compile or
 * load; `VerifiedDomain` loads the one its `dns.provider` names when it declares the records.
 * @packageDocumentation
 */
export { Domain, type DomainArgs, type DomainOutputs } from "./domain/domain";
export type { DeletionPolicy } from "./domain/deletion-policy";
export { normalizeDomainName, type DomainNameResult } from "./domain/domain-name";
export { DomainVerification, type DomainVerificationArgs, type DomainVerificationOutputs } from "./verification/domain-verification";
export type { RecordCheck, RecordState } from "./verification/dns-diagnosis";
export { VerifiedDomain, type VerifiedDomainArgs, type WaitSettings } from "./components/verified-domain";
export { declareInTurns } from "./components/declare-in-turns";
export type { CloudflareDkimArgs, DnsTarget, EmulatorDkimArgs, Route53DkimArgs } from "./dns/dns-target-args";
export { route53DefaultTtl, cloudflareAutomaticTtl, emulatorDefaultTtl } from "./dns/dns-target-defaults";
export { MissingDnsProviderError } from "./dns/optional-peer";
export { EmulatorDnsRecord, emulatorDkimRecords, type EmulatorDnsRecordArgs } from "./dns/emulator";
export { dkimRecordCount, DkimRecordCountError, type DkimSource } from "./dns/dkim-records";
export { configKeys, envKeys } from "./runtime/settings";
export { InvalidArgumentsError } from "./schema/invalid-arguments-error";
export {
  SendMailOSResourceError,
  MissingApiKeyError,
  DomainAlreadyRegisteredError,
  UpdateNotSupportedError,
  DeleteNotSupportedError,
} from "./runtime/errors";
