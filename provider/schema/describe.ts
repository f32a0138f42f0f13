/**
 * Reading a resource's input schema as a neutral model of properties and types, from which the README
 * tables, the generated TypeScript `Args` and the native provider's `schema.json` are written. Only the zod
 * constructs the schemas use are understood; anything else is an error, so a new construct cannot slip
 * into the docs as something it is not.
 */
import type { z } from "zod";
import { docOf, type InputDoc } from "./doc";

/** The type of one property, as the docs and generated code see it. */
export type TypeModel =
  | { kind: "string"; enum?: string[] }
  | { kind: "number"; integer: boolean }
  | { kind: "boolean" }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "array"; items: TypeModel }
  | { kind: "map"; values: TypeModel }
  | { kind: "object"; properties: PropertyModel[] }
  | { kind: "union"; options: TypeModel[]; discriminator?: string };

/** One property of an object schema. */
export interface PropertyModel {
  name: string;
  type: TypeModel;
  /** Must be given (no default, not optional). */
  required: boolean;
  /** The schema's default, when it has one. */
  default?: unknown;
  doc: InputDoc;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  discriminator?: string;
  entries?: Record<string, string>;
  values?: unknown[];
  checks?: { _zod: { def: { format?: string } } }[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The properties of an object schema, in declaration order. */
export function describeObject(schema: z.ZodType): PropertyModel[] {
  const def = defOf(schema);
  if (def.type !== "object" || def.shape === undefined) throw new Error(`describeObject: expected an object schema, got ${def.type}`);
  return Object.entries(def.shape).map(([name, field]) => describeProperty(name, field));
}

function describeProperty(name: string, field: z.ZodType): PropertyModel {
  let current = field;
  let required = true;
  let defaultValue: unknown;
  let hasDefault = false;
  for (;;) {
    const def = defOf(current);
    if ((def.type === "optional" || def.type === "nullable") && def.innerType) {
      required = false;
      current = def.innerType;
    } else if (def.type === "default" && def.innerType) {
      required = false;
      hasDefault = true;
      defaultValue = def.defaultValue;
      current = def.innerType;
    } else break;
  }
  return { name, type: describeType(current), required, ...(hasDefault ? { default: defaultValue } : {}), doc: docOf(field) };
}

/** The type of a schema, looking through optional, default and transforms (the input side). */
export function describeType(schema: z.ZodType): TypeModel {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return { kind: "string" };
    case "number":
      return { kind: "number", integer: (def.checks ?? []).some((c) => c._zod.def.format === "safeint") };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "string", enum: Object.values(def.entries ?? {}) };
    case "literal": {
      const value = def.values?.[0];
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
        throw new Error("describeType: unsupported literal");
      return { kind: "literal", value };
    }
    case "array":
      return { kind: "array", items: describeType(def.element!) };
    case "record":
      return { kind: "map", values: describeType(def.valueType!) };
    case "object":
      return { kind: "object", properties: describeObject(schema) };
    case "union":
      return {
        kind: "union",
        options: (def.options ?? []).map(describeType),
        ...(def.discriminator ? { discriminator: def.discriminator } : {}),
      };
    case "pipe":
      // A preprocess is a pipe from a transform: the type is what comes out of it.
      return defOf(def.in!).type === "transform" ? describeType((def as { out?: z.ZodType }).out!) : describeType(def.in!);
    case "optional":
    case "default":
    case "nullable":
      return describeType(def.innerType!);
    default:
      throw new Error(`describeType: the schema uses a zod ${def.type}, which the docs generator does not know`);
  }
}

/** The type as TypeScript writes it, with `wrap` around every value a Pulumi program may pass as an Input. */
export function typeScriptOf(type: TypeModel, wrap: (inner: string) => string = (t) => t): string {
  switch (type.kind) {
    case "string":
      return wrap(type.enum ? type.enum.map((v) => JSON.stringify(v)).join(" | ") : "string");
    case "number":
      return wrap("number");
    case "boolean":
      return wrap("boolean");
    case "literal":
      return wrap(JSON.stringify(type.value));
    case "array":
      return wrap(`${typeScriptOf(type.items, wrap)}[]`);
    case "map":
      return wrap(`Record<string, ${typeScriptOf(type.values, wrap)}>`);
    case "object":
      return `{ ${type.properties.map((p) => `${p.name}${p.required ? "" : "?"}: ${typeScriptOf(p.type, wrap)}`).join("; ")} }`;
    case "union":
      return type.options.map((o) => typeScriptOf(o, wrap)).join(" | ");
  }
}

/** The type in words, for the README: `string`, `list of string`, `map of string`, `"delete" \| "retain"`. */
export function typeInWords(type: TypeModel): string {
  switch (type.kind) {
    case "string":
      return type.enum ? type.enum.map((v) => `\`"${v}"\``).join(" \\| ") : "string";
    case "number":
      return type.integer ? "integer" : "number";
    case "boolean":
      return "boolean";
    case "literal":
      return `\`${JSON.stringify(type.value)}\``;
    case "array":
      return `list of ${typeInWords(type.items)}`;
    case "map":
      return `map of ${typeInWords(type.values)}`;
    case "object":
      return "object";
    case "union":
      return type.options.map(typeInWords).join(" \\| ");
  }
}
