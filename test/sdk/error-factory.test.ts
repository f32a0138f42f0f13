import assert from "node:assert/strict";
import {
  type RequestInfo,
  type ResponseInfo,
  errorFromNetwork,
  errorFromResponse,
  truncate,
  unexpectedResponse,
} from "../../sdk/error-factory";
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
  UnsupportedEndpointError,
} from "../../sdk/errors";
import { domainResponseSchema } from "../../sdk/wire";

const now = 1_705_314_600_000;
const create: RequestInfo = {
  method: "POST",
  path: "/api/v1/domains",
  endpoint: "POST /domains",
  assumed: false,
  subject: 'Domain "example.com"',
};
const patch: RequestInfo = {
  method: "PATCH",
  path: "/api/v1/domains/d1",
  endpoint: "PATCH /domains/{id}",
  assumed: true,
  subject: 'Domain "d1"',
  unsupportedAdvice: "Replace the domain instead.",
};
const response = (status: number, body: unknown = "", headers: Record<string, string> = {}, attempt = 1): ResponseInfo => ({
  status,
  headers,
  body: typeof body === "string" ? body : JSON.stringify(body),
  attempt,
  now,
});
const apiError = (code: string, error = "Something") => ({ success: false, error, code });

describe("error-factory", () => {
  describe("errorFromResponse", () => {
    describe("when the key is rejected (401)", () => {
      const error = errorFromResponse(create, response(401, apiError("UNAUTHORIZED", "Invalid API key"), { "x-request-id": "req_1" }));
      it("is an AuthenticationError carrying status, code and request id", () => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.status, 401);
        assert.equal(error.code, "UNAUTHORIZED");
        assert.equal(error.requestId, "req_1");
        assert.equal(error.retryable, false);
      });
      it("says where to set the key", () => {
        assert.match(error.message, /sendmailos:apiKey/);
        assert.match(error.message, /SENDMAILOS_API_KEY/);
        assert.match(error.message, /Invalid API key/);
      });
    });

    describe("when the key may not use the workspace (403)", () => {
      it("is a PermissionError naming the workspace", () => {
        const error = errorFromResponse({ ...create, workspaceId: "ws_9" }, response(403, apiError("FORBIDDEN")));
        assert.ok(error instanceof PermissionError);
        assert.match(error.message, /cannot use workspace ws_9/);
      });
    });

    describe("when an assumed endpoint answers 404", () => {
      it("is a NotFoundError with SendMailOS's error body", () => {
        const error = errorFromResponse(patch, response(404, { success: false, code: "NOT_FOUND" }));
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.code, "NOT_FOUND");
        assert.match(error.message, /Domain "d1" was not found/);
      });
      it("is an UnsupportedEndpointError without it (a router's 404 page)", () => {
        const error = errorFromResponse(patch, response(404, "<html>Cannot PATCH</html>"));
        assert.ok(error instanceof UnsupportedEndpointError);
        assert.equal(error.endpoint, "PATCH /domains/{id}");
        assert.match(error.message, /does not support PATCH \/domains\/\{id\}/);
        assert.match(error.message, /Replace the domain instead/);
      });
      it("is an UnsupportedEndpointError for a JSON body that is not SendMailOS's", () => {
        assert.ok(errorFromResponse(patch, response(404, { message: "Not Found" })) instanceof UnsupportedEndpointError);
      });
    });

    describe("when an assumed endpoint answers 405 or 501", () => {
      for (const status of [405, 501]) {
        it(`is an UnsupportedEndpointError (${status}) whatever the body`, () => {
          const error = errorFromResponse(patch, response(status, apiError("METHOD_NOT_ALLOWED")));
          assert.ok(error instanceof UnsupportedEndpointError);
          assert.equal(error.retryable, false);
        });
      }
    });

    describe("when a documented endpoint answers 404 or 405", () => {
      it("is an UnexpectedResponseError telling to check baseUrl", () => {
        const error = errorFromResponse(create, response(404, apiError("NOT_FOUND")));
        assert.ok(error instanceof UnexpectedResponseError);
        assert.match(error.message, /Check baseUrl/);
      });
    });

    describe("when the domain exists (409)", () => {
      it("is a ConflictError suggesting adoptExisting", () => {
        const error = errorFromResponse(create, response(409, apiError("DOMAIN_EXISTS")));
        assert.ok(error instanceof ConflictError);
        assert.match(error.message, /Domain "example.com" is already registered in this SendMailOS workspace/);
        assert.match(error.message, /adoptExisting/);
      });
    });

    describe("when the request is invalid (400, 422, other 4xx)", () => {
      for (const status of [400, 422, 418]) {
        it(`is a non-retryable InvalidRequestError (${status})`, () => {
          const error = errorFromResponse(create, response(status, apiError("VALIDATION_ERROR", "domain: invalid")));
          assert.ok(error instanceof InvalidRequestError);
          assert.equal(error.retryable, false);
          assert.match(error.message, /domain: invalid/);
        });
      }
    });

    describe("when the body or the headers are too large (413, 431)", () => {
      it("is an InvalidRequestError naming the limits on externalId and metadata (413)", () => {
        const error = errorFromResponse(create, response(413, "<html>Request Entity Too Large</html>"));
        assert.ok(error instanceof InvalidRequestError);
        assert.equal(error.retryable, false);
        assert.equal(error.code, "PAYLOAD_TOO_LARGE");
        assert.match(error.message, /request body as too large \(HTTP 413 on POST \/api\/v1\/domains\)/);
        assert.match(error.message, /externalId \(at most 255 characters\)/);
      });
      it("is an InvalidRequestError pointing at workspaceId (431), never a ConnectionError", () => {
        const error = errorFromResponse(
          create,
          response(431, { success: false, error: "Request headers too large", code: "HEADERS_TOO_LARGE" }),
        );
        assert.ok(error instanceof InvalidRequestError);
        assert.equal(error.code, "HEADERS_TOO_LARGE");
        assert.match(error.message, /request headers as too large/);
        assert.match(error.message, /workspaceId \(ws_\.\.\., at most 64 characters\)/);
      });
    });

    describe("when rate limited (429)", () => {
      it("is a retryable RateLimitError with Retry-After in ms", () => {
        const error = errorFromResponse(create, response(429, apiError("RATE_LIMITED"), { "retry-after": "7" }));
        assert.ok(error instanceof RateLimitError);
        assert.equal(error.retryable, true);
        assert.equal(error.retryAfterMs, 7000);
        assert.match(error.message, /rate limit/);
        assert.match(error.message, /--parallel/);
      });
      it("falls back to X-RateLimit-Reset (Unix seconds)", () => {
        const error = errorFromResponse(create, response(429, "", { "x-ratelimit-reset": String(now / 1000 + 12) }));
        assert.equal(error.retryAfterMs, 12_000);
      });
      it("has no hint when the server gave none", () => {
        assert.equal(errorFromResponse(create, response(429)).retryAfterMs, undefined);
      });
    });

    describe("when SendMailOS fails (5xx)", () => {
      it("is a retryable ServerError saying how often it was retried", () => {
        const error = errorFromResponse(create, response(503, "<html>Bad gateway</html>", {}, 5));
        assert.ok(error instanceof ServerError);
        assert.equal(error.retryable, true);
        assert.equal(error.attempts, 5);
        assert.match(error.message, /SendMailOS failed \(HTTP 503/);
        assert.match(error.message, /retried 4 times/);
        assert.equal(error.responseBody, "<html>Bad gateway</html>");
      });
      it("is not retryable for 501 on a documented endpoint", () => {
        assert.equal(errorFromResponse(create, response(501)).retryable, false);
      });
    });

    describe("when the status makes no sense (3xx)", () => {
      it("is an UnexpectedResponseError", () => {
        assert.ok(errorFromResponse(create, response(302)) instanceof UnexpectedResponseError);
      });
    });

    it("keeps only a truncated response body", () => {
      const error = errorFromResponse(create, response(500, "x".repeat(5000)));
      assert.ok((error.responseBody?.length ?? 0) < 600);
      assert.match(error.responseBody ?? "", /4500 more characters/);
    });
  });

  describe("unexpectedResponse", () => {
    it("names the expected shape, shows what came and which fields are wrong", () => {
      const body = { success: true, domain: { id: 1 } };
      const parsed = domainResponseSchema.safeParse(body);
      assert.equal(parsed.success, false);
      const error = unexpectedResponse(create, response(201, body), '{"success":true,"domain":{...}}', parsed.error?.issues);
      assert.ok(error instanceof UnexpectedResponseError);
      assert.match(error.message, /expected \{"success":true,"domain":\{\.\.\.\}\}/);
      assert.match(error.message, /got \{"success":true,"domain":\{"id":1\}\}/);
      assert.match(error.message, /domain\.id/);
      assert.equal(error.retryable, false);
    });
    it("says when the body was empty", () => {
      assert.match(unexpectedResponse(create, response(200), "{...}").message, /got an empty body/);
    });
  });

  describe("errorFromNetwork", () => {
    it("is a timeout ConnectionError for an AbortSignal timeout", () => {
      const cause = new DOMException("The operation was aborted due to timeout", "TimeoutError");
      const error = errorFromNetwork(create, cause, 2, "https://sendmailos.com", 30_000);
      assert.ok(error instanceof ConnectionError);
      assert.equal(error.timeout, true);
      assert.equal(error.code, "TIMEOUT");
      assert.equal(error.retryable, true);
      assert.match(error.message, /within 30000 ms/);
      assert.match(error.message, /raise timeoutMs/);
    });
    it("is a timeout for undici's headers timeout", () => {
      const cause = Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" });
      assert.equal(errorFromNetwork(create, cause, 1, "https://x", 1).timeout, true);
    });
    it("is a plain ConnectionError for a refused connection, naming the code", () => {
      const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
      const error = errorFromNetwork(create, cause, 1, "http://127.0.0.1:1", 1000);
      assert.equal(error.timeout, false);
      assert.equal(error.networkCode, "ECONNREFUSED");
      assert.match(error.message, /Could not reach SendMailOS at http:\/\/127\.0\.0\.1:1/);
      assert.equal(error.cause, cause);
    });
  });

  describe("truncate", () => {
    it("keeps short text", () => assert.equal(truncate("abc", 5), "abc"));
    it("cuts long text and says how much", () => assert.equal(truncate("abcdefgh", 3), "abc… (5 more characters)"));
  });
});
