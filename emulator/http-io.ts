/**
 * Reading requests and writing replies. Handlers return a {@link Reply} value instead of writing to
 * the socket, so the pipeline can still decide, after the handler ran, to add headers or to turn the
 * reply into an injected failure ("commit then fail").
 */
import type { IncomingMessage, ServerResponse } from "node:http";
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

/** A request body that could not be read as JSON, with the reason to send back. */
export class BodyError extends Error {}

/** Bodies above this are refused: no legitimate domain request comes close. */
const maxBodyBytes = 1024 * 1024;

/** Reads the whole body; resolves `undefined` for an empty one. Rejects with {@link BodyError}. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new BodyError("body: larger than 1 MiB");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BodyError(`body: not valid JSON (${(err as Error).message})`);
  }
}

/** Writes a reply as JSON (or as HTML when it has `html`). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const payload = reply.html ?? JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": reply.html === undefined ? "application/json; charset=utf-8" : "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}
