/**
 * `pulumi-sendmailos/sdk`: a typed SendMailOS API client with no Pulumi inside.
 *
 * The public surface is the client, its options and defaults, its errors, and plain data types. The zod
 * schemas of the wire format and of the request fields (`wire.ts`, `request-fields.ts`) are internal: the
 * emulator and the Pulumi resources import them by relative path. Nothing exported here mentions a zod or
 * undici type, so a program's compiler reads these declarations with no flag (`skipLibCheck`,
 * `esModuleInterop`) and without those packages' types.
 * @packageDocumentation
 */
export { SendMailOSClient } from "./client";
export {
  domainStatuses,
  type CreateDomainInput,
  type CreateDomainOptions,
  type CreateDomainResult,
  type DnsRecord,
  type Domain,
  type DomainStatus,
  type UpdateDomainInput,
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
export { limits, workspaceIdPattern, forbiddenCharacters, forbiddenValueCharacters } from "./limits";
export { newIdempotencyKey } from "./idempotency";
export { SDK_VERSION } from "./version";
