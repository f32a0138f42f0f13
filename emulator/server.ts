/**
 * The HTTP server and the order in which a request meets the emulator's machinery. For the API:
 * stats count it, injected faults act (latency, then a pre-empting failure), authentication and the
 * rate limiter decide, the router finds a handler, and a "commit then fail" fault may still replace
 * the handler's reply. Admin requests skip everything but the router.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { errorCodes } from "../sdk/wire";
import type { AdminHandler } from "./admin";
import type { ApiHandler, BodyResult } from "./api-routes";
import { authenticate } from "./auth";
import type { FaultRegistry } from "./faults";
import { BodyError, readJsonBody, writeReply } from "./http-io";
import { answerMalformedRequests } from "./malformed-requests";
import { errorReply, type Reply } from "./reply";
import { parserMaxHeaderSize, refuseOversized } from "./request-limits";
import type { ApiKeyConfig } from "./options";
import { bucketOf, rateLimitedReply, rateLimitHeaders, type RateBucket, type RateLimiter } from "./rate-limit";
import type { RequestEvents } from "./request-events";
import type { Router } from "./router";
import type { StatsCounter } from "./stats";

/** What the HTTP server dispatches to. */
export interface HttpServerDeps {
  apiKeys: readonly ApiKeyConfig[];
  /** The 404 for paths the API does not serve (see `EmulatorOptions.unknownPaths`). */
  unknownPaths: "json" | "html";
  api: Router<ApiHandler>;
  admin: Router<AdminHandler>;
  faults: FaultRegistry;
  stats: StatsCounter;
  /** Absent when rate limits are off. */
  limiter: RateLimiter | undefined;
  log: ((line: string) => void) | undefined;
  /** Told of every answered API request (see `RunningEmulator.onRequest`). */
  requests?: RequestEvents;
}

/** A running HTTP server. */
export interface RunningHttpServer {
  port: number;
  close(): Promise<void>;
}

/** Key under which requests matching no route are counted, so odd paths cannot grow the stats. */
const unmatched = "(unmatched)";

/** What a web framework without the route answers (this one is Next.js's default 404 page, shortened). */
const notFoundPage =
  "<!DOCTYPE html><html><head><title>404: This page could not be found.</title></head>" +
  "<body><h1>404</h1><h2>This page could not be found.</h2></body></html>";

