import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { repoRoot } from "../../scripts/pulumi-offline";

/* eslint-disable @typescript-eslint/no-require-imports */
const stubs = require("@pulumi/pulumi/proto/language_grpc_pb.js") as {
  LanguageRuntimeClient: new (address: string, credentials: grpc.ChannelCredentials) => {
    installDependencies(request: unknown): NodeJS.ReadableStream & { cancel(): void };
    close(): void;
  };
};
const messages = require("@pulumi/pulumi/proto/language_pb.js") as {
  InstallDependenciesRequest: new () => { setDirectory(d: string): void };
};

interface StreamOutcome {
  messages: string[];
  error?: grpc.ServiceError;
  ended: boolean;
}

/** Collects a server stream until it ends, fails, or 5 s pass (a stream that never answers is the bug). */
function collect(stream: NodeJS.ReadableStream): Promise<StreamOutcome> {
  return new Promise((resolve) => {
    const outcome: StreamOutcome = { messages: [], ended: false };
    const timer = setTimeout(() => resolve(outcome), 5_000);
    stream.on("data", (m: { getStdout_asU8(): Uint8Array }) => outcome.messages.push(Buffer.from(m.getStdout_asU8()).toString()));
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

describe("our language host (scripts/language-host)", () => {
  let host: ChildProcess;
  let client: InstanceType<typeof stubs.LanguageRuntimeClient>;

  before(async () => {
    // The engine address is only used by Run; nothing listens there in this test.
    host = spawn(process.execPath, [path.join(repoRoot(), "scripts", "language-host", "main.js"), "127.0.0.1:9"], { stdio: ["pipe", "pipe", "pipe"] });
    const port = await new Promise<string>((resolve, reject) => {
      host.stdout!.once("data", (d: Buffer) => resolve(d.toString().split("\n")[0]!.trim()));
      host.once("exit", (code) => reject(new Error(`the host exited with ${code}`)));
    });
    client = new stubs.LanguageRuntimeClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  after(() => {
    client?.close();
    host?.stdin?.end();
    host?.kill();
  });

  function installDependencies(directory: string): Promise<StreamOutcome> {
    const request = new messages.InstallDependenciesRequest();
    request.setDirectory(directory);
    return collect(client.installDependencies(request));
  }

  it("answers InstallDependencies by saying npm manages dependencies", async () => {
    const outcome = await installDependencies(repoRoot());
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.ended, true);
    assert.match(outcome.messages.join(""), /Dependencies are managed by npm/);
  });

  it("fails InstallDependencies at once, saying what to run, where @pulumi/pulumi is missing", async () => {
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
