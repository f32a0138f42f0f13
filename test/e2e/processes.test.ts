import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { dynamicProviders, hasExited, killLeftovers, processesWithEnv, waitForExit } from "./processes";

describe("e2e processes (/proc)", () => {
  let dir: string;
  let home: string;
  const children: ChildProcess[] = [];

  /** Starts `node <script>` with PULUMI_HOME=pulumiHome; resolves once it runs. */
  async function start(script: string, pulumiHome = home): Promise<ChildProcess> {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, PULUMI_HOME: pulumiHome },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    await once(child.stdout!, "data"); // the script prints once it is up
    return child;
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-processes-"));
    home = path.join(dir, "home");
    const provider = path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider");
    fs.mkdirSync(provider, { recursive: true });
    const body = "process.stdout.write('up\\n'); setInterval(() => {}, 1000);\n";
    fs.writeFileSync(path.join(provider, "index.js"), body);
    fs.writeFileSync(path.join(dir, "other.js"), body);
  });
  after(() => {
    for (const child of children) child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("finds the processes of one PULUMI_HOME, and among them the dynamic-provider hosts", async () => {
    const provider = await start(path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"));
    const other = await start(path.join(dir, "other.js"));
    assert.deepEqual(
      processesWithEnv("PULUMI_HOME", home)
        .map((p) => p.pid)
        .sort(),
      [provider.pid, other.pid].sort(),
    );
    assert.deepEqual(processesWithEnv("PULUMI_HOME", `${home}-not`), []);
    const found = dynamicProviders(home);
    assert.deepEqual(
      found.map((p) => p.pid),
      [provider.pid],
    );
    assert.match(found[0]!.commandLine, /dynamic-provider[\\/]index\.js$/);
    assert.equal(hasExited(found[0]!), false);
    provider.kill("SIGKILL");
    other.kill("SIGKILL");
    await waitForExit(processesWithEnv("PULUMI_HOME", home), 30_000);
    assert.deepEqual(processesWithEnv("PULUMI_HOME", home), []);
  });

  it("tells a reused pid from the process it referred to", async () => {
    const child = await start(path.join(dir, "other.js"));
    const [ref] = processesWithEnv("PULUMI_HOME", home);
    assert.ok(ref);
    assert.equal(hasExited({ ...ref, startTicks: ref.startTicks - 1 }), true);
    assert.equal(hasExited(ref), false);
    child.kill("SIGKILL");
    await once(child, "exit");
    assert.equal(hasExited(ref), true);
  });

  it("fails a wait past its bound, naming what still runs", async () => {
    const child = await start(path.join(dir, "other.js"));
    const refs = processesWithEnv("PULUMI_HOME", home);
    // Named once, although given twice (a provider is also among all the processes of its project).
    await assert.rejects(
      waitForExit([...refs, ...refs], 200),
      new RegExp(`still running 200 ms later: pid ${child.pid} \\([^)]*other\\.js\\)$`),
    );
    child.kill("SIGKILL");
    await waitForExit(refs, 30_000);
  });

  it("kills what is left of one PULUMI_HOME, and nothing else", async () => {
    const left = await start(path.join(dir, "other.js"));
    const neighbour = await start(path.join(dir, "other.js"), `${home}2`);
    const exited = once(left, "exit");
    const killed = killLeftovers(home);
    assert.deepEqual(
      killed.map((p) => p.pid),
      [left.pid],
    );
    assert.deepEqual((await exited)[1], "SIGKILL");
    assert.deepEqual(killLeftovers(home), []);
    assert.deepEqual(
      processesWithEnv("PULUMI_HOME", `${home}2`).map((p) => p.pid),
      [neighbour.pid],
    );
    neighbour.kill("SIGKILL");
  });
});
