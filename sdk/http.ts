/**
 * The one place where requests are made: headers, per-attempt timeout, pacing, retries, parsing and
 * error mapping. Endpoint methods in `client.ts` describe a request and get a typed value or an error.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Pool } from "undici";
import type { z } from "zod";
import {
  type RequestInfo,
  type ResponseInfo,
  errorFromNetwork,
  errorFromResponse,
  invalidRequest,
  unexpectedResponse,
} from "./error-factory";
import { ConnectionError, RateLimitError, type SendMailOSError } from "./errors";
import type { HeaderMap } from "./headers";
import type { ResolvedOptions, RetryEvent } from "./options";
import { routeClassOf } from "./rate-limit-policy";
import type { Pacer, Release } from "./rate-limiter";
import { idempotencyKeySchema } from "./request-fields";
import { nextRetry } from "./retry-policy";
import type { ApiKey } from "./secret";

/** One logical request; retried attempts all send the same thing. */
export interface RequestSpec<T> {
  /** HTTP method. */
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path below the base URL, e.g. `/domains/550e...` (already URL-encoded). */
  path: string;
  /** Endpoint template for messages, e.g. `PATCH /domains/{id}`. */
  endpoint: string;
  /** `true` when SendMailOS does not document the endpoint. */
  assumed: boolean;
  /** JSON body, if any. */
  body?: unknown;
  /** The body's rules (limits included): a body that breaks them is refused before anything is sent. */
  bodySchema?: z.ZodType;
  /** The caller's names of the body's wire fields (`external_id` -> `externalId`), for that refusal's message. */
  fieldNames?: Readonly<Record<string, string>>;
  /** Schema of a successful response body. */
  schema: z.ZodType<T>;
  /** The expected body, for error messages, e.g. `{"success":true,"domains":[...]}`. */
  expected: string;
  /** Value of an empty 2xx body (e.g. a 204 answer to DELETE); an empty body is an error without it. */
  emptyBody?: T;
  /** Sent as `Idempotency-Key` on every attempt. */
  idempotencyKey?: string;
  /** What the request is about, for messages, e.g. `Domain "example.com"`. */
  subject?: string;
  /** What to do when an assumed endpoint is missing. */
  unsupportedAdvice?: string;
  /** Called with each failed attempt that is about to be retried. */
  onRetriedFailure?: (error: SendMailOSError) => void;
}

/**
 * What a client and every client derived from it with `withWorkspace` share: validated options, the
 * key, the connection pool and the pacing. A class, so a client can tell it from an options object.
 */
export class Connection {
  /** Keep-alive connections to the origin. */
  readonly pool: Pool;
  /** Set by `close()`. */
  closed = false;
  /** Set once GET /domains/{id} turned out not to exist, so later reads go straight to the list. */
  getByIdUnsupported = false;

