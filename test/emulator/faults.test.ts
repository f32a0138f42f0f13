import assert from "node:assert/strict";
import { FaultRegistry } from "../../emulator/faults";
import { admin, api, useEmulator } from "./helpers";

describe("emulator faults", () => {
  describe("FaultRegistry", () => {
    it("applies a fault only to its method and path prefix, and only count times", () => {
      const faults = new FaultRegistry();
      faults.add({ kind: "server-error", count: 2, method: "post", pathPrefix: "/api/v1/domains" });
      assert.equal(faults.before("GET", "/api/v1/domains").failure, undefined);
      assert.equal(faults.before("POST", "/api/v1/other").failure, undefined);
      assert.deepEqual(faults.before("POST", "/api/v1/domains").failure, { kind: "server-error", status: 500 });
      assert.deepEqual(faults.before("POST", "/api/v1/domains").failure, { kind: "server-error", status: 500 });
      assert.equal(faults.before("POST", "/api/v1/domains").failure, undefined);
      assert.deepEqual(faults.list(), []);
    });

    it("adds up latencies and keeps an uncounted latency until cleared", () => {
      const faults = new FaultRegistry();
      faults.add({ kind: "latency", ms: 10 });
      faults.add({ kind: "latency", ms: 5, count: 1 });
      assert.equal(faults.before("GET", "/x").latencyMs, 15);
      assert.equal(faults.before("GET", "/x").latencyMs, 10);
      faults.clear();
      assert.equal(faults.before("GET", "/x").latencyMs, 0);
    });

    it("rejects an invalid spec naming the field", () => {
      const faults = new FaultRegistry();
      assert.throws(() => faults.add({ kind: "server-error", status: 404 }), /status/);
    });
  });

  describe("over HTTP", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });
    afterEach(() => emulator.current.clearFaults());

    it("delays responses by the injected latency", async () => {
      emulator.current.injectFault({ kind: "latency", ms: 200, count: 1 });
      const started = Date.now();
      assert.equal((await api(emulator.current, "GET", "/domains")).status, 200);
      assert.ok(Date.now() - started >= 190, "the response took the latency");
    });

    it("answers a burst of N documented 429s, then serves", async () => {
      emulator.current.injectFault({ kind: "rate-limit", count: 2, retryAfterSeconds: 3 });
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await api(emulator.current, "GET", "/domains"));
      assert.deepEqual(
        responses.map((r) => r.status),
        [429, 429, 200],
      );
      assert.equal(responses[0]?.headers.get("retry-after"), "3");
      assert.equal(responses[0]?.headers.get("x-ratelimit-remaining"), "0");
      assert.ok(Number(responses[0]?.headers.get("x-ratelimit-reset")) >= Math.floor(Date.now() / 1000) + 2);
      assert.equal(responses[0]?.json.code, "RATE_LIMITED");
    });

    it("answers N 5xx with INTERNAL_ERROR, then serves", async () => {
      emulator.current.injectFault({ kind: "server-error", count: 2, status: 503 });
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await api(emulator.current, "GET", "/domains"));
      assert.deepEqual(
        responses.map((r) => r.status),
        [503, 503, 200],
      );
      assert.deepEqual(responses[0]?.json, { success: false, error: "Internal server error", code: "INTERNAL_ERROR" });
    });

    it("resets N connections without a response, then serves", async () => {
      emulator.current.injectFault({ kind: "reset", count: 1 });
      await assert.rejects(api(emulator.current, "GET", "/domains"), TypeError);
      assert.equal((await api(emulator.current, "GET", "/domains")).status, 200);
      assert.equal(emulator.current.stats().resets >= 1, true);
    });

    it("stores a create and then answers 500 (commit then fail)", async () => {
      emulator.current.injectFault({ kind: "commit-then-fail", method: "POST", pathPrefix: "/api/v1/domains" });
      const call = { body: { domain: "committed.example.com" }, headers: { "Idempotency-Key": "ctf-1" } };
      const failed = await api(emulator.current, "POST", "/domains", call);
      assert.equal(failed.status, 500);
      const list = await api(emulator.current, "GET", "/domains");
      const stored = list.json.domains.find((d: { domain_name: string }) => d.domain_name === "committed.example.com");
      assert.ok(stored, "the domain was stored");
      const retried = await api(emulator.current, "POST", "/domains", call);
      assert.equal(retried.status, 201, "the retry with the same key replays the lost 201");
      assert.equal(retried.json.domain.id, stored.id);
    });

    it("stores a create and then resets the connection (commit then fail)", async () => {
      emulator.current.injectFault({ kind: "commit-then-fail", failWith: "reset", method: "POST" });
      await assert.rejects(api(emulator.current, "POST", "/domains", { body: { domain: "reset-after.example.com" } }), TypeError);
      const retried = await api(emulator.current, "POST", "/domains", { body: { domain: "reset-after.example.com" } });
      assert.equal(retried.status, 409, "without an idempotency key the retry meets the stored domain");
    });

    it("arms, lists and clears faults through the admin API", async () => {
      const armed = await admin(emulator.current, "POST", "/faults", { kind: "latency", ms: 1, method: "get" });
      assert.equal(armed.status, 201);
      assert.deepEqual(armed.json.fault, { kind: "latency", ms: 1, method: "GET", id: armed.json.fault.id, remaining: null });
      assert.equal((await admin(emulator.current, "GET", "/faults")).json.faults.length, 1);
      assert.equal((await admin(emulator.current, "DELETE", "/faults")).status, 200);
      assert.deepEqual((await admin(emulator.current, "GET", "/faults")).json.faults, []);
    });

    it("answers 400 naming the field for an invalid fault", async () => {
      const response = await admin(emulator.current, "POST", "/faults", { kind: "reset", count: 0 });
      assert.equal(response.status, 400);
      assert.match(response.json.error, /^count:/);
    });

    it("never applies faults to the admin API", async () => {
      emulator.current.injectFault({ kind: "server-error", count: 5 });
      assert.equal((await admin(emulator.current, "GET", "/stats")).status, 200);
    });
  });
});
