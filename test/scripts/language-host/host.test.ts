/**
 * The host as the CLI drives it: a real process, a gRPC client. Programs and plugins run a stand-in for the SDK's
 * run scripts (PULUMI_LANGUAGE_NODEJS_RUN_PATH, which the host uses for both, as upstream) that prints its pid and
 * arguments and then waits, so that the tests can watch them being stopped.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import {
  InstallDependenciesRequest,
  type InstallDependenciesResponse,
  LanguageHandshakeRequest,
  ProgramInfo,
  RunRequest,
  type RunResponse,
} from "@pulumi/pulumi/proto/language_pb";
import { repoRoot } from "../../../scripts/pulumi-offline";
import { isRunning, waitUntilGone, writePluginProgram } from "./fixtures";
import { startHost, type HostProcess } from "./host-process";
import { PluginStream } from "./plugin-stream";

const MAIN = path.join(repoRoot(), "scripts", "language-host", "main.js");

/** A stand-in for the SDK's run scripts: says who it is and how it was called, then runs until stopped. */
const FAKE_RUN_SCRIPT = `console.log("started pid=" + process.pid + " args=" + JSON.stringify(process.argv.slice(2)));
setInterval(() => {}, 1000);
`;

/** The plugin folder's own program, which the stand-in run script never loads. */
const UNUSED_PLUGIN = "throw new Error('not run: PULUMI_LANGUAGE_NODEJS_RUN_PATH replaces the run script');\n";

interface StreamOutcome {
  messages: string[];
  error?: grpc.ServiceError;
  ended: boolean;
}

/** Collects a server stream until it ends, fails, or 5 s pass (a stream that never answers is the bug). */
function collect(stream: grpc.ClientReadableStream<InstallDependenciesResponse>): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const outcome: StreamOutcome = { messages: [], ended: false };
    const timer = setTimeout(() => resolve(outcome), 5_000);
    stream.on("data", (m: InstallDependenciesResponse) => outcome.messages.push(Buffer.from(m.getStdout_asU8()).toString()));
    stream.on("error", (error: grpc.ServiceError) => {
      clearTimeout(timer);
      resolve({ ...outcome, error });
    });
    stream.on("end", () => {
      clearTimeout(timer);
      resolve({ ...outcome, ended: true });
    });
  });
}

/** Starts a Run call of a program in `dir`; `response` settles when the host answers. */
function startRun(host: HostProcess, dir: string) {
  const info = new ProgramInfo();
  info.setProgramDirectory(dir);
  info.setRootDirectory(dir);
  info.setEntryPoint(".");
  const req = new RunRequest();
  req.setInfo(info);
  req.setMonitorAddress("127.0.0.1:1");
  req.setProject("lh");
  req.setStack("dev");
  req.setParallel(4);
  let call: grpc.ClientUnaryCall | undefined;
  const response = new Promise<RunResponse>((resolve, reject) => {
    call = host.client.run(req, (err, resp) => (err ? reject(err) : resolve(resp)));
  });
  response.catch(() => undefined); // a cancelled call rejects; tests that cancel do not wait for it
  return { call: call!, response };
}

function handshake(host: HostProcess, engineAddress: string): Promise<void> {
  const req = new LanguageHandshakeRequest();
  req.setEngineAddress(engineAddress);
  return new Promise((resolve, reject) => host.client.handshake(req, (err) => (err ? reject(err) : resolve())));
}

