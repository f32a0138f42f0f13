import { strict as assert } from "node:assert";
import { declareInTurns } from "../../../provider/components/declare-in-turns";

describe("declareInTurns", () => {
  it("declares every item once, in order, and returns what each declaration returned", async () => {
    const seen: number[] = [];
    const result = await declareInTurns([10, 20, 30], (item, index) => {
      seen.push(index);
      return item * 2;
    });
    assert.deepEqual(seen, [0, 1, 2]);
    assert.deepEqual(result, [20, 40, 60]);
    assert.deepEqual(await declareInTurns([], () => 1), []);
  });

  it("lets I/O scheduled by one declaration run before the next declaration", async () => {
    // Stands in for the SDK's registration: work a declaration queues behind the current synchronous code.
    const events: string[] = [];
    await declareInTurns(["a", "b", "c"], (item) => {
      events.push(`declare ${item}`);
      setImmediate(() => events.push(`registered ${item}`));
    });
    assert.deepEqual(events.slice(0, 5), ["declare a", "registered a", "declare b", "registered b", "declare c"]);
  });

  it("stops at the first declaration that throws, with that error", async () => {
    const declared: string[] = [];
    await assert.rejects(
      declareInTurns(["ok", "bad", "never"], (item) => {
        declared.push(item);
        if (item === "bad") throw new Error("domains[1]: bad entry");
      }),
      /domains\[1\]: bad entry/,
    );
    assert.deepEqual(declared, ["ok", "bad"]);
  });
});
