/**
 * A resource provider without an executable, under the real engine: a folder with `PulumiPlugin.yaml`
 * (runtime nodejs) named in Pulumi.yaml's `plugins.providers[].path`, which the engine starts through our language
 * host's RunPlugin. A JavaScript program creates a file with it (`up`) and removes it (`destroy`); the provider
 * reports the working directory and arguments it got, and every provider process is gone when a command returns.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { getPulumiBinDir, PulumiProject } from "./harness";
import { FILE_RESOURCE_TYPE, waitUntilGone, writeFileProvider } from "../scripts/language-host/fixtures";

const CONTENT = "written by a PulumiPlugin.yaml provider";

const PROGRAM = String.raw`"use strict";
const pulumi = require("@pulumi/pulumi");

const file = new pulumi.CustomResource("${FILE_RESOURCE_TYPE}", "greeting", {
    fileName: "greeting.txt",
    content: ${JSON.stringify(CONTENT)},
    cwd: undefined,
    args: undefined,
});
exports.path = file.id;
exports.cwd = file.cwd;
exports.args = file.args;
`;

describe("e2e: a PulumiPlugin.yaml provider through our language host's RunPlugin", function () {
  let project: PulumiProject | undefined;
  let pluginDir: string;

  before(async function () {
    // Obtaining the CLI may mean a one-time build (10-25 minutes cold, about a second warm).
    this.timeout(45 * 60 * 1000);
    await getPulumiBinDir();
    this.timeout(3 * 60 * 1000);
    pluginDir = writeFileProvider(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lh-provider-e2e-")), "tinyfile"));
    project = await PulumiProject.create({ name: "tinyfiles", programJs: PROGRAM });
    // The engine looks for the provider here first; the folder has no executable, only PulumiPlugin.yaml.
    fs.appendFileSync(
      path.join(project.projectDir, "Pulumi.yaml"),
      ["plugins:", "  providers:", "    - name: tinyfile", `      path: ${JSON.stringify(pluginDir)}`, ""].join("\n"),
    );
  });

  after(async function () {
    this.timeout(60 * 1000);
    await project?.dispose();
    fs.rmSync(path.dirname(pluginDir), { recursive: true, force: true });
  });

  /** Pids of every provider process started so far (each start leaves a pid file in its working directory). */
  function providerPids(): number[] {
    return fs
      .readdirSync(project!.projectDir)
      .filter((f) => /^provider-\d+\.pid$/.test(f))
      .map((f) => Number(fs.readFileSync(path.join(project!.projectDir, f), "utf8")));
  }

  it("up creates the file through the provider, run in the CLI's folder with the engine address", async function () {
    this.timeout(4 * 60 * 1000);
    const up = await project!.up();
    assert.deepStrictEqual(up.changes, { create: 2 });
    const file = path.join(project!.projectDir, "greeting.txt");
    assert.strictEqual(fs.readFileSync(file, "utf8"), CONTENT);

    const outputs = await project!.outputs();
    assert.strictEqual(outputs.path, file);
    assert.strictEqual(outputs.cwd, project!.projectDir);
    assert.ok(Array.isArray(outputs.args) && outputs.args.length === 1, `args: ${JSON.stringify(outputs.args)}`);
    assert.match(String(outputs.args[0]), /^127\.0\.0\.1:\d+$/);

    const resource = (await project!.resources()).find((r) => r.type === FILE_RESOURCE_TYPE);
    assert.strictEqual(resource?.id, file);

    const pids = providerPids();
    assert.strictEqual(pids.length, 1, "one provider process for one up");
    for (const pid of pids) await waitUntilGone(pid);
  });

  it("destroy removes the file through the provider and empties the stack", async function () {
    this.timeout(4 * 60 * 1000);
    const destroy = await project!.destroy();
    assert.deepStrictEqual(destroy.changes, { delete: 2 });
    assert.ok(!fs.existsSync(path.join(project!.projectDir, "greeting.txt")), "the file is still there");
    assert.deepStrictEqual(await project!.resources(), []);
    const pids = providerPids();
    assert.strictEqual(pids.length, 2, "one more provider process for destroy");
    for (const pid of pids) await waitUntilGone(pid);
  });
});
