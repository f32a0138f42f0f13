import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { SendMailOSClient } from "../../sdk/client";
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
} from "../../sdk/errors";
import type { RetryEvent } from "../../sdk/options";
import { SECRET_KEY, assertNoSecret, fastClient, rejection } from "./fixtures/clients";
import { type FakeServer, type RecordedRequest, type Step, startFakeServer } from "./fixtures/fake-server";

/** Every response header a client might keep or read, each set to the request's Authorization value. */
function echoedHeaders(req: RecordedRequest): Record<string, string> {
  const auth = String(req.headers.authorization);
  const key = auth.replace(/^Bearer /, "");
  return {
    "x-request-id": auth,
    "request-id": key,
    "retry-after": auth,
    "x-ratelimit-limit": key,
    "x-ratelimit-remaining": key,
    "x-ratelimit-reset": key,
    "www-authenticate": `Bearer realm="${auth}"`,
    location: `https://elsewhere.example/?key=${encodeURIComponent(key)}`,
    "x-echo": auth,
  };
}

/** A careless server or proxy: the key in every header, and in every field of the body. */
const echo =
  (status: number, extra: Record<string, unknown> = {}) =>
  (req: RecordedRequest): Step => {
    const auth = String(req.headers.authorization);
    return {
      status,
      headers: echoedHeaders(req),
      body: { success: false, error: `bad auth ${auth}`, message: `you sent ${auth}`, code: `E_${auth}`, ...extra },
    };
  };

/** An empty list, also echoing the key in every header (what the assumed-endpoint fallbacks read). */
const echoList = (req: RecordedRequest): Step => ({ status: 200, headers: echoedHeaders(req), body: { success: true, domains: [] } });

