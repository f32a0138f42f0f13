import { strict as assert } from "node:assert";
import { domainInputsSchema } from "../../../provider/domain/domain-schema";
import { checkInputs } from "../../../provider/schema/check-inputs";
import { unknownValue } from "../../../provider/runtime/unknown";

const check = (raw: Record<string, unknown>) => checkInputs(domainInputsSchema, raw);

/** The reason given for `property`, failing the test when there is none. */
function reasonFor(raw: Record<string, unknown>, property: string): string {
  const failure = check(raw).failures.find((f) => f.property === property);
  assert.ok(failure, `no failure for ${property}: ${JSON.stringify(check(raw).failures)}`);
  return failure.reason;
}

describe("the Domain input schema, through check", () => {
  it("normalizes the domain and applies defaults", () => {
    const { inputs, failures } = check({ domain: "Acme.COM." });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { domain: "acme.com", adoptExisting: false, deletionPolicy: "delete" });
  });

  it("keeps externalId, metadata and workspaceId when valid", () => {
    const raw = {
      domain: "acme.com",
      externalId: "client_1",
      metadata: { plan: "enterprise" },
      workspaceId: "ws_abc",
      adoptExisting: true,
      deletionPolicy: "retain",
    };
    assert.deepEqual(check(raw), { inputs: raw, failures: [] });
  });

  it("treats null as absent, as Pulumi does", () => {
    assert.deepEqual(check({ domain: "acme.com", externalId: null, metadata: null }).inputs, {
      domain: "acme.com",
      adoptExisting: false,
      deletionPolicy: "delete",
    });
  });

  it("names every bad property with its fix", () => {
    const { failures } = check({
      domain: "https://acme.com",
      externalId: "",
      metadata: { plan: 3, "": "x" },
      workspaceId: "acme",
      adoptExisting: "yes",
      deletionPolicy: "keep",
    });
    const reasons = failures.map((f) => `${f.property} => ${f.reason}`).join("\n");
    assert.match(reasons, /domain => domain "https:\/\/acme\.com" looks like a URL/);
    assert.match(reasons, /externalId => externalId is empty; give a value or leave externalId out/);
    assert.match(reasons, /metadata => metadata\.plan must be a string, got a number; quote it: "3"/);
    assert.match(reasons, /workspaceId => workspaceId must be ws_ followed by letters, digits, "_" or "-" \(such as ws_123\), got "acme"/);
    assert.match(reasons, /adoptExisting => adoptExisting must be true or false, got "yes"/);
    assert.match(reasons, /deletionPolicy => deletionPolicy must be "delete" or "retain", got "keep"/);
  });

  it("refuses an empty metadata key", () => {
    assert.match(reasonFor({ domain: "acme.com", metadata: { "": "x" } }, "metadata"), /metadata\[""\] key must not be empty/);
  });

  it("requires the domain", () => {
    assert.deepEqual(check({}).failures, [{ property: "domain", reason: 'domain is required: the sending domain, e.g. "acme.com"' }]);
  });

  it("refuses an unknown property and suggests the one meant", () => {
    assert.match(
      reasonFor({ domain: "acme.com", externalID: "c1" }, "externalID"),
      /"externalID" is not a known property; did you mean `externalId`\?/,
    );
    assert.match(reasonFor({ domain: "acme.com", delete_policy: "retain" }, "delete_policy"), /the known ones are `domain`, `externalId`/);
    assert.match(reasonFor({ domain: "acme.com", adopt_existing: true }, "adopt_existing"), /did you mean `adoptExisting`\?/);
  });

  it("lets values that are unknown during preview through untouched, validating the rest", () => {
    const { inputs, failures } = check({
      domain: unknownValue,
      metadata: { a: unknownValue, b: "x" },
      externalId: unknownValue,
      workspaceId: "ws_1",
    });
    assert.deepEqual(failures, []);
    assert.equal(inputs["domain"], unknownValue);
    assert.equal(inputs["externalId"], unknownValue);
    assert.deepEqual(inputs["metadata"], { a: unknownValue, b: "x" });
    assert.equal(inputs["workspaceId"], "ws_1");
    assert.equal(check({ domain: unknownValue, workspaceId: "nope" }).failures[0]?.property, "workspaceId");
  });

  describe("hint that fits a non-string metadata value", () => {
    const cases: [unknown, RegExp][] = [
      [3, /got a number; quote it: "3"/],
      [true, /got a boolean; quote it: "true"/],
      [null, /got null; give a string, or remove the key/],
      [["a", "b"], /got a list; metadata is flat: join the list into one string, e.g\. "a,b"/],
      [{ tier: "gold" }, /got a map; metadata is flat \(string to string\): use one key per value/],
    ];
    for (const [value, hint] of cases) {
      it(`for ${JSON.stringify(value)}`, () => {
        const reason = reasonFor({ domain: "acme.com", metadata: { plan: value } }, "metadata");
        assert.match(reason, hint);
        assert.doesNotMatch(reason, /\[object Object\]/);
      });
    }
  });

  describe("limits, checked at preview with the limit in the message", () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      [
        "a 1.5 MB externalId",
        { externalId: "x".repeat(1_500_000) },
        "externalId",
        /externalId is 1500000 characters long; at most 255 are allowed/,
      ],
      [
        "a 1.5 MB metadata value",
        { metadata: { blob: "x".repeat(1_500_000) } },
        "metadata",
        /metadata\.blob value is 1500000 characters long; at most 500 are allowed/,
      ],
      [
        "51 metadata keys",
        { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
        "metadata",
        /metadata has 51 keys; at most 50 are allowed/,
      ],
      ["a 41-character key", { metadata: { ["k".repeat(41)]: "v" } }, "metadata", /key is 41 characters long; at most 40 are allowed/],
      [
        "metadata over 8 KiB",
        { metadata: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, "é".repeat(400)])) },
        "metadata",
        /metadata is \d+ bytes long; at most 8192 are allowed as JSON/,
      ],
      [
        "a 20 KB workspaceId",
        { workspaceId: `ws_${"a".repeat(20_000)}` },
        "workspaceId",
        /workspaceId is 20003 characters long; at most 64 are allowed \(ws_ included\)/,
      ],
      ["a workspaceId with a newline", { workspaceId: "ws_a\nX-Evil: 1" }, "workspaceId", /must be ws_ followed by letters/],
      [
        "an externalId with CR LF",
        { externalId: "c1\r\nX-Evil: 1" },
        "externalId",
        /contains a control character \(U\+000D\) at position 3/,
      ],
      [
        "an externalId with a bidi override",
        { externalId: "c1\u202eevil" },
        "externalId",
        /bidirectional control character.*\(U\+202E\) at position 3/,
      ],
      [
        "a metadata key with NUL",
        { metadata: { "a\u0000b": "v" } },
        "metadata",
        /key contains a control character \(U\+0000\) at position 2/,
      ],
      [
        "a metadata value with an escape sequence",
        { metadata: { a: "\u001b[2J" } },
        "metadata",
        /value contains a control character \(U\+001B\) at position 1/,
      ],
    ];
    for (const [title, extra, property, reason] of cases) {
      it(`refuses ${title}`, () => assert.match(reasonFor({ domain: "acme.com", ...extra }, property), reason));
    }

    it("accepts values at the limits", () => {
      const raw = {
        domain: "acme.com",
        externalId: "x".repeat(255),
        metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(38, "0")}`, "v".repeat(100)])),
        workspaceId: `ws_${"a".repeat(61)}`,
      };
      assert.deepEqual(check(raw).failures, []);
    });

    it("refuses a __proto__ key instead of dropping it silently", () => {
      assert.match(
        reasonFor({ domain: "acme.com", metadata: JSON.parse('{"__proto__": "x", "a": "b"}') }, "metadata"),
        /__proto__.*reserved/,
      );
    });

    it("counts characters, not UTF-16 units: 255 emoji are within the limit", () => {
      assert.deepEqual(check({ domain: "acme.com", externalId: "😀".repeat(255) }).failures, []);
      assert.match(reasonFor({ domain: "acme.com", externalId: "😀".repeat(256) }, "externalId"), /is 256 characters long; at most 255/);
    });

    it("refuses invisible characters that make two ids look the same", () => {
      assert.match(
        reasonFor({ domain: "acme.com", externalId: "client\u200b1" }, "externalId"),
        /invisible character.*\(U\+200B\) at position 7/,
      );
    });

    it("keeps tabs and line breaks in metadata values (notes), nothing else of the kind", () => {
      assert.deepEqual(check({ domain: "acme.com", metadata: { note: "line one\n\tline two" } }).failures, []);
    });
  });

  describe("messages are safe to print", () => {
    it("escapes control characters and cuts long input in every reason", () => {
      const hostile = {
        domain: `\u001b[31m${"a".repeat(3000)}\r\n?`,
        externalId: `${"\u0000".repeat(10)}${"b".repeat(10_000)}`,
        evil_key: "\r\n".repeat(100),
      };
      const { failures } = check(hostile);
      assert.deepEqual([...new Set(failures.map((f) => f.property))].sort(), ["domain", "evil_key", "externalId"]);
      for (const text of failures.map((f) => f.reason)) {
        assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/, JSON.stringify(text));
        assert.ok(text.length < 500, `${text.length} characters: ${text.slice(0, 100)}`);
      }
      assert.match(failures.find((f) => f.property === "domain")!.reason, /…" \(3008 characters\)/);
    });
  });
});
