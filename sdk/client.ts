/**
 * `SendMailOSClient`: one short method per endpoint. Documented endpoints: POST /domains, GET /domains.
 * ASSUMED (not documented by SendMailOS; REST convention of its other resources): GET, PATCH and DELETE
 * /domains/{id}. GET by id falls back to the list when missing; PATCH/DELETE throw UnsupportedEndpointError.
 */
import { inspect } from "node:util";
import { displayValue } from "./display";
import { canonicalDnsName } from "./dns-records";
import { incompleteList } from "./error-factory";
import { ConflictError, NotFoundError, UnsupportedEndpointError, type SendMailOSError } from "./errors";
import { Connection, type RequestSpec, send } from "./http";
import { isAmbiguousOutcome, isRecoverableCreate, newIdempotencyKey } from "./idempotency";
import { inputFieldNames, toCreateDomainRequest, toDomain, toUpdateDomainRequest } from "./mapping";
import { type SendMailOSClientOptions, resolveOptions, resolveWorkspaceId } from "./options";
import { readEveryPage } from "./pagination";
import { NO_PACING, sharedRateLimiter } from "./rate-limiter";
import { ApiKey } from "./secret";
import type { CreateDomainInput, CreateDomainOptions, CreateDomainResult, Domain, UpdateDomainInput } from "./types";
import { DEFAULT_USER_AGENT } from "./version";
import {
  createDomainRequestSchema,
  deleteDomainResponseSchema,
  domainResponseSchema,
  listDomainsResponseSchema,
  updateDomainRequestSchema,
} from "./wire";

const UPDATE_ADVICE = "Leave externalId and metadata unchanged, or replace the domain (delete and re-create it) to change them.";
const DELETE_ADVICE = "Delete the domain in the SendMailOS dashboard, then remove it from the stack's state.";
const DOMAIN_BODY = '{"success":true,"domain":{"id":...,"domain_name":...,"status":...,"dkim_tokens":[...],"created_at":...}}';
const LIST_BODY = '{"success":true,"domains":[...]}';

/**
 * A typed SendMailOS client for sending domains. Knows nothing of Pulumi.
 *
 * Every request is paced (shared process-wide per base URL and key), retried on 429, 5xx, network
 * errors and timeouts within `retry` bounds, and parsed with the wire schemas. Errors are
 * {@link SendMailOSError} subclasses whose messages say what to do. The API key never appears in a
 * message, property or `util.inspect` output.
 */
export class SendMailOSClient {
  readonly #conn: Connection;
  readonly #workspaceId: string | undefined;

  /**
   * @param opts options; `apiKey` is required
   * @throws ConfigurationError when an option is invalid (the message names it)
   */
  constructor(opts: SendMailOSClientOptions);
  /**
   * A client over a connection that is already open: how {@link withWorkspace} shares one.
   * @internal
   */
  constructor(conn: Connection, workspaceId: string | undefined);
  constructor(optsOrConn: SendMailOSClientOptions | Connection, workspaceId?: string) {
    if (optsOrConn instanceof Connection) {
      this.#conn = optsOrConn;
      this.#workspaceId = workspaceId;
      return;
    }
    const options = resolveOptions(optsOrConn, DEFAULT_USER_AGENT);
    const apiKey = new ApiKey(optsOrConn.apiKey.trim());
    const pacer = options.rateLimits === false ? NO_PACING : sharedRateLimiter(options.baseUrl, apiKey.fingerprint, options.rateLimits);
    this.#conn = new Connection(options, apiKey, pacer, optsOrConn.onRetry);
    this.#workspaceId = options.workspaceId;
  }

  /** The API root this client talks to. */
  get baseUrl(): string {
    return this.#conn.options.baseUrl;
  }

  /** The workspace sent as `X-Workspace-Id`, if any. */
  get workspaceId(): string | undefined {
    return this.#workspaceId;
  }

