import { strict as assert } from "node:assert";
import { checkInputs } from "../../../provider/schema/check-inputs";
import { isResolverAddress } from "../../../provider/schema/fields";
import {
  checkWaitSettings,
  effectiveMaxPollIntervalSeconds,
  verificationInputsSchema,
  type VerificationInputs,
} from "../../../provider/verification/verification-schema";

const check = (raw: Record<string, unknown>) => checkInputs(verificationInputsSchema, raw, { refine: checkWaitSettings });

describe("the DomainVerification input schema, through check", () => {
  it("fills in the documented defaults", () => {
    const { inputs, failures } = check({ domainId: "d-1" });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { domainId: "d-1", timeoutSeconds: 2700, pollIntervalSeconds: 5, dnsCheck: true });
    assert.equal(effectiveMaxPollIntervalSeconds(inputs as VerificationInputs), 60);
  });

  it("lets the cap follow a start interval above the default cap", () => {
    const { inputs, failures } = check({ domainId: "d-1", pollIntervalSeconds: 120 });
    assert.deepEqual(failures, []);
    assert.equal(effectiveMaxPollIntervalSeconds(inputs as VerificationInputs), 120);
  });

  it("names each bad property", () => {
    const { failures } = check({
      domainId: "",
      timeoutSeconds: -1,
      pollIntervalSeconds: "fast",
      dnsCheck: "yes",
      dnsResolvers: ["dns.google", "127.0.0.1:5353"],
    });
    assert.deepEqual([...new Set(failures.map((f) => f.property))].sort(), [
      "dnsCheck",
      "dnsResolvers",
      "domainId",
      "pollIntervalSeconds",
      "timeoutSeconds",
    ]);
    const reasons = failures.map((f) => f.reason).join("\n");
    assert.match(reasons, /dnsResolvers\[0\] entry "dns\.google" is not an IP address/);
    assert.match(reasons, /timeoutSeconds must be a number of seconds between 1 and 604800, got -1/);
    assert.match(reasons, /pollIntervalSeconds must be a number of seconds between 0\.1 and 3600, got "fast"/);
  });

  it("rejects a cap below the start interval", () => {
    assert.deepEqual(
      check({ domainId: "d", pollIntervalSeconds: 30, maxPollIntervalSeconds: 10 }).failures.map((f) => f.property),
      ["maxPollIntervalSeconds"],
    );
  });

  it("suggests the property meant by a typo", () => {
    assert.match(check({ domainId: "d", timeout_seconds: 30 }).failures[0]!.reason, /did you mean `timeoutSeconds`\?/);
    assert.match(check({ domainId: "d", pollInterval: 30 }).failures[0]!.reason, /not a known property/);
  });

  it("refuses NaN, Infinity and huge numbers as seconds", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1e308, 0]) {
      assert.equal(check({ domainId: "d", timeoutSeconds: bad }).failures[0]?.property, "timeoutSeconds", String(bad));
    }
  });
});

describe("isResolverAddress", () => {
  for (const ok of ["1.1.1.1", "127.0.0.1:5353", "::1", "[::1]:53"]) it(`accepts ${ok}`, () => assert.equal(isResolverAddress(ok), true));
  for (const bad of ["dns.google", "1.1.1.1:99999", "", "[1.2.3.4]:53", "1.1.1.1\n", "1.1.1.1:53\u0000"]) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(isResolverAddress(bad), false));
  }
});
