/** Reading request bodies (within the limits of `request-limits.ts`) and writing replies. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorCodes } from "../sdk/wire";
import type { ErrorCode, Reply } from "./reply";
import { jsonDepthExceeds, maxBodyBytes, maxJsonDepth } from "./request-limits";

/**
 * A request body that could not be read as JSON, with the reason to send back. `early` marks the
 * refusals (too large, too deep) that are answered before anything else looks at the request.
 */
export class BodyError extends Error {
  /**
   * @param message `body: ...`, naming the limit
   * @param status 413 for size, 400 otherwise
   * @param code the API's error code
   * @param early answered before authentication, faults or routing
   */
  constructor(
    message: string,
    readonly status: 400 | 413,
    readonly code: ErrorCode,
    readonly early: boolean,
  ) {
    super(message);
  }
}

/**
 * Reads the whole body; resolves `undefined` for an empty one. Rejects with {@link BodyError}: 413
 * beyond `maxBodyBytes` (declared or counted), 400 for JSON nested deeper than `maxJsonDepth` or not
 * JSON at all. A body refused for its size is left to drain, not cut off, so the client reads the 413
 * instead of a connection reset.
 */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const tooLarge = (size: string) =>
    new BodyError(`body: ${size}; at most ${maxBodyBytes} bytes are allowed`, 413, errorCodes.payloadTooLarge, true);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBodyBytes) {
    req.resume();
    return Promise.reject(tooLarge(`${declared} bytes declared`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      req.off("end", onEnd);
      req.resume(); // drain and discard the rest
      reject(tooLarge("larger than that"));
    };
    const onEnd = () => {
      try {
        resolve(parseBody(Buffer.concat(chunks).toString("utf8")));
      } catch (err) {
        reject(err);
      }
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  if (jsonDepthExceeds(text, maxJsonDepth)) {
    throw new BodyError(`body: nested deeper than ${maxJsonDepth} levels`, 400, errorCodes.invalid, true);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BodyError(`body: not valid JSON (${(err as Error).message})`, 400, errorCodes.invalid, false);
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
