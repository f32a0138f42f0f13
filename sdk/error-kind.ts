/**
 * Which error a failed response is, decided from the status, SendMailOS's error body (or its absence)
 * and whether the endpoint is documented: no message text here (that is `error-factory.ts`), so the
 * decision can be read, and tested, as one table.
 */
import type { LooseErrorResponse } from "./wire";

/** The kinds of failed response, one per error message; several may share an error class. */
export type ResponseErrorKind =
  | "unsupported-endpoint"
  | "wrong-base-url"
  | "authentication"
  | "permission"
  | "not-found"
  | "conflict"
  | "body-too-large"
  | "headers-too-large"
  | "rate-limited"
  | "server"
  | "invalid-request"
  | "unexpected-status";

/**
 * The kind of a non-2xx response. Pure.
 *
 * | status | kind (error class) |
 * |---|---|
 * | 404 without SendMailOS's error body, 405, 501, on an assumed endpoint | unsupported-endpoint (UnsupportedEndpointError) |
 * | 404, 405 on a documented endpoint | wrong-base-url (UnexpectedResponseError) |
 * | 401 | authentication (AuthenticationError) |
 * | 403 | permission (PermissionError) |
 * | 404 with SendMailOS's error body, on an assumed endpoint | not-found (NotFoundError) |
 * | 409 | conflict (ConflictError) |
 * | 413 | body-too-large (InvalidRequestError) |
 * | 431 | headers-too-large (InvalidRequestError) |
 * | 429 | rate-limited (RateLimitError, retryable) |
 * | 5xx but 501 on an assumed endpoint | server (ServerError, retryable but 501) |
 * | other 4xx (400, 422, ...) | invalid-request (InvalidRequestError) |
 * | anything else | unexpected-status (UnexpectedResponseError) |
 *
 * @param errorBody the body parsed as SendMailOS's error body, `undefined` when it is not one
 * @param assumed whether SendMailOS leaves the endpoint undocumented (GET/PATCH/DELETE /domains/{id})
 */
export function classifyResponse(status: number, errorBody: LooseErrorResponse | undefined, assumed: boolean): ResponseErrorKind {
  if (assumed && (status === 405 || status === 501 || (status === 404 && errorBody === undefined))) return "unsupported-endpoint";
  // A documented collection endpoint cannot be "not found": the base URL is wrong.
  if (!assumed && (status === 404 || status === 405)) return "wrong-base-url";
  switch (status) {
    case 401:
      return "authentication";
    case 403:
      return "permission";
    case 404:
      return "not-found";
    case 409:
      return "conflict";
    case 413:
      return "body-too-large";
    case 431:
      return "headers-too-large";
    case 429:
      return "rate-limited";
  }
  if (status >= 500 && status <= 599) return "server";
  if (status >= 400 && status <= 499) return "invalid-request";
  return "unexpected-status";
}
