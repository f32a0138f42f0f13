/**
 * Paging the domain list (an emulator option; SendMailOS documents no paging): one pure function from
 * the workspace's domains and the query to the reply, in the style the options chose.
 */
import { displayText } from "../sdk/display";
import { errorCodes } from "../sdk/wire";
import type { StoredDomain } from "./domain-store";
import { listedDomainView } from "./domain-view";
import type { ResolvedPagination } from "./options";
import { errorReply, type Reply } from "./reply";

/** A domain with its creation sequence number (see `DomainStore.listInSequence`). */
export interface SequencedDomain {
  domain: StoredDomain;
  sequence: number;
}

/**
 * The reply to `GET /api/v1/domains?<query>`: every domain (`pagination` false, query ignored, the
 * documented body), or one page in the configured style. Pure.
 * @param domains the workspace's domains in creation order
 */
export function listReply(domains: readonly SequencedDomain[], query: URLSearchParams, pagination: ResolvedPagination | false): Reply {
  if (!pagination) return { status: 200, body: { success: true, domains: domains.map(({ domain }) => listedDomainView(domain)) } };
  const limit = wholeNumber(query, "limit", pagination.pageSize, 1, pagination.pageSize);
  if (typeof limit === "string") return invalid(limit);
  switch (pagination.style) {
    case "page": {
      const page = wholeNumber(query, "page", 1, 1);
      if (typeof page === "string") return invalid(page);
      const start = (page - 1) * limit;
      const items = domains.slice(start, start + limit);
      return ok({ page, limit, total: domains.length, has_more: start + items.length < domains.length }, items);
    }
    case "offset": {
      const offset = wholeNumber(query, "offset", 0, 0);
      if (typeof offset === "string") return invalid(offset);
      const items = domains.slice(offset, offset + limit);
      return ok({ offset, limit, total: domains.length, has_more: offset + items.length < domains.length }, items);
    }
    case "cursor": {
      const after = decodeCursor(query.get("cursor"));
      if (typeof after === "string") return invalid(after);
      const rest = domains.filter(({ sequence }) => sequence > after);
      const items = rest.slice(0, limit);
      const last = items[items.length - 1];
      const hasMore = rest.length > items.length;
      return ok({ has_more: hasMore, next_cursor: hasMore && last !== undefined ? encodeCursor(last.sequence) : null }, items);
    }
    case "truncate":
      return ok({}, domains.slice(0, limit));
  }
}

function ok(paging: Record<string, unknown>, items: readonly SequencedDomain[]): Reply {
  // `success` and `domains` first, as documented; the paging fields after them.
  return { status: 200, body: { success: true, domains: items.map(({ domain }) => listedDomainView(domain)), ...paging } };
}

function invalid(message: string): Reply {
  return errorReply(400, errorCodes.invalid, message);
}

/** The query parameter as a whole number in [min, max], its default when absent, or the 400 message. */
function wholeNumber(query: URLSearchParams, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number | string {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min} to ${max}`;
    return `${name}: expected a whole number ${range}, got ${displayText(raw, 40)}`;
  }
  return value;
}

const cursorPrefix = "c1.";

function encodeCursor(sequence: number): string {
  return cursorPrefix + Buffer.from(String(sequence)).toString("base64url");
}

/** The sequence number a cursor stands for (0: from the start), or the 400 message. */
function decodeCursor(cursor: string | null): number | string {
  if (cursor === null) return 0;
  const sequence = cursor.startsWith(cursorPrefix) ? Number(Buffer.from(cursor.slice(cursorPrefix.length), "base64url").toString()) : NaN;
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    return `cursor: ${displayText(cursor, 40)} is not a cursor this API issued; list again without one`;
  }
  return sequence;
}
