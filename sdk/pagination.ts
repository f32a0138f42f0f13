/**
 * Reading a domain list that may come in pages. SendMailOS documents no paging, but a list that is
 * silently cut would make every domain past the cut look deleted; so the client follows whatever
 * paging a response signals, in the conventions such APIs use, and refuses to conclude anything from
 * a list it could not read completely. Pure: the client's `listDomains` does the requests.
 *
 * | signal in the response | next request |
 * |---|---|
 * | `next_cursor: "C"` (unless `has_more: false`) | `?cursor=C` (+ `limit` when the server reported one) |
 * | `next: "<link>"` (same origin and path only: the key is never sent elsewhere) | the link's query |
 * | `offset: N` with `has_more: true`, or `total` above what was read | `?offset=N+count` (+ `limit`) |
 * | `page: N` with `has_more: true`, or `total` above what was read | `?page=N+1` (+ `limit`) |
 * | nothing (the documented response) | none: the list is complete |
 *
 * Bounded: at most `maxPages` pages, a page asked for twice is a loop, a page that says "more" but
 * holds nothing makes no progress; each is an error, never a hang. A list that changes while it is read
 * (the `total` moves, a domain shows up on two pages, the count ends below `total`) is read again.
 */
import { displayText } from "./display";
import type { ListDomainsResponse, WireDomain } from "./wire";

/** How often a list that changed while it was read is read again before giving up. */
export const MAX_READINGS = 3;

/** The outcome of {@link readEveryPage}. */
export type ListOutcome = { ok: true; domains: WireDomain[] } | { ok: false; problem: string; pages: number };

/**
 * Reads every page of the list through `fetchPage`, reading again (up to {@link MAX_READINGS} times)
 * when the list changes underneath. Resolves with every domain, or with why the list could not be read
 * completely; rejects only with what `fetchPage` rejects with.
 */
export async function readEveryPage(
  fetchPage: (request: PageRequest) => Promise<ListDomainsResponse>,
  listUrl: string,
  maxPages: number,
): Promise<ListOutcome> {
  let pages = 0;
  for (let reading = 1; ; reading++) {
    const walk = new ListWalk(listUrl, maxPages);
    let request = FIRST_PAGE;
    let step: WalkStep;
    do {
      step = walk.accept(await fetchPage(request), request);
      if (step.kind === "next") request = step.request;
    } while (step.kind === "next");
    pages += walk.pages;
    if (step.kind === "done") return { ok: true, domains: step.domains };
    if (step.kind === "error") return { ok: false, problem: step.problem, pages };
    if (reading >= MAX_READINGS) {
      return { ok: false, problem: `the list changed while it was read, ${reading} times in a row (last: ${step.reason})`, pages };
    }
  }
}

/** One page request: its query (`""` for the first), and the position the answer must report. */
export interface PageRequest {
  query: string;
  page?: number;
  offset?: number;
}

/** What to do after a page. */
export type WalkStep =
  | { kind: "next"; request: PageRequest }
  | { kind: "done"; domains: WireDomain[] }
  | { kind: "restart"; reason: string }
  | { kind: "error"; problem: string };

/** The first page: the documented request, without parameters. */
export const FIRST_PAGE: PageRequest = Object.freeze({ query: "" });

/** One reading of the list, page by page. */
export class ListWalk {
  readonly #domains = new Map<string, WireDomain>();
  readonly #asked = new Set<string>([FIRST_PAGE.query]);
  #total: number | undefined;
  #pages = 0;

  /**
   * @param listUrl the absolute URL of the list, e.g. `https://sendmailos.com/api/v1/domains`: `next`
   * links must stay on it
   * @param maxPages the most pages one reading may take
   */
  constructor(
    private readonly listUrl: string,
    private readonly maxPages: number,
  ) {}

  /** Pages read so far. */
  get pages(): number {
    return this.#pages;
  }

