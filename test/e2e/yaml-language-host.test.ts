/**
 * A Pulumi YAML program drives a native provider plugin under the real engine, offline: the CLI runs the
 * pulumi-language-yaml host that scripts/ensure-pulumi.sh builds, and the host loads the package's schema from
 * the plugin (found through `plugins.providers[].path`) to type-check the program.
 *
 * The package is the toy of test/fixtures/toy-provider (see native-package.ts to point it at another one).
 */
import * as assert from "assert";
import { getPulumiBinDir } from "../../scripts/pulumi-offline";
import { checkNativePackage, TOY_PACKAGE } from "./native-package";
import type { PulumiProject } from "./harness";
import { createYamlProject } from "./yaml-project";

const PROGRAM = `
config:
  widgetName:
    type: string
  size:
    type: integer
    default: 1
resources:
  widget:
    type: toy:index:Widget
    properties:
      name: \${widgetName}
      size: \${size}
outputs:
  label: \${widget.label}
  widgetId: \${widget.id}
`;

describe("e2e: a YAML program on a native provider plugin (pulumi-language-yaml)", function () {
    let project: PulumiProject | undefined;
    let started = 0;

    before(async function () {
        started = Date.now();
        // Obtaining the CLI and the YAML host may mean one-time builds (minutes cold, a second warm).
        this.timeout(45 * 60 * 1000);
        await getPulumiBinDir();
        this.timeout(2 * 60 * 1000);
        checkNativePackage(TOY_PACKAGE);
        project = await createYamlProject({
            name: "toy-yaml",
            program: PROGRAM,
            providers: [TOY_PACKAGE],
            config: { widgetName: "y1", size: "2" },
        });
    });

    after(async function () {
        this.timeout(2 * 60 * 1000);
        await project?.dispose();
        process.stderr.write(`      (e2e yaml: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    });

    it("up creates the resource through the plugin and exports what the plugin computed", async function () {
        this.timeout(4 * 60 * 1000);
        const up = await project!.up();
        assert.deepStrictEqual(up.errors, []);
        assert.deepStrictEqual(up.changes, { create: 2 });
        assert.deepStrictEqual(await project!.outputs(), { label: "y1 (size 2)", widgetId: "widget-y1" });
        const widget = (await project!.resources()).find((r) => r.type === "toy:index:Widget");
        assert.strictEqual(widget?.id, "widget-y1");
        assert.match(String(widget?.provider), /^urn:pulumi:dev::toy-yaml::pulumi:providers:toy::default/);
    });

    it("preview after up plans no change", async function () {
        this.timeout(4 * 60 * 1000);
        const preview = await project!.preview();
        assert.deepStrictEqual(preview.changes, { same: 2 });
    });

    it("a changed input is previewed and applied as an update in place", async function () {
        this.timeout(4 * 60 * 1000);
        await project!.setConfig("size", "3");
        assert.deepStrictEqual((await project!.preview()).changes, { same: 1, update: 1 });
        assert.deepStrictEqual((await project!.up()).changes, { same: 1, update: 1 });
        assert.strictEqual((await project!.outputs()).label, "y1 (size 3)");
    });

    it("a changed name is previewed as a replacement, as the plugin's diff says", async function () {
        this.timeout(4 * 60 * 1000);
        await project!.setConfig("widgetName", "y2");
        assert.deepStrictEqual((await project!.preview()).changes, { same: 1, replace: 1 });
    });

    it("destroy deletes everything", async function () {
        this.timeout(4 * 60 * 1000);
        const destroy = await project!.destroy();
        assert.deepStrictEqual(destroy.changes, { delete: 2 });
        assert.deepStrictEqual(await project!.resources(), []);
    });
});
