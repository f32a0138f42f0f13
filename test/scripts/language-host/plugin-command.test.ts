import { strict as assert } from "node:assert";
import { AnalyzerStackConfigureRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  environmentOf,
  firstLineSplitter,
  pluginCommand,
  pluginOutcome,
  policyPackEnvironment,
} from "../../../scripts/language-host/plugin-command";
import { parsePortLine } from "../../../scripts/language-host/policy-proxy";

const options = { typescript: true, tsconfig: "", nodeargs: "" };

describe("language host: RunPlugin commands (plugin-command)", () => {
  describe("pluginCommand", () => {
    const provider = {
      kind: "resource",
      runScript: "/plug/node_modules/@pulumi/pulumi/cmd/run-plugin/index.js",
      programDirectory: "/plug",
      pwd: "/project",
      args: ["127.0.0.1:4000"],
      env: ["PATH=/bin", "HOME=/home/u"],
      options,
    };

    it("runs a provider as upstream: run-plugin, the plugin folder, then its arguments, in the CLI's folder", () => {
      assert.deepEqual(pluginCommand(provider, {}), {
        args: [provider.runScript, "/plug", "127.0.0.1:4000"],
        env: { PATH: "/bin", HOME: "/home/u", PULUMI_NODEJS_TYPESCRIPT: "true" },
        cwd: "/project",
      });
    });

    it("runs a policy pack as upstream: run-policy-pack, its arguments, then the pack folder, in the pack's folder", () => {
      const pack = {
        ...provider,
        kind: "analyzer",
        runScript: "/pack/node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js",
        programDirectory: "/pack",
      };
      assert.deepEqual(pluginCommand(pack, {}), {
        args: [pack.runScript, "127.0.0.1:4000", "/pack"],
        env: { PATH: "/bin", HOME: "/home/u", PULUMI_NODEJS_TYPESCRIPT: "true" },
        cwd: "/pack",
      });
    });

    it("gives nodeargs to node, before the script", () => {
      const command = pluginCommand({ ...provider, options: { ...options, nodeargs: "--max-old-space-size=4096 --trace-warnings" } }, {});
      assert.deepEqual(command.args, ["--max-old-space-size=4096", "--trace-warnings", provider.runScript, "/plug", "127.0.0.1:4000"]);
    });

    it("passes the tsconfig option and leaves TypeScript unset when the plugin turns it off", () => {
      const command = pluginCommand({ ...provider, options: { typescript: false, tsconfig: "tsconfig.plugin.json", nodeargs: "" } }, {});
      assert.deepEqual(command.env, { PATH: "/bin", HOME: "/home/u", PULUMI_NODEJS_TSCONFIG_PATH: "tsconfig.plugin.json" });
    });

    it("uses the host's environment when the request carries none", () => {
      assert.deepEqual(pluginCommand({ ...provider, env: [] }, { PATH: "/usr/bin", X: "1" }).env, {
        PATH: "/usr/bin",
        X: "1",
        PULUMI_NODEJS_TYPESCRIPT: "true",
      });
    });
  });

  describe("environmentOf", () => {
    it("lets a later line win over an earlier one with the same key, as Go's exec does", () => {
      assert.deepEqual(environmentOf(["A=1", "B=x=y", "A=2", "EMPTY=", "malformed", "=nokey"]), { A: "2", B: "x=y", EMPTY: "" });
    });
  });

  describe("policyPackEnvironment", () => {
    it("gives the pack the stack, project, organization, dry run and config, as upstream", () => {
      const config = new AnalyzerStackConfigureRequest();
      config.setStack("dev");
      config.setProject("mail");
      config.setOrganization("acme");
      config.setDryRun(true);
      config.getConfigMap().set("guard:reservedSuffix", ".invalid");
      config.getConfigMap().set("mail:domains", '["a.com"]');
      config.getTagsMap().set("team", "mail");
      assert.deepEqual(policyPackEnvironment(config), {
        PULUMI_NODEJS_ORGANIZATION: "acme",
        PULUMI_NODEJS_PROJECT: "mail",
        PULUMI_NODEJS_STACK: "dev",
        PULUMI_NODEJS_DRY_RUN: "true",
        PULUMI_CONFIG: JSON.stringify({ "guard:reservedSuffix": ".invalid", "mail:domains": '["a.com"]' }),
      });
    });

    it("sets only the dry-run flag for an empty configuration, and nothing without one", () => {
      assert.deepEqual(policyPackEnvironment(new AnalyzerStackConfigureRequest()), { PULUMI_NODEJS_DRY_RUN: "false" });
      assert.deepEqual(policyPackEnvironment(undefined), {});
    });
  });

  describe("firstLineSplitter", () => {
    it("separates the first line from the rest however the chunks fall", () => {
      const lines: string[] = [];
      const rest: string[] = [];
      const feed = firstLineSplitter(
        (l) => lines.push(l),
        (c) => rest.push(c.toString()),
      );
      for (const chunk of ["40", "17", "\nhello ", "world\n", "more\n"]) feed(Buffer.from(chunk));
      assert.deepEqual(lines, ["4017"]);
      assert.equal(rest.join(""), "hello world\nmore\n");
    });

    it("passes nothing on before the newline arrives", () => {
      const lines: string[] = [];
      const feed = firstLineSplitter(
        (l) => lines.push(l),
        () => assert.fail("no rest yet"),
      );
      feed(Buffer.from("123"));
      assert.deepEqual(lines, []);
    });
  });

  describe("pluginOutcome", () => {
    it("reports the exit code, zero or not, in the stream", () => {
      assert.deepEqual(pluginOutcome({ code: 0, signal: null }), { exitCode: 0 });
      assert.deepEqual(pluginOutcome({ code: 3, signal: null }), { exitCode: 3 });
    });
    it("reports a signal or a failed start as an error", () => {
      assert.deepEqual(pluginOutcome({ code: null, signal: "SIGKILL" }), { error: "Plugin exited due to signal SIGKILL" });
      assert.deepEqual(pluginOutcome({ code: null, signal: null, spawnError: new Error("spawn node EACCES") }), {
        error: "Problem executing plugin program (could not run language executor): spawn node EACCES",
      });
    });
  });

  describe("parsePortLine (policy packs)", () => {
    it("reads the port, with white space around it", () => {
      assert.equal(parsePortLine("41234"), 41234);
      assert.equal(parsePortLine(" 41234\r"), 41234);
    });
    it("says what the pack printed instead of a port, and what to do", () => {
      assert.throws(
        () => parsePortLine("loading policies..."),
        /^Error: the policy pack's first line on stdout should be its port, but it printed 'loading policies\.\.\.': a policy pack must not write to stdout before it serves \(use console\.error for diagnostics\)$/,
      );
      assert.throws(() => parsePortLine("70000"), /printed '70000'/);
      assert.throws(() => parsePortLine("0"), /printed '0'/);
    });
  });
});
