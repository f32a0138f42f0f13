import assert from "node:assert/strict";
import { limits } from "../../sdk/limits";
import { jsonDepthExceeds, maxBodyBytes } from "../../emulator/request-limits";
import { api, createDomain, rawRequest, useEmulator } from "./helpers";

const label63 = "a".repeat(63);
/** A valid 253-character host name (four labels). */
const longestName = `${"a".repeat(61)}.${label63}.${label63}.${label63}`;
/** `n` metadata keys `k0`, `k1`, ... with `value`. */
const manyKeys = (n: number, value = "v") => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));

describe("emulator request limits", () => {
  const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });

  describe("on the fields of POST /api/v1/domains (sdk/limits.ts)", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        "the domain is longer than 253 characters",
        { domain: `a${longestName}` },
        /^domain: is 254 characters long; at most 253 are allowed \(without the trailing dot\)$/,
      ],
      [
        "a label is longer than 63 characters",
        { domain: `${"a".repeat(64)}.com` },
        /^domain: has a label that is 64 characters long; at most 63 are allowed$/,
      ],
      [
        "the domain holds a control character",
        { domain: "a\nb.example.com" },
        /^domain: contains a control character \(U\+000A\) at position 2; remove it$/,
      ],
      [
        "external_id is longer than 255 characters",
        { domain: "x.example.com", external_id: "e".repeat(256) },
        /^external_id: is 256 characters long; at most 255 are allowed$/,
      ],
      [
        "external_id holds a bidi override",
        { domain: "x.example.com", external_id: "abc\u202Edef" },
        /^external_id: contains a bidirectional control character.*\(U\+202E\) at position 4/,
      ],
      [
        "metadata has more than 50 keys",
        { domain: "x.example.com", metadata: manyKeys(51) },
        /^metadata: has 51 keys; at most 50 are allowed$/,
      ],
      [
        "a metadata key is longer than 40 characters",
        { domain: "x.example.com", metadata: { ["k".repeat(41)]: "v" } },
        /^metadata\["k{40}…" \(41 characters\)\]: key is 41 characters long; at most 40 are allowed$/,
      ],
      ["a metadata key is empty", { domain: "x.example.com", metadata: { "": "v" } }, /^metadata\[""\]: key must not be empty$/],
      [
        "a metadata key holds a line break",
        { domain: "x.example.com", metadata: { "a\nb": "v" } },
        /^metadata\["a\\nb"\]: key contains a control character \(U\+000A\) at position 2/,
      ],
      [
        "a metadata key is __proto__ (which zod would drop silently)",
        { domain: "x.example.com", metadata: JSON.parse('{"__proto__":"x"}') },
        /^metadata\.__proto__: key is reserved/,
      ],
      [
        "a metadata value is longer than 500 characters",
        { domain: "x.example.com", metadata: { plan: "p".repeat(501) } },
        /^metadata\.plan: value is 501 characters long; at most 500 are allowed$/,
      ],
      [
        "a metadata value holds a NUL",
        { domain: "x.example.com", metadata: { plan: "a\u0000" } },
        /^metadata\.plan: value contains a control character \(U\+0000\) at position 2; remove it \(tabs and line breaks are allowed\)$/,
      ],
      [
        "metadata is larger than 8 KiB as JSON",
        { domain: "x.example.com", metadata: manyKeys(20, "v".repeat(450)) },
        /^metadata: is \d+ bytes long; at most 8192 are allowed as JSON \(keys and values together\)$/,
      ],
    ];
    for (const [when, body, message] of cases) {
      it(`answers 400 VALIDATION_ERROR naming the field and the limit when ${when}`, async () => {
        const response = await api(emulator.current, "POST", "/domains", { body });
        assert.equal(response.status, 400, response.text);
        assert.deepEqual(Object.keys(response.json), ["success", "error", "code"]);
        assert.equal(response.json.code, "VALIDATION_ERROR");
        assert.match(response.json.error, message);
      });
    }

    it("accepts every field at its limit, counting characters as code points", async () => {
      const domain = await createDomain(emulator.current, longestName, {
        body: {
          external_id: "😀".repeat(limits.externalIdLength),
          metadata: { ...manyKeys(limits.metadataKeys - 1, "v"), ["k".repeat(limits.metadataKeyLength)]: "tab\tand\nline breaks" },
        },
      });
      assert.equal(domain.domain_name, longestName);
      assert.equal(domain.external_id, "😀".repeat(limits.externalIdLength));
      assert.equal(Object.keys(domain.metadata).length, limits.metadataKeys);
    });

    it("applies the same limits to PATCH /api/v1/domains/{id}", async () => {
      const created = await createDomain(emulator.current, "patch-limits.example.com");
      const response = await api(emulator.current, "PATCH", `/domains/${created.id}`, {
        body: { external_id: "e".repeat(256), metadata: manyKeys(51) },
      });
      assert.equal(response.status, 400);
      assert.match(
        response.json.error,
        /^external_id: is 256 characters long; at most 255 are allowed; metadata: has 51 keys; at most 50 are allowed$/,
      );
    });

    it("answers 400 for an Idempotency-Key longer than 255 characters", async () => {
      const response = await api(emulator.current, "POST", "/domains", {
        body: { domain: "idem-long.example.com" },
        headers: { "Idempotency-Key": "k".repeat(256) },
      });
      assert.equal(response.status, 400);
      assert.equal(response.json.error, "Idempotency-Key: must be 1 to 255 characters, got 256");
    });
  });

  describe("on X-Workspace-Id", () => {
    it("answers 400 naming the header and the limit for a 100-character workspace id", async () => {
      const response = await api(emulator.current, "GET", "/domains", { workspace: `ws_${"a".repeat(97)}` });
      assert.equal(response.status, 400);
      assert.equal(response.json.error, "X-Workspace-Id: is 100 characters long; at most 64 are allowed (ws_ included)");
    });

    it("answers 400 naming the pattern for a workspace id that is not ws_...", async () => {
      const response = await api(emulator.current, "GET", "/domains", { workspace: "acme" });
      assert.equal(response.status, 400);
      assert.match(response.json.error, /^X-Workspace-Id: must be ws_ followed by letters, digits/);
    });

    it("answers a 20 KB workspace id sent raw with the JSON 431", async () => {
      const response = await rawRequest(
        emulator.current,
        `GET /api/v1/domains HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${emulator.current.apiKey}\r\nX-Workspace-Id: ws_${"a".repeat(20 * 1024)}\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(response.status, 431, response.raw.slice(0, 200));
      assert.deepEqual(Object.keys(response.json), ["success", "error", "code"]);
      assert.equal(response.json.code, "HEADERS_TOO_LARGE");
      assert.match(response.json.error, /^Request headers too large: \d+ bytes; at most 16384 are allowed/);
    });
  });

  describe("on the body", () => {
    it("answers 413 in the API's shape to a 2 MB body, whose client reads it instead of a reset", async () => {
      const rawBody = JSON.stringify({ domain: "big.example.com", external_id: "e".repeat(2 * 1024 * 1024) });
      const response = await api(emulator.current, "POST", "/domains", { rawBody });
      assert.equal(response.status, 413);
      assert.deepEqual(response.json, {
        success: false,
        error: `body: ${Buffer.byteLength(rawBody)} bytes declared; at most ${maxBodyBytes} bytes are allowed`,
        code: "PAYLOAD_TOO_LARGE",
      });
    });

    it("answers 413 to a 2 MB chunked body (no Content-Length), counting as it reads", async () => {
      const chunk = "e".repeat(64 * 1024);
      const chunks = Array.from({ length: 32 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("");
      const response = await rawRequest(
        emulator.current,
        `POST /api/v1/domains HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${emulator.current.apiKey}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunks}0\r\n\r\n`,
      );
      assert.equal(response.status, 413, response.raw.slice(0, 200));
      assert.equal(response.json.code, "PAYLOAD_TOO_LARGE");
    });

    for (const [label, headers] of [
      ["with an Idempotency-Key (whose fingerprint used to overflow the stack: 500)", { "Idempotency-Key": "deep-1" }],
      ["without one", {}],
    ] as const) {
      it(`answers 400, not 500, to JSON nested 100000 levels deep ${label}`, async () => {
        const deep = `{"domain":"deep.example.com","metadata":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
        const response = await api(emulator.current, "POST", "/domains", { rawBody: deep, headers });
        assert.equal(response.status, 400, response.text.slice(0, 200));
        assert.deepEqual(response.json, { success: false, error: "body: nested deeper than 32 levels", code: "VALIDATION_ERROR" });
      });
    }

    it("refuses size and depth before anything else, authentication included", async () => {
      const response = await api(emulator.current, "POST", "/domains", { key: null, rawBody: `${"[".repeat(1000)}${"]".repeat(1000)}` });
      assert.equal(response.status, 400);
      assert.equal(response.json.error, "body: nested deeper than 32 levels");
    });
  });

  describe("jsonDepthExceeds", () => {
    it("counts arrays and objects, not brackets inside strings", () => {
      assert.equal(jsonDepthExceeds('{"a":[{"b":"[[[[["}]}', 3), false);
      assert.equal(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3), true);
      assert.equal(jsonDepthExceeds('{"a":"\\"[[[[","b":{}}', 2), false);
    });
  });
});
