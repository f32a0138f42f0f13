/**
 * Turning zod issues into the failures the engine shows at preview time: each names its property and
 * says the fix. Field schemas (`fields.ts`) word their own messages to follow the property's path
 * ("metadata.plan must be a string, got a number; quote it: \"3\""); issues they do not word get a
 * generic but specific text here. Every repeated value is escaped and cut (`sdk/display.ts`).
 */
import type { z } from "zod";
import { displayValue } from "../../sdk/display";
import { issuePath } from "../../sdk/describe-issues";
import { describeType, type TypeModel } from "./describe";
import { closestName } from "./suggest";

/** A validation failure on one input property, as the engine shows it at preview time. */
export interface InputFailure {
  /** The top-level property, e.g. `metadata` or `domain`; empty for the resource as a whole. */
  property: string;
  /** Why it was refused and how to fix it, naming the property (and the key, for maps). */
  reason: string;
}

/**
 * Failures as the engine should show them: all on the resource, none on a property. The engine prints a
 * property failure as `property X value {<the raw value>} has a problem: ...`, repeating the program's value
 * as it is, control characters and megabytes included; every reason here already names its property and
 * shows the value safely. Pure.
 */
export function forEngine(failures: readonly InputFailure[]): InputFailure[] {
  return failures.map((f) => ({ property: "", reason: f.reason }));
}

/** A property path as users write it (`metadata.plan`, `dnsResolvers[1]`); empty for the inputs as a whole. Pure. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "" : issuePath(path);
}

/** The value at `path` in `raw`, or undefined. */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const part of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** Zod's own default messages start with a capital letter ("Invalid input: ..."); ours do not. */
function isDefaultMessage(message: string): boolean {
  return /^[A-Z]/.test(message);
}

/**
 * One failure per issue. `prefix` is prepended to every path (e.g. `dns` when a nested schema was parsed).
 * @param raw the value that was parsed, to show what was given where zod's message does not
 * @param schema the schema that was used, to suggest the closest known name for an unknown property
 */
export function failuresOf(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  prefix: readonly PropertyKey[] = [],
  schema?: z.ZodType,
): InputFailure[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = schema === undefined ? [] : knownKeysAt(describeType(schema), raw, issue.path);
      return issue.keys.map((key) => {
        const path = [...prefix, ...issue.path, key];
        return { property: typeof path[0] === "string" ? path[0] : "", reason: unknownKeyReason(pathText(path), key, known) };
      });
    }
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // A union (e.g. `wait: true | {...}`): report the branch the value was meant for, the object one.
      const objectBranch = issue.errors.find((branch) => branch.some((i) => i.path.length > 0)) ?? issue.errors[issue.errors.length - 1]!;
      return failuresOf(objectBranch, raw, [...prefix, ...issue.path], schema);
    }
    if (issue.code === "invalid_key" && issue.issues.length > 0) {
      return failuresOf(issue.issues, raw, [...prefix, ...issue.path.slice(0, -1)], schema);
    }
    const path = [...prefix, ...issue.path];
    const property = typeof path[0] === "string" ? path[0] : "";
    const where = path.length === 0 ? "the inputs" : pathText(path);
    return [{ property, reason: `${where} ${messageOf(issue, valueAt(raw, issue.path))}` }];
  });
}

function messageOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (!isDefaultMessage(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? "is required" : `must be ${article(issue.expected)}, got ${displayValue(value)}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${displayValue(value)}`;
    case "too_big":
      return `is too large (${issue.origin} limit ${String(issue.maximum)})`;
    case "too_small":
      return `is too small (${issue.origin} minimum ${String(issue.minimum)})`;
    default:
      return issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  }
}

function article(expected: string): string {
  return expected === "boolean" ? "true or false" : /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** "externalID is not an input here; did you mean `externalId`?" */
export function unknownKeyReason(where: string, key: string, known: readonly string[]): string {
  const guess = closestName(key, known);
  const hint =
    guess !== undefined
      ? `; did you mean \`${guess}\`?`
      : known.length > 0
        ? `; the known ones are ${known.map((k) => `\`${k}\``).join(", ")}`
        : "";
  return `${where === "" ? displayValue(key, 40) : where} is not a known property${hint}`;
}

/** The property names of the object at `path` (following the value to pick a union's variant). */
function knownKeysAt(type: TypeModel, raw: unknown, path: readonly PropertyKey[]): string[] {
  let current: TypeModel | undefined = type;
  let value = raw;
  const step = (t: TypeModel | undefined, v: unknown): TypeModel | undefined => {
    if (t?.kind !== "union") return t;
    const tag = t.discriminator;
    const wanted = tag !== undefined && v !== null && typeof v === "object" ? (v as Record<string, unknown>)[tag] : undefined;
    return (
      t.options.find(
        (o) => o.kind === "object" && o.properties.some((p) => p.name === tag && p.type.kind === "literal" && p.type.value === wanted),
      ) ?? t.options.find((o) => o.kind === "object")
    );
  };
  for (const part of path) {
    current = step(current, value);
    if (current?.kind === "object") current = current.properties.find((p) => p.name === part)?.type;
    else if (current?.kind === "map") current = current.values;
    else if (current?.kind === "array") current = current.items;
    else return [];
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[part] : undefined;
  }
  current = step(current, value);
  return current?.kind === "object" ? current.properties.map((p) => p.name) : [];
}
