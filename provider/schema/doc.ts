/**
 * Documentation attached to each input of a resource schema (zod's `.meta()`), from which the README tables,
 * the generated `Args` types and the provider's `schema.json` are written. One text per input, next to its rule.
 */
import type { z } from "zod";

/** What the docs say about one input. */
export interface InputDoc {
  /** What the input is and does; Markdown. The first sentence is the summary. */
  description: string;
  /** Changing it replaces the resource (the preview says REPLACE). */
  replaces?: boolean;
  /** The default as the docs should say it when it is not a constant of the schema (e.g. a stack setting). */
  defaultText?: string;
  /** The value is a secret (Pulumi encrypts it in state). */
  secret?: boolean;
}

/** Attaches docs to a field schema. */
export function documented<T extends z.ZodType>(schema: T, doc: InputDoc): T {
  return schema.meta({ ...doc }) as T;
}

/** The docs attached to a field schema (empty description when none). */
export function docOf(schema: z.ZodType): InputDoc {
  const meta = (schema.meta() ?? {}) as Record<string, unknown>;
  return {
    description: typeof meta["description"] === "string" ? meta["description"] : "",
    ...(meta["replaces"] === true ? { replaces: true } : {}),
    ...(typeof meta["defaultText"] === "string" ? { defaultText: meta["defaultText"] } : {}),
    ...(meta["secret"] === true ? { secret: true } : {}),
  };
}
