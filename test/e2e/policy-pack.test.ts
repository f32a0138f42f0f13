/**
 * A CrossGuard policy pack under the real engine: `pulumi preview --policy-pack <dir>` starts the pack through our
 * language host's RunPlugin (PulumiPolicy.yaml, runtime nodejs), behind its policy proxy. A mandatory violation
 * fails the preview and is named; an advisory one is reported without failing it. The violation message shows
 * that the stack name, the stack config and the stack tags reached the pack.
 *
 * Policy results are not in `preview --json`'s final object, so the preview streams engine events
 * (PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true) and the test reads their policyEvents.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { getPulumiBinDir, PulumiProject, type RunResult } from "./harness";
import { POLICY_PACK_NAME, writePolicyPack } from "../scripts/language-host/fixtures";

/** Two resources with a `domain`: one in the reserved suffix, one without a verification wait. */
const PROGRAM = String.raw`"use strict";
const pulumi = require("@pulumi/pulumi");

const provider = {
    async create(inputs) {
        return { id: inputs.domain, outs: inputs };
    },
};
new pulumi.dynamic.Resource(provider, "reserved", { domain: "news.example.invalid", waitSeconds: 60 });
new pulumi.dynamic.Resource(provider, "nowait", { domain: "mail.example.com", waitSeconds: 0 });
`;

interface PolicyEvent {
  resourceUrn: string;
  message: string;
  policyName: string;
  policyPackName: string;
  enforcementLevel: string;
}

/** The policy events of a streamed `--json` preview, one engine event per line. */
function policyEvents(r: RunResult): PolicyEvent[] {
  return r.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { policyEvent?: PolicyEvent })
    .flatMap((e) => (e.policyEvent ? [e.policyEvent] : []))
    .sort((a, b) => a.policyName.localeCompare(b.policyName));
}

describe("e2e: a Node.js policy pack through our language host's RunPlugin", function () {
  let project: PulumiProject | undefined;
  let packDir: string;
  let tmp: string;

  before(async function () {
    // Obtaining the CLI may mean a one-time build (10-25 minutes cold, about a second warm).
    this.timeout(45 * 60 * 1000);
    await getPulumiBinDir();
    this.timeout(3 * 60 * 1000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lh-policy-e2e-"));
    packDir = writePolicyPack(path.join(tmp, "pack"));
    project = await PulumiProject.create({ name: "guarded", programJs: PROGRAM, config: { "guard:reservedSuffix": ".invalid" } });
    await project.run(["stack", "tag", "set", "team", "deliverability", "--stack", project.stack], { check: true });
  });

  after(async function () {
    this.timeout(60 * 1000);
    await project?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  function previewWithPack(): Promise<RunResult> {
    return project!.run(["preview", "--json", "--non-interactive", "--stack", project!.stack, "--policy-pack", packDir], {
      env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
    });
  }

  const urn = (name: string) => `urn:pulumi:dev::guarded::pulumi-nodejs:dynamic:Resource::${name}`;
  const advisory: PolicyEvent = {
    resourceUrn: urn("nowait"),
    message: "Verification waits should stay on.\nverification wait is disabled for mail.example.com\n",
    policyName: "wait-enabled",
    policyPackName: POLICY_PACK_NAME,
    enforcementLevel: "advisory",
  };
  const pick = (e: PolicyEvent): PolicyEvent => ({
    resourceUrn: e.resourceUrn,
    message: e.message,
    policyName: e.policyName,
    policyPackName: e.policyPackName,
    enforcementLevel: e.enforcementLevel,
  });

  it("fails the preview on the mandatory violation, naming it, and reports the advisory one", async function () {
    this.timeout(4 * 60 * 1000);
    const r = await previewWithPack();
    assert.notStrictEqual(r.code, 0, `the preview passed despite the violation:\n${r.stderr}`);
    assert.deepStrictEqual(policyEvents(r).map(pick), [
      {
        resourceUrn: urn("reserved"),
        message:
          "Domains must not use the reserved suffix of the stack.\n" +
          "news.example.invalid ends in the reserved suffix .invalid (stack dev, team deliverability)\n",
        policyName: "reserved-suffix",
        policyPackName: POLICY_PACK_NAME,
        enforcementLevel: "mandatory",
      },
      advisory,
    ]);
  });

  it("passes the preview when only the advisory policy is violated, and still reports it", async function () {
    this.timeout(4 * 60 * 1000);
    await project!.setConfig("guard:reservedSuffix", ".test");
    const r = await previewWithPack();
    assert.strictEqual(r.code, 0, `the preview failed:\n${r.stderr}\n${r.stdout.slice(-3000)}`);
    assert.deepStrictEqual(policyEvents(r).map(pick), [advisory]);
  });
});