  /**
   * A client for another workspace (or none), sharing this client's connections, pacing, key and options.
   * Closing either closes both.
   */
  withWorkspace(workspaceId: string | undefined): SendMailOSClient {
    return new SendMailOSClient(this.#conn, resolveWorkspaceId(workspaceId));
  }

  /**
   * Registers a domain (POST /domains, documented). One idempotency key is sent on every attempt. If an
   * attempt's outcome was ambiguous (timeout, reset, 5xx) and a retry then gets 409, the domain of that
   * name is looked up: if its externalId and metadata equal what was sent and it is recent, it is
   * returned with `recovered: true`; otherwise the ConflictError is thrown.
   * @throws ConflictError when the domain already exists in the workspace (use adoptExisting)
   */
  async createDomain(input: CreateDomainInput, opts?: CreateDomainOptions): Promise<CreateDomainResult> {
    const startedAt = Date.now();
    let ambiguous = false;
    try {
      const res = await send(this.#conn, this.#workspaceId, {
        method: "POST",
        path: "/domains",
        endpoint: "POST /domains",
        assumed: false,
        body: toCreateDomainRequest(input),
        bodySchema: createDomainRequestSchema,
        fieldNames: inputFieldNames,
        schema: domainResponseSchema,
        expected: DOMAIN_BODY,
        idempotencyKey: opts?.idempotencyKey ?? newIdempotencyKey(),
        subject: `Domain ${displayValue(input.domain)}`,
        onRetriedFailure: (error: SendMailOSError) => {
          ambiguous ||= isAmbiguousOutcome(error);
        },
      });
      return { domain: toDomain(res.domain), recovered: false };
    } catch (error) {
      if (error instanceof ConflictError && ambiguous) {
        const found = await this.findDomainByName(input.domain);
        if (found !== undefined && isRecoverableCreate(found, input, startedAt)) return { domain: found, recovered: true };
      }
      throw error;
    }
  }

