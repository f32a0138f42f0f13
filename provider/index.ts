/**
 * `pulumi-sendmailos`: SendMailOS sending domains as Pulumi resources.
 *
 * - {@link Domain}: registers a domain and exposes its DKIM records.
 * - {@link DomainVerification}: blocks `pulumi up` until the domain is verified, diagnosing DNS meanwhile.
 * - {@link VerifiedDomain}: both, plus the records in Route53, Cloudflare or the local emulator.
 * @packageDocumentation
 */
export { Domain, type DomainArgs } from "./domain/domain";
export type { DeletionPolicy } from "./domain/domain-schema";
export { normalizeDomainName, type DomainNameResult } from "./domain/domain-name";
export { DomainVerification, type DomainVerificationArgs } from "./verification/domain-verification";
export type { RecordCheck, RecordState } from "./verification/dns-diagnosis";
export { VerifiedDomain, type VerifiedDomainArgs, type WaitSettings } from "./components/verified-domain";
export type { DnsTarget, EmulatorDkimArgs } from "./dns/dns-target-args";
export { route53DkimRecords, type Route53DkimArgs } from "./dns/route53";
export { cloudflareDkimRecords, type CloudflareDkimArgs } from "./dns/cloudflare";
export { route53DefaultTtl, cloudflareAutomaticTtl, emulatorDefaultTtl } from "./dns/dns-target-schema";
export { EmulatorDnsRecord, emulatorDkimRecords, type EmulatorDnsRecordArgs } from "./dns/emulator";
export { dkimRecordCount, DkimRecordCountError, type DkimSource } from "./dns/dkim-records";
export { configKeys, envKeys } from "./runtime/settings";
export { InvalidArgumentsError } from "./schema/program-args";
export {
  SendMailOSResourceError,
  MissingApiKeyError,
  DomainAlreadyRegisteredError,
  UpdateNotSupportedError,
  DeleteNotSupportedError,
} from "./runtime/errors";