/** Starts the server on 127.0.0.1:`port` (0 = a free port). */
export async function startHttpServer(deps: HttpServerDeps, port: number): Promise<RunningHttpServer> {
  const server = createServer({ maxHeaderSize: parserMaxHeaderSize }, (req, res) => {
    const started = Date.now();
    const target = targetOf(req.url);
    const path = target?.pathname;
    const isAdmin = path !== undefined && (path === "/admin" || path.startsWith("/admin/"));
    const handled =
      target === undefined
        ? Promise.resolve(invalidTarget(deps, req))
        : isAdmin
          ? handleAdmin(deps, req, target.pathname)
          : handleApi(deps, req, target);
    handled
      .catch((err: unknown) => {
        deps.log?.(`emulator: internal error: ${(err as Error).stack ?? String(err)}`);
        return errorReply(500, errorCodes.internal, "Internal server error");
      })
      .then((reply) => {
        if (reply === "reset") {
          if (!isAdmin) deps.stats.reset();
          req.socket.destroy();
        } else {
          if (!isAdmin) deps.stats.response(reply.status);
          writeReply(res, withRequestId(reply));
        }
        if (!isAdmin)
          deps.log?.(`${req.method} ${path ?? "(invalid target)"} ${reply === "reset" ? "reset" : reply.status} ${Date.now() - started}ms`);
        if (!isAdmin)
          deps.requests?.answered({
            method: (req.method ?? "GET").toUpperCase(),
            path: path ?? req.url ?? "",
            status: reply === "reset" ? "reset" : reply.status,
            at: Date.now(),
          });
      })
      .catch(() => {}); // the client went away mid-write: nothing left to tell it
  });
  answerMalformedRequests(server, newRequestId, (status, code) => {
    deps.stats.malformed(status);
    deps.log?.(`malformed request (${code}) ${status}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("HTTP server has no TCP address");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open for seconds.
        server.closeAllConnections();
      }),
  };
}

/** A reply, or `"reset"`: destroy the connection without answering. */
type Outcome = Reply | "reset";

async function handleApi(deps: HttpServerDeps, req: IncomingMessage, target: URL): Promise<Outcome> {
  const path = target.pathname;
  const method = (req.method ?? "GET").toUpperCase();
  const match = deps.api.match(method, path);
  const pattern = match.kind === "not-found" ? unmatched : match.pattern;
  deps.stats.request(method, pattern);
  // Size and depth first: nothing else (faults, authentication, idempotency) looks at a request that
  // breaks them, and a client's mistake is answered 4xx, never 5xx (which the client would retry).
  const oversized = refuseOversized(req);
  if (oversized) return oversized;
  const body = await readBody(req);
  if ("status" in body) return body;

  const before = deps.faults.before(method, path);
  if (before.latencyMs > 0) await sleep(before.latencyMs);
  if (before.failure?.kind === "reset") return "reset";
  if (before.failure?.kind === "server-error") {
    return errorReply(before.failure.status, errorCodes.internal, "Internal server error");
  }
  if (before.failure?.kind === "rate-limit") {
    return injectedRateLimit(deps.limiter, bucketOf(method, pattern), before.failure.retryAfterSeconds);
  }

  const auth = authenticate(req.headers, deps.apiKeys);
  if (!auth.ok) return auth.reply;

  let limitHeaders: Record<string, string> = {};
  if (deps.limiter) {
    const decision = deps.limiter.take(auth.caller.apiKey, bucketOf(method, pattern));
    limitHeaders = rateLimitHeaders(decision, deps.limiter.fractionalReset);
    if (!decision.allowed) return rateLimitedReply(decision.retryAfterSeconds, limitHeaders);
  }

  const reply = routeApi(match, { caller: auth.caller, query: target.searchParams, headers: req.headers, body }, deps.unknownPaths);
  const after = deps.faults.after(method, path);
  if (after === "reset") return "reset";
  const final = after === "error" ? errorReply(500, errorCodes.internal, "Internal server error") : reply;
  return { ...final, headers: { ...limitHeaders, ...final.headers } };
}

/** An injected 429 looks like the limiter's own: budget spent, refilled after `Retry-After`. */
function injectedRateLimit(limiter: RateLimiter | undefined, bucket: RateBucket, retryAfterSeconds: number): Reply {
  const headers = rateLimitHeaders({
    allowed: false,
    limit: limiter?.limitOf(bucket) ?? 0,
    remaining: 0,
    resetAtMs: Date.now() + retryAfterSeconds * 1000,
    retryAfterSeconds,
  });
  // Without configured limits there is no budget to report.
  if (!limiter) delete headers["X-RateLimit-Limit"];
  return rateLimitedReply(retryAfterSeconds, headers);
}

function routeApi(
  match: ReturnType<Router<ApiHandler>["match"]>,
  request: Omit<Parameters<ApiHandler>[0], "params">,
  unknownPaths: "json" | "html",
): Reply {
  switch (match.kind) {
    case "not-found":
      return unknownPaths === "html"
        ? { status: 404, body: undefined, html: notFoundPage }
        : errorReply(404, errorCodes.notFound, "Not found");
    case "method-not-allowed":
      return methodNotAllowed(match.allowed);
    case "found":
      return match.handler({ ...request, params: match.params });
  }
}

async function handleAdmin(deps: HttpServerDeps, req: IncomingMessage, path: string): Promise<Outcome> {
  const oversized = refuseOversized(req);
  if (oversized) return oversized;
  const match = deps.admin.match(req.method ?? "GET", path);
  switch (match.kind) {
    case "not-found":
      return errorReply(404, errorCodes.notFound, "Not found");
    case "method-not-allowed":
      return methodNotAllowed(match.allowed);
    case "found": {
      const body = await readBody(req);
      return "status" in body ? body : match.handler({ params: match.params, body });
    }
  }
}

function methodNotAllowed(allowed: string[]): Reply {
  const reply = errorReply(405, errorCodes.methodNotAllowed, `Method not allowed; use ${allowed.join(", ")}`);
  return { ...reply, headers: { Allow: allowed.join(", ") } };
}

/**
 * The body as the handler gets it (JSON, or why it is not), or the reply that refuses the request for
 * its body before anything else: 413 for its size, 400 for its depth.
 */
async function readBody(req: IncomingMessage): Promise<BodyResult | Reply> {
  try {
    return { ok: true, value: await readJsonBody(req) };
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    return err.early ? errorReply(err.status, err.code, err.message) : { ok: false, error: err.message };
  }
}

/** The request target as a URL, or `undefined` when it is not one (Node's parser lets some through, e.g. `http://[`). */
function targetOf(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://127.0.0.1");
  } catch {
    return undefined;
  }
}

/** The 400 for a request target that is no URL; counted like any request that matches no route. */
function invalidTarget(deps: HttpServerDeps, req: IncomingMessage): Reply {
  deps.stats.request((req.method ?? "GET").toUpperCase(), unmatched);
  return errorReply(400, errorCodes.malformed, "Malformed request: the request target is not a valid URL path");
}

function newRequestId(): string {
  return `req_${randomBytes(8).toString("hex")}`;
}

/** Every response carries an id, as real APIs do, so client errors can quote it. */
function withRequestId(reply: Reply): Reply {
  return { ...reply, headers: { "X-Request-Id": newRequestId(), ...reply.headers } };
}
