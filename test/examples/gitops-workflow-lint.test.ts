import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ensureGoTool } from "../../scripts/go-tool";
import { repoRoot, runCommand } from "../../scripts/pulumi-offline";

const workflow = path.join(repoRoot(), "examples", "gitops", ".github", "workflows", "sendmailos-domains.yml");

/** Runs actionlint (v1.7.12, built from the Go module proxy by scripts/ensure-go-tool.sh) on one workflow file. */
async function actionlint(file: string): Promise<{ code: number | null; output: string }> {
  const bin = await ensureGoTool("actionlint");
  const result = await runCommand(bin, ["-no-color", file], { cwd: path.dirname(file), env: process.env, timeoutMs: 120_000 });
  return { code: result.code, output: `${result.stdout}${result.stderr}` };
}

describe("examples/gitops: the workflow passes actionlint", function () {
  // The first build of actionlint takes ~25 s on 2 cores with the Go modules cached; a cold or busy machine more.
  this.timeout(20 * 60 * 1000);

  it("has no finding in sendmailos-domains.yml (syntax, expressions, action inputs, job dependencies)", async () => {
    const lint = await actionlint(workflow);
    assert.equal(lint.code, 0, lint.output);
  });

  it("finds a mistake a careless edit makes (the check is not vacuous)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
    try {
      const broken = path.join(dir, "broken.yml");
      const text = fs.readFileSync(workflow, "utf8");
      const edited = text.replace(/runs-on:/, "runs_on:");
      assert.notEqual(edited, text, "the workflow has a runs-on to break");
      fs.writeFileSync(broken, edited);
      const lint = await actionlint(broken);
      assert.notEqual(lint.code, 0, lint.output);
      assert.match(lint.output, /runs_on|runs-on/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
