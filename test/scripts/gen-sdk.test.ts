/**
 * scripts/gen-sdk.sh: the offline SDK generator (scripts/pulumi-cli/gen-sdk), on the package schema
 * (provider/native/schema.json), and the SDKs generated from it that the repository holds (sdks/go,
 * sdks/python). The Go SDK is also built and run under the engine by test/e2e/go-example.test.ts.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeRun, repoRoot, runCommand } from "../../scripts/pulumi-offline";
import {
  COMMITTED_SDK_LANGUAGES,
  generateSdks,
  goBinary,
  GO_BUILD_TIMEOUT_MS,
  listFiles,
  runGenSdk,
  sdkDifferences,
} from "../e2e/generated-sdks";
import { SENDMAILOS_PACKAGE } from "../e2e/native-package";

/** Runs a command that must succeed; its output is in the error otherwise. */
async function mustRun(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const r = await runCommand(file, args, { cwd, env, timeoutMs: 5 * 60 * 1000 });
  assert.equal(r.code, 0, describeRun(`${path.basename(file)} ${args.join(" ")}`, r));
}

/** The package schema, parsed, to derive variants from. */
function readSchema(): { resources: Record<string, { inputProperties: Record<string, { type?: string; description?: string }> }> } {
  return JSON.parse(fs.readFileSync(SENDMAILOS_PACKAGE.schemaPath, "utf8"));
}

