import assert from "node:assert/strict";
import {
  type BucketState,
  blockUntil,
  inFlight,
  initialBucket,
  observeRateLimit,
  rateLimitInfo,
  recordAnswer,
  recordSend,
  routeClassOf,
  safetyMarginMs,
  waitTime,
} from "../../sdk/rate-limit-policy";

const config = { limit: 3, windowMs: 1000 };
const margin = safetyMarginMs(1000); // 20 ms

/** Sends `n` requests as soon as the policy allows, each answered at once; returns the send times. */
function simulate(state: BucketState, n: number, start = 0): { times: number[]; state: BucketState } {
  const times: number[] = [];
  let now = start;
  for (let i = 0; i < n; i++) {
    now += waitTime(state, now);
    state = recordAnswer(recordSend(state, now, i), now, i);
    times.push(now);
  }
  return { times, state };
}

describe("rate-limit-policy", () => {
  describe("routeClassOf", () => {
    it("classifies POST /domains as create", () => assert.equal(routeClassOf("POST", "/api/v1/domains"), "create"));
    it("classifies GET /domains and GET /domains/{id} as read", () => {
      assert.equal(routeClassOf("GET", "/api/v1/domains"), "read");
      assert.equal(routeClassOf("GET", "/api/v1/domains/abc"), "read");
    });
    it("classifies PATCH and DELETE as other", () => {
      assert.equal(routeClassOf("PATCH", "/api/v1/domains/abc"), "other");
      assert.equal(routeClassOf("DELETE", "/api/v1/domains/abc"), "other");
    });
  });

  describe("waitTime and recordSend", () => {
    describe("when a burst fits the limit", () => {
      it("lets it through at once", () => {
        assert.deepEqual(simulate(initialBucket(config), 3).times, [0, 0, 0]);
      });
    });

    describe("when a burst exceeds the limit", () => {
      it("makes request limit+1 wait a full window (plus margin) after the first", () => {
        const { times } = simulate(initialBucket(config), 7);
        assert.deepEqual(times, [0, 0, 0, 1000 + margin, 1000 + margin, 1000 + margin, 2000 + 2 * margin]);
      });

      it("never puts more than `limit` sends in any window, for any fixed-window server", () => {
        let state = initialBucket({ limit: 10, windowMs: 2000 });
        const times: number[] = [];
        let now = 0;
        for (let i = 0; i < 100; i++) {
          now += Math.floor(Math.random() * 150); // irregular arrivals
          now += waitTime(state, now);
          state = recordAnswer(recordSend(state, now, i), now, i);
          times.push(now);
        }
        for (const t of times) {
          const inWindow = times.filter((u) => u >= t && u < t + 2000).length;
          assert.ok(inWindow <= 10, `${inWindow} sends in [${t}, ${t + 2000})`);
        }
      });
    });

    it("forgets requests answered longer than a window ago", () => {
      const { state } = simulate(initialBucket(config), 3);
      assert.equal(waitTime(state, 1000 + margin), 0);
      assert.equal(recordSend(state, 5000, 99).sent.length, 1);
    });

    describe("when `limit` requests are still in flight", () => {
      it("waits for an answer (Infinity), since the server may see them at any moment until then", () => {
        let state = initialBucket(config);
        for (let i = 0; i < 3; i++) state = recordSend(state, 0, i);
        assert.equal(inFlight(state), 3);
        assert.equal(waitTime(state, 5000), Infinity);
        state = recordAnswer(state, 300, 1);
        assert.equal(waitTime(state, 300), 1000 + margin);
      });
    });

    it("counts a request from its answer, not its send (a slow first request)", () => {
      let state = recordSend(initialBucket({ limit: 1, windowMs: 1000 }), 0, 1);
      state = recordAnswer(state, 250, 1);
      assert.equal(waitTime(state, 250), 1000 + margin);
    });
  });

  describe("safetyMarginMs", () => {
    it("is 2% of the window, between 10 ms and 1 s", () => {
      assert.equal(safetyMarginMs(100), 10);
      assert.equal(safetyMarginMs(2000), 40);
      assert.equal(safetyMarginMs(60_000), 1000);
    });
  });

  describe("observeRateLimit", () => {
    describe("when the server says Remaining: 0", () => {
      it("waits until Reset even though the client's own log allows more", () => {
        const state = observeRateLimit(initialBucket(config), { remaining: 0, resetAt: 5000 }, 100, 0);
        assert.equal(waitTime(state, 100), 4900 + margin);
        assert.equal(waitTime(state, 5000 + margin), 0);
      });
    });

    describe("when the server says Remaining: 1", () => {
      it("allows one more send, then waits until Reset", () => {
        let state = observeRateLimit(initialBucket({ limit: 10, windowMs: 1000 }), { remaining: 1, resetAt: 800 }, 100, 0);
        assert.equal(waitTime(state, 100), 0);
        state = recordSend(state, 100, 1);
        assert.equal(waitTime(state, 100), 700 + margin);
      });
    });

    it("subtracts requests still in flight, which the server may not have counted yet", () => {
      const state = observeRateLimit(initialBucket(config), { remaining: 2, resetAt: 900 }, 100, 2);
      assert.equal(state.server?.remaining, 0);
    });

    it("keeps the lower Remaining within one server window (late, older responses)", () => {
      let state = observeRateLimit(initialBucket(config), { remaining: 1, resetAt: 900 }, 100, 0);
      state = observeRateLimit(state, { remaining: 3, resetAt: 900 }, 110, 0);
      assert.equal(state.server?.remaining, 1);
    });

    it("adopts a lower X-RateLimit-Limit", () => {
      const state = observeRateLimit(initialBucket({ limit: 60, windowMs: 1000 }), { limit: 2 }, 0, 0);
      assert.equal(state.config.limit, 2);
    });

    it("ignores a higher X-RateLimit-Limit", () => {
      const state = observeRateLimit(initialBucket(config), { limit: 100 }, 0, 0);
      assert.equal(state.config.limit, 3);
    });

    it("ignores a Reset in the past", () => {
      const state = observeRateLimit(initialBucket(config), { remaining: 0, resetAt: 50 }, 100, 0);
      assert.equal(waitTime(state, 100), 0);
    });
  });

  describe("rateLimitInfo", () => {
    it("parses the documented headers (Reset in Unix seconds)", () => {
      const now = 1_705_314_600_000;
      assert.deepEqual(rateLimitInfo({ "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1705314660" }, now), {
        limit: 10,
        remaining: 0,
        resetAt: 1_705_314_660_000,
      });
    });
    it("is empty without headers", () => assert.deepEqual(rateLimitInfo({}, 0), {}));
  });

  describe("blockUntil", () => {
    it("holds every send until the given time", () => {
      const state = blockUntil(initialBucket(config), 700);
      assert.equal(waitTime(state, 200), 500);
      assert.equal(waitTime(state, 700), 0);
    });
    it("never shortens an existing block", () => {
      assert.equal(blockUntil(blockUntil(initialBucket(config), 700), 300).blockedUntil, 700);
    });
  });
});