describe("our language host (scripts/language-host)", function () {
  this.timeout(60_000);
  let tmp: string;
  let fakeRun: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lh-host-"));
    fakeRun = path.join(tmp, "fake-run.js");
    fs.writeFileSync(fakeRun, FAKE_RUN_SCRIPT);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe("command line", () => {
    it("prints the SDK version for --version", () => {
      const r = spawnSync(process.execPath, [MAIN, "--version"], { encoding: "utf8" });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
    });

    it("exits with code 2, the reason and the usage for a wrong command line", () => {
      const r = spawnSync(process.execPath, [MAIN, "--runtime=bun", "127.0.0.1:1"], { encoding: "utf8" });
      assert.equal(r.status, 2);
      assert.equal(
        r.stderr,
        "pulumi-language-nodejs: unsupported runtime 'bun': this language host runs only 'nodejs'\n" +
          "usage: pulumi-language-nodejs [--tracing URL] [-v=N] [--logtostderr] <engine-address>\n",
      );
      assert.equal(r.stdout, "");
    });
  });

  describe("InstallDependencies", () => {
    let host: HostProcess;
    before(async () => {
      // The engine address is only used by Run; nothing listens there in this test.
      host = await startHost(["127.0.0.1:9"]);
    });
    after(() => host.stop());

    function installDependencies(directory: string): Promise<StreamOutcome> {
      const request = new InstallDependenciesRequest();
      request.setDirectory(directory);
      return collect(host.client.installDependencies(request));
    }

    it("answers by saying npm manages dependencies", async () => {
      const outcome = await installDependencies(repoRoot());
      assert.equal(outcome.error, undefined);
      assert.equal(outcome.ended, true);
      assert.match(outcome.messages.join(""), /Dependencies are managed by npm/);
    });

    it("fails at once, saying what to run, where @pulumi/pulumi is missing", async () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-deps-"));
      try {
        const outcome = await installDependencies(empty);
        assert.ok(outcome.error, "the call got an answer");
        assert.equal(outcome.error.code, grpc.status.FAILED_PRECONDITION);
        assert.match(outcome.error.details, /@pulumi\/pulumi is not installed .*run 'npm install'/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });
  });

  describe("Run and the engine address", () => {
    let host: HostProcess;
    beforeEach(async () => {
      host = await startHost([], { PULUMI_LANGUAGE_NODEJS_RUN_PATH: fakeRun });
    });
    afterEach(() => host.stop());

    it("answers with an error that says where the engine address comes from when there is none", async () => {
      const resp = await startRun(host, tmp).response;
      assert.equal(resp.getError(), "no engine address: the CLI passes it as the last argument, or call Handshake first");
    });

    it("gives the program the engine address of Handshake, and stops it when the CLI ends the Run call", async () => {
      await handshake(host, "127.0.0.1:7777");
      const run = startRun(host, tmp);
      const line = await host.waitForLine(/^started pid=\d+/);
      const pid = Number(/pid=(\d+)/.exec(line)![1]);
      const args = JSON.parse(line.slice(line.indexOf("args=") + 5)) as string[];
      assert.deepEqual(args.slice(args.indexOf("--engine"), args.indexOf("--engine") + 2), ["--engine", "127.0.0.1:7777"]);
      run.call.cancel();
      await waitUntilGone(pid);
    });
  });

  describe("Cancel", () => {
    let host: HostProcess;
    before(async () => {
      host = await startHost(["127.0.0.1:9"], { PULUMI_LANGUAGE_NODEJS_RUN_PATH: fakeRun });
    });
    after(() => host.stop());

    it("stops running programs but not plugins, which must finish their operations", async () => {
      const plugin = new PluginStream(host.client, {
        programDirectory: writePluginProgram(path.join(tmp, "cancel-plugin"), UNUSED_PLUGIN),
      });
      const pluginPid = Number((await plugin.waitForOutput(/started pid=(\d+)/))[1]);
      const run = startRun(host, tmp);
      const programPid = Number(/pid=(\d+)/.exec(await host.waitForLine(/^started pid=\d+/))![1]);

      await new Promise<void>((resolve, reject) => host.client.cancel(new Empty(), (err) => (err ? reject(err) : resolve())));
      await waitUntilGone(programPid);
      assert.equal((await run.response).getError(), "Program exited due to signal SIGINT");
      assert.ok(isRunning(pluginPid), "the plugin still runs after Cancel");

      plugin.cancel();
      await waitUntilGone(pluginPid);
    });
  });

  describe("shutdown", () => {
    it("stops programs and plugins when the CLI goes away (stdin closes)", async () => {
      const host = await startHost(["127.0.0.1:9"], { PULUMI_LANGUAGE_NODEJS_RUN_PATH: fakeRun });
      const plugin = new PluginStream(host.client, {
        programDirectory: writePluginProgram(path.join(tmp, "shutdown-plugin"), UNUSED_PLUGIN),
      });
      const pluginPid = Number((await plugin.waitForOutput(/started pid=(\d+)/))[1]);
      startRun(host, tmp);
      const programPid = Number(/pid=(\d+)/.exec(await host.waitForLine(/^started pid=\d+/))![1]);

      host.child.stdin.end();
      assert.equal(await host.exited, 0);
      await waitUntilGone(programPid);
      await waitUntilGone(pluginPid);
      await host.stop();
    });
  });
});
