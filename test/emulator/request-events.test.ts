import assert from "node:assert/strict";
import type { AnsweredRequest } from "../../emulator";
import { RequestEvents } from "../../emulator/request-events";
import { admin, api, createDomain, useEmulator } from "./helpers";

describe("emulator request events", () => {
  const emulator = useEmulator({ verification: { mode: "manual" }, rateLimits: false });
  afterEach(() => emulator.current.clearFaults());

  describe("onRequest", () => {
    it("reports each answered API request once the reply is sent, with method, path and status", async () => {
      const seen: AnsweredRequest[] = [];
      const unsubscribe = emulator.current.onRequest((request) => seen.push(request));
      try {
        const before = Date.now();
        const created = await createDomain(emulator.current, "observed.example");
        await api(emulator.current, "get", `/domains/${created.id}?expand=1`);
        await api(emulator.current, "GET", "/domains", { key: "sk_wrong" });
        assert.deepEqual(
          seen.map(({ method, path, status }) => ({ method, path, status })),
          [
            { method: "POST", path: "/api/v1/domains", status: 201 },
            { method: "GET", path: `/api/v1/domains/${created.id}`, status: 200 },
            { method: "GET", path: "/api/v1/domains", status: 401 },
          ],
        );
        assert.ok(seen.every((request) => request.at >= before && request.at <= Date.now()));
      } finally {
        unsubscribe();
      }
    });

    it("reports a connection reset by a fault as status 'reset'", async () => {
      const seen: AnsweredRequest[] = [];
      const unsubscribe = emulator.current.onRequest((request) => seen.push(request));
      try {
        emulator.current.injectFault({ kind: "reset", method: "GET" });
        await assert.rejects(api(emulator.current, "GET", "/domains"));
        await api(emulator.current, "GET", "/domains");
        assert.deepEqual(
          seen.map((request) => request.status),
          ["reset", 200],
        );
      } finally {
        unsubscribe();
      }
    });

    it("does not report admin requests, nor anything after unsubscribing", async () => {
      const seen: AnsweredRequest[] = [];
      const unsubscribe = emulator.current.onRequest((request) => seen.push(request));
      await admin(emulator.current, "GET", "/domains");
      unsubscribe();
      await api(emulator.current, "GET", "/domains");
      assert.deepEqual(seen, []);
    });
  });

  describe("nextRequest", () => {
    it("resolves with the first matching request answered after the call, skipping the others", async () => {
      await api(emulator.current, "GET", "/domains/earlier"); // answered before: must not count
      const next = emulator.current.nextRequest((r) => r.method === "GET" && r.path.startsWith("/api/v1/domains/"), {
        timeoutMs: 60_000,
        description: "a read of one domain",
      });
      await api(emulator.current, "GET", "/domains");
      await api(emulator.current, "GET", "/domains/later");
      const request = await next;
      assert.equal(request.path, "/api/v1/domains/later");
      assert.equal(request.status, 404);
    });

    it("rejects past its bound, naming what it waited for", async () => {
      await assert.rejects(
        emulator.current.nextRequest(() => true, { timeoutMs: 50, description: "the first poll of nothing.example" }),
        /emulator: no the first poll of nothing\.example within 50 ms/,
      );
    });

    it("rejects when its signal aborts, with the reason", async () => {
      const stop = new AbortController();
      const next = assert.rejects(
        emulator.current.nextRequest(() => true, { timeoutMs: 60_000, description: "a request", signal: stop.signal }),
        /stopped waiting for a request after \d+ ms: the command ended/,
      );
      stop.abort(new Error("the command ended"));
      await next;
      const aborted = AbortSignal.abort("already over");
      await assert.rejects(
        emulator.current.nextRequest(() => true, { timeoutMs: 60_000, signal: aborted }),
        /a matching request.*already over/,
      );
    });

    it("rejects with the error of a matcher that throws", async () => {
      const next = assert.rejects(
        emulator.current.nextRequest(
          () => {
            throw new Error("matcher broke");
          },
          { timeoutMs: 60_000 },
        ),
        /matcher broke/,
      );
      await api(emulator.current, "GET", "/domains");
      await next;
    });
  });

  describe("RequestEvents.answered", () => {
    it("tells every listener even when one throws, and throws that error outside the pipeline", async () => {
      const events = new RequestEvents();
      const told: string[] = [];
      events.subscribe(() => {
        throw new Error("listener broke");
      });
      events.subscribe((request) => told.push(request.path));
      // Mocha's own handler would fail this test: take the next uncaught exception ourselves.
      const mochaHandlers = process.listeners("uncaughtException");
      process.removeAllListeners("uncaughtException");
      try {
        const uncaught = new Promise<unknown>((resolve) => process.once("uncaughtException", resolve));
        events.answered({ method: "GET", path: "/api/v1/domains", status: 200, at: Date.now() });
        assert.deepEqual(told, ["/api/v1/domains"]);
        assert.match(String(await uncaught), /listener broke/);
      } finally {
        for (const handler of mochaHandlers) process.on("uncaughtException", handler);
      }
    });
  });
});
