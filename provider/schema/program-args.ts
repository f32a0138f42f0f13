/**
 * Validating arguments inside a Pulumi program (components and helpers run there, not in a provider):
 * the same schemas and messages as `check`, applied to the values already known. An `Output` or a promise
 * (a zone id looked up by another resource) is not known yet and passes; the resource it reaches checks it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { checkInputs, type CheckOptions } from "./check-inputs";
import { InvalidArgumentsError } from "./invalid-arguments-error";

export { InvalidArgumentsError } from "./invalid-arguments-error";

/** Whether a value holds an `Output` or a promise anywhere (not known while the program runs). */
export function containsPending(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
  if (Array.isArray(value)) return value.some(containsPending);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsPending);
  return false;
}

/**
 * Validates program arguments against a schema and returns them parsed (defaults applied, pending values
 * as given).
 * @throws InvalidArgumentsError naming every problem
 */
export function parseProgramArgs(
  what: string,
  schema: z.ZodObject,
  args: object,
  options: Omit<CheckOptions, "isPending"> = {},
): Record<string, unknown> {
  const { inputs, failures } = checkInputs(schema, { ...(args as Record<string, unknown>) }, { ...options, isPending: containsPending });
  if (failures.length > 0)
    throw new InvalidArgumentsError(
      what,
      failures.map((f) => f.reason),
    );
  return inputs;
}
