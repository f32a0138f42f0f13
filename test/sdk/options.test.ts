import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError } from "../../sdk/errors";
import { limits } from "../../sdk/limits";
import { DEFAULT_RATE_LIMITS, DEFAULT_RETRY, resolveOptions, type SendMailOSClientOptions } from "../../sdk/options";
import { DEFAULT_USER_AGENT, SDK_VERSION } from "../../sdk/version";

const resolve = (opts: Partial<SendMailOSClientOptions>) =>
  resolveOptions({ apiKey: "sk_test_x", ...opts } as SendMailOSClientOptions, "ua/1");

function assertOptionError(fn: () => unknown, option: string): ConfigurationError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigurationError, String(error));
    assert.equal(error.option, option);
    assert.match(error.message, new RegExp(`"${option.replace(".", "\\.")}"`));
    return error;
  }
  assert.fail(`expected a ConfigurationError for ${option}`);
}

describe("options", () => {
  describe("resolveOptions", () => {
    it("applies the documented defaults", () => {
      const o = resolve({});
      assert.equal(o.baseUrl, "https://sendmailos.com/api/v1");
      assert.equal(o.origin, "https://sendmailos.com");
      assert.equal(o.pathPrefix, "/api/v1");
      assert.equal(o.timeoutMs, 30_000);
      assert.deepEqual(o.retry, DEFAULT_RETRY);
      assert.deepEqual(o.rateLimits, DEFAULT_RATE_LIMITS);
      assert.equal(o.userAgent, "ua/1");
      assert.equal(o.workspaceId, undefined);
    });

    it("strips a trailing slash from baseUrl", () => {
      assert.equal(resolve({ baseUrl: "http://127.0.0.1:8080/api/v1/" }).pathPrefix, "/api/v1");
    });

    it("merges partial retry and rate-limit options with the defaults", () => {
      const o = resolve({ retry: { maxAttempts: 2 }, rateLimits: { create: 3 } });
      assert.deepEqual(o.retry, { ...DEFAULT_RETRY, maxAttempts: 2 });
      assert.deepEqual(o.rateLimits, { ...DEFAULT_RATE_LIMITS, create: 3 });
    });

    it("keeps rateLimits: false", () => assert.equal(resolve({ rateLimits: false }).rateLimits, false));

    it("appends userAgent after the default", () => assert.equal(resolve({ userAgent: "my-tool/2" }).userAgent, "ua/1 my-tool/2"));

    describe("when an option is invalid", () => {
      it("requires a non-empty apiKey, without echoing it", () => {
        assertOptionError(() => resolveOptions({} as SendMailOSClientOptions, "ua"), "apiKey");
        const error = assertOptionError(() => resolve({ apiKey: "   " }), "apiKey");
        assert.match(error.message, /SENDMAILOS_API_KEY/);
      });
      it("requires an http(s) baseUrl", () => {
        assertOptionError(() => resolve({ baseUrl: "ftp://sendmailos.com/api/v1" }), "baseUrl");
        assertOptionError(() => resolve({ baseUrl: "not a url" }), "baseUrl");
      });
      it("rejects credentials in baseUrl", () => assertOptionError(() => resolve({ baseUrl: "https://u:p@x.com/api/v1" }), "baseUrl"));
      it("rejects an empty workspaceId", () => assertOptionError(() => resolve({ workspaceId: "" }), "workspaceId"));
      it("rejects a workspaceId longer than limits.workspaceIdLength, naming the limit", () => {
        assert.equal(
          resolve({ workspaceId: `ws_${"a".repeat(limits.workspaceIdLength - 3)}` }).workspaceId?.length,
          limits.workspaceIdLength,
        );
        const error = assertOptionError(() => resolve({ workspaceId: `ws_${"a".repeat(20_000)}` }), "workspaceId");
        assert.match(error.message, new RegExp(`at most ${limits.workspaceIdLength} `));
        assert.ok(error.message.length < 300, "the 20 KB value is not repeated");
      });
      it("rejects a workspaceId that is not ws_ and letters, digits, _ or -, escaping what it repeats", () => {
        for (const bad of ["123", "ws_", "WS_1", "ws_a b", "ws_1\r\nX-Evil: 1", "ws_\u202e1"]) {
          const error = assertOptionError(() => resolve({ workspaceId: bad }), "workspaceId");
          assert.match(error.message, /ws_ followed by letters, digits/);
          assert.ok(!/[\r\n\u202e]/.test(error.message), error.message);
        }
      });
      it("accepts a workspace id made of the allowed characters", () => {
        assert.equal(resolve({ workspaceId: "ws_Ab-9_z" }).workspaceId, "ws_Ab-9_z");
      });
      it("rejects a non-positive timeout", () => assertOptionError(() => resolve({ timeoutMs: 0 }), "timeoutMs"));
      it("rejects a fractional maxAttempts", () => assertOptionError(() => resolve({ retry: { maxAttempts: 1.5 } }), "retry.maxAttempts"));
      it("rejects maxDelayMs below baseDelayMs", () =>
        assertOptionError(() => resolve({ retry: { baseDelayMs: 100, maxDelayMs: 10 } }), "retry.maxDelayMs"));
      it("rejects a zero rate limit", () => assertOptionError(() => resolve({ rateLimits: { create: 0 } }), "rateLimits.create"));
    });
  });

  describe("SDK_VERSION", () => {
    it("equals package.json's version and makes the User-Agent", () => {
      const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as { version: string };
      assert.equal(SDK_VERSION, pkg.version);
      assert.equal(DEFAULT_USER_AGENT, `pulumi-sendmailos/${pkg.version}`);
    });
  });
});