const sdksDir = path.join(repoRoot(), "sdks");

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

  describe("the committed SDKs (sdks/go, sdks/python)", () => {
    it("are exactly what the generator writes from provider/native/schema.json (else: npm run generate:sdks)", async function () {
      this.timeout(60_000);
      await generateSdks(SENDMAILOS_PACKAGE, tmp, COMMITTED_SDK_LANGUAGES);
      const differences = COMMITTED_SDK_LANGUAGES.flatMap((lang) => sdkDifferences(path.join(tmp, lang), path.join(sdksDir, lang)));
      assert.deepEqual(differences, [], "the committed SDKs are stale: run `npm run generate:sdks` and commit sdks/");
      assert.deepEqual(fs.readdirSync(sdksDir).sort(), [...COMMITTED_SDK_LANGUAGES].sort(), "sdks/ holds another folder");
    });

    it("catch a schema change that was not regenerated (the comparison is not vacuous)", async function () {
      this.timeout(60_000);
      const schema = readSchema();
      schema.resources["sendmailos:index:Domain"]!.inputProperties["externalId"]!.description = "Changed without regenerating.";
      const changed = path.join(tmp, "changed-schema.json");
      fs.writeFileSync(changed, JSON.stringify(schema));
      await generateSdks({ ...SENDMAILOS_PACKAGE, schemaPath: changed }, path.join(tmp, "out"), ["go"]);
      assert.deepEqual(sdkDifferences(path.join(tmp, "out", "go"), path.join(sdksDir, "go")), ["sendmailos/domain.go: differs"]);
    });

    it("Python: compiles (python3 -m py_compile); only compile-checked: the Pulumi Python SDK cannot be installed here (no PyPI)", async function () {
      this.timeout(60_000);
      const pyDir = path.join(sdksDir, "python");
      const sources = listFiles(pyDir).filter((f) => f.endsWith(".py"));
      for (const resource of ["domain", "domain_verification", "emulator_dns_record", "verified_domain", "provider"]) {
        assert.ok(sources.includes(`pulumi_sendmailos/${resource}.py`), `no ${resource}.py in ${sources.join(", ")}`);
      }
      // Byte code goes to the temp folder, never into sdks/python.
      await mustRun("python3", ["-m", "py_compile", ...sources], pyDir, { ...process.env, PYTHONPYCACHEPREFIX: tmp });
    });

    it("Go: a module at the path that language.go.importBasePath names, gofmt-clean", async function () {
      this.timeout(60_000);
      const goDir = path.join(sdksDir, "go");
      assert.match(fs.readFileSync(path.join(goDir, "go.mod"), "utf8"), /^module github\.com\/sendmailos\/pulumi-sendmailos\/sdks\/go$/m);
      for (const file of [
        "domain.go",
        "domainVerification.go",
        "emulatorDnsRecord.go",
        "verifiedDomain.go",
        "provider.go",
        "config/config.go",
      ]) {
        assert.ok(listFiles(goDir).includes(`sendmailos/${file}`), `no sendmailos/${file}`);
      }
      const gofmt = path.join(path.dirname(goBinary()), "gofmt");
      const r = await runCommand(gofmt, ["-l", "."], { cwd: goDir, env: process.env, timeoutMs: 60_000 });
      assert.equal(r.code, 0, describeRun("gofmt", r));
      assert.equal(r.stdout.trim(), "", `files gofmt would change:\n${r.stdout}`);
    });
  });

  describe("with the package schema", () => {
    it("writes a Node.js SDK that type-checks against @pulumi/pulumi (not committed: pulumi-sendmailos/native serves Node.js)", async function () {
      this.timeout(2 * 60_000);
      await generateSdks(SENDMAILOS_PACKAGE, tmp, ["nodejs"]);
      const nodeDir = path.join(tmp, "nodejs");
      assert.equal(JSON.parse(fs.readFileSync(path.join(nodeDir, "package.json"), "utf8")).name, "@sendmailos/pulumi");
      await fs.promises.symlink(path.join(repoRoot(), "node_modules"), path.join(nodeDir, "node_modules"), "dir");
      const tsc = path.join(repoRoot(), "node_modules", "typescript", "bin", "tsc");
      await mustRun(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], nodeDir);
    });

    it("-version replaces the schema's version in every SDK", async function () {
      this.timeout(60_000);
      const r = await runGenSdk(["-version", "2.3.4", SENDMAILOS_PACKAGE.schemaPath, tmp, "go", "nodejs", "python"]);
      assert.equal(r.code, 0, describeRun("gen-sdk.sh -version", r));
      const plugin = JSON.parse(fs.readFileSync(path.join(tmp, "go", "sendmailos", "pulumi-plugin.json"), "utf8"));
      assert.equal(plugin.version, "2.3.4");
      assert.equal(JSON.parse(fs.readFileSync(path.join(tmp, "nodejs", "package.json"), "utf8")).version, "2.3.4");
      assert.match(fs.readFileSync(path.join(tmp, "python", "pyproject.toml"), "utf8"), /version = "2\.3\.4"/);
    });
  });

  describe("when the output folder exists", () => {
    it("removes what the previous run wrote and keeps hand-written files", async function () {
      this.timeout(60_000);
      // A first schema with one more resource, so that its file must go when the schema drops it.
      const schema = readSchema();
      schema.resources["sendmailos:index:Gadget"] = schema.resources["sendmailos:index:EmulatorDnsRecord"]!;
      const bigger = path.join(tmp, "bigger-schema.json");
      fs.writeFileSync(bigger, JSON.stringify(schema));
      const out = path.join(tmp, "sdks");
      await generateSdks({ ...SENDMAILOS_PACKAGE, schemaPath: bigger }, out, ["go"]);
      assert.ok(fs.existsSync(path.join(out, "go", "sendmailos", "gadget.go")));
      fs.writeFileSync(path.join(out, "go", "HAND-WRITTEN.md"), "mine\n");
      fs.writeFileSync(path.join(out, "go", "sendmailos", "extra.go"), "package sendmailos\n");

      await generateSdks(SENDMAILOS_PACKAGE, out, ["go"]);
      const files = listFiles(path.join(out, "go"));
      assert.ok(!files.includes("sendmailos/gadget.go"), "the dropped resource's file is still there");
      assert.ok(files.includes("sendmailos/domain.go"));
      assert.equal(fs.readFileSync(path.join(out, "go", "HAND-WRITTEN.md"), "utf8"), "mine\n");
      assert.equal(fs.readFileSync(path.join(out, "go", "sendmailos", "extra.go"), "utf8"), "package sendmailos\n");
    });

    it("refuses a non-empty folder that it did not write, and changes nothing in it", async function () {
      this.timeout(60_000);
      fs.mkdirSync(path.join(tmp, "go"));
      fs.writeFileSync(path.join(tmp, "go", "main.go"), "package main\n");
      const r = await runGenSdk([SENDMAILOS_PACKAGE.schemaPath, tmp, "go"]);
      assert.equal(r.code, 1, describeRun("gen-sdk.sh into a foreign folder", r));
      assert.match(r.stderr, /go already exists and was not written by gen-sdk .*remove it or choose another output folder/);
      assert.deepEqual(listFiles(path.join(tmp, "go")), ["main.go"]);
    });
  });

  describe("with bad arguments", () => {
    it("names an unknown language and the valid ones, and writes nothing", async function () {
      this.timeout(60_000);
      const r = await runGenSdk([SENDMAILOS_PACKAGE.schemaPath, tmp, "go", "java"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /unknown language "java": choose among go, nodejs, python/);
      assert.deepEqual(fs.readdirSync(tmp), []);
    });

    it("names the schema field that is wrong", async function () {
      this.timeout(60_000);
      const schema = readSchema();
      schema.resources["sendmailos:index:Domain"]!.inputProperties["externalId"]!.type = "strng";
      const bad = path.join(tmp, "bad-schema.json");
      fs.writeFileSync(bad, JSON.stringify(schema));
      const r = await runGenSdk([bad, path.join(tmp, "out"), "go"]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /#\/resources\/sendmailos:index:Domain\/inputProperties\/externalId\/type: unknown type kind strng/);
      assert.match(r.stderr, /is not a valid Pulumi package schema/);
      assert.ok(!fs.existsSync(path.join(tmp, "out")));
    });
  });
});
