/**
 * The idempotency fingerprint of a request body: JSON with object keys sorted at every level, so equal
 * documents give equal strings whatever their key order.
 */

/**
 * Canonical JSON of `value`. Recursive: call it only on a body whose depth was bounded when it was
 * read (`readJsonBody`), never on raw input.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
