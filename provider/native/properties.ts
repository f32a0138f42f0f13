/**
 * Property values between the engine's protobuf `Struct`s and plain objects. Unknown values (previews) are
 * the engine's sentinel string both ways, as the core expects them. Secrets arrive wrapped, as the engine
 * marks them: `secrets.ts` unwraps them for the operations and marks the responses.
 */
import { unknownValue } from "../runtime/unknown";
import { structproto, type StructMessage } from "./pulumi-internals";

/** A plain object from a request's `Struct` (absent: empty). */
export function fromStruct(struct: StructMessage | undefined): Record<string, unknown> {
  return (struct?.toJavaScript() ?? {}) as Record<string, unknown>;
}

/** A `Struct` from a plain object; `undefined` members are left out (a `Struct` cannot hold them). */
export function toStruct(value: Record<string, unknown>): StructMessage {
  return structproto.Struct.fromJavaScript(withoutUndefined(value));
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : withoutUndefined(v)));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  }
  return value;
}

/** `known` with each named property set to "unknown" unless it has it: what a preview can promise. */
export function withUnknowns(known: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const result = { ...known };
  for (const name of names) if (result[name] === undefined) result[name] = unknownValue;
  return result;
}
