import { strict as assert } from "node:assert";
import { waitFindings } from "../../policy/verification-wait";
import { domain, unknown, verification } from "./resources";

describe("waitFindings", () => {
  it("advises waiting for a domain no verification waits for", () => {
    const findings = waitFindings([domain("acme.com")], 300);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        "no verification waits for acme.com: pulumi up finishes before SendMailOS verifies it, and mail fails DKIM until it does. " +
          "Let VerifiedDomain wait (leave out wait: false) or declare a DomainVerification for it.",
      ],
    );
  });

  it("advises against a wait shorter than the minimum, naming the domain even before its id is known", () => {
    const findings = waitFindings(
      [domain("acme.com", { domainId: unknown }), verification("acme.com", { domainId: unknown, domainName: unknown, timeoutSeconds: 30 })],
      300,
    );
    assert.equal(findings.length, 1);
    assert.match(findings[0]!.message, /^the verification of acme\.com waits at most 30s \(timeoutSeconds\), less than 300s: /);
  });

  it("is quiet about a domain waited for long enough", () => {
    assert.deepEqual(waitFindings([domain("acme.com"), verification("acme.com", { timeoutSeconds: 300 })], 300), []);
  });
});
