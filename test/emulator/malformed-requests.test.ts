import assert from "node:assert/strict";
import { api, rawRequest, useEmulator, type RawExchange } from "./helpers";

/** The API's error shape, keys in this order, nothing else. */
function assertApiError(response: RawExchange, status: number, code: string, error: RegExp): void {
  assert.equal(response.status, status, response.raw.slice(0, 300));
  assert.match(response.headers["content-type"] ?? "", /^application\/json/);
  assert.deepEqual(Object.keys(response.json ?? {}), ["success", "error", "code"]);
  assert.equal(response.json.success, false);
  assert.equal(response.json.code, code);
  assert.match(response.json.error, error);
}

describe("emulator and requests Node's HTTP parser refuses", () => {
  const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });
  const auth = () => `Authorization: Bearer ${emulator.current.apiKey}\r\n`;

  const cases: { when: string; request: () => string; status: number; code: string; error: RegExp }[] = [
    {
      when: "a header name holds a space",
      request: () => `GET /api/v1/domains HTTP/1.1\r\nHost: x\r\n${auth()}Bad Header: 1\r\n\r\n`,
      status: 400,
      code: "MALFORMED_REQUEST",
      error: /invalid character in a header name or value/,
    },
    {
      when: "a header value holds a control byte",
      request: () => `GET /api/v1/domains HTTP/1.1\r\nHost: x\r\n${auth()}X-Workspace-Id: ws_\u0001\r\n\r\n`,
      status: 400,
      code: "MALFORMED_REQUEST",
      error: /invalid character in a header name or value/,
    },
    {
      when: "the request has two Content-Lengths",
      request: () => `POST /api/v1/domains HTTP/1.1\r\nHost: x\r\n${auth()}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      status: 400,
      code: "MALFORMED_REQUEST",
      error: /Content-Length/,
    },
    {
      when: "the request has Content-Length and Transfer-Encoding",
      request: () =>
        `POST /api/v1/domains HTTP/1.1\r\nHost: x\r\n${auth()}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      status: 400,
      code: "MALFORMED_REQUEST",
      error: /Transfer-Encoding/,
    },
    {
      when: "the method is unknown",
      request: () => `FETCH /api/v1/domains HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`,
      status: 501,
      code: "NOT_IMPLEMENTED",
      error: /Unknown HTTP method/,
    },
    {
      when: "the HTTP version is unknown",
      request: () => `GET /api/v1/domains HTTP/9.9\r\nHost: x\r\n${auth()}\r\n`,
      status: 505,
      code: "MALFORMED_REQUEST",
      error: /HTTP version not supported/,
    },
    {
      when: "the URL is 64 KB long",
      request: () => `GET /api/v1/domains?${"q".repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`,
      status: 414,
      code: "URI_TOO_LONG",
      error: /URL too long: \d+ characters; at most 8192/,
    },
    {
      when: "the headers exceed even the parser's limit (200 KB)",
      request: () => `GET /api/v1/domains HTTP/1.1\r\nHost: x\r\n${auth()}X-Big: ${"b".repeat(200 * 1024)}\r\n\r\n`,
      status: 431,
      code: "HEADERS_TOO_LARGE",
      error: /too large/,
    },
    {
      when: "the request target is not a valid URL",
      request: () => `GET http://[ HTTP/1.1\r\nHost: x\r\n${auth()}\r\n`,
      status: 400,
      code: "MALFORMED_REQUEST",
      error: /not a valid URL path/,
    },
  ];
  for (const { when, request, status, code, error } of cases) {
    it(`answers ${status} ${code} in the API's shape when ${when}`, async () => {
      assertApiError(await rawRequest(emulator.current, request()), status, code, error);
    });
  }

  it("keeps serving afterwards, and counts what it refused", async () => {
    emulator.current.resetStats();
    await rawRequest(emulator.current, `FETCH / HTTP/1.1\r\nHost: x\r\n\r\n`);
    const list = await api(emulator.current, "GET", "/domains");
    assert.equal(list.status, 200);
    const stats = emulator.current.stats();
    assert.equal(stats.requests["(malformed) request"], 1);
    assert.equal(stats.statuses["501"], 1);
  });
});