describe("SendMailOSClient and the API key (against a fake server)", () => {
  let server: FakeServer;
  let client: SendMailOSClient;
  let events: RetryEvent[];
  beforeEach(async () => {
    events = [];
    server = await startFakeServer();
    client = clientWithTimeout(2_000);
  });
  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  /**
   * A client of the fake server whose requests time out after `timeoutMs`. Short only where a request hangs on
   * purpose: elsewhere a busy machine's slow answer would turn into a timeout and change the error under test.
   */
  function clientWithTimeout(timeoutMs: number): SendMailOSClient {
    return fastClient(server.baseUrl, {
      timeoutMs,
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
      onRetry: (e) => events.push(e),
    });
  }

  it("keeps the key out of util.inspect and JSON of the client (and derived clients)", async () => {
    await client.listDomains(); // the pool now holds a connection
    assertNoSecret(client);
    assertNoSecret(client.withWorkspace("ws_1"));
    assert.ok(!inspect(client, { showHidden: true, depth: Infinity }).includes("TOPSECRET"));
  });

  describe("in errors, when the server echoes the key in every header and in the body", () => {
    const GET_LIST = "GET /api/v1/domains";
    const cases: {
      label: string;
      type: new (...args: never[]) => SendMailOSError;
      serve: (req: RecordedRequest) => Step;
      call: (c: SendMailOSClient) => Promise<unknown>;
      /** A request timeout for this case only (the case hangs on purpose). */
      timeoutMs?: number;
    }[] = [
      { label: "401", type: AuthenticationError, serve: echo(401), call: (c) => c.listDomains() },
      { label: "403", type: PermissionError, serve: echo(403), call: (c) => c.withWorkspace("ws_9").listDomains() },
      {
        label: "404 on DELETE, confirmed by the list",
        type: NotFoundError,
        serve: (req) => (`${req.method} ${req.path}` === GET_LIST ? echoList(req) : echo(404)(req)),
        call: (c) => c.deleteDomain("d1"),
      },
      { label: "409", type: ConflictError, serve: echo(409), call: (c) => c.createDomain({ domain: "a.example" }) },
      { label: "400", type: InvalidRequestError, serve: echo(400), call: (c) => c.listDomains() },
      { label: "413", type: InvalidRequestError, serve: echo(413), call: (c) => c.createDomain({ domain: "a.example" }) },
      { label: "431", type: InvalidRequestError, serve: echo(431), call: (c) => c.listDomains() },
      { label: "429, retried", type: RateLimitError, serve: echo(429), call: (c) => c.listDomains() },
      { label: "500, retried", type: ServerError, serve: echo(500), call: (c) => c.listDomains() },
      {
        label: "200 of the wrong shape",
        type: UnexpectedResponseError,
        serve: (req) => ({ ...echo(200)(req), status: 200 }),
        call: (c) => c.listDomains(),
      },
      { label: "404 on a documented endpoint", type: UnexpectedResponseError, serve: echo(404), call: (c) => c.listDomains() },
      { label: "302", type: UnexpectedResponseError, serve: echo(302), call: (c) => c.listDomains() },
      { label: "405 on PATCH", type: UnsupportedEndpointError, serve: echo(405), call: (c) => c.updateDomain("d1", { externalId: "x" }) },
      {
        label: "404 on PATCH for a listed domain",
        type: UnsupportedEndpointError,
        serve: (req) =>
          `${req.method} ${req.path}` === GET_LIST
            ? {
                status: 200,
                headers: echoedHeaders(req),
                body: {
                  success: true,
                  domains: [
                    { id: "d1", domain_name: "a.example", status: "pending", dkim_tokens: ["t"], created_at: "2024-01-01T00:00:00Z" },
                  ],
                },
              }
            : echo(404)(req),
        call: (c) => c.updateDomain("d1", { externalId: "x" }),
      },
      { label: "reset", type: ConnectionError, serve: () => ({ reset: true }), call: (c) => c.listDomains() },
      { label: "timeout", type: ConnectionError, serve: () => ({ hang: true }), call: (c) => c.listDomains(), timeoutMs: 300 },
    ];
    for (const { label, type, serve, call, timeoutMs } of cases) {
      it(`redacts it from ${type.name} (${label}): message, stack, every property, cause, inspect, JSON`, async () => {
        server.handle(serve);
        const c = timeoutMs === undefined ? client : clientWithTimeout(timeoutMs);
        const error = await rejection(call(c), type).finally(() => (c === client ? undefined : c.close()));
        assertNoSecret(error);
        if (!(error instanceof ConnectionError)) {
          assert.match(error.responseBody ?? "", /\[REDACTED\]/, "the body is kept, redacted");
          assert.match(error.requestId ?? "", /\[REDACTED\]/, "the request id is kept, redacted");
        }
        assertNoSecret(events);
      });
    }
  });

  describe("in onRetry events, when the server echoes the key", () => {
    it("keeps it out of retry events (5xx and 429), whose reason quotes the server", async () => {
      server.handle((req) => echo(events.length % 2 === 0 ? 503 : 429)(req));
      await rejection(client.listDomains(), SendMailOSError);
      const retries = events.filter((e) => e.kind === "retry");
      assert.ok(retries.length > 0);
      assert.ok(
        retries.some((e) => /REDACTED/.test(e.reason)),
        "the server's words are reported, redacted",
      );
      assertNoSecret(events);
    });

    it("keeps it out of pacing events, while the echoed rate-limit headers steer nothing", async () => {
      const paced = fastClient(server.baseUrl, { rateLimits: { read: 1, windowMs: 150 }, onRetry: (e) => events.push(e) });
      try {
        server.handle(echoList);
        await Promise.all([paced.listDomains(), paced.listDomains(), paced.listDomains()]);
        assert.ok(
          events.some((e) => e.kind === "pacing"),
          "the second and third list waited for a slot",
        );
        assertNoSecret(events);
      } finally {
        await paced.close();
      }
    });
  });

  describe("in other spellings of the key", () => {
    const key = "sk_test_a/b+c=TOPSECRET";
    it("redacts the key URL-encoded and JSON-escaped as well as verbatim", async () => {
      const c = new SendMailOSClient({ apiKey: key, baseUrl: server.baseUrl, rateLimits: false, retry: { maxAttempts: 1 } });
      try {
        server.handle(() => ({
          status: 400,
          headers: { "x-request-id": encodeURIComponent(key) },
          body: `{"success":false,"error":${JSON.stringify(`${key} ${encodeURIComponent(key)} ${JSON.stringify(key)}`)},"code":"X"}`,
        }));
        const error = await rejection(c.listDomains(), InvalidRequestError);
        for (const spelling of [key, encodeURIComponent(key)]) assertNoSecret(error, spelling);
      } finally {
        await c.close();
      }
    });
  });

  describe("in network errors whose cause quotes what the server sent", () => {
    let raw: Server;
    let port: number;
    before(async () => {
      // Not HTTP: undici's parser error keeps the bytes it choked on (`data`), which here hold the key.
      raw = createServer((socket) => {
        socket.once("data", (request) => {
          const auth = /authorization: ([^\r\n]+)/i.exec(request.toString("latin1"))?.[1] ?? "";
          socket.end(`HTTP/1.1 200 OK\r\nX-Echo: ${auth}\r\nContent-Length: nonsense ${auth}\r\n\r\n`);
        });
      });
      await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
      port = (raw.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => raw.close(() => resolve())));

    it("redacts it from the ConnectionError's cause", async () => {
      const c = fastClient(`http://127.0.0.1:${port}/api/v1`, { retry: { maxAttempts: 1 } });
      try {
        const error = await rejection(c.listDomains(), ConnectionError);
        assertNoSecret(error);
        assert.ok(error.cause !== undefined, "a cause is still there to debug with");
      } finally {
        await c.close();
      }
    });
  });

  it("sends the key only in the Authorization header", async () => {
    await client.createDomain({ domain: "a.example" });
    const req = server.requests[0]!;
    const others = Object.entries(req.headers).filter(([name]) => name !== "authorization");
    assert.ok(!JSON.stringify(others).includes(SECRET_KEY));
    assert.ok(!req.body.includes(SECRET_KEY));
  });
});