  /**
   * Every domain of the workspace (GET /domains, documented). SendMailOS documents no paging; when a
   * server pages anyway, every page is read (see `pagination.ts`), each paced, retried and parsed
   * like any request.
   * @throws UnexpectedResponseError (code `INCOMPLETE_LIST`) when the pages cannot all be read: a
   * paging loop, no way to the next page, more than `maxListPages` pages
   */
  async listDomains(): Promise<Domain[]> {
    const outcome = await readEveryPage(
      (page) =>
        send(this.#conn, this.#workspaceId, {
          method: "GET",
          path: `/domains${page.query}`,
          endpoint: "GET /domains",
          assumed: false,
          schema: listDomainsResponseSchema,
          expected: LIST_BODY,
        }),
      `${this.#conn.options.baseUrl}/domains`,
      this.#conn.options.maxListPages,
    );
    if (!outcome.ok) throw incompleteList(`GET ${this.#conn.options.pathPrefix}/domains`, outcome.pages, outcome.problem);
    return outcome.domains.map(toDomain);
  }

  /**
   * One domain by id: GET /domains/{id} (ASSUMED endpoint). When the server lacks it (405, or 404 without
   * SendMailOS's error body) the list is searched instead, and this client and those derived from it go
   * straight to the list from then on. A 404 with SendMailOS's error body is confirmed against the list
   * (a router without the endpoint may answer the same way): absent there too → NotFoundError.
   * @throws NotFoundError when no such domain exists in the workspace
   */
  async getDomain(id: string): Promise<Domain> {
    const subject = `Domain ${displayValue(id)}`;
    if (!this.#conn.getByIdUnsupported) {
      try {
        const res = await send(this.#conn, this.#workspaceId, {
          method: "GET",
          path: `/domains/${encodeURIComponent(id)}`,
          endpoint: "GET /domains/{id}",
          assumed: true,
          schema: domainResponseSchema,
          expected: DOMAIN_BODY,
          subject,
        });
        return toDomain(res.domain);
      } catch (error) {
        if (error instanceof NotFoundError) {
          // A router lacking the endpoint may answer with a body just like SendMailOS's "no such domain":
          // the (documented) list tells the two apart.
          const listed = await this.#listedById(id);
          if (listed === undefined) throw error;
          this.#conn.getByIdUnsupported = true;
          return listed;
        }
        if (!(error instanceof UnsupportedEndpointError)) throw error;
        this.#conn.getByIdUnsupported = true;
      }
    }
    const found = await this.#listedById(id);
    if (found === undefined) {
      throw new NotFoundError(
        `${subject} was not found in this SendMailOS workspace's domain list. It may have been deleted ` +
          `outside this program, or belong to another workspace (check workspaceId).`,
        { code: "NOT_FOUND", status: 404, request: `GET ${this.#conn.options.pathPrefix}/domains` },
      );
    }
    return found;
  }

  /**
   * The domain with this name (case-insensitive, trailing dot ignored), from the list; `undefined` if none.
   */
  async findDomainByName(domainName: string): Promise<Domain | undefined> {
    const wanted = canonicalDnsName(domainName);
    return (await this.listDomains()).find((d) => canonicalDnsName(d.domainName) === wanted);
  }

  /**
   * Changes externalId and/or metadata: PATCH /domains/{id} (ASSUMED endpoint).
   * @throws UnsupportedEndpointError when the server does not implement it (405, 404 without SendMailOS's
   * error body, or 404 for a domain the list does contain)
   * @throws NotFoundError when no such domain exists
   */
  async updateDomain(id: string, input: UpdateDomainInput): Promise<Domain> {
    const res = await this.#assumedWrite(id, {
      method: "PATCH",
      path: `/domains/${encodeURIComponent(id)}`,
      endpoint: "PATCH /domains/{id}",
      assumed: true,
      body: toUpdateDomainRequest(input),
      bodySchema: updateDomainRequestSchema,
      fieldNames: inputFieldNames,
      schema: domainResponseSchema,
      expected: DOMAIN_BODY,
      subject: `Domain ${displayValue(id)}`,
      unsupportedAdvice: UPDATE_ADVICE,
    });
    return toDomain(res.domain);
  }

  /**
   * Deletes a domain: DELETE /domains/{id} (ASSUMED endpoint). Accepts `{"success":true}` or an empty 2xx.
   * @throws NotFoundError when no such domain exists (the caller decides whether that is fine)
   * @throws UnsupportedEndpointError when the server does not implement it (as for {@link updateDomain})
   */
  async deleteDomain(id: string): Promise<void> {
    await this.#assumedWrite(id, {
      method: "DELETE",
      path: `/domains/${encodeURIComponent(id)}`,
      endpoint: "DELETE /domains/{id}",
      assumed: true,
      schema: deleteDomainResponseSchema,
      expected: '{"success":true}',
      emptyBody: { success: true as const },
      subject: `Domain ${displayValue(id)}`,
      unsupportedAdvice: DELETE_ADVICE,
    });
  }

  /** The domain with this id from the (documented) list, which settles what an assumed endpoint's 404 leaves open. */
  async #listedById(id: string): Promise<Domain | undefined> {
    return (await this.listDomains()).find((d) => d.id === id);
  }

  /**
   * Sends a PATCH/DELETE to an assumed endpoint. A 404 with SendMailOS's error body normally means "no
   * such domain", but a server without the endpoint may answer just the same: when the (documented)
   * list does contain the domain, the endpoint is what is missing, and UnsupportedEndpointError is thrown.
   */
  async #assumedWrite<T>(id: string, spec: RequestSpec<T>): Promise<T> {
    try {
      return await send(this.#conn, this.#workspaceId, spec);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      if ((await this.#listedById(id)) === undefined) throw error;
      throw new UnsupportedEndpointError(
        `SendMailOS does not support ${spec.endpoint}: it answered 404 for domain ${displayValue(id)}, which ` +
          `its domain list does contain. This endpoint is not documented by SendMailOS; this client assumed it. ` +
          (spec.unsupportedAdvice ?? ""),
        {
          code: "UNSUPPORTED_ENDPOINT",
          endpoint: spec.endpoint,
          status: error.status,
          requestId: error.requestId,
          request: error.request,
          attempts: error.attempts,
          responseBody: error.responseBody,
        },
      );
    }
  }

  /** Closes the connections shared with clients derived by {@link withWorkspace}. Idempotent. */
  async close(): Promise<void> {
    if (this.#conn.closed) return;
    this.#conn.closed = true;
    await this.#conn.pool.close();
  }

  /** @returns base URL and workspace only. */
  toJSON(): { baseUrl: string; workspaceId?: string } {
    return this.#workspaceId === undefined ? { baseUrl: this.baseUrl } : { baseUrl: this.baseUrl, workspaceId: this.#workspaceId };
  }

  /** @returns base URL and workspace only, never the key. */
  [inspect.custom](): string {
    return `SendMailOSClient ${inspect(this.toJSON())}`;
  }
}
