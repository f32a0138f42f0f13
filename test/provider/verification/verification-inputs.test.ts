import { strict as assert } from "node:assert";
import { checkVerificationInputs, isResolverAddress } from "../../../provider/verification/verification-inputs";

describe("checkVerificationInputs", () => {
  it("fills in the documented defaults", () => {
    const { inputs, failures } = checkVerificationInputs({ domainId: "d-1" });
    assert.deepEqual(failures, []);
    assert.equal(inputs.timeoutSeconds, 2700);
    assert.equal(inputs.pollIntervalSeconds, 5);
    assert.equal(inputs.maxPollIntervalSeconds, 60);
    assert.equal(inputs.dnsCheck, true);
  });

  it("raises the cap to a start interval above the default cap", () => {
    const { inputs, failures } = checkVerificationInputs({ domainId: "d-1", pollIntervalSeconds: 120 });
    assert.deepEqual(failures, []);
    assert.equal(inputs.maxPollIntervalSeconds, 120);
  });

  it("names each bad property", () => {
    const { failures } = checkVerificationInputs({
      domainId: "",
      timeoutSeconds: -1,
      pollIntervalSeconds: "fast",
      dnsCheck: "yes",
      dnsResolvers: ["dns.google", "127.0.0.1:5353"],
    });
    assert.deepEqual(
      failures.map((f) => f.property).sort(),
      ["dnsCheck", "dnsResolvers", "domainId", "pollIntervalSeconds", "timeoutSeconds"],
    );
    assert.match(failures.find((f) => f.property === "dnsResolvers")!.reason, /"dns\.google" is not an IP address/);
  });

  it("rejects a cap below the start interval", () => {
    const { failures } = checkVerificationInputs({ domainId: "d", pollIntervalSeconds: 30, maxPollIntervalSeconds: 10 });
    assert.deepEqual(failures.map((f) => f.property), ["maxPollIntervalSeconds"]);
  });
});

describe("isResolverAddress", () => {
  for (const ok of ["1.1.1.1", "127.0.0.1:5353", "::1", "[::1]:53"]) it(`accepts ${ok}`, () => assert.equal(isResolverAddress(ok), true));
  for (const bad of ["dns.google", "1.1.1.1:99999", "", "[1.2.3.4]:53"]) it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(isResolverAddress(bad), false));
});
