import { strict as assert } from "node:assert";
import { domainToUnicode } from "node:url";
import fc from "fast-check";
import { normalizeDomainName } from "../../../provider/domain/domain-name";

/** The issue's rule, written independently: equal to the input up to case, one trailing dot and IDNA mapping. */
function sameUpToDocumentedChanges(input: string, normalized: string): boolean {
  const withoutDot = input.endsWith(".") ? input.slice(0, -1) : input;
  if (/^[\x00-\x7f]*$/.test(withoutDot)) return normalized === withoutDot.toLowerCase();
  const inputLabels = withoutDot.split(/[.\u3002\uff0e\uff61]/u);
  const labels = normalized.split(".");
  return (
    inputLabels.length === labels.length &&
    labels.every(
      (label, i) => label === inputLabels[i]!.toLowerCase() || domainToUnicode(label) === inputLabels[i]!.normalize("NFKC").toLowerCase(),
    )
  );
}

describe("normalizeDomainName", () => {
  describe("when the name is usable", () => {
    const cases: [string, string][] = [
      ["Acme.COM.", "acme.com"],
      ["bücher.de", "xn--bcher-kva.de"],
      ["BÜCHER.de", "xn--bcher-kva.de"],
      ["xn--bcher-kva.de", "xn--bcher-kva.de"],
      ["a-b.c-d.co.uk", "a-b.c-d.co.uk"],
      ["ａｃｍｅ．ｃｏｍ", "acme.com"],
    ];
    for (const [input, expected] of cases) {
      it(`normalizes ${JSON.stringify(input)} to ${expected}`, () => {
        assert.deepEqual(normalizeDomainName(input), { ok: true, value: expected });
      });
    }
  });

  describe("when the name cannot be registered", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["acme .com", /space at position 5/],
      ["  mail.acme.com ", /space at position 1/],
      ["https://acme.com/", /URL/],
      ["acme.com/path", /"\/" at position 9/],
      ["postmaster@acme.com", /email address \("@" at position 11\)/],
      ["192.0.2.1", /IP address/],
      ["[2001:db8::1]", /"\[" at position 1/],
      ["*.acme.com", /wildcard \("\*" at position 1\)/],
      ["localhost", /single label/],
      ["acme..com", /empty label/],
      ["acme.com..", /empty label/],
      ["-acme.com", /invalid label/],
      [`${"a".repeat(64)}.com`, /at most 63/],
      [`${"abcdefghi.".repeat(26)}com`, /at most 253/],
      ["acme.123", /numeric label/],
      ["acme.com:25", /":" at position 9/],
      // A URL-host parser would silently turn each of these into another domain.
      ["acme.com?x=evil.com", /"\?" at position 9/],
      ["acme.com#evil.com", /"#" at position 9/],
      ["acme.com\\evil.com", /"\\" at position 9/],
      ["ac%41me.com", /"%" at position 3; percent-escapes are not decoded/],
      ["0x7f.1", /numeric label/],
      ["1.2.3", /numeric label/],
      ["acme.0x10", /not a valid internationalized domain name/],
      ["ac\u00adme.com", /invisible or control character \\u00ad \(U\+00AD\) at position 3/],
      ["ac\u200bme.com", /U\+200B\) at position 3/],
      ["acme.com\r\nX-Injected: 1", /U\+000D\) at position 9/],
      ["acme\u0000.com", /U\+0000\) at position 5/],
      ["\u202emoc.emca", /U\+202E\) at position 1/],
      ["acme.com\t", /U\+0009\) at position 9/],
      ["acme_mail.com", /"_" at position 5/],
      ["xn--zz.com", /not a valid internationalized/],
      // Node 24 passes these through domainToASCII unchanged; Node 20 refuses them: refused on both.
      ["xn--a.com", /not a valid internationalized/],
      ["xn--.com", /not a valid internationalized/],
      ["mail.xn--zz", /not a valid internationalized/],
    ];
    for (const [input, reason] of cases) {
      it(`rejects ${JSON.stringify(input.length > 40 ? `${input.slice(0, 20)}...` : input)} with a reason`, () => {
        const result = normalizeDomainName(input);
        assert.equal(result.ok, false, JSON.stringify(result));
        if (!result.ok) assert.match(result.reason, reason);
      });
    }

    it("never repeats a raw control character or more than 80 characters of the input", () => {
      for (const input of ["acme.com\r\n", "\u0000", `${"x".repeat(5000)}?.com`, "\u001b[31mred.com"]) {
        const result = normalizeDomainName(input);
        assert.equal(result.ok, false);
        if (!result.ok) {
          assert.doesNotMatch(result.reason, /[\u0000-\u001f\u007f]/);
          assert.ok(result.reason.length < 400, result.reason);
        }
      }
    });
  });

  describe("for any input (property)", () => {
    const domainish = fc.string({
      unit: fc.oneof(
        fc.constantFrom(..."abcXYZ019-.".split("")),
        fc.constantFrom(
          "?",
          "#",
          "\\",
          "/",
          "%",
          "@",
          ":",
          "*",
          " ",
          "\t",
          "\r",
          "\n",
          "\u0000",
          "\u00ad",
          "\u200b",
          "\u202e",
          "。",
          "．",
          "ü",
          "ß",
          "İ",
          "ａ",
          "_",
        ),
      ),
      maxLength: 40,
    });

    it("an accepted name equals the input up to case, one trailing dot and IDNA mapping", () => {
      fc.assert(
        fc.property(fc.oneof(domainish, fc.string({ unit: "grapheme", maxLength: 30 }), fc.domain()), (input) => {
          const result = normalizeDomainName(input);
          if (result.ok) assert.ok(sameUpToDocumentedChanges(input, result.value), `${JSON.stringify(input)} -> ${result.value}`);
        }),
        { numRuns: 5000 },
      );
    });

    it("accepts every generated valid domain, unchanged up to case", () => {
      fc.assert(
        fc.property(fc.domain(), (input) => {
          const result = normalizeDomainName(input);
          if (!/\.[0-9]+$/.test(input) && input.includes(".")) assert.deepEqual(result, { ok: true, value: input.toLowerCase() });
        }),
        { numRuns: 2000 },
      );
    });

    it("names the position of the first forbidden ASCII character", () => {
      fc.assert(
        fc.property(fc.domain(), fc.constantFrom("?", "#", "\\", "/", "%", "@", ":", "*"), fc.nat(), (domain, bad, at) => {
          const position = at % (domain.length + 1);
          const input = domain.slice(0, position) + bad + domain.slice(position);
          const result = normalizeDomainName(input);
          assert.equal(result.ok, false);
          if (!result.ok && bad !== "@" && bad !== "*") assert.match(result.reason, new RegExp(`position ${position + 1}\\b`));
        }),
        { numRuns: 1000 },
      );
    });
  });
});
