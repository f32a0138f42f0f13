/**
 * `pulumi-sendmailos/sdk`: a typed SendMailOS API client with no Pulumi inside.
 * @packageDocumentation
 */
export { SendMailOSClient } from "./client";
export type {
  CreateDomainInput,
  CreateDomainOptions,
  CreateDomainResult,
  DnsRecord,
  Domain,
  UpdateDomainInput,
} from "./types";
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_LIST_PAGES,
  DEFAULT_RATE_LIMITS,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type RateLimits,
  type RetryEvent,
  type RetryOptions,
  type SendMailOSClientOptions,
} from "./options";
export {
  AuthenticationError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SendMailOSError,
  ServerError,
  UnexpectedResponseError,
  UnsupportedEndpointError,
  type SendMailOSErrorDetails,
} from "./errors";
export { canonicalDnsName, dnsRecordsFor } from "./dns-records";
export { describeIssues } from "./describe-issues";
export { limits, workspaceIdPattern, forbiddenCharacters, forbiddenValueCharacters } from "./limits";
export {
  characterCount,
  domainNameFieldSchema,
  externalIdFieldSchema,
  idempotencyKeySchema,
  metadataFieldSchema,
  workspaceIdProblem,
} from "./request-fields";
export { newIdempotencyKey } from "./idempotency";
export { SDK_VERSION } from "./version";
export * from "./wire";
