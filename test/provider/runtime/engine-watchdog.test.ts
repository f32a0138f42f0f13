import { strict as assert } from "node:assert";
import { createServer, type AddressInfo } from "node:net";
import { startEngineWatchdog } from "../../../provider/runtime/engine-watchdog";
import { engineAddressOf } from "../../../provider/runtime/engine-log";

describe("startEngineWatchdog", () => {
  it("calls onGone once the engine's port stops answering, and not before", async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    let gone = 0;
    const stop = startEngineWatchdog({ address: `127.0.0.1:${port}`, intervalMs: 30, onGone: () => gone++ });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(gone, 0, "the engine is alive");
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(gone, 1);
    stop();
  });

  it("does nothing outside the dynamic-provider host", () => {
    assert.equal(engineAddressOf(["node", "/x/mocha", "127.0.0.1:1234"]), undefined);
    assert.equal(engineAddressOf(["node", "/x/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1234"]), "127.0.0.1:1234");
    const stop = startEngineWatchdog({ address: undefined, onGone: () => assert.fail("no engine to watch") });
    stop();
  });
});
