import { strict as assert } from "node:assert";
import { describeKind, displayText, displayValue, escapeControls } from "../../sdk/display";

describe("display: repeating values in messages safely", () => {
  it("escapes controls, escape sequences, bidi overrides and invisible characters", () => {
    assert.equal(escapeControls("a\r\nb\u0000c\u001b[31m\u202ed\u200be\u00adf"), "a\\r\\nb\\0c\\u001b[31m\\u202ed\\u200be\\u00adf");
  });

  it("quotes text, escaping quotes and backslashes before controls (no double escaping)", () => {
    assert.equal(displayText('say "hi"\\\n'), '"say \\"hi\\"\\\\\\n"');
  });

  it("cuts long text to 80 characters and says how long it was", () => {
    const shown = displayText("x".repeat(1_500_000));
    assert.equal(shown, `"${"x".repeat(80)}…" (1500000 characters)`);
  });

  it("counts characters, not UTF-16 units, and never splits a surrogate pair", () => {
    assert.equal(displayText("😀".repeat(100), 3), '"😀😀😀…" (100 characters)');
  });

  it("renders other values shortly", () => {
    assert.equal(displayValue(3), "3");
    assert.equal(displayValue(null), "null");
    assert.equal(displayValue(undefined), "nothing");
    assert.equal(displayValue({ a: "\r" }), '{"a":"\\r"}');
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    assert.equal(displayValue(cyclic), "a object");
    assert.match(displayValue(Array.from({ length: 1000 }, () => "x")), /… \(\d+ characters\)$/);
  });

  it("names kinds of values", () => {
    assert.deepEqual([null, undefined, [], {}, 1, "s"].map(describeKind), ["null", "nothing", "a list", "a map", "a number", "a string"]);
  });
});
