import { strict as assert } from "node:assert";
import { normalizeDomainName } from "../../../provider/domain/domain-name";

describe("normalizeDomainName", () => {
  describe("when the name is usable", () => {
    const cases: [string, string][] = [
      ["Acme.COM.", "acme.com"],
      ["  mail.acme.com ", "mail.acme.com"],
      ["bücher.de", "xn--bcher-kva.de"],
      ["xn--bcher-kva.de", "xn--bcher-kva.de"],
      ["a-b.c-d.co.uk", "a-b.c-d.co.uk"],
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
      ["acme .com", /spaces/],
      ["https://acme.com/", /URL/],
      ["acme.com/path", /URL/],
      ["postmaster@acme.com", /email address/],
      ["192.0.2.1", /IP address/],
      ["[2001:db8::1]", /IP address/],
      ["*.acme.com", /wildcard/],
      ["localhost", /single label/],
      ["acme..com", /empty label/],
      ["-acme.com", /invalid label/],
      [`${"a".repeat(64)}.com`, /at most 63/],
      [`${"abcdefghi.".repeat(26)}com`, /at most 253/],
      ["acme.123", /numeric label/],
      ["acme.com:25", /port/],
    ];
    for (const [input, reason] of cases) {
      it(`rejects ${JSON.stringify(input.length > 40 ? `${input.slice(0, 20)}...` : input)} with a reason`, () => {
        const result = normalizeDomainName(input);
        assert.equal(result.ok, false);
        if (!result.ok) assert.match(result.reason, reason);
      });
    }
  });
});
