import { strict as assert } from "node:assert";
import {
  UNBOUNDED_PARALLEL,
  engineEnvironment,
  engineScaleFlags,
  engineScaleOptions,
  engineScaleValueFlags,
  floorMs,
  lastCreateMs,
  maxPerInterval,
} from "../../bench/engine-scale";

describe("bench engine-scale", () => {
  it("reads its options, with the defaults the issue sets", () => {
    assert.deepEqual(engineScaleOptions([]), { domains: 200, windowSeconds: 6, resources: "dynamic", skipCheckpoints: false });
    assert.deepEqual(engineScaleOptions(["--domains", "50", "--resources=native", "--window-seconds", "3", "--skip-checkpoints"]), {
      domains: 50,
      windowSeconds: 3,
      resources: "native",
      skipCheckpoints: true,
    });
  });

  it("reads the engine's parallelism and turns the options into the commands' environment", () => {
    assert.equal(engineScaleOptions(["--parallel", "64"]).parallel, 64);
    assert.equal(engineScaleOptions(["--parallel=unbounded"]).parallel, UNBOUNDED_PARALLEL);
    assert.equal("parallel" in engineScaleOptions([]), false);
    assert.deepEqual(engineEnvironment({ skipCheckpoints: false }), {});
    assert.deepEqual(engineEnvironment({ skipCheckpoints: true, parallel: UNBOUNDED_PARALLEL }), {
      PULUMI_SKIP_CHECKPOINTS: "true",
      PULUMI_PARALLEL: "2147483647",
    });
  });

  it("reads the state compression and turns it into the file backend's variable", () => {
    assert.equal(engineScaleOptions(["--state-compression", "zstd"]).stateCompression, "zstd");
    assert.equal("stateCompression" in engineScaleOptions([]), false);
    assert.deepEqual(engineEnvironment({ skipCheckpoints: false, stateCompression: "gzip" }), { PULUMI_DIY_BACKEND_GZIP: "true" });
    assert.deepEqual(engineEnvironment({ skipCheckpoints: false, stateCompression: "zstd" }), { PULUMI_DIY_BACKEND_ZSTD: "true" });
    // Names inherited from Object.prototype are not compressions.
    for (const bad of ["brotli", "constructor", "toString", ""])
      assert.throws(
        () => engineScaleOptions(["--state-compression", bad]),
        new RegExp(`--state-compression: expected gzip or zstd, got ${JSON.stringify(bad)}`),
      );
  });

  it("prints flags that read back as the same options", () => {
    for (const argv of [
      [],
      ["--domains", "50", "--parallel", "unbounded", "--skip-checkpoints"],
      ["--resources", "native", "--parallel", "64"],
      ["--state-compression=gzip", "--parallel", "unbounded"],
    ]) {
      const options = engineScaleOptions(argv);
      const flags = engineScaleFlags(options);
      assert.deepEqual(engineScaleOptions(flags.flatMap((f) => f.split(" "))), options);
      // Every flag printed with a value is one the runner knows takes a value.
      for (const flag of flags.filter((f) => f.includes(" ")).map((f) => f.split(" ")[0]!))
        assert.ok((engineScaleValueFlags as readonly string[]).includes(flag), flag);
    }
  });

  it("refuses what it cannot run, naming the flag", () => {
    for (const bad of ["0", "1.5", "many", "2147483648"])
      assert.throws(
        () => engineScaleOptions(["--parallel", bad]),
        /--parallel: expected a whole number from 1 to 2147483647 or "unbounded"/,
      );
    assert.throws(() => engineScaleOptions(["--domains", "-1"]), /--domains: expected a positive number/);
    assert.throws(() => engineScaleOptions(["--resources", "both"]), /--resources: expected dynamic or native, got "both"/);
  });

  it("computes the floor: the create windows N domains need, then the last one's verification", () => {
    // 200 domains at 10 creates per 6 s window: 19 full windows before the last batch, then 30 s + one check.
    assert.equal(floorMs(200, 6_000, 3_000), 19 * 6_000 + 3_000 + 100);
    assert.equal(floorMs(10, 6_000, 0), 100);
  });

  it("finds when the last successful domain create arrived, ignoring refused creates, other requests and other runs", () => {
    const requests = [
      { at: 1_000, method: "POST", path: "/api/v1/domains", status: 201 as const },
      { at: 1_500, method: "POST", path: "/api/v1/domains", status: 201 as const },
      { at: 1_700, method: "POST", path: "/api/v1/domains", status: 429 as const },
      { at: 1_800, method: "GET", path: "/api/v1/domains", status: 200 as const },
      { at: 9_000, method: "POST", path: "/api/v1/domains", status: 201 as const },
    ];
    assert.equal(lastCreateMs(requests, 900, 2_000), 600);
    assert.equal(lastCreateMs(requests, 1_600, 2_000), undefined);
  });

  it("counts the most list requests within any one interval", () => {
    assert.equal(maxPerInterval([0, 400, 900, 1_400], 500), 2);
    assert.equal(maxPerInterval([0, 500, 1_000], 500), 1);
    assert.equal(maxPerInterval([], 500), 0);
  });
});
