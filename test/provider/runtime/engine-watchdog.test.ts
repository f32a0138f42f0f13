import { strict as assert } from "node:assert";
import { createServer, type AddressInfo } from "node:net";
import { startEngineWatchdog } from "../../../provider/runtime/engine-watchdog";
import { engineAddressOf } from "../../../provider/runtime/engine-log";

describe("startEngineWatchdog", () => {
  it("calls onGone once the engine's port stops answering, and not before", async () => {
    // Driven by observed checks, not by sleeps: the watchdog must have reached the live port three times.
    let checks = 0;
    let thirdCheck: () => void = () => undefined;
    const threeChecks = new Promise<void>((resolve) => (thirdCheck = resolve));
    const server = createServer((socket) => {
      socket.destroy();
      if (++checks === 3) thirdCheck();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    let gone = 0;
    let reportedGone: () => void = () => undefined;
    const goneReported = new Promise<void>((resolve) => (reportedGone = resolve));
    const stop = startEngineWatchdog({
      address: `127.0.0.1:${port}`,
      intervalMs: 30,
      onGone: () => {
        gone++;
        reportedGone();
      },
    });
    await threeChecks;
    assert.equal(gone, 0, "the engine is alive");
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await goneReported;
    // A second report could only come later; give it several intervals (this wait can only hide a failure, not cause one).
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(gone, 1, "onGone is called once");
    stop();
  });

  it("does nothing outside the dynamic-provider host", () => {
    assert.equal(engineAddressOf(["node", "/x/mocha", "127.0.0.1:1234"]), undefined);
    assert.equal(engineAddressOf(["node", "/x/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1234"]), "127.0.0.1:1234");
    const stop = startEngineWatchdog({ address: undefined, onGone: () => assert.fail("no engine to watch") });
    stop();
  });
});
