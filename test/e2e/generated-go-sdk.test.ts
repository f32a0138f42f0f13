/**
 * A Go program on a Go SDK generated offline (scripts/gen-sdk.sh) runs up, preview and destroy under the real
 * engine through the Automation API with an inline program: pulumi-language-go cannot be had here, and an
 * inline program does not need it.
 *
 * Layout, as a real repository would have it: <tmp>/sdks/go (the generated SDK, module
 * example.com/pulumi-toy/sdks/go) and <tmp>/program (a copy of test/fixtures/toy-go-program, whose go.mod
 * replaces the SDK module with ../sdks/go and pins sdk/v3 to the CLI's version).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildGoProgram, generateSdks, GO_BUILD_TIMEOUT_MS } from "./generated-sdks";
import { checkNativePackage, TOY_PACKAGE } from "./native-package";
import { describeRun, getPulumiBinDir, pulumiEnv, repoRoot, runCommand } from "../../scripts/pulumi-offline";

interface ProgramResult {
    action: string;
    changes: Record<string, number>;
    outputs?: Record<string, unknown>;
}

describe("e2e: a Go program on the generated Go SDK, through the Automation API", function () {
    let tempDir: string | undefined;
    let binDir = "";
    let program = "";
    let started = 0;

    /** Runs the built program once; its last stdout line is its JSON result. */
    async function runProgram(args: string[]): Promise<ProgramResult> {
        const env = pulumiEnv(binDir, path.join(tempDir!, "home"), path.join(tempDir!, "state"), "go-e2e-passphrase");
        const r = await runCommand(program, ["-work-dir", path.join(tempDir!, "workspace"), "-plugin-dir", TOY_PACKAGE.pluginDir, ...args], {
            cwd: tempDir!,
            env,
            timeoutMs: 4 * 60 * 1000,
        });
        if (r.code !== 0 || r.timedOut) {
            throw new Error(describeRun(`toy-go-program ${args.join(" ")} failed`, r));
        }
        return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as ProgramResult;
    }

    before(async function () {
        started = Date.now();
        this.timeout(45 * 60 * 1000);
        binDir = await getPulumiBinDir();
        checkNativePackage(TOY_PACKAGE);
        tempDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "pulumi-go-e2e-"));
        for (const dir of ["home", "state", "workspace"]) {
            await fs.promises.mkdir(path.join(tempDir, dir));
        }
        this.timeout(GO_BUILD_TIMEOUT_MS + 60_000);
        await generateSdks(TOY_PACKAGE, path.join(tempDir, "sdks"), ["go"]);
        await fs.promises.cp(path.join(repoRoot(), "test", "fixtures", "toy-go-program"), path.join(tempDir, "program"), {
            recursive: true,
        });
        program = path.join(tempDir, "toy-go-program");
        const build = await buildGoProgram(path.join(tempDir, "program"), program);
        // The first build compiles sdk/v3's Go packages (minutes); later ones reuse the Go build cache.
        process.stderr.write(`      (go build of the program: ${(build.durationMs / 1000).toFixed(1)} s)\n`);
    });

    after(async function () {
        this.timeout(2 * 60 * 1000);
        if (tempDir && process.env.PULUMI_E2E_KEEP !== "1") {
            await fs.promises.rm(tempDir, { recursive: true, force: true });
        }
        process.stderr.write(`      (e2e go: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    });

    it("up creates the resource through the plugin and returns what the plugin computed", async function () {
        this.timeout(5 * 60 * 1000);
        const up = await runProgram(["-name", "g1", "-size", "2", "up"]);
        assert.deepStrictEqual(up.changes, { create: 2 });
        assert.deepStrictEqual(up.outputs, { label: "g1 (size 2)", widgetId: "widget-g1" });
    });

    it("preview with the same inputs plans no change; a new size plans an update, a new name a replacement", async function () {
        this.timeout(5 * 60 * 1000);
        assert.deepStrictEqual((await runProgram(["-name", "g1", "-size", "2", "preview"])).changes, { same: 2 });
        assert.deepStrictEqual((await runProgram(["-name", "g1", "-size", "5", "preview"])).changes, { same: 1, update: 1 });
        assert.deepStrictEqual((await runProgram(["-name", "g2", "-size", "2", "preview"])).changes, { same: 1, replace: 1 });
    });

    it("the state lives in the file backend the CLI was given", async function () {
        this.timeout(2 * 60 * 1000);
        const env = pulumiEnv(binDir, path.join(tempDir!, "home"), path.join(tempDir!, "state"), "go-e2e-passphrase");
        const r = await runCommand(path.join(binDir, "pulumi"), ["stack", "export", "--stack", "dev"], {
            cwd: path.join(tempDir!, "workspace"),
            env,
            timeoutMs: 60_000,
        });
        assert.strictEqual(r.code, 0, describeRun("pulumi stack export", r));
        const resources = (JSON.parse(r.stdout) as { deployment: { resources?: Array<{ type: string; id?: string }> } })
            .deployment.resources ?? [];
        assert.strictEqual(resources.find((x) => x.type === "toy:index:Widget")?.id, "widget-g1");
    });

    it("destroy deletes everything", async function () {
        this.timeout(5 * 60 * 1000);
        assert.deepStrictEqual((await runProgram(["destroy"])).changes, { delete: 2 });
    });
});
