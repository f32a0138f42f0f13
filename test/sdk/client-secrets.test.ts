import assert from "node:assert/strict";
import { inspect } from "node:util";
import type { SendMailOSClient } from "../../sdk/client";
import {
  AuthenticationError,
  ConnectionError,
  InvalidRequestError,
  type SendMailOSError,
  ServerError,
  UnexpectedResponseError,
} from "../../sdk/errors";
import type { RetryEvent } from "../../sdk/options";
import { SECRET_KEY, assertNoSecret, fastClient, rejection } from "./fixtures/clients";
import { type FakeServer, type RecordedRequest, startFakeServer } from "./fixtures/fake-server";

/** A server that echoes the request's Authorization header back, as a careless proxy might. */
const echo = (status: number) => (req: RecordedRequest) => ({
  status,
  body: { success: false, error: `bad auth ${String(req.headers.authorization)}`, code: "X" },
});

describe("SendMailOSClient and the API key (against a fake server)", () => {
  let server: FakeServer;
  let client: SendMailOSClient;
  const events: RetryEvent[] = [];
  beforeEach(async () => {
    server = await startFakeServer();
    client = fastClient(server.baseUrl, { timeoutMs: 150, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, onRetry: (e) => events.push(e) });
  });
  afterEach(async () => {
    await client.close();
    await server.stop();
  });

  it("keeps the key out of util.inspect and JSON of the client (and derived clients)", async () => {
    await client.listDomains(); // the pool now holds a connection
    assertNoSecret(client);
    assertNoSecret(client.withWorkspace("ws_1"));
    assert.ok(!inspect(client, { showHidden: true, depth: Infinity }).includes("TOPSECRET"));
  });

  describe("in errors, even when the server echoes the key", () => {
    const cases: [string, number | "reset" | "hang" | "shape", new (...args: never[]) => SendMailOSError][] = [
      ["401", 401, AuthenticationError],
      ["400", 400, InvalidRequestError],
      ["500", 500, ServerError],
      ["wrong shape", "shape", UnexpectedResponseError],
      ["reset", "reset", ConnectionError],
      ["timeout", "hang", ConnectionError],
    ];
    for (const [label, kind, type] of cases) {
      it(`redacts it from ${type.name} (${label}): message, stack, properties, cause, inspect`, async () => {
        if (kind === "reset") server.handle(() => ({ reset: true }));
        else if (kind === "hang") server.handle(() => ({ hang: true }));
        else if (kind === "shape") server.handle((req) => ({ status: 200, body: { success: true, echo: req.headers.authorization } }));
        else server.handle(echo(kind));
        const error = await rejection(client.listDomains(), type);
        assertNoSecret(error);
        if (typeof kind === "number" || kind === "shape") assert.match(error.responseBody ?? "", /\[REDACTED\]/);
      });
    }
  });

  it("keeps the key out of onRetry events", async () => {
    server.handle(echo(503));
    await rejection(client.listDomains(), ServerError);
    assert.ok(events.length > 0);
    assertNoSecret(events);
  });

  it("sends the key only in the Authorization header", async () => {
    await client.createDomain({ domain: "a.example" });
    const req = server.requests[0]!;
    const others = Object.entries(req.headers).filter(([name]) => name !== "authorization");
    assert.ok(!JSON.stringify(others).includes(SECRET_KEY));
    assert.ok(!req.body.includes(SECRET_KEY));
  });
});
