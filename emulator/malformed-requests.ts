/**
 * Requests that Node's HTTP parser refuses (bad header bytes, two Content-Lengths, an unknown method,
 * a header section beyond the parser's limit, an unsupported HTTP version) never reach a handler; by
 * default Node answers some with a bare status line and drops others without a word. Here each gets
 * the API's JSON error body and the status that says what was wrong, written straight to the socket
 * because no response object exists for a request that was never parsed.
 */
import { STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import { errorCodes } from "../sdk/wire";
import { errorReply, type Reply } from "./reply";
import { parserMaxHeaderSize } from "./request-limits";

/** The reply to a request the parser refused with `code`; `undefined` when nobody is left to answer. */
export function malformedRequestReply(code: string | undefined): Reply | undefined {
  switch (code) {
    case "ECONNRESET":
    case "EPIPE":
      return undefined;
    case "HPE_HEADER_OVERFLOW":
      return errorReply(431, errorCodes.headersTooLarge, `Request line and headers too large: more than ${parserMaxHeaderSize} bytes`);
    case "HPE_INVALID_METHOD":
      return errorReply(501, errorCodes.notImplemented, "Unknown HTTP method; the API serves GET, POST, PATCH and DELETE");
    case "HPE_INVALID_VERSION":
      return errorReply(505, errorCodes.malformed, "HTTP version not supported; use HTTP/1.1");
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "HPE_HEADERS_TIMEOUT":
      return errorReply(408, errorCodes.requestTimeout, "The request was not received in time");
    case "HPE_UNEXPECTED_CONTENT_LENGTH":
    case "HPE_INVALID_TRANSFER_ENCODING":
    case "HPE_INVALID_CONTENT_LENGTH":
      return errorReply(
        400,
        errorCodes.malformed,
        `Malformed request: conflicting or invalid Content-Length / Transfer-Encoding (${code})`,
      );
    case "HPE_INVALID_HEADER_TOKEN":
      return errorReply(400, errorCodes.malformed, `Malformed request: invalid character in a header name or value (${code})`);
    default:
      return errorReply(400, errorCodes.malformed, `Malformed request (${code ?? "unknown parse error"})`);
  }
}

/** `reply` as a complete HTTP/1.1 response that closes the connection. Pure. */
export function rawHttpResponse(reply: Reply, requestId: string): string {
  const payload = JSON.stringify(reply.body);
  return (
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? "Error"}\r\n` +
    "Content-Type: application/json; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(payload)}\r\n` +
    `X-Request-Id: ${requestId}\r\n` +
    "Connection: close\r\n\r\n" +
    payload
  );
}

/**
 * Answers every request the parser refuses. `onAnswer` is told the status (for stats and the log).
 * @param newRequestId makes the `X-Request-Id` every response carries
 */
export function answerMalformedRequests(
  server: Server,
  newRequestId: () => string,
  onAnswer: (status: number, code: string) => void,
): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    const reply = malformedRequestReply(err.code);
    // A response already under way on this keep-alive connection cannot be followed by another.
    const responding = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (reply === undefined || !socket.writable || responding) {
      socket.destroy();
      return;
    }
    onAnswer(reply.status, err.code ?? "unknown");
    socket.end(rawHttpResponse(reply, newRequestId()));
  });
}
