import { strict as assert } from "node:assert";
import { once } from "node:events";
import { startEmulator, type AnsweredRequest, type RunningEmulator } from "../../emulator";
import { isPollOf, whileRunning } from "./triggers";

/** A stand-in for a CLI command: runs until `finish` is called or it is interrupted. */
function fakeCommand() {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const run = (interrupt: AbortSignal) => {
    if (interrupt.aborted) finish("interrupted");
    else interrupt.addEventListener("abort", () => finish("interrupted"));
    return done;
  };
  return { run, finish, fail };
}

describe("e2e triggers", () => {
  describe("whileRunning", () => {
    it("lets the cue act while the command runs, and returns both results", async () => {
      const command = fakeCommand();
      const { result, cued } = await whileRunning(command.run, async () => {
        command.finish("done"); // the cue's action is what lets the command end, as marking a domain verified does
        return "acted";
      });
      assert.deepEqual({ result, cued }, { result: "done", cued: "acted" });
    });

    it("lets the cue interrupt the command", async () => {
      const command = fakeCommand();
      const { result } = await whileRunning(command.run, async (cue) => cue.interrupt());
      assert.equal(result, "interrupted");
    });

    it("fails when the command ends before the cue came, with the cue's reason", async () => {
      const command = fakeCommand();
      const waiting = whileRunning(command.run, async ({ commandEnded }) => {
        await once(commandEnded, "abort");
        throw new Error(`stopped waiting for the second poll: ${(commandEnded.reason as Error).message}`);
      });
      command.finish("done");
      await assert.rejects(waiting, /stopped waiting for the second poll: the command ended first/);
    });

    it("interrupts the command when the cue fails first, and throws the cue's failure", async () => {
      const command = fakeCommand();
      await assert.rejects(
        whileRunning(command.run, async () => {
          throw new Error("no poll within 300000 ms");
        }),
        /no poll within 300000 ms/,
      );
    });

    it("throws the command's own failure when it fails before the cue came", async () => {
      const command = fakeCommand();
      const waiting = whileRunning(command.run, async ({ commandEnded }) => {
        await once(commandEnded, "abort");
        throw new Error("stopped waiting");
      });
      command.fail(new Error("pulumi up failed: errors reported by the engine"));
      await assert.rejects(waiting, /pulumi up failed/);
    });
  });

  describe("isPollOf", () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ verification: { mode: "manual" }, rateLimits: false });
    });
    after(() => emulator.stop());

    it("matches a successful domain list answered while the domain exists, nothing else", async () => {
      const seen: AnsweredRequest[] = [];
      const unsubscribe = emulator.onRequest((request) => seen.push(request));
      const call = (method: string, path: string, body?: unknown, key = emulator.apiKey) =>
        fetch(`${emulator.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }).then((response) => response.text());
      try {
        const isPoll = isPollOf(emulator, "polled.example");
        const matches: boolean[] = [];
        const record = () => matches.push(isPoll(seen.at(-1)!));
        await call("GET", "/domains");
        record(); // before the domain exists
        const created = JSON.parse(await call("POST", "/domains", { domain: "polled.example" })) as { domain: { id: string } };
        record(); // the create itself
        await call("GET", "/domains");
        record(); // a poll
        await call("GET", `/domains/${created.domain.id}`);
        record(); // a read of one domain
        await call("GET", "/domains", undefined, "sk_wrong");
        record(); // refused
        assert.deepEqual(matches, [false, false, true, false, false]);
        assert.equal(isPollOf(emulator, "other.example")(seen[2]!), false);
      } finally {
        unsubscribe();
      }
    });
  });
});
