import { strict as assert } from "node:assert";
import { constructConfig, programEnvironment, runArguments, runOutcome } from "../../../scripts/language-host/program-command";

describe("language host: Run commands (program-command)", () => {
  describe("constructConfig", () => {
    it("writes keys as <namespace>:config:<name>, as the Node.js runtime reads them", () => {
      assert.equal(
        constructConfig([
          ["sendmailos:apiKey", "k"],
          ["proj:domains", '["a.com"]'],
          ["aws:config:region", "eu-west-1"],
        ]),
        JSON.stringify({ "sendmailos:config:apiKey": "k", "proj:config:domains": '["a.com"]', "aws:config:region": "eu-west-1" }),
      );
    });

    it("names a key without a namespace", () => {
      assert.throws(() => constructConfig([["apiKey", "k"]]), /^Error: invalid configuration key 'apiKey': expected <namespace>:<name>$/);
    });
  });

  describe("runArguments", () => {
    const base = {
      runScript: "/p/node_modules/@pulumi/pulumi/cmd/run/index.js",
      monitorAddress: "127.0.0.1:1",
      engineAddress: "127.0.0.1:2",
      organization: "org",
      project: "proj",
      rootDirectory: "/p",
      stack: "dev",
      programDirectory: "/p/app",
      dryRun: false,
      parallel: 8,
      tracing: "",
      entryPoint: ".",
      args: [] as string[],
      nodeargs: "",
    };

    it("passes what upstream passes, in upstream's order", () => {
      assert.deepEqual(runArguments(base), [
        base.runScript,
        "--monitor",
        "127.0.0.1:1",
        "--engine",
        "127.0.0.1:2",
        "--organization",
        "org",
        "--project",
        "proj",
        "--root-directory",
        "/p",
        "--stack",
        "dev",
        "--pwd",
        "/p/app",
        "--parallel",
        "8",
        ".",
      ]);
    });

    it("puts nodeargs before the script, and the program's arguments after the entry point", () => {
      assert.deepEqual(
        runArguments({ ...base, nodeargs: "--max-old-space-size=4096", dryRun: true, tracing: "http://t", args: ["x", "y"] }),
        [
          "--max-old-space-size=4096",
          base.runScript,
          "--monitor",
          "127.0.0.1:1",
          "--engine",
          "127.0.0.1:2",
          "--organization",
          "org",
          "--project",
          "proj",
          "--root-directory",
          "/p",
          "--stack",
          "dev",
          "--pwd",
          "/p/app",
          "--dry-run",
          "--parallel",
          "8",
          "--tracing",
          "http://t",
          ".",
          "x",
          "y",
        ],
      );
    });

    it("leaves out empty values instead of passing empty flags", () => {
      const args = runArguments({ ...base, organization: "", tracing: "" });
      assert.ok(!args.includes("--organization"));
      assert.ok(!args.includes("--tracing"));
    });
  });

  describe("programEnvironment", () => {
    it("adds the config, the secret keys and the TypeScript switch to the host's environment", () => {
      const env = programEnvironment(
        { PATH: "/bin" },
        { config: "{}", secretKeys: ["p:k"], typescript: true, tsconfig: "tsconfig.build.json" },
      );
      assert.deepEqual(env, {
        PATH: "/bin",
        PULUMI_CONFIG: "{}",
        PULUMI_CONFIG_SECRET_KEYS: '["p:k"]',
        PULUMI_NODEJS_TYPESCRIPT: "true",
        PULUMI_NODEJS_TSCONFIG_PATH: "tsconfig.build.json",
      });
    });

    it("removes an inherited TypeScript switch when the project turns TypeScript off", () => {
      const env = programEnvironment(
        { PULUMI_NODEJS_TYPESCRIPT: "true" },
        { config: "{}", secretKeys: [], typescript: false, tsconfig: "" },
      );
      assert.equal(env.PULUMI_NODEJS_TYPESCRIPT, undefined);
      assert.equal(env.PULUMI_NODEJS_TSCONFIG_PATH, undefined);
    });
  });

  describe("runOutcome", () => {
    it("reports success for exit code 0", () => {
      assert.deepEqual(runOutcome({ code: 0, signal: null }), { error: "", bail: false });
    });
    it("bails without a message for exit code 32 (the SDK already told the user)", () => {
      assert.deepEqual(runOutcome({ code: 32, signal: null }), { error: "", bail: true });
    });
    it("names another exit code", () => {
      assert.deepEqual(runOutcome({ code: 3, signal: null }), { error: "Program exited with non-zero exit code: 3", bail: false });
    });
    it("names the signal that ended the program", () => {
      assert.deepEqual(runOutcome({ code: null, signal: "SIGKILL" }), { error: "Program exited due to signal SIGKILL", bail: false });
    });
    it("says when the program could not be started at all", () => {
      assert.deepEqual(runOutcome({ code: null, signal: null, spawnError: new Error("spawn node ENOENT") }), {
        error: "Problem executing program (could not run language executor): spawn node ENOENT",
        bail: false,
      });
    });
  });
});
