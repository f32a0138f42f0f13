import assert from "node:assert/strict";
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  type SendMailOSError,
} from "../../sdk/errors";
import { rateLimitResetAt, retryAfterMs } from "../../sdk/headers";
import { DEFAULT_RETRY } from "../../sdk/options";
import { delayFor, nextRetry, shouldRetry, type RetryPolicy } from "../../sdk/retry-policy";

const policy: RetryPolicy = { maxAttempts: 5, maxElapsedMs: 120_000, baseDelayMs: 500, maxDelayMs: 30_000 };
const server = (): SendMailOSError => new ServerError("x", { code: "SERVER_ERROR", status: 503, retryable: true });
const limited = (retryAfter?: number): SendMailOSError =>
  new RateLimitError("x", {
    code: "RATE_LIMITED",
    status: 429,
    retryable: true,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  });
const network = (): SendMailOSError => new ConnectionError("x", { code: "CONNECTION_ERROR", retryable: true, timeout: false });

describe("retry-policy", () => {
  describe("shouldRetry", () => {
    describe("when the error is retryable (429, 5xx, network)", () => {
      for (const [name, make] of [
        ["429", () => limited()],
        ["503", server],
        ["network", network],
      ] as const) {
        it(`retries ${name} while attempts and time remain`, () => {
          assert.equal(shouldRetry(make(), 1, 0, policy), true);
          assert.equal(shouldRetry(make(), 4, 119_999, policy), true);
        });
      }
    });

    describe("when the error is a 4xx other than 429 or a wrong-shape response", () => {
      const errors = [
        new AuthenticationError("x", { code: "UNAUTHORIZED", status: 401 }),
        new ConflictError("x", { code: "DOMAIN_EXISTS", status: 409 }),
        new InvalidRequestError("x", { code: "VALIDATION_ERROR", status: 422 }),
        new UnexpectedResponseError("x", { code: "UNEXPECTED_RESPONSE", status: 200 }),
      ];
      for (const error of errors) {
        it(`never retries ${error.name}`, () => assert.equal(shouldRetry(error, 1, 0, policy), false));
      }
    });

    describe("when the bounds are reached", () => {
      it("stops after maxAttempts attempts", () => assert.equal(shouldRetry(server(), 5, 0, policy), false));
      it("stops once maxElapsedMs has passed", () => assert.equal(shouldRetry(server(), 1, 120_000, policy), false));
    });

    it("uses the documented defaults when no policy is given", () => {
      assert.equal(shouldRetry(server(), DEFAULT_RETRY.maxAttempts - 1, 0), true);
      assert.equal(shouldRetry(server(), DEFAULT_RETRY.maxAttempts, 0), false);
    });
  });

  describe("delayFor", () => {
    describe("without a server hint", () => {
      it("grows exponentially: the ceiling doubles with each attempt", () => {
        assert.deepEqual(
          [1, 2, 3, 4].map((a) => delayFor(a, undefined, policy, () => 0.999999)),
          [500, 1000, 2000, 4000],
        );
      });

      it("never exceeds maxDelayMs", () => {
        assert.equal(
          delayFor(20, undefined, policy, () => 0.999999),
          30_000,
        );
      });

      it("never goes below the floor of baseDelayMs / 2", () => {
        assert.deepEqual(
          [1, 5, 20].map((a) => delayFor(a, undefined, policy, () => 0)),
          [250, 250, 250],
        );
      });

      it("spreads delays between floor and ceiling (full jitter)", () => {
        assert.equal(
          delayFor(3, undefined, policy, () => 0.5),
          1125,
        );
      });

      it("stays within bounds for random jitter", () => {
        for (let i = 0; i < 200; i++) {
          const attempt = 1 + (i % 8);
          const d = delayFor(attempt, undefined, policy);
          assert.ok(d >= 250 && d <= Math.min(30_000, 500 * 2 ** (attempt - 1)), `attempt ${attempt}: ${d}`);
        }
      });
    });

    describe("with a server hint", () => {
      it("waits at least the hint, plus at most min(baseDelayMs, 1s) of jitter", () => {
        assert.equal(
          delayFor(1, 2000, policy, () => 0),
          2000,
        );
        assert.equal(
          delayFor(1, 2000, policy, () => 0.999999),
          2500,
        );
      });

      it("honours hints longer than maxDelayMs", () => {
        assert.equal(
          delayFor(1, 45_000, policy, () => 0),
          45_000,
        );
      });

      it("treats a hint in the past as zero", () => {
        assert.equal(
          delayFor(1, -5000, policy, () => 0),
          0,
        );
      });
    });
  });

  describe("nextRetry", () => {
    it("returns the delay when a retry fits the budget", () => {
      assert.deepEqual(
        nextRetry(server(), 1, 0, policy, () => 0),
        { retry: true, delayMs: 250 },
      );
    });

    it("does not retry non-retryable errors", () => {
      const decision = nextRetry(new InvalidRequestError("x", { code: "V", status: 400 }), 1, 0, policy);
      assert.equal(decision.retry, false);
    });

    it("shortens a plain backoff to the time left in the budget", () => {
      assert.deepEqual(
        nextRetry(server(), 3, 119_900, policy, () => 0.999999),
        { retry: true, delayMs: 100 },
      );
    });

    it("gives up when the server asks to wait past the budget", () => {
      const decision = nextRetry(limited(60_000), 1, 100_000, policy, () => 0);
      assert.deepEqual(decision, { retry: false, why: "server asked to wait past the time budget" });
    });

    it("reports why it stops", () => {
      assert.deepEqual(nextRetry(server(), 5, 0, policy), { retry: false, why: "attempts exhausted" });
    });
  });

  describe("retryAfterMs (header)", () => {
    const now = Date.parse("2024-01-15T10:30:00Z");
    it("reads delta-seconds", () => assert.equal(retryAfterMs({ "retry-after": "3" }, now), 3000));
    it("reads an HTTP date", () => assert.equal(retryAfterMs({ "retry-after": "Mon, 15 Jan 2024 10:30:05 GMT" }, now), 5000));
    it("ignores garbage", () => assert.equal(retryAfterMs({ "retry-after": "soon" }, now), undefined));
    it("is undefined without the header", () => assert.equal(retryAfterMs({}, now), undefined));
  });

  describe("rateLimitResetAt (header)", () => {
    const now = 1_705_314_600_000;
    it("reads Unix seconds (documented)", () =>
      assert.equal(rateLimitResetAt({ "x-ratelimit-reset": "1705314660" }, now), 1_705_314_660_000));
    it("reads small values as seconds from now", () => assert.equal(rateLimitResetAt({ "x-ratelimit-reset": "30" }, now), now + 30_000));
    it("reads Unix milliseconds", () => assert.equal(rateLimitResetAt({ "x-ratelimit-reset": "1705314660000" }, now), 1_705_314_660_000));
  });
});
