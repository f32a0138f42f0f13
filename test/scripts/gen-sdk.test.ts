/**
 * scripts/gen-sdk.sh: the offline SDK generator (scripts/pulumi-cli/gen-sdk) on the toy schema. The Go SDK is
 * also built and run under the engine by test/e2e/generated-go-sdk.test.ts.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeRun, repoRoot, runCommand } from "../../scripts/pulumi-offline";
import { generateSdks, goBinary, GO_BUILD_TIMEOUT_MS, runGenSdk } from "../e2e/generated-sdks";
import { TOY_PACKAGE } from "../e2e/native-package";

/** All files under dir, relative, sorted. */
function listFiles(dir: string): string[] {
    return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort();
}

/** Runs a command that must succeed; its output is in the error otherwise. */
async function mustRun(file: string, args: string[], cwd: string): Promise<void> {
    const r = await runCommand(file, args, { cwd, env: process.env, timeoutMs: 5 * 60 * 1000 });
    assert.equal(r.code, 0, describeRun(`${path.basename(file)} ${args.join(" ")}`, r));
}

describe("scripts/gen-sdk.sh (offline SDK generation)", function () {
    let tmp = "";

    before(async function () {
        // The first run may build the generator (about 30 s with the CLI's Go caches warm, minutes cold).
        this.timeout(GO_BUILD_TIMEOUT_MS);
        const r = await runGenSdk(["--ensure"]);
        assert.equal(r.code, 0, describeRun("gen-sdk.sh --ensure", r));
    });
    beforeEach(async () => {
        tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), "gen-sdk-test-"));
    });
    afterEach(async () => {
        await fs.promises.rm(tmp, { recursive: true, force: true });
    });

    describe("with the toy schema", () => {
        it("writes a Go module whose path follows language.go.importBasePath, gofmt-clean", async function () {
            this.timeout(60_000);
            await generateSdks(TOY_PACKAGE, tmp, ["go"]);
            const goDir = path.join(tmp, "go");
            assert.match(fs.readFileSync(path.join(goDir, "go.mod"), "utf8"), /^module example\.com\/pulumi-toy\/sdks\/go$/m);
            assert.ok(listFiles(goDir).includes(path.join("toy", "widget.go")));
            const gofmt = path.join(path.dirname(goBinary()), "gofmt");
            const r = await runCommand(gofmt, ["-l", "."], { cwd: goDir, env: process.env, timeoutMs: 60_000 });
            assert.equal(r.code, 0, describeRun("gofmt", r));
            assert.equal(r.stdout.trim(), "", `files gofmt would change:\n${r.stdout}`);
        });

        it("writes a Python SDK that compiles (python3 -m py_compile)", async function () {
            this.timeout(60_000);
            await generateSdks(TOY_PACKAGE, tmp, ["python"]);
            const pyDir = path.join(tmp, "python");
            const sources = listFiles(pyDir).filter((f) => f.endsWith(".py"));
            assert.ok(sources.includes(path.join("pulumi_toy", "widget.py")), `no widget.py in ${sources.join(", ")}`);
            await mustRun("python3", ["-m", "py_compile", ...sources], pyDir);
        });

        it("writes a Node.js SDK that type-checks against @pulumi/pulumi with our TypeScript", async function () {
            this.timeout(2 * 60_000);
            await generateSdks(TOY_PACKAGE, tmp, ["nodejs"]);
            const nodeDir = path.join(tmp, "nodejs");
            assert.equal(JSON.parse(fs.readFileSync(path.join(nodeDir, "package.json"), "utf8")).name, "@example/pulumi-toy");
            await fs.promises.symlink(path.join(repoRoot(), "node_modules"), path.join(nodeDir, "node_modules"), "dir");
            const tsc = path.join(repoRoot(), "node_modules", "typescript", "bin", "tsc");
            await mustRun(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], nodeDir);
        });

        it("-version replaces the schema's version in every SDK", async function () {
            this.timeout(60_000);
            const r = await runGenSdk(["-version", "2.3.4", TOY_PACKAGE.schemaPath, tmp, "go", "nodejs", "python"]);
            assert.equal(r.code, 0, describeRun("gen-sdk.sh -version", r));
            const plugin = JSON.parse(fs.readFileSync(path.join(tmp, "go", "toy", "pulumi-plugin.json"), "utf8"));
            assert.equal(plugin.version, "2.3.4");
            assert.equal(JSON.parse(fs.readFileSync(path.join(tmp, "nodejs", "package.json"), "utf8")).version, "2.3.4");
            assert.match(fs.readFileSync(path.join(tmp, "python", "pyproject.toml"), "utf8"), /version = "2\.3\.4"/);
        });
    });

    describe("when the output folder exists", () => {
        it("removes what the previous run wrote and keeps hand-written files", async function () {
            this.timeout(60_000);
            // A first schema with a second resource, so that its file must go when the schema drops it.
            const schema = JSON.parse(fs.readFileSync(TOY_PACKAGE.schemaPath, "utf8"));
            schema.resources["toy:index:Gadget"] = schema.resources["toy:index:Widget"];
            const bigger = path.join(tmp, "bigger-schema.json");
            fs.writeFileSync(bigger, JSON.stringify(schema));
            const out = path.join(tmp, "sdks");
            await generateSdks({ ...TOY_PACKAGE, schemaPath: bigger }, out, ["go"]);
            assert.ok(fs.existsSync(path.join(out, "go", "toy", "gadget.go")));
            fs.writeFileSync(path.join(out, "go", "HAND-WRITTEN.md"), "mine\n");
            fs.writeFileSync(path.join(out, "go", "toy", "extra.go"), "package toy\n");

            await generateSdks(TOY_PACKAGE, out, ["go"]);
            const files = listFiles(path.join(out, "go"));
            assert.ok(!files.includes(path.join("toy", "gadget.go")), "the dropped resource's file is still there");
            assert.ok(files.includes(path.join("toy", "widget.go")));
            assert.equal(fs.readFileSync(path.join(out, "go", "HAND-WRITTEN.md"), "utf8"), "mine\n");
            assert.equal(fs.readFileSync(path.join(out, "go", "toy", "extra.go"), "utf8"), "package toy\n");
        });

        it("refuses a non-empty folder that it did not write, and changes nothing in it", async function () {
            this.timeout(60_000);
            fs.mkdirSync(path.join(tmp, "go"));
            fs.writeFileSync(path.join(tmp, "go", "main.go"), "package main\n");
            const r = await runGenSdk([TOY_PACKAGE.schemaPath, tmp, "go"]);
            assert.equal(r.code, 1, describeRun("gen-sdk.sh into a foreign folder", r));
            assert.match(r.stderr, /go already exists and was not written by gen-sdk .*remove it or choose another output folder/);
            assert.deepEqual(listFiles(path.join(tmp, "go")), ["main.go"]);
        });
    });

    describe("with bad arguments", () => {
        it("names an unknown language and the valid ones, and writes nothing", async function () {
            this.timeout(60_000);
            const r = await runGenSdk([TOY_PACKAGE.schemaPath, tmp, "go", "java"]);
            assert.equal(r.code, 1);
            assert.match(r.stderr, /unknown language "java": choose among go, nodejs, python/);
            assert.deepEqual(fs.readdirSync(tmp), []);
        });

        it("names the schema field that is wrong", async function () {
            this.timeout(60_000);
            const schema = JSON.parse(fs.readFileSync(TOY_PACKAGE.schemaPath, "utf8"));
            schema.resources["toy:index:Widget"].inputProperties.size.type = "intgr";
            const bad = path.join(tmp, "bad-schema.json");
            fs.writeFileSync(bad, JSON.stringify(schema));
            const r = await runGenSdk([bad, path.join(tmp, "out"), "go"]);
            assert.equal(r.code, 1);
            assert.match(r.stderr, /#\/resources\/toy:index:Widget\/inputProperties\/size\/type: unknown type kind intgr/);
            assert.match(r.stderr, /is not a valid Pulumi package schema/);
            assert.ok(!fs.existsSync(path.join(tmp, "out")));
        });
    });
});
