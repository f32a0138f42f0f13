import { strict as assert } from "node:assert";
import { parseDomainsConfig } from "../../../program/domains-config";
import { VerifiedDomain } from "../../../provider/components/verified-domain";
import { domainInputsSchema } from "../../../provider/domain/domain-schema";
import { checkInputs } from "../../../provider/schema/check-inputs";
import { InvalidArgumentsError } from "../../../provider/schema/program-args";
import { checkWaitSettings, verificationInputsSchema } from "../../../provider/verification/verification-schema";
import { installMocks } from "../../support/pulumi-mocks";

/**
 * One definition, three consumers: the resource's `check`, the `VerifiedDomain` component and the domains
 * program's stack config must accept and refuse the same values. A rule restated differently in any of them
 * (as wait bounds and resolver rules once were) makes this fail.
 */
const domainCases: Record<string, unknown>[] = [
  { domain: "acme.com" },
  { domain: "Acme.COM." },
  { domain: "acme.com?x" },
  { domain: "ac%41me.com" },
  { domain: "acme.com", externalId: "" },
  { domain: "acme.com", externalId: "x".repeat(256) },
  { domain: "acme.com", metadata: { n: 3 } },
  { domain: "acme.com", metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) },
  { domain: "acme.com", workspaceId: "ws_ok" },
  { domain: "acme.com", workspaceId: "acme" },
  { domain: "acme.com", workspaceId: `ws_${"a".repeat(62)}` },
  { domain: "acme.com", deletionPolicy: "keep" },
  { domain: "acme.com", externalID: "typo" },
];

const waitCases: Record<string, unknown>[] = [
  { timeoutSeconds: 120 },
  { timeoutSeconds: 0 },
  { timeoutSeconds: 604_801 },
  { pollIntervalSeconds: 0.05 },
  { pollIntervalSeconds: 30, maxPollIntervalSeconds: 10 },
  { dnsResolvers: ["1.1.1.1", "127.0.0.1:5353"] },
  { dnsResolvers: ["dns.google"] },
  { dnsCheck: "yes" },
  { timeout: 5 },
];

function acceptedByConfig(entry: Record<string, unknown>): boolean {
  try {
    parseDomainsConfig([entry]);
    return true;
  } catch {
    return false;
  }
}

async function acceptedByComponent(entry: Record<string, unknown>): Promise<boolean> {
  await installMocks();
  try {
    new VerifiedDomain("x", entry as never);
    return true;
  } catch (error) {
    assert.ok(error instanceof InvalidArgumentsError, String(error));
    return false;
  }
}

describe("one definition per resource: check, the component and the program config agree", () => {
  for (const args of domainCases) {
    it(`Domain inputs ${JSON.stringify(args).slice(0, 80)}`, async () => {
      const byCheck = checkInputs(domainInputsSchema, args).failures.length === 0;
      const entry = { ...args, dns: { provider: "emulator" } };
      assert.equal(acceptedByConfig(entry), byCheck, "program config");
      assert.equal(await acceptedByComponent(entry), byCheck, "VerifiedDomain");
    });
  }
  for (const wait of waitCases) {
    it(`wait settings ${JSON.stringify(wait)}`, async () => {
      const byCheck =
        checkInputs(verificationInputsSchema, { domainId: "d", ...wait }, { refine: checkWaitSettings }).failures.length === 0;
      const entry = { domain: "acme.com", dns: { provider: "emulator" }, wait };
      assert.equal(acceptedByConfig(entry), byCheck, "program config");
      assert.equal(await acceptedByComponent(entry), byCheck, "VerifiedDomain");
    });
  }
});