  /** Takes the answer to `request` and says what to do next. */
  accept(page: ListDomainsResponse, request: PageRequest): WalkStep {
    this.#pages++;
    const ignored = ignoredPosition(page, request);
    if (ignored !== undefined) return { kind: "error", problem: ignored };
    if (page.total !== undefined) {
      if (this.#total !== undefined && page.total !== this.#total) {
        return { kind: "restart", reason: `the total went from ${this.#total} to ${page.total} between pages` };
      }
      this.#total = page.total;
    }
    for (const domain of page.domains) {
      if (this.#domains.has(domain.id)) return { kind: "restart", reason: `domain ${displayText(domain.id, 40)} came on two pages` };
      this.#domains.set(domain.id, domain);
    }
    const next = this.#nextRequest(page);
    if (typeof next === "string") return { kind: "error", problem: next };
    if (next === undefined) {
      if (this.#total !== undefined && this.#domains.size !== this.#total) {
        return { kind: "restart", reason: `${this.#domains.size} domains were read but the server reports a total of ${this.#total}` };
      }
      return { kind: "done", domains: [...this.#domains.values()] };
    }
    if (page.domains.length === 0) {
      return { kind: "error", problem: "a page with no domains says there are more: reading on would make no progress" };
    }
    if (this.#asked.has(next.query)) {
      return { kind: "error", problem: `the server sent back to a page already read (${displayText(next.query, 80)}): its paging loops` };
    }
    if (this.#pages >= this.maxPages) {
      return { kind: "error", problem: `the list still had more after ${this.maxPages} pages (maxListPages)` };
    }
    this.#asked.add(next.query);
    return { kind: "next", request: next };
  }

  /** The next page's request, `undefined` when the list is complete, or why it cannot be read on. */
  #nextRequest(page: ListDomainsResponse): PageRequest | string | undefined {
    if (page.has_more === false) return undefined;
    const limit: Record<string, string> = page.limit === undefined ? {} : { limit: String(page.limit) };
    if (typeof page.next_cursor === "string" && page.next_cursor !== "") {
      return { query: query({ cursor: page.next_cursor, ...limit }) };
    }
    if (typeof page.next === "string" && page.next !== "") return this.#followLink(page.next);
    const more = (readSoFar: number) => page.has_more === true || (page.total !== undefined && readSoFar < page.total);
    if (page.offset !== undefined) {
      const offset = page.offset + page.domains.length;
      return more(offset) ? { query: query({ offset: String(offset), ...limit }), offset } : undefined;
    }
    if (page.page !== undefined) {
      const next = page.page + 1;
      return more(this.#domains.size) ? { query: query({ page: String(next), ...limit }), page: next } : undefined;
    }
    if (page.has_more === true) return "the server says has_more but gives no next_cursor, next link, page or offset to ask for it";
    if (page.total !== undefined && this.#domains.size < page.total) {
      return `the server reports a total of ${page.total} but sent ${this.#domains.size} domains and no next_cursor, next link, page or offset to ask for the rest`;
    }
    return undefined;
  }

  #followLink(link: string): PageRequest | string {
    let url: URL;
    try {
      url = new URL(link, this.listUrl);
    } catch {
      return `the next link ${displayText(link, 80)} is not a URL`;
    }
    const list = new URL(this.listUrl);
    if (url.origin !== list.origin || url.pathname.replace(/\/+$/, "") !== list.pathname) {
      return `the next link ${displayText(link, 80)} leaves ${list.origin}${list.pathname}; it is not followed, so the API key is never sent elsewhere`;
    }
    return { query: url.search };
  }
}

/** The problem when the server answered another position than the one asked for, or `undefined`. */
function ignoredPosition(page: ListDomainsResponse, request: PageRequest): string | undefined {
  if (request.page !== undefined && page.page !== request.page) {
    return `page ${request.page} was asked for and ${page.page === undefined ? "an unnumbered page" : `page ${page.page}`} came back: the server ignores "page"`;
  }
  if (request.offset !== undefined && page.offset !== request.offset) {
    return `offset ${request.offset} was asked for and ${page.offset === undefined ? "no offset" : `offset ${page.offset}`} came back: the server ignores "offset"`;
  }
  return undefined;
}

function query(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString()}`;
}
