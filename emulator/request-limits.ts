/**
 * The emulator's transport limits, checked before anything else looks at a request, and answered in
 * the API's error shape with the status a client can act on: 414 for a long URL, 431 for large
 * headers, 413 for a large body, 400 for a body nested deeper than any API document. These are the
 * server's limits, generous next to what a valid request needs; the limits on the fields themselves
 * (external_id, metadata, ...) are `sdk/limits.ts`, enforced by the request schemas.
 */
import type { IncomingMessage } from "node:http";
import { errorCodes } from "../sdk/wire";
import { errorReply, type Reply } from "./reply";

/** Longest request target (path and query), in characters: nginx's and most proxies' 8 KiB. */
export const maxUrlLength = 8 * 1024;
/** Largest header section (names, values, separators), in bytes: Node's own default limit. */
export const maxHeaderBytes = 16 * 1024;
/**
 * What Node's HTTP parser accepts before it gives up (request line included): above the limits above,
 * so that a long URL and large headers reach {@link refuseOversized} and get their own status; beyond
 * it the parser's "header overflow" is answered 431 by `malformed-requests.ts`.
 */
export const parserMaxHeaderSize = 128 * 1024;
/** Largest request body, in bytes: no valid domain request comes close (metadata is at most 8 KiB). */
export const maxBodyBytes = 1024 * 1024;
/** Deepest JSON nesting accepted: the API's documents nest two levels (body, metadata). */
export const maxJsonDepth = 32;

/** The 414 or 431 for a request whose URL or headers exceed the limits, or `undefined`. */
export function refuseOversized(req: IncomingMessage): Reply | undefined {
  const url = req.url ?? "";
  if (url.length > maxUrlLength) {
    return errorReply(414, errorCodes.uriTooLong, `URL too long: ${url.length} characters; at most ${maxUrlLength} are allowed`);
  }
  let headerBytes = 0;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    // `Name: value\r\n`
    headerBytes += Buffer.byteLength(req.rawHeaders[i] ?? "", "latin1") + Buffer.byteLength(req.rawHeaders[i + 1] ?? "", "latin1") + 4;
  }
  if (headerBytes > maxHeaderBytes) {
    return errorReply(
      431,
      errorCodes.headersTooLarge,
      `Request headers too large: ${headerBytes} bytes; at most ${maxHeaderBytes} are allowed (check X-Workspace-Id and other long values)`,
    );
  }
  return undefined;
}

/**
 * How deep `text`, a JSON document, nests arrays and objects, counting only up to `max + 1`: a scan,
 * not a recursion, so a hostile document cannot overflow the stack before it is refused. Pure.
 */
export function jsonDepthExceeds(text: string, max = maxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
