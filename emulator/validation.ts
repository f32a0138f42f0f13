/**
 * Turning zod failures into the API's 400 messages, which name the offending field
 * (`metadata.plan: Invalid input: expected string, received number`) so a user can fix the input.
 */
import type { z } from "zod";

/** One line per issue, `path: message`, with `body` standing for the whole document. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "body"}: ${issue.message}`)
    .join("; ");
}

/** JSON with object keys sorted at every level, so equal documents give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
