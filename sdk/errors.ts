/**
 * Error classes, one per cause, in the manner of stripe-node: a base class carrying the HTTP status,
 * a stable `code`, the request id and whether retrying may help; `error-factory.ts` picks the class.
 * Messages always say what to do next, and never contain the API key.
 */

/** Details shared by every SendMailOS error. */
export interface SendMailOSErrorDetails {
  /** HTTP status, when the server answered. */
  status?: number;
  /** Stable code: the server's `code` when it sent one, else this library's. */
  code: string;
  /** The server's request id (`X-Request-Id`), when sent. */
  requestId?: string;
  /** Whether retrying the same request may succeed. */
  retryable?: boolean;
  /** `METHOD /path` of the failed request, e.g. `POST /api/v1/domains`. */
  request?: string;
  /** Attempts made before giving up. */
  attempts?: number;
  /** The response body, truncated, with the API key redacted. */
  responseBody?: string;
  /** How long the server asked to wait (`Retry-After` or `X-RateLimit-Reset`), in milliseconds. */
  retryAfterMs?: number;
  /** Underlying error (network errors). */
  cause?: unknown;
}

/** Base class of every error this client throws. */
export class SendMailOSError extends Error {
  /** HTTP status, when the server answered. */
  declare readonly status?: number;
  /** Stable code: the server's `code` when it sent one (e.g. `UNAUTHORIZED`), else this library's. */
  readonly code: string;
  /** The server's request id, when sent; quote it to SendMailOS support. */
  declare readonly requestId?: string;
  /** Whether retrying the same request may succeed (the client already retried when so). */
  readonly retryable: boolean;
  /** `METHOD /path` of the failed request. */
  declare readonly request?: string;
  /** Attempts made before giving up. */
  declare readonly attempts?: number;
  /** The response body, truncated, with the API key redacted. */
  declare readonly responseBody?: string;
  /** How long the server asked to wait, in milliseconds. */
  declare readonly retryAfterMs?: number;

  /**
   * @param message what went wrong and what to do next
   * @param details status, code and context
   */
  constructor(message: string, details: SendMailOSErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    Object.defineProperty(this, "name", { value: new.target.name, enumerable: false, configurable: true, writable: true });
    this.code = details.code;
    this.retryable = details.retryable ?? false;
    assignDefined(this, "status", details.status);
    assignDefined(this, "requestId", details.requestId);
    assignDefined(this, "request", details.request);
    assignDefined(this, "attempts", details.attempts);
    assignDefined(this, "responseBody", details.responseBody);
    assignDefined(this, "retryAfterMs", details.retryAfterMs);
  }
}

function assignDefined(target: object, key: string, value: unknown): void {
  if (value !== undefined) Object.defineProperty(target, key, { value, enumerable: true, writable: false });
}

/** 401: the API key was rejected. */
export class AuthenticationError extends SendMailOSError {}

/** 403: the key is valid but may not do this (typically: it cannot use the selected workspace). */
export class PermissionError extends SendMailOSError {}

/** 404 with SendMailOS's error body: the domain does not exist (in this workspace). */
export class NotFoundError extends SendMailOSError {}

/** 409: the domain is already registered in this workspace. */
export class ConflictError extends SendMailOSError {}

/** 400 or 422 (and any other 4xx without a class of its own): the request was rejected as invalid. */
export class InvalidRequestError extends SendMailOSError {}

/** 429: the rate limit was exceeded and retries did not get through. */
export class RateLimitError extends SendMailOSError {}

/** 5xx: SendMailOS failed. */
export class ServerError extends SendMailOSError {}

/** The request could not be completed: connection refused or reset, DNS failure, or timeout. */
export class ConnectionError extends SendMailOSError {
  /** `true` when the attempt ran out of time (`timeoutMs`). */
  readonly timeout: boolean;
  /** The network error code, e.g. `ECONNREFUSED` or `UND_ERR_SOCKET`, when known. */
  declare readonly networkCode?: string;

  /**
   * @param message what went wrong and what to do next
   * @param details context; `timeout` tells a timeout from other failures
   */
  constructor(message: string, details: SendMailOSErrorDetails & { timeout: boolean; networkCode?: string }) {
    super(message, details);
    this.timeout = details.timeout;
    assignDefined(this, "networkCode", details.networkCode);
  }
}

/** The server answered with a status or body this client does not understand. */
export class UnexpectedResponseError extends SendMailOSError {}

/**
 * The server does not implement an endpoint this client ASSUMED (GET/PATCH/DELETE /domains/{id} are
 * not documented): it answered 405, or 404 without SendMailOS's JSON error body.
 */
export class UnsupportedEndpointError extends SendMailOSError {
  /** The assumed endpoint, e.g. `PATCH /domains/{id}`. */
  readonly endpoint: string;

  /**
   * @param message what is unsupported and what to do instead
   * @param details context; `endpoint` names the assumed endpoint
   */
  constructor(message: string, details: SendMailOSErrorDetails & { endpoint: string }) {
    super(message, details);
    this.endpoint = details.endpoint;
  }
}

/** An option given to the client is invalid; thrown by the constructor before any request. */
export class ConfigurationError extends SendMailOSError {
  /** The option at fault, e.g. `baseUrl` or `retry.maxAttempts`. */
  readonly option: string;

  /**
   * @param option the option at fault
   * @param problem what is wrong with it and how to fix it
   */
  constructor(option: string, problem: string) {
    super(`Invalid SendMailOS client option "${option}": ${problem}.`, { code: "INVALID_OPTION" });
    this.option = option;
  }
}
