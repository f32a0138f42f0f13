import assert from "node:assert/strict";
import { printable } from "../../sdk/printable";

describe("printable", () => {
  it("quotes short text as JSON", () => assert.equal(printable('a "b"'), '"a \\"b\\""'));
  it("escapes every control character, C1 controls and bidi overrides", () => {
    const text = printable("a\r\n\u0000\u0085\u202e\u2066b");
    assert.equal(text, '"a\\r\\n\\u0000\\u0085\\u202e\\u2066b"');
    assert.ok(!/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text));
  });
  it("cuts long text and states its full length", () => {
    assert.equal(printable("x".repeat(1_500_000), 5), '"xxxxx…" (1500000 characters)');
  });
  it("prints a value that is not a string (from JavaScript callers) instead of failing", () => {
    assert.equal(printable(undefined as unknown as string), '"undefined"');
    assert.equal(printable(42 as unknown as string), '"42"');
  });
  it("keeps ordinary Unicode as it is", () => assert.equal(printable("bücher.example"), '"bücher.example"'));
});
