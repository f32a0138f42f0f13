import assert from "node:assert/strict";
import { admin, api, createDomain, useEmulator } from "./helpers";

describe("emulator stats", () => {
  const emulator = useEmulator({ verification: { mode: "manual" }, rateLimits: { windowMs: 60_000, read: 2 } });
  beforeEach(() => {
    emulator.current.resetStats();
    emulator.current.resetRateLimits();
  });

  it("counts API requests per method and route pattern", async () => {
    const domain = await createDomain(emulator.current, "counted.example.com");
    await api(emulator.current, "GET", "/domains");
    await api(emulator.current, "GET", `/domains/${domain.id}`);
    await api(emulator.current, "GET", "/domains/another-id");
    await api(emulator.current, "GET", "/no/such/path");
    const stats = emulator.current.stats();
    assert.deepEqual(stats.requests, {
      "POST /api/v1/domains": 1,
      "GET /api/v1/domains": 1,
      "GET /api/v1/domains/:id": 2,
      "GET (unmatched)": 1,
    });
    assert.equal(stats.total, 5);
    assert.deepEqual(stats.statuses, { "200": 2, "201": 1, "404": 2 });
  });

  it("counts the 429s sent, by the limiter and by injected faults", async () => {
    emulator.current.injectFault({ kind: "rate-limit", count: 1, method: "POST" });
    await api(emulator.current, "POST", "/domains", { body: { domain: "x.example.com" } });
    for (let i = 0; i < 3; i++) await api(emulator.current, "GET", "/domains");
    const stats = (await admin(emulator.current, "GET", "/stats")).json;
    assert.equal(stats.rateLimited, 2);
    assert.equal(stats.requests["GET /api/v1/domains"], 3);
  });

  it("does not count admin requests", async () => {
    await admin(emulator.current, "GET", "/domains");
    await admin(emulator.current, "GET", "/stats");
    assert.equal(emulator.current.stats().total, 0);
  });

  it("zeroes the counters through DELETE /admin/stats", async () => {
    await api(emulator.current, "GET", "/domains");
    assert.equal((await admin(emulator.current, "DELETE", "/stats")).status, 200);
    assert.deepEqual(emulator.current.stats(), { requests: {}, total: 0, rateLimited: 0, statuses: {}, resets: 0 });
  });
});
