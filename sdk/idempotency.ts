/**
 * Surviving a lost create. One `Idempotency-Key` per logical create, reused on every retry; and, for
 * servers that ignore the key, recognizing after a 409 that the conflicting domain is the one an
 * earlier, ambiguous attempt of this same create registered. Pure apart from {@link newIdempotencyKey}.
 */
import { randomUUID } from "node:crypto";
import { ConnectionError, SendMailOSError, ServerError } from "./errors";
import type { CreateDomainInput, Domain } from "./types";

/** How far before the start of a create the recovered domain's `createdAt` may be (clock skew). */
export const RECOVERY_CLOCK_SKEW_MS = 10 * 60 * 1000;

/** A new idempotency key: a random UUID (v4). */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/** Network codes meaning the request never reached the server, so it cannot have been processed. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * Whether a failed attempt may nevertheless have been processed by the server: a 5xx, a timeout or a
 * connection lost mid-request. A refused connection or failed DNS lookup is not ambiguous. Pure.
 */
export function isAmbiguousOutcome(error: SendMailOSError): boolean {
  if (error instanceof ServerError) return true;
  if (error instanceof ConnectionError) return error.networkCode === undefined || !NOT_SENT_CODES.has(error.networkCode);
  return false;
}

/**
 * Whether `found` (looked up by name after a 409) is what this create registered: same externalId and
 * metadata as sent, and created no earlier than `startedAt - RECOVERY_CLOCK_SKEW_MS`. Pure.
 * @param found the domain of that name in the workspace
 * @param input what the create sent
 * @param startedAt when the create started (epoch ms)
 */
export function isRecoverableCreate(found: Domain, input: CreateDomainInput, startedAt: number): boolean {
  const createdAt = Date.parse(found.createdAt);
  return (
    found.externalId === (input.externalId ?? null) &&
    sameStringMap(found.metadata, input.metadata ?? {}) &&
    !Number.isNaN(createdAt) &&
    createdAt >= startedAt - RECOVERY_CLOCK_SKEW_MS
  );
}

function sameStringMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
