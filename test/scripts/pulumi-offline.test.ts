import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeRun, runCommand } from "../../scripts/pulumi-offline";

describe("scripts/pulumi-offline", () => {
  describe("runCommand", () => {
    // Waits until a signal ends it.
    const waiter = ["-e", "setInterval(() => {}, 1000);"];

    it("stops a command when its interrupt signal aborts, and says so", async () => {
      const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "run-command-")), "running");
      const interrupt = new AbortController();
      const script = `require("fs").writeFileSync(${JSON.stringify(marker)}, ""); setInterval(() => {}, 1000);`;
      const running = runCommand(process.execPath, ["-e", script], {
        cwd: process.cwd(),
        env: process.env,
        timeoutMs: 60_000,
        interrupt: interrupt.signal,
      });
      // Interrupted once the child runs (it wrote its marker): earlier would not show that a live group is stopped.
      for (let i = 0; !fs.existsSync(marker); i++) {
        assert.ok(i < 3000, "the child did not start within 30 s");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      interrupt.abort();
      const result = await running;
      assert.equal(result.interrupted, true);
      assert.equal(result.timedOut, false);
      assert.equal(result.signal, "SIGINT");
      assert.match(describeRun("the waiter", result), /was interrupted after \d+ ms/);
      fs.rmSync(path.dirname(marker), { recursive: true, force: true });
    });

    it("stops at once a command whose signal has already aborted", async () => {
      const result = await runCommand(process.execPath, waiter, {
        cwd: process.cwd(),
        env: process.env,
        timeoutMs: 60_000,
        interrupt: AbortSignal.abort(),
      });
      assert.equal(result.interrupted, true);
      assert.notEqual(result.code, 0);
    });

    it("tells a timeout from an interruption", async () => {
      const result = await runCommand(process.execPath, waiter, { cwd: process.cwd(), env: process.env, timeoutMs: 300 });
      assert.deepEqual({ timedOut: result.timedOut, interrupted: result.interrupted }, { timedOut: true, interrupted: false });
      assert.match(describeRun("the waiter", result), /timed out after \d+ ms/);
    });

    it("runs a command that ends by itself to the end, untouched", async () => {
      const interrupt = new AbortController();
      const result = await runCommand(process.execPath, ["-e", "process.stdout.write('done')"], {
        cwd: process.cwd(),
        env: process.env,
        timeoutMs: 60_000,
        interrupt: interrupt.signal,
      });
      interrupt.abort(); // after the end: nothing left to stop
      assert.deepEqual(
        { code: result.code, stdout: result.stdout, interrupted: result.interrupted },
        { code: 0, stdout: "done", interrupted: false },
      );
    });
  });
});
