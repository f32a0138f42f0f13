/**
 * The one place that turns a failed attempt into an error: `classifyResponse` (in `error-kind.ts`)
 * decides which kind it is, this file says it: class, code and a message that names the request and
 * what to do. Pure: no clock, no I/O; `http.ts` redacts the key from everything the server sent first.
 */
import type { z } from "zod";
import {
  AuthenticationError,
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
import { describeIssues } from "./describe-issues";
import { classifyResponse, type ResponseErrorKind } from "./error-kind";
import { type HeaderMap, rateLimitResetAt, requestIdOf, retryAfterMs } from "./headers";
import { limits } from "./limits";
import { looseErrorResponseSchema, type LooseErrorResponse } from "./wire";

/** What the factory needs to know about the request, to name it and to say what to do. */
export interface RequestInfo {
  /** HTTP method. */
  method: string;
  /** Path actually requested, e.g. `/api/v1/domains/550e...`. */
  path: string;
  /** Endpoint template, e.g. `PATCH /domains/{id}`. */
  endpoint: string;
  /** `true` for endpoints SendMailOS does not document (GET/PATCH/DELETE /domains/{id}). */
  assumed: boolean;
  /** What the request is about, e.g. `Domain "example.com"`; used in messages. */
  subject?: string;
  /** The workspace sent as `X-Workspace-Id`, if any. */
  workspaceId?: string;
  /** What to do if an assumed endpoint turns out to be missing. */
  unsupportedAdvice?: string;
}

/** A completed HTTP exchange that did not succeed. */
export interface ResponseInfo {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-case names). */
  headers: HeaderMap;
  /** Response body as text, with the API key already redacted. */
  body: string;
  /** 1-based attempt number that produced this response. */
  attempt: number;
  /** Current time (epoch ms), to turn `X-RateLimit-Reset` into a wait. */
  now: number;
}

/** Longest response body kept in an error (message or `responseBody`). */
export const MAX_BODY_CHARS = 500;

