import { strict as assert } from "node:assert";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { PulumiProject } from "./harness";
import { emulatorStackConfig } from "./single-domain-program";

/**
 * Hostile and careless inputs through the real engine: each is refused at preview, naming the property
 * and the fix, and nothing the engine prints carries a raw control character or megabytes. The engine
 * stops a preview at the first refused resource, so each case is its own preview.
 */
const cases: Record<string, { js: string; error: RegExp }> = {
  crlf: {
    js: `new sendmailos.Domain("d", { domain: "acme.com\\r\\nX-Injected: 1" });`,
    error:
      /resource 'd' has a problem: domain "acme\.com\\r\\nX-Injected: 1" contains the invisible or control character \\r \(U\+000D\) at position 9/,
  },
  query: {
    js: `new sendmailos.Domain("d", { domain: "acme.com?x=evil.com" });`,
    error: /domain "acme\.com\?x=evil\.com" contains "\?" at position 9/,
  },
  typo: {
    js: `new sendmailos.Domain("d", { domain: "typo.example", externalID: "c1" });`,
    error: /"externalID" is not a known property; did you mean `externalId`\?/,
  },
  huge: {
    js: `new sendmailos.Domain("d", { domain: "huge.example", externalId: "x".repeat(1500000) });`,
    error: /externalId is 1500000 characters long; at most 255 are allowed/,
  },
  nested: {
    js: `new sendmailos.Domain("d", { domain: "nested.example", metadata: { plan: { tier: "gold" } } });`,
    error: /metadata\.plan must be a string, got a map; metadata is flat/,
  },
  verification: {
    js: `new sendmailos.DomainVerification("v", { domainId: "d-1", timeout_seconds: 5 });`,
    error: /"timeout_seconds" is not a known property; did you mean `timeoutSeconds`\?/,
  },
};

const program = `
const pulumi = require("@pulumi/pulumi");
const sendmailos = require("pulumi-sendmailos");
switch (new pulumi.Config().require("case")) {
${Object.entries(cases)
  .map(([name, c]) => `  case ${JSON.stringify(name)}: ${c.js} break;`)
  .join("\n")}
}
`;

describe("e2e: hostile inputs are refused at preview, safely", function () {
  this.timeout(15 * 60 * 1000);
  let emulator: RunningEmulator;
  let project: PulumiProject;

  before(async () => {
    emulator = await startEmulator({ rateLimits: false });
    project = await PulumiProject.create({ name: "hostile", programJs: program, config: emulatorStackConfig(emulator) });
  });
  after(async () => {
    await project?.dispose();
    await emulator?.stop();
  });

  for (const [name, { error }] of Object.entries(cases)) {
    it(`${name}: names the property and the fix, escapes what it repeats, registers nothing`, async () => {
      await project.setConfig("case", name);
      const preview = await project.preview({ check: false });
      assert.notEqual(preview.code, 0);
      assert.match(preview.errors.join("\n"), error);
      const everything = preview.stdout + preview.stderr;
      assert.doesNotMatch(everything, /[\r\u0000\u001b\u202e]/, "a raw control character reached the output");
      assert.doesNotMatch(everything, /x{100}/, "long input was repeated");
      assert.deepEqual(emulator.domains(), []);
    });
  }

  it("says once, without a stack trace, that no API key is configured", async () => {
    await project.setConfig("case", "typo");
    await project.run(["config", "rm", "sendmailos:apiKey", "--stack", project.stack], { check: true });
    const preview = await project.preview({ check: false, env: { SENDMAILOS_API_KEY: "" } });
    assert.notEqual(preview.code, 0);
    const everything = preview.stdout + preview.stderr;
    assert.equal(everything.split("pulumi config set --secret sendmailos:apiKey").length - 1, 1, everything.slice(0, 3000));
    assert.doesNotMatch(everything, /\bat .*\.js:\d+:\d+/, "a stack trace");
  });
});
