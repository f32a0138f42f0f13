/**
 * Replies as values. Handlers return a {@link Reply} instead of writing to the socket, so the pipeline
 * can still decide, after the handler ran, to add headers or to turn the reply into an injected failure
 * ("commit then fail").
 */
import { errorCodes } from "../sdk/wire";

/** A response to send: status, JSON body (or `html` instead), extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  /** Sent as `text/html` instead of `body`: only to imitate a server that is not the API. */
  html?: string;
  headers?: Record<string, string>;
}

/** One of the error codes of `sdk/wire.ts`. */
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** An error reply in the API's shape: `{"success":false,"error":...,"code":...}` (+ `message`). */
export function errorReply(status: number, code: ErrorCode, error: string, message?: string): Reply {
  const body = message === undefined ? { success: false, error, code } : { success: false, error, message, code };
  return { status, body };
}
