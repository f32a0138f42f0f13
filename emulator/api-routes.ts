/**
 * The `/api/v1` endpoints. The two documented ones (POST and GET /api/v1/domains) answer exactly the
 * documented JSON; GET/PATCH/DELETE /api/v1/domains/{id} follow the REST convention other SendMailOS
 * resources use and can be switched off, wholly or per method (`assumedEndpoints`), to test a
 * client's fallbacks.
 * Handlers are synchronous once the body is read, so a check and the write it guards cannot
 * interleave with another request.
 */
import type { IncomingHttpHeaders } from "node:http";
import { describeIssues } from "../sdk/describe-issues";
import { canonicalDnsName } from "../sdk/dns-records";
import { displayText } from "../sdk/display";
import { idempotencyKeySchema } from "../sdk/request-fields";
import { createDomainRequestSchema, errorCodes, updateDomainRequestSchema } from "../sdk/wire";
import { headerValue, type Caller } from "./auth";
import { canonicalJson } from "./canonical-json";
import type { DomainStore } from "./domain-store";
import { createdDomainView, detailedDomainView } from "./domain-view";
import { isValidHostName } from "./host-name";
import type { AssumedMethod, ResolvedPagination } from "./options";
import { listReply } from "./pagination";
import { errorReply, type Reply } from "./reply";
import { Router } from "./router";

/** The request body as the pipeline read it: JSON (undefined when empty), or why it is unreadable. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; error: string };

/** What an API handler receives. */
export interface ApiRequest {
  caller: Caller;
  params: Record<string, string>;
  /** The query string (read only by the list, and only when it pages). */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: BodyResult;
}

/** An API handler. */
export type ApiHandler = (request: ApiRequest) => Reply;

/** Path of the domain collection; the rate limiter and the stats key on it. */
export const domainsPath = "/api/v1/domains";

/** Builds the API router over a store. */
export function apiRouter(
  store: DomainStore,
  options: { assumedEndpoints: readonly AssumedMethod[]; pagination: ResolvedPagination | false },
): Router<ApiHandler> {
  const router = new Router<ApiHandler>()
    .add("POST", domainsPath, (request) => createDomain(store, request))
    .add("GET", domainsPath, ({ caller, query }) => listReply(store.listInSequence(caller.workspace), query, options.pagination));
  const assumed: Record<AssumedMethod, ApiHandler> = {
    GET: ({ caller, params }) => {
      const domain = store.get(params["id"] ?? "", caller.workspace);
      return domain ? { status: 200, body: { success: true, domain: detailedDomainView(domain) } } : domainNotFound();
    },
    PATCH: (request) => updateDomain(store, request),
    DELETE: ({ caller, params }) =>
      store.delete(params["id"] ?? "", caller.workspace) ? { status: 200, body: { success: true } } : domainNotFound(),
  };
  for (const method of options.assumedEndpoints) router.add(method, `${domainsPath}/:id`, assumed[method]);
  return router;
}

function createDomain(store: DomainStore, { caller, headers, body }: ApiRequest): Reply {
  if (!body.ok) return invalid(body.error);
  const idempotencyKey = headerValue(headers["idempotency-key"]);
  if (idempotencyKey !== undefined) {
    const key = idempotencyKeySchema.safeParse(idempotencyKey);
    if (!key.success) return invalid(`Idempotency-Key: ${key.error.issues.map((issue) => issue.message).join("; ")}`);
  }
  // Validation (limits included) before the fingerprint: the body's depth and size were bounded when
  // it was read, and only a valid body can ever have been stored for replay.
  const parsed = createDomainRequestSchema.safeParse(body.value);
  if (!parsed.success) return invalid(describeIssues(parsed.error.issues));
  const fingerprint = canonicalJson(body.value);
  if (idempotencyKey !== undefined) {
    const seen = store.findIdempotent(caller.workspace, idempotencyKey);
    if (seen && seen.fingerprint !== fingerprint) {
      return invalid("Idempotency-Key: already used with a different request body; use a new key per request");
    }
    // The original response, unchanged: the retry of a create whose answer was lost must not create
    // a second domain, nor turn into a 409 for the first one.
    if (seen) return { status: seen.status, body: seen.body, headers: { "Idempotent-Replayed": "true" } };
  }

  // SES identities are case-insensitive; the emulator stores the canonical lower-case form.
  const domainName = canonicalDnsName(parsed.data.domain);
  if (!isValidHostName(domainName)) {
    return invalid(`domain: ${displayText(parsed.data.domain)} is not a valid host name`);
  }
  if (store.findByName(caller.workspace, domainName)) {
    return errorReply(409, errorCodes.conflict, `Domain ${domainName} already exists in this workspace`);
  }

  const domain = store.create({
    workspace: caller.workspace,
    domainName,
    externalId: parsed.data.external_id ?? null,
    metadata: parsed.data.metadata ?? {},
  });
  const reply: Reply = { status: 201, body: { success: true, domain: createdDomainView(domain) } };
  if (idempotencyKey !== undefined) {
    store.rememberIdempotent({ workspace: caller.workspace, key: idempotencyKey, fingerprint, status: reply.status, body: reply.body });
  }
  return reply;
}

function updateDomain(store: DomainStore, { caller, params, body }: ApiRequest): Reply {
  if (!body.ok) return invalid(body.error);
  const id = params["id"] ?? "";
  if (!store.get(id, caller.workspace)) return domainNotFound();
  const parsed = updateDomainRequestSchema.safeParse(body.value ?? {});
  if (!parsed.success) return invalid(describeIssues(parsed.error.issues));
  const domain = store.update(id, caller.workspace, {
    externalId: parsed.data.external_id,
    metadata: parsed.data.metadata,
  });
  return domain ? { status: 200, body: { success: true, domain: detailedDomainView(domain) } } : domainNotFound();
}

function invalid(message: string): Reply {
  return errorReply(400, errorCodes.invalid, message);
}

function domainNotFound(): Reply {
  return errorReply(404, errorCodes.notFound, "Domain not found");
}