  /**
   * Opens a connection pool for validated options.
   * @param options validated options
   * @param apiKey the key; prints as a fingerprint only
   * @param pacer pacing shared process-wide (or none)
   * @param onRetry wait listener from the options
   */
  constructor(
    readonly options: ResolvedOptions,
    readonly apiKey: ApiKey,
    readonly pacer: Pacer,
    readonly onRetry: ((event: RetryEvent) => void) | undefined,
  ) {
    this.pool = new Pool(options.origin, {
      connections: 8,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SendMailOSError };

/**
 * Sends `spec`, pacing every attempt and retrying per the retry policy; resolves with the parsed body.
 * @throws SendMailOSError subclass chosen by `error-factory.ts`
 */
export async function send<T>(conn: Connection, workspaceId: string | undefined, spec: RequestSpec<T>): Promise<T> {
  const route = routeClassOf(spec.method, spec.path);
  const info: RequestInfo = {
    method: spec.method,
    path: conn.options.pathPrefix + spec.path,
    endpoint: spec.endpoint,
    assumed: spec.assumed,
    ...(spec.subject === undefined ? {} : { subject: spec.subject }),
    ...(workspaceId === undefined ? {} : { workspaceId }),
    ...(spec.unsupportedAdvice === undefined ? {} : { unsupportedAdvice: spec.unsupportedAdvice }),
  };
  refuseInvalid(info, spec);
  const request = `${info.method} ${info.path}`;
  let firstSentAt: number | undefined;
  for (let attempt = 1; ; attempt++) {
    assertOpen(conn, request);
    const release = await conn.pacer.acquire(route, (delayMs, queued) =>
      report(conn, { kind: "pacing", attempt, delayMs, request, reason: `waiting for a "${route}" rate-limit slot (${queued} queued)` }),
    );
    firstSentAt ??= Date.now();
    const outcome = await attemptOnce(conn, workspaceId, spec, info, release, attempt);
    if (outcome.ok) return outcome.value;
    const error = outcome.error;
    const decision = nextRetry(error, attempt, Date.now() - firstSentAt, conn.options.retry);
    if (error instanceof RateLimitError) {
      conn.pacer.blockUntil(route, Date.now() + (decision.retry ? decision.delayMs : (error.retryAfterMs ?? 0)));
    }
    if (!decision.retry) throw error;
    spec.onRetriedFailure?.(error);
    report(conn, {
      kind: "retry",
      attempt: attempt + 1,
      delayMs: decision.delayMs,
      request,
      reason: error.message,
      code: error.code,
      ...(error.status === undefined ? {} : { status: error.status }),
    });
    await sleep(decision.delayMs);
  }
}

async function attemptOnce<T>(
  conn: Connection,
  workspaceId: string | undefined,
  spec: RequestSpec<T>,
  info: RequestInfo,
  release: Release,
  attempt: number,
): Promise<Outcome<T>> {
  let response: ResponseInfo;
  try {
    const res = await conn.pool.request({
      path: info.path,
      method: spec.method,
      headers: requestHeaders(conn, workspaceId, spec),
      body: spec.body === undefined ? null : JSON.stringify(spec.body),
      signal: AbortSignal.timeout(conn.options.timeoutMs),
    });
    response = fromServer(conn.apiKey, res.statusCode, res.headers, await res.body.text(), attempt);
  } catch (cause) {
    release();
    return {
      ok: false,
      error: errorFromNetwork(info, conn.apiKey.redactError(cause), attempt, conn.options.origin, conn.options.timeoutMs),
    };
  }
  release(response.headers);
  const { status, body } = response;
  if (status < 200 || status > 299) return { ok: false, error: errorFromResponse(info, response) };
  if (body.trim() === "" && spec.emptyBody !== undefined) return { ok: true, value: spec.emptyBody };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, error: unexpectedResponse(info, response, spec.expected) };
  }
  const parsed = spec.schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, error: unexpectedResponse(info, response, spec.expected, parsed.error.issues) };
}

/**
 * Throws InvalidRequestError, before any pacing or sending, when the body breaks its rules (limits
 * included) or the idempotency key is no valid header value: the server would refuse them with a 400,
 * a 413 or a 431, or undici would fail to send them and look like a network error.
 */
function refuseInvalid(info: RequestInfo, spec: RequestSpec<unknown>): void {
  const issues: z.core.$ZodIssue[] = [];
  if (spec.bodySchema !== undefined) {
    const parsed = spec.bodySchema.safeParse(spec.body);
    if (!parsed.success) {
      const rename = (segment: PropertyKey): PropertyKey =>
        typeof segment === "string" ? (spec.fieldNames?.[segment] ?? segment) : segment;
      issues.push(
        ...parsed.error.issues.map((issue) => ({
          ...issue,
          path: issue.path.length === 0 ? [] : [rename(issue.path[0]!), ...issue.path.slice(1)],
        })),
      );
    }
  }
  if (spec.idempotencyKey !== undefined) {
    const parsed = idempotencyKeySchema.safeParse(spec.idempotencyKey);
    if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: ["idempotencyKey"] })));
  }
  if (issues.length > 0) throw invalidRequest(info, issues);
}

/**
 * What the server answered, with the key redacted from every header name and value and from the body:
 * the one place where server-sent values enter the client, so nothing derived from them (an error's
 * message, request id, body or code, an `onRetry` reason) can carry the key, even when a server or a
 * proxy echoes the Authorization header. Network failures go through `ApiKey.redactError` instead.
 */
function fromServer(apiKey: ApiKey, status: number, headers: HeaderMap, body: string, attempt: number): ResponseInfo {
  return { status, headers: apiKey.redactHeaders(headers), body: apiKey.redact(body), attempt, now: Date.now() };
}

function requestHeaders(conn: Connection, workspaceId: string | undefined, spec: RequestSpec<unknown>): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: conn.apiKey.authorizationHeader(),
    accept: "application/json",
    "user-agent": conn.options.userAgent,
  };
  if (spec.body !== undefined) headers["content-type"] = "application/json";
  if (workspaceId !== undefined) headers["x-workspace-id"] = workspaceId;
  if (spec.idempotencyKey !== undefined) headers["idempotency-key"] = spec.idempotencyKey;
  return headers;
}

function assertOpen(conn: Connection, request: string): void {
  if (conn.closed) {
    throw new ConnectionError(`This SendMailOS client was closed before ${request}; create a new client.`, {
      code: "CLIENT_CLOSED",
      request,
      timeout: false,
    });
  }
}

function report(conn: Connection, event: RetryEvent): void {
  try {
    conn.onRetry?.(event);
  } catch {
    // A failing logger must not fail the request.
  }
}