/** Shortens `text` to `max` characters, saying how much was cut. Pure. */
export function truncate(text: string, max = MAX_BODY_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Parses `body` as SendMailOS's JSON error body, or returns `undefined`. Pure. */
export function parseErrorBody(body: string): LooseErrorResponse | undefined {
  try {
    const parsed = looseErrorResponseSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** What every message builder gets: the request, the response and the parts derived from both. */
interface Failure {
  request: RequestInfo;
  response: ResponseInfo;
  /** `HTTP 409 on POST /api/v1/domains: "<what the server said>"`. */
  where: string;
  /** What the request was about, e.g. `Domain "example.com"`. */
  subject: string;
  /** Status, code (the server's when it sent one, else `fallbackCode`), request id, body. */
  details(fallbackCode: string, extra?: Partial<SendMailOSErrorDetails>): SendMailOSErrorDetails;
}

/** The message, class and code of each kind of failed response (see `classifyResponse` for which is which). */
const responseErrors: Record<ResponseErrorKind, (f: Failure) => SendMailOSError> = {
  "unsupported-endpoint": ({ request, where, details }) =>
    new UnsupportedEndpointError(
      `SendMailOS does not support ${request.endpoint} (${where}). This endpoint is not documented by ` +
        `SendMailOS; this client assumed it. ${request.unsupportedAdvice ?? "Do this step in the SendMailOS dashboard instead."}`,
      { ...details("UNSUPPORTED_ENDPOINT"), code: "UNSUPPORTED_ENDPOINT", endpoint: request.endpoint },
    ),
  "wrong-base-url": ({ request, where, details }) =>
    new UnexpectedResponseError(
      `SendMailOS has no ${request.endpoint} at this address (${where}). Check baseUrl: it should be the ` +
        `API root, e.g. https://sendmailos.com/api/v1.`,
      details("UNEXPECTED_RESPONSE"),
    ),
  authentication: ({ where, details }) =>
    new AuthenticationError(
      `SendMailOS rejected the API key (${where}). Check sendmailos:apiKey ` +
        `(pulumi config set --secret sendmailos:apiKey ...) or the SENDMAILOS_API_KEY environment variable; ` +
        `keys start with sk_live_ or sk_test_.`,
      details("UNAUTHORIZED"),
    ),
  permission: ({ request, where, details }) =>
    new PermissionError(
      request.workspaceId === undefined
        ? `The API key is not allowed to do this (${where}). Use a key with access to domains.`
        : `The API key cannot use workspace ${request.workspaceId} (${where}). Use an organization key ` +
            `with access to that workspace or a key scoped to it, or check sendmailos:workspaceId.`,
      details("FORBIDDEN"),
    ),
  "not-found": ({ subject, where, details }) =>
    new NotFoundError(
      `${subject} was not found in this SendMailOS workspace (${where}). It may have been deleted ` +
        `outside this program, or belong to another workspace (check workspaceId).`,
      details("NOT_FOUND"),
    ),
  conflict: ({ subject, where, details }) =>
    new ConflictError(
      `${subject} is already registered in this SendMailOS workspace (${where}). To manage the existing ` +
        `domain, set adoptExisting: true (or import it); otherwise remove it in SendMailOS first.`,
      details("DOMAIN_EXISTS"),
    ),
  "body-too-large": ({ where, details }) =>
    new InvalidRequestError(
      `SendMailOS (or a proxy in front of it) refused the request body as too large (${where}). Shorten ` +
        `externalId (at most ${limits.externalIdLength} characters) and metadata (at most ` +
        `${limits.metadataKeys} keys, ${limits.metadataBytes} bytes as JSON); retrying the same request cannot help.`,
      details("PAYLOAD_TOO_LARGE"),
    ),
  "headers-too-large": ({ where, details }) =>
    new InvalidRequestError(
      `SendMailOS (or a proxy in front of it) refused the request headers as too large (${where}). Check ` +
        `workspaceId (ws_..., at most ${limits.workspaceIdLength} characters) and userAgent; retrying the ` +
        `same request cannot help.`,
      details("HEADERS_TOO_LARGE"),
    ),
  "rate-limited": ({ response, where, details }) => {
    const hint = retryAfterMs(response.headers, response.now) ?? resetHint(response.headers, response.now);
    const wait = hint === undefined ? "" : `; the server asked to wait ${formatMs(hint)}`;
    return new RateLimitError(
      `SendMailOS rate limit exceeded (${where}${wait}) after ${plural(response.attempt, "attempt")}. ` +
        `Run fewer operations at once (e.g. pulumi up --parallel 2) or lower rateLimits, then try again; ` +
        `the documented limits are 10 domain creates and 60 reads per minute.`,
      details("RATE_LIMITED", { retryable: true, retryAfterMs: hint }),
    );
  },
  server: ({ response, where, details }) => {
    const retryable = response.status !== 501;
    const requestId = requestIdOf(response.headers);
    return new ServerError(
      `SendMailOS failed (${where}); retried ${plural(response.attempt - 1, "time")}. The problem is on SendMailOS's ` +
        `side: try again later${requestId === undefined ? "" : ` and quote request id ${requestId} to SendMailOS support`}.`,
      details("SERVER_ERROR", { retryable, retryAfterMs: retryable ? retryAfterMs(response.headers, response.now) : undefined }),
    );
  },
  "invalid-request": ({ where, details }) =>
    new InvalidRequestError(
      `SendMailOS rejected the request as invalid (${where}). Check the domain name (e.g. "example.com"), ` +
        `externalId and metadata (string values only).`,
      details("VALIDATION_ERROR"),
    ),
  "unexpected-status": ({ request, response, details }) =>
    new UnexpectedResponseError(
      `SendMailOS answered ${request.method} ${request.path} with unexpected HTTP ${response.status}. Check baseUrl ` +
        `(e.g. https://sendmailos.com/api/v1) and any proxy in between.`,
      details("UNEXPECTED_RESPONSE"),
    ),
};

/**
 * The error for a non-2xx response: the kind from `classifyResponse`, the message from the request
 * context. Pure.
 */
export function errorFromResponse(request: RequestInfo, response: ResponseInfo): SendMailOSError {
  const { status, headers, body, attempt } = response;
  const errorBody = parseErrorBody(body);
  const kind = classifyResponse(status, errorBody, request.assumed);
  return responseErrors[kind]({
    request,
    response,
    where: `HTTP ${status} on ${request.method} ${request.path}${serverSaid(errorBody)}`,
    subject: request.subject ?? "The requested object",
    details: (fallbackCode, extra = {}) => ({
      status,
      code: errorBody?.code ?? fallbackCode,
      requestId: requestIdOf(headers),
      request: `${request.method} ${request.path}`,
      attempts: attempt,
      responseBody: body === "" ? undefined : truncate(body),
      ...extra,
    }),
  });
}

/**
 * The error for a 2xx response whose body is not what the endpoint returns.
 * @param expected the expected shape, e.g. `{"success":true,"domain":{...}}`
 * @param issues what did not match, from zod
 */
export function unexpectedResponse(
  request: RequestInfo,
  response: ResponseInfo,
  expected: string,
  issues?: z.core.$ZodIssue[],
): UnexpectedResponseError {
  const got = response.body === "" ? "an empty body" : truncate(response.body, 300);
  const mismatch = issues === undefined || issues.length === 0 ? "" : ` (${describeIssues(issues)})`;
  return new UnexpectedResponseError(
    `SendMailOS answered ${request.method} ${request.path} with HTTP ${response.status} but an unexpected ` +
      `body: expected ${expected}, got ${got}${mismatch}. Check baseUrl points at the SendMailOS API; ` +
      `if it does, the API may have changed: please report this.`,
    {
      status: response.status,
      code: "UNEXPECTED_RESPONSE",
      requestId: requestIdOf(response.headers),
      request: `${request.method} ${request.path}`,
      attempts: response.attempt,
      responseBody: response.body === "" ? undefined : truncate(response.body),
    },
  );
}

/**
 * The error for a request refused before it was sent, because it breaks the request rules (the limits
 * of `limits.ts` included) that the server would enforce with a 400, 413 or 431.
 * @param issues what is wrong, with paths in the caller's field names (`externalId`, not `external_id`)
 */
export function invalidRequest(request: RequestInfo, issues: readonly z.core.$ZodIssue[]): InvalidRequestError {
  return new InvalidRequestError(
    `${request.subject ?? "The request"} was not sent to SendMailOS (${request.method} ${request.path}): ` +
      `${describeIssues(issues)}. Fix the field named; nothing was created or changed.`,
    { code: "VALIDATION_ERROR", request: `${request.method} ${request.path}`, attempts: 0 },
  );
}

/**
 * The error for a domain list whose pages could not all be read (see `pagination.ts`): nothing may be
 * concluded from part of a list, since every domain past the cut would look deleted.
 * @param request `METHOD /path` of the list
 * @param pages pages read before giving up
 * @param problem why reading stopped
 */
export function incompleteList(request: string, pages: number, problem: string): UnexpectedResponseError {
  return new UnexpectedResponseError(
    `SendMailOS's domain list could not be read completely (${request}, ${plural(pages, "page")} read): ${problem}. ` +
      `Nothing was concluded from the partial list. SendMailOS documents no paging; if this persists, report it.`,
    { code: "INCOMPLETE_LIST", request, attempts: pages },
  );
}

/** Network error codes meaning a timeout. */
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT"]);

/**
 * The error for an attempt that got no complete response.
 * @param cause what undici threw (or the abort reason); its message must already be free of the key
 * @param origin the server's origin, to name it
 * @param timeoutMs the per-attempt limit, to name it
 */
export function errorFromNetwork(
  request: RequestInfo,
  cause: unknown,
  attempt: number,
  origin: string,
  timeoutMs: number,
): ConnectionError {
  const networkCode = networkCodeOf(cause);
  const name = cause instanceof Error ? cause.name : undefined;
  const timeout = name === "TimeoutError" || (networkCode !== undefined && TIMEOUT_CODES.has(networkCode));
  const base = {
    code: timeout ? "TIMEOUT" : "CONNECTION_ERROR",
    retryable: true,
    request: `${request.method} ${request.path}`,
    attempts: attempt,
    cause,
    timeout,
    networkCode,
  };
  if (timeout) {
    return new ConnectionError(
      `No complete answer from SendMailOS at ${origin} within ${timeoutMs} ms on ${request.method} ${request.path} ` +
        `(${plural(attempt, "attempt")}). Check network access to ${origin}, or raise timeoutMs.`,
      base,
    );
  }
  const detail = cause instanceof Error ? `${networkCode ?? cause.name}: ${cause.message}` : String(cause);
  return new ConnectionError(
    `Could not reach SendMailOS at ${origin} on ${request.method} ${request.path} (${detail}; ` +
      `${plural(attempt, "attempt")}). Check network access, proxy settings and baseUrl.`,
    base,
  );
}

function networkCodeOf(cause: unknown): string | undefined {
  for (let e: unknown = cause, depth = 0; e !== null && typeof e === "object" && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function resetHint(headers: HeaderMap, now: number): number | undefined {
  const at = rateLimitResetAt(headers, now);
  return at === undefined ? undefined : Math.max(0, at - now);
}

function serverSaid(body: LooseErrorResponse | undefined): string {
  const text = body?.message ?? body?.error;
  return text === undefined ? "" : `: "${truncate(text, 200)}"`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
