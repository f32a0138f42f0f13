import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { engineAddressFromArgs } from "../../../provider/native/main";

describe("native provider main", () => {
  describe("engineAddressFromArgs", () => {
    it("takes the last host:port argument, the one the engine appends", () => {
      assert.equal(engineAddressFromArgs(["--logtostderr", "-v=9", "127.0.0.1:41234"]), "127.0.0.1:41234");
      assert.equal(engineAddressFromArgs(["--tracing", "x"]), undefined);
    });
  });

  describe("when the plugin starts", () => {
    it("loads neither @pulumi/pulumi's runtime nor @pulumi/aws or @pulumi/cloudflare until a construct (seconds and ~85 MiB)", () => {
      // A fresh process: this one has loaded them for other tests.
      const main = path.join(__dirname, "..", "..", "..", "provider", "native", "main.js");
      const script = `require(${JSON.stringify(main)}); console.log(JSON.stringify(Object.keys(require.cache)));`;
      const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
      const pulumiModules = loaded.filter((file) => /node_modules[\\/]@pulumi[\\/]/.test(file));
      assert.ok(pulumiModules.length > 0, "the protocol stubs come from @pulumi/pulumi/proto");
      assert.deepEqual(
        pulumiModules.filter((file) => !/[\\/]@pulumi[\\/]pulumi[\\/]proto[\\/]/.test(file)),
        [],
      );
    });
  });
});
