/**
 * The request limits of `sdk/limits.ts` on the client's side: a request beyond them is refused before
 * anything is sent, with a message naming the caller's field and the limit; what the server refuses
 * for its size (413, 431) is an InvalidRequestError, never a ConnectionError.
 */
import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import type { SendMailOSClient } from "../../sdk/client";
import { InvalidRequestError } from "../../sdk/errors";
import { limits } from "../../sdk/limits";
import { SECRET_KEY, assertNoSecret, fastClient, rejection } from "./fixtures/clients";
import { type FakeServer, startFakeServer } from "./fixtures/fake-server";

const manyKeys = (n: number, value = "v") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

describe("SendMailOSClient and the request limits", () => {
  describe("before sending (against a fake server that counts requests)", () => {
    let server: FakeServer;
    let client: SendMailOSClient;
    beforeEach(async () => {
      server = await startFakeServer();
      client = fastClient(server.baseUrl);
    });
    afterEach(async () => {
      await client.close();
      await server.stop();
    });

    const refusals: [string, () => Promise<unknown>, RegExp][] = [
      [
        "a 1.5 MB externalId",
        () => client.createDomain({ domain: "a.example", externalId: "e".repeat(1_500_000) }),
        /externalId: is 1500000 characters long; at most 255 are allowed/,
      ],
      [
        "a 1.5 MB metadata value",
        () => client.createDomain({ domain: "a.example", metadata: { plan: "p".repeat(1_500_000) } }),
        /metadata\.plan: value is 1500000 characters long; at most 500 are allowed/,
      ],
      [
        "51 metadata keys",
        () => client.createDomain({ domain: "a.example", metadata: manyKeys(51) }),
        /metadata: has 51 keys; at most 50 are allowed/,
      ],
      [
        "metadata above 8 KiB",
        () => client.createDomain({ domain: "a.example", metadata: manyKeys(20, "v".repeat(450)) }),
        /metadata: is \d+ bytes long; at most 8192 are allowed as JSON/,
      ],
      [
        "a 300-character domain",
        () => client.createDomain({ domain: `${"a".repeat(296)}.com` }),
        /domain: is 300 characters long; at most 253 are allowed/,
      ],
      [
        "a domain that is not a string (a JavaScript caller)",
        () => client.createDomain({ domain: 42 as unknown as string }),
        /domain: Invalid input: expected string, received number/,
      ],
      [
        "a domain with a line break",
        () => client.createDomain({ domain: "a.example\r\nX-Injected: 1" }),
        /domain: contains a control character \(U\+000D\) at position 10/,
      ],
      [
        "an externalId with a bidi override on update",
        () => client.updateDomain("d1", { externalId: "\u202Eabc" }),
        /externalId: contains a bidirectional control character/,
      ],
      [
        "51 metadata keys on update",
        () => client.updateDomain("d1", { metadata: manyKeys(51) }),
        /metadata: has 51 keys; at most 50 are allowed/,
      ],
      [
        "a 256-character idempotency key",
        () => client.createDomain({ domain: "a.example" }, { idempotencyKey: "k".repeat(256) }),
        /idempotencyKey: must be 1 to 255 characters, got 256/,
      ],
      [
        "an idempotency key with a line break (undici would fail to send it)",
        () => client.createDomain({ domain: "a.example" }, { idempotencyKey: "a\r\nb" }),
        /idempotencyKey: must be visible ASCII characters only/,
      ],
    ];
    for (const [what, call, message] of refusals) {
      it(`refuses ${what} with an InvalidRequestError naming the field and the limit, sending nothing`, async () => {
        const error = await rejection(call(), InvalidRequestError);
        assert.match(error.message, message);
        assert.match(error.message, /was not sent to SendMailOS \((POST|PATCH) \/api\/v1\/domains/);
        assert.match(error.message, /nothing was created or changed/);
        assert.equal(error.retryable, false);
        assert.equal(error.code, "VALIDATION_ERROR");
        assert.equal(error.attempts, 0);
        assert.ok(error.message.length < 600, `the message stays short: ${error.message.length} characters`);
        assert.ok(!/[\r\n\u202e]/.test(error.message), "user input is escaped in the message");
        assert.equal(server.requests.length, 0, "nothing was sent");
      });
    }

    it("names several problems at once, up to three, and counts the rest", async () => {
      const metadata = { ...manyKeys(51), ["k".repeat(41)]: "x", bad: "\u0000" };
      const error = await rejection(
        client.createDomain({ domain: "a.example", externalId: "e".repeat(256), metadata }),
        InvalidRequestError,
      );
      assert.match(
        error.message,
        /externalId: is 256 characters long.*; metadata: has 53 keys.*; metadata\["k{40}…" \(41 characters\)\]: key is 41 characters long.*; and 1 more\./,
      );
    });

    it("sends a request exactly at every limit", async () => {
      await client.createDomain(
        {
          domain: "a.example",
          externalId: "e".repeat(limits.externalIdLength),
          metadata: {
            ...manyKeys(limits.metadataKeys - 1),
            ["k".repeat(limits.metadataKeyLength)]: "v".repeat(limits.metadataValueLength),
          },
        },
        { idempotencyKey: "k".repeat(limits.idempotencyKeyLength) },
      );
      assert.equal(server.requests.length, 1);
    });
  });

  describe("against the emulator", () => {
    let emulator: RunningEmulator;
    const clients: SendMailOSClient[] = [];
    before(async () => {
      emulator = await startEmulator({
        apiKeys: [{ key: SECRET_KEY, workspaces: ["ws_default"] }],
        rateLimits: false,
        verification: { mode: "manual" },
      });
    });
    after(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await emulator.stop();
    });

    it("agrees with the emulator at every limit: what the client sends, the emulator accepts", async () => {
      const c = fastClient(emulator.baseUrl);
      clients.push(c);
      const { domain } = await c.createDomain({
        domain: `${"a".repeat(61)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}`,
        externalId: "😀".repeat(limits.externalIdLength),
        metadata: { ...manyKeys(limits.metadataKeys - 1, "v".repeat(150)), ["k".repeat(limits.metadataKeyLength)]: "line\nbreak" },
      });
      assert.equal(domain.externalId, "😀".repeat(limits.externalIdLength));
    });

    it("maps the emulator's 431 (a 20 KB User-Agent) to an InvalidRequestError, never a ConnectionError", async () => {
      const c = fastClient(emulator.baseUrl, { userAgent: "u".repeat(20 * 1024) });
      clients.push(c);
      const error = await rejection(c.listDomains(), InvalidRequestError);
      assert.equal(error.status, 431);
      assert.equal(error.code, "HEADERS_TOO_LARGE");
      assert.equal(error.attempts, 1, "not retried");
      assert.match(
        error.message,
        /refused the request headers as too large \(HTTP 431 on GET \/api\/v1\/domains: "Request headers too large/,
      );
      assertNoSecret(error);
    });
  });
});
