/**
 * RunPlugin as the CLI calls it, against the real host process: a plugin program's arguments, environment,
 * working directory, output and exit; stopping it; and a real @pulumi/policy pack behind the host's policy proxy,
 * driven over gRPC the way the engine drives an analyzer.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import {
  AnalyzeRequest,
  type AnalyzeResponse,
  AnalyzerResourceOptions,
  AnalyzerHandshakeRequest,
  type AnalyzerInfo,
  AnalyzerStackConfigureRequest,
} from "@pulumi/pulumi/proto/analyzer_pb";
import { POLICY_PACK_NAME, waitUntilGone, writePluginProgram, writePolicyPack } from "./fixtures";
import { startHost, type HostProcess } from "./host-process";
import { environmentLines, PluginStream } from "./plugin-stream";

/** Says how it was run, on stdout and stderr, and exits with code 3. */
const ECHO_PLUGIN = `process.stdout.write(JSON.stringify({
    args: process.argv.slice(2),
    cwd: process.cwd(),
    marker: process.env.LH_MARKER,
}) + "\\n");
process.stderr.write("a line on stderr\\n");
process.exitCode = 3;
`;

/** Writes a mark file on SIGINT; exits on it unless LH_IGNORE_SIGINT is set. */
const STUBBORN_PLUGIN = `const fs = require("fs");
process.on("SIGINT", () => {
    fs.writeFileSync(process.env.LH_SIGNAL_FILE, "SIGINT");
    if (!process.env.LH_IGNORE_SIGINT) process.exit(0);
});
console.log("plugin pid=" + process.pid);
setInterval(() => {}, 1000);
`;

function unary<Req, Res>(fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res))));
}

