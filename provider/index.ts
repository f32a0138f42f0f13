/**
 * `pulumi-sendmailos`: SendMailOS sending domains as Pulumi resources.
 *
 * - {@link Domain}: registers a domain and exposes its DKIM records.
 * - {@link DomainVerification}: blocks `pulumi up` until the domain is verified, diagnosing DNS meanwhile.
 * - {@link VerifiedDomain}: both, plus the records in Route53, Cloudflare or the local emulator.
 * @packageDocumentation
 */
export { Domain, type DomainArgs } from "./domain/domain";
export type { DeletionPolicy } from "./domain/domain-inputs";
export { normalizeDomainName } from "./domain/domain-name";
export { DomainVerification, type DomainVerificationArgs } from "./verification/domain-verification";
export type { RecordCheck, RecordState } from "./verification/dns-diagnosis";
export { verificationDefaults } from "./verification/verification-inputs";
export { VerifiedDomain, type VerifiedDomainArgs, type DnsTarget, type WaitSettings } from "./components/verified-domain";
export { route53DkimRecords, route53DefaultTtl, type Route53DkimArgs } from "./dns/route53";
export { cloudflareDkimRecords, cloudflareAutomaticTtl, type CloudflareDkimArgs } from "./dns/cloudflare";
export { EmulatorDnsRecord, emulatorDkimRecords, type EmulatorDnsRecordArgs } from "./dns/emulator";
export { dkimRecordCount, DkimRecordCountError, type DkimSource } from "./dns/dkim-records";
export { configKeys, envKeys } from "./runtime/settings";
export {
  SendMailOSResourceError,
  MissingApiKeyError,
  DomainAlreadyRegisteredError,
  UpdateNotSupportedError,
  DeleteNotSupportedError,
} from "./runtime/errors";
