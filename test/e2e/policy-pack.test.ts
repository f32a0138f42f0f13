/**
 * A CrossGuard policy pack under the real engine: `pulumi preview --policy-pack <dir>` starts the pack through our
 * language host's RunPlugin (PulumiPolicy.yaml, runtime nodejs), behind its policy proxy. A mandatory violation
 * fails the preview and is named; an advisory one is shown without failing it. The violation message shows that
 * the stack name, the stack config and the stack tags reached the pack.
 *
 * The test reads the "Policies:" section of the preview's text output, what users see (`preview --json` does not
 * carry policy results).
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

/** The violations listed under "Policies:", one block per violation (its lines trimmed), in a stable order. */
function reportedViolations(r: RunResult): { packLine: string; violations: string[][] } {
  const lines = (r.stdout + r.stderr).split("\n");
  const start = lines.findIndex((l) => l.trim() === "Policies:");
  assert.ok(start >= 0, `no "Policies:" section in the output:\n${r.stdout}\n${r.stderr}`);
  const section: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "") break;
    section.push(line.trim());
  }
  const violations: string[][] = [];
  for (const line of section.slice(1)) {
    if (line.startsWith("- [")) violations.push([line]);
    else violations[violations.length - 1]?.push(line);
  }
  return { packLine: section[0] ?? "", violations: violations.sort((a, b) => a[0]!.localeCompare(b[0]!)) };
}

const ADVISORY = [
  "- [advisory]  wait-enabled  (pulumi-nodejs:dynamic:Resource: nowait)",
  "Verification waits should stay on.",
  "verification wait is disabled for mail.example.com",
];

describe("e2e: a Node.js policy pack through our language host's RunPlugin", function () {
  let project: PulumiProject | undefined;
  let packDir: string;

  before(async function () {
    // Obtaining the CLI may mean a one-time build (10-25 minutes cold, about a second warm).
    this.timeout(45 * 60 * 1000);
    await getPulumiBinDir();
    this.timeout(3 * 60 * 1000);
    packDir = writePolicyPack(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lh-policy-e2e-")), "pack"));
    project = await PulumiProject.create({ name: "guarded", programJs: PROGRAM, config: { "guard:reservedSuffix": ".invalid" } });
    await project.run(["stack", "tag", "set", "team", "deliverability", "--stack", project.stack], { check: true });
  });

  after(async function () {
    this.timeout(60 * 1000);
    await project?.dispose();
    fs.rmSync(path.dirname(packDir), { recursive: true, force: true });
  });

  function previewWithPack(): Promise<RunResult> {
    return project!.run(["preview", "--non-interactive", "--stack", project!.stack, "--policy-pack", packDir]);
  }

  it("fails the preview on the mandatory violation, naming it, and shows the advisory one", async function () {
    this.timeout(4 * 60 * 1000);
    const r = await previewWithPack();
    assert.notStrictEqual(r.code, 0, `the preview passed despite the violation:\n${r.stdout}`);
    const report = reportedViolations(r);
    assert.match(report.packLine, new RegExp(`^\\S+ ${POLICY_PACK_NAME}@v0\\.0\\.1 \\(local: `));
    assert.deepStrictEqual(report.violations, [
      ADVISORY,
      [
        "- [mandatory]  reserved-suffix  (pulumi-nodejs:dynamic:Resource: reserved)",
        "Domains must not use the reserved suffix of the stack.",
        "news.example.invalid ends in the reserved suffix .invalid (stack dev, team deliverability)",
      ],
    ]);
    assert.match(r.stdout, /error: preview failed/);
  });

  it("passes the preview when only the advisory policy is violated, and still shows it", async function () {
    this.timeout(4 * 60 * 1000);
    await project!.setConfig("guard:reservedSuffix", ".test");
    const r = await previewWithPack();
    assert.strictEqual(r.code, 0, `the preview failed:\n${r.stdout}\n${r.stderr}`);
    assert.deepStrictEqual(reportedViolations(r).violations, [ADVISORY]);
  });
});