describe("our language host: RunPlugin", function () {
  this.timeout(60_000);
  let tmp: string;
  let host: HostProcess;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lh-runplugin-"));
    host = await startHost(["127.0.0.1:9"]);
  });
  after(async () => {
    await host.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe("a plugin program (PulumiPlugin.yaml)", () => {
    it("runs with the request's arguments, environment and working directory, streams its output and reports its exit code", async () => {
      const dir = writePluginProgram(path.join(tmp, "echo"), ECHO_PLUGIN);
      const pwd = fs.mkdtempSync(path.join(tmp, "pwd-"));
      const plugin = new PluginStream(host.client, {
        programDirectory: dir,
        pwd,
        args: ["127.0.0.1:4321", "extra"],
        // Only in the request, not in the host's environment: the plugin must get the request's.
        env: environmentLines({ LH_MARKER: "from-the-request" }),
      });
      await plugin.done;
      assert.equal(plugin.error, undefined);
      assert.equal(plugin.exitCode, 3);
      assert.deepEqual(JSON.parse(plugin.stdout), { args: ["127.0.0.1:4321", "extra"], cwd: pwd, marker: "from-the-request" });
      assert.equal(plugin.stderr, "a line on stderr\n");
    });

    it("fails with FAILED_PRECONDITION, naming the folder and what to run, where @pulumi/pulumi is not installed", async () => {
      const bare = fs.mkdtempSync(path.join(tmp, "bare-"));
      const plugin = new PluginStream(host.client, { programDirectory: bare });
      await plugin.done;
      assert.equal(plugin.error?.code, grpc.status.FAILED_PRECONDITION);
      assert.equal(
        plugin.error?.details,
        `It looks like the plugin's dependencies are not installed: cannot find module '@pulumi/pulumi/cmd/run-plugin' ` +
          `from ${bare}. Run 'npm install' there (this language host does not install dependencies).`,
      );
    });

    it("refuses to attach a debugger instead of running without one", async () => {
      const plugin = new PluginStream(host.client, {
        programDirectory: writePluginProgram(path.join(tmp, "debug"), ECHO_PLUGIN),
        attachDebugger: true,
      });
      await plugin.done;
      assert.equal(plugin.error?.code, grpc.status.UNIMPLEMENTED);
      assert.equal(plugin.error?.details, "attaching a debugger to plugins is not supported by this language host");
      assert.equal(plugin.stdout, "");
    });

    it("stops the plugin with SIGINT when the CLI ends the call", async () => {
      const signalFile = path.join(tmp, "sigint-graceful");
      const dir = writePluginProgram(path.join(tmp, "graceful"), STUBBORN_PLUGIN);
      const plugin = new PluginStream(host.client, { programDirectory: dir, env: environmentLines({ LH_SIGNAL_FILE: signalFile }) });
      const pid = Number((await plugin.waitForOutput(/plugin pid=(\d+)/))[1]);
      plugin.cancel();
      await waitUntilGone(pid);
      assert.equal(fs.readFileSync(signalFile, "utf8"), "SIGINT");
    });

    it("kills a plugin that ignores SIGINT once the grace period is over", async () => {
      const signalFile = path.join(tmp, "sigint-ignored");
      const dir = writePluginProgram(path.join(tmp, "stubborn"), STUBBORN_PLUGIN);
      const plugin = new PluginStream(host.client, {
        programDirectory: dir,
        env: environmentLines({ LH_SIGNAL_FILE: signalFile, LH_IGNORE_SIGINT: "1" }),
      });
      const pid = Number((await plugin.waitForOutput(/plugin pid=(\d+)/))[1]);
      plugin.cancel();
      // Only SIGKILL can end it: it got SIGINT (the file) and carried on.
      await waitUntilGone(pid, 20_000);
      assert.equal(fs.readFileSync(signalFile, "utf8"), "SIGINT");
    });
  });

  describe("a policy pack (PulumiPolicy.yaml), behind the policy proxy", () => {
    let packDir: string;
    before(() => {
      packDir = writePolicyPack(path.join(tmp, "pack"));
    });

    /** Starts the pack as the engine does and connects to the port it reports. */
    async function startPack() {
      const plugin = new PluginStream(host.client, { programDirectory: packDir, kind: "analyzer", pwd: tmp });
      const port = Number((await plugin.waitForOutput(/^(\d+)\n/))[1]);
      const analyzer = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      return { plugin, analyzer };
    }

    function analyzeRequest(props: Record<string, unknown>): AnalyzeRequest {
      const req = new AnalyzeRequest();
      req.setType("pulumi-nodejs:dynamic:Resource");
      req.setName("bad");
      req.setUrn("urn:pulumi:dev::mail::pulumi-nodejs:dynamic:Resource::bad");
      req.setProperties(Struct.fromJavaScript(props as never));
      req.setOptions(new AnalyzerResourceOptions());
      return req;
    }

    it("gives the pack the stack configuration and tags of ConfigureStack, and forwards the engine's calls", async () => {
      const { plugin, analyzer } = await startPack();
      try {
        const hs = new AnalyzerHandshakeRequest();
        hs.setEngineAddress("127.0.0.1:9");
        await unary(analyzer.handshake.bind(analyzer), hs);
        const stack = new AnalyzerStackConfigureRequest();
        stack.setStack("prod-eu");
        stack.setProject("mail");
        stack.setDryRun(true);
        stack.getConfigMap().set("guard:reservedSuffix", ".invalid");
        stack.getTagsMap().set("team", "deliverability");
        await unary(analyzer.configureStack.bind(analyzer), stack);

        const info = await unary<Empty, AnalyzerInfo>(analyzer.getAnalyzerInfo.bind(analyzer), new Empty());
        assert.equal(info.getName(), POLICY_PACK_NAME);
        assert.deepEqual(
          info.getPoliciesList().map((p) => p.getName()),
          ["reserved-suffix", "wait-enabled"],
        );

        const result = await unary<AnalyzeRequest, AnalyzeResponse>(
          analyzer.analyze.bind(analyzer),
          analyzeRequest({ domain: "mail.example.invalid", waitSeconds: 0 }),
        );
        const messages = result.getDiagnosticsList().map((d) => `${d.getPolicyname()}: ${d.getMessage()}`);
        assert.deepEqual(messages, [
          "reserved-suffix: Domains must not use the reserved suffix of the stack.\n" +
            "mail.example.invalid ends in the reserved suffix .invalid (stack prod-eu, team deliverability)",
          "wait-enabled: Verification waits should stay on.\nverification wait is disabled for mail.example.invalid",
        ]);
      } finally {
        analyzer.close();
        plugin.cancel();
      }
      const packPid = Number((await plugin.waitForOutput(/policy pack pid (\d+)/))[1]);
      await waitUntilGone(packPid);
    });

    it("starts the pack without stack information when another call comes first (pulumi policy publish)", async () => {
      const { plugin, analyzer } = await startPack();
      try {
        const info = await unary<Empty, AnalyzerInfo>(analyzer.getAnalyzerInfo.bind(analyzer), new Empty());
        assert.equal(info.getName(), POLICY_PACK_NAME);
        const result = await unary<AnalyzeRequest, AnalyzeResponse>(
          analyzer.analyze.bind(analyzer),
          analyzeRequest({ domain: "a.example.com" }),
        );
        assert.deepEqual(
          result.getDiagnosticsList().map((d) => d.getMessage()),
          [
            "Domains must not use the reserved suffix of the stack.\nguard:reservedSuffix is not set: the stack configuration did not reach the policy pack",
          ],
        );
      } finally {
        analyzer.close();
        plugin.cancel();
      }
    });

    it("fails the engine's calls with UNAVAILABLE and reports the exit when the pack dies before serving", async () => {
      const broken = writePolicyPack(path.join(tmp, "broken-pack"));
      fs.writeFileSync(path.join(broken, "index.js"), `throw new Error("the pack is broken");\n`);
      const plugin = new PluginStream(host.client, { programDirectory: broken, kind: "analyzer", pwd: tmp });
      const port = Number((await plugin.waitForOutput(/^(\d+)\n/))[1]);
      const analyzer = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      try {
        await unary(analyzer.configureStack.bind(analyzer), new AnalyzerStackConfigureRequest());
        await assert.rejects(unary(analyzer.getAnalyzerInfo.bind(analyzer), new Empty()), (err: grpc.ServiceError) => {
          assert.equal(err.code, grpc.status.UNAVAILABLE);
          assert.equal(err.details, "policy pack not started: the policy pack has stopped");
          return true;
        });
      } finally {
        analyzer.close();
      }
      await plugin.done;
      assert.equal(plugin.error, undefined);
      assert.notEqual(plugin.exitCode, 0);
      assert.match(plugin.stderr, /the pack is broken/);
    });
  });
});
