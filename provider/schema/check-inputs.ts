/**
 * `check` for any resource: parse the engine's raw inputs with the resource's input schema (the one
 * definition of its rules) and turn every problem into a failure that names the property and the fix.
 *
 * - Values the engine does not know yet (preview of an input computed by another resource) are passed
 *   through untouched: the engine calls `check` again with the real values before create or update, and
 *   they are validated then.
 * - Properties the schema does not have are refused, with the closest known name ("did you mean").
 * - `null` counts as absent, as everywhere in Pulumi.
 * - Every reason names its property and repeats the value only escaped and cut (see `forEngine` for how
 *   the doors keep the engine from repeating the raw value itself).
 */
import type { z } from "zod";
import { containsUnknown } from "../runtime/unknown";
import { failuresOf, unknownKeyReason, type InputFailure } from "./issues";

/** What `check` returns: the inputs to use from now on, and every failure found. */
export interface CheckedInputs {
  inputs: Record<string, unknown>;
  failures: InputFailure[];
}

/** Options of {@link checkInputs}. */
export interface CheckOptions {
  /** Keys that are not inputs but must pass through untouched (e.g. the dynamic provider's `__provider`). */
  passThrough?: readonly string[];
  /** Rules across fields, run when every field is valid; unknown values are left in the inputs it sees. */
  refine?: (inputs: Record<string, unknown>) => InputFailure[];
  /**
   * Values that cannot be validated yet and pass through untouched.
   * @default the engine's unknown values (`containsUnknown`)
   */
  isPending?: (value: unknown) => boolean;
}

/** Validates and normalizes raw inputs against a resource's input schema. */
export function checkInputs(schema: z.ZodObject, raw: Record<string, unknown>, options: CheckOptions = {}): CheckedInputs {
  const passThrough = new Set(options.passThrough ?? []);
  const known = Object.keys(schema.shape);
  const failures: InputFailure[] = [];
  const kept: Record<string, unknown> = {};
  const pending: Record<string, unknown> = {};
  const toParse: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(raw)) {
    if (passThrough.has(key)) kept[key] = value;
    else if (value === null || value === undefined) continue;
    else if (!known.includes(key)) {
      failures.push({ property: key, reason: unknownKeyReason("", key, known) });
      kept[key] = value;
    } else if ((options.isPending ?? containsUnknown)(value)) pending[key] = value;
    else toParse[key] = value;
  }

  const omitted: Record<string, true> = Object.fromEntries(Object.keys(pending).map((key) => [key, true as const]));
  const parsed = schema.omit(omitted as never).safeParse(toParse);
  if (!parsed.success) {
    failures.push(...failuresOf(parsed.error.issues, toParse, [], schema));
    return { inputs: { ...toParse, ...pending, ...kept }, failures };
  }
  const inputs = { ...(parsed.data as Record<string, unknown>), ...pending };
  if (failures.length === 0 && options.refine) failures.push(...options.refine(inputs));
  return { inputs: { ...inputs, ...kept }, failures };
}
