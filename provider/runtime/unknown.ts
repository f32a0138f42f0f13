/**
 * The sentinel the Pulumi engine puts in place of a value that is not known yet (during preview, an
 * input that comes from another resource's output). Validation must let it through untouched.
 * Mirrors `unknownValue` in `@pulumi/pulumi/runtime/rpc`, which is not part of the public typings.
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when the engine does not know this value yet. */
export function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

/** True when the value, or any value nested in it, is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
