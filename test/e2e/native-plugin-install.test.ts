import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { repoRoot, runCommand } from "../../scripts/pulumi-offline";
import { buildPluginArchive } from "../../scripts/plugin-archive";
import { SDK_VERSION } from "../../sdk/version";
import { PulumiProject } from "./harness";

/**
 * Every documented way to get the native plugin, under the real engine: the executable on PATH, a
 * `plugins.providers[].path` to the PulumiPlugin.yaml folder (run by the language host's RunPlugin), and
 * `pulumi plugin install --file` with the archive `npm run plugin:archive` builds. Each runs up and destroy.
 */
const program = `
const sm = require("pulumi-sendmailos/native");
const domain = new sm.Domain("site", { domain: "way.example" });
exports.domainId = domain.domainId;
`;

describe("e2e: the ways to install the native plugin", function () {
  this.timeout(15 * 60 * 1000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ rateLimits: false });
  });
  after(async () => {
    await emulator?.stop();
  });

  async function upAndDestroy(project: PulumiProject): Promise<void> {
    try {
      await project.up();
      const id = String((await project.outputs())["domainId"]);
      assert.deepEqual(
        emulator.domains().map((d) => d.id),
        [id],
      );
      await project.destroy();
      assert.deepEqual(emulator.domains(), []);
    } finally {
      await project.dispose();
    }
  }

  const config = () => ({ "sendmailos:apiKey": { value: emulator.apiKey, secret: true }, "sendmailos:baseUrl": emulator.baseUrl });

  it("finds the executable on PATH (node_modules/.bin after npm install)", async () => {
    const project = await PulumiProject.create({ name: "on-path", programJs: program, config: config() });
    project.env.PATH = `${path.join(repoRoot(), "bin")}${path.delimiter}${project.env.PATH}`;
    await upAndDestroy(project);
  });

  it("runs the PulumiPlugin.yaml folder through the language host's RunPlugin", async () => {
    const project = await PulumiProject.create({ name: "plugin-yaml", programJs: program, config: config() });
    fs.appendFileSync(
      path.join(project.projectDir, "Pulumi.yaml"),
      `plugins:\n  providers:\n    - name: sendmailos\n      path: ${JSON.stringify(path.join(repoRoot(), "plugin"))}\n`,
    );
    await upAndDestroy(project);
  });

  it("installs from the archive with pulumi plugin install --file", async () => {
    const project = await PulumiProject.create({ name: "installed", programJs: program, config: config() });
    const archive = buildPluginArchive(path.join(project.tempDir, "archive"));
    const install = await runCommand(
      path.join(project.binDir, "pulumi"),
      ["plugin", "install", "resource", "sendmailos", SDK_VERSION, "--file", archive],
      { cwd: project.projectDir, env: project.env, timeoutMs: 5 * 60 * 1000 },
    );
    assert.equal(install.code, 0, install.stderr + install.stdout);
    assert.ok(fs.existsSync(path.join(project.pulumiHome, "plugins", `resource-sendmailos-v${SDK_VERSION}`, "pulumi-resource-sendmailos")));
    await upAndDestroy(project);
  });
});
