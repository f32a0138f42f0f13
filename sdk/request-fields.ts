/**
 * The fields of a domain request as zod schemas that enforce `limits.ts`: the one place where the
 * limits become rules. `wire.ts` builds the request bodies from them, so the client (before sending),
 * the emulator (answering 400) and anything else parsing a request (the Pulumi resources' `check`)
 * refuse the same values with the same words. Each message says what is wrong and the limit; the
 * caller prefixes the field's name (see `describeIssues`).
 *
 * "Characters" are Unicode code points, as a database's `varchar(n)` counts them, not UTF-16 units.
 */
import { z } from "zod";
import { displayText } from "./display";
import { forbiddenCharacters, forbiddenValueCharacters, limits, workspaceIdPattern } from "./limits";

/** Number of Unicode code points in `text`. Pure. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A low surrogate after a high one completes a code point already counted.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHighSurrogate(text.charCodeAt(i - 1))) continue;
    count++;
  }
  return count;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * What is wrong with the first forbidden character of `text`, naming it by code point and its
 * 1-based position (the character itself may be invisible or rewrite the line); `undefined` if none.
 */
export function forbiddenCharacterProblem(text: string, forbidden: RegExp = forbiddenCharacters): string | undefined {
  const match = forbidden.exec(text);
  if (match === null) return undefined;
  const code = match[0].codePointAt(0) ?? 0;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const position = characterCount(text.slice(0, match.index)) + 1;
  const kind =
    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)
      ? "a bidirectional control character, which makes the value display differently from what is stored"
      : code >= 0xa0
        ? "an invisible character, which makes the value look like another"
        : "a control character";
  return `contains ${kind} (${name}) at position ${position}; remove it`;
}

function tooLong(count: number, max: number, unit = "characters"): string {
  return `is ${count} ${unit} long; at most ${max} are allowed`;
}

/** `domain` of a create: not empty, at most `limits.domainNameLength` characters without one trailing dot, labels at most `limits.domainLabelLength`, no control or bidi characters. */
export const domainNameFieldSchema = z.string().superRefine((domain, ctx) => {
  const name = domain.endsWith(".") ? domain.slice(0, -1) : domain;
  if (name.length === 0) {
    ctx.addIssue({ code: "custom", message: 'must not be empty: give a domain name such as "example.com"' });
    return;
  }
  const length = characterCount(name);
  if (length > limits.domainNameLength) {
    ctx.addIssue({ code: "custom", message: `${tooLong(length, limits.domainNameLength)} (without the trailing dot)` });
    return;
  }
  const problem = forbiddenCharacterProblem(domain);
  if (problem !== undefined) {
    ctx.addIssue({ code: "custom", message: problem });
    return;
  }
  const longLabel = name.split(".").find((label) => characterCount(label) > limits.domainLabelLength);
  if (longLabel !== undefined) {
    ctx.addIssue({ code: "custom", message: `has a label that ${tooLong(characterCount(longLabel), limits.domainLabelLength)}` });
  }
});

/** `external_id`: at most `limits.externalIdLength` characters, no control or bidi characters. */
export const externalIdFieldSchema = z.string().superRefine((externalId, ctx) => {
  const length = characterCount(externalId);
  if (length > limits.externalIdLength) {
    ctx.addIssue({ code: "custom", message: tooLong(length, limits.externalIdLength) });
    return;
  }
  const problem = forbiddenCharacterProblem(externalId);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * zod builds records by assignment, which drops a `__proto__` key without a word: refuse it instead,
 * since a value is never silently changed.
 */
export function refuseProtoKey(
  value: unknown,
  ctx: { addIssue(issue: { code: "custom"; message: string; path: PropertyKey[] }): void },
): unknown {
  if (value !== null && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
    ctx.addIssue({
      code: "custom",
      path: ["__proto__"],
      message: "key is reserved (it names the object prototype in JavaScript); rename it",
    });
  }
  return value;
}

/**
 * `metadata`: string values only; at most `limits.metadataKeys` keys; keys of 1 to
 * `limits.metadataKeyLength` characters without control or bidi characters; values of at most
 * `limits.metadataValueLength` characters, which may hold tabs and line breaks but no other control or
 * bidi characters; at most `limits.metadataBytes` bytes as the API receives it (UTF-8 JSON text).
 */
export const metadataFieldSchema = z.preprocess(refuseProtoKey, z.record(z.string(), z.string())).superRefine((metadata, ctx) => {
  const keys = Object.keys(metadata);
  if (keys.length > limits.metadataKeys) {
    ctx.addIssue({ code: "custom", message: `has ${keys.length} keys; at most ${limits.metadataKeys} are allowed` });
  }
  for (const key of keys) {
    const value = metadata[key] ?? "";
    const keyLength = characterCount(key);
    const keyProblem =
      keyLength === 0
        ? "must not be empty"
        : keyLength > limits.metadataKeyLength
          ? tooLong(keyLength, limits.metadataKeyLength)
          : forbiddenCharacterProblem(key);
    if (keyProblem !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `key ${keyProblem}` });
    const valueLength = characterCount(value);
    const valueProblem =
      valueLength > limits.metadataValueLength
        ? tooLong(valueLength, limits.metadataValueLength)
        : forbiddenCharacterProblem(value, forbiddenValueCharacters)?.concat(" (tabs and line breaks are allowed)");
    if (valueProblem !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `value ${valueProblem}` });
  }
  const bytes = Buffer.byteLength(JSON.stringify(metadata), "utf8");
  if (bytes > limits.metadataBytes) {
    ctx.addIssue({ code: "custom", message: `${tooLong(bytes, limits.metadataBytes, "bytes")} as JSON (keys and values together)` });
  }
});

/** An `Idempotency-Key` header value: 1 to `limits.idempotencyKeyLength` visible ASCII characters. */
export const idempotencyKeySchema = z.string().superRefine((key, ctx) => {
  if (key.length === 0 || key.length > limits.idempotencyKeyLength) {
    ctx.addIssue({ code: "custom", message: `must be 1 to ${limits.idempotencyKeyLength} characters, got ${key.length}` });
  } else if (!/^[\x21-\x7e]+$/.test(key)) {
    ctx.addIssue({ code: "custom", message: "must be visible ASCII characters only (no spaces, control characters or non-ASCII letters)" });
  }
});

/**
 * What is wrong with a workspace id (`X-Workspace-Id`), or `undefined`: `ws_` and then letters, digits,
 * `_` or `-`, at most `limits.workspaceIdLength` characters. Pure.
 */
export function workspaceIdProblem(id: string): string | undefined {
  if (id.length > limits.workspaceIdLength) {
    return `${tooLong(id.length, limits.workspaceIdLength)} (ws_ included)`;
  }
  if (!workspaceIdPattern.test(id)) {
    return `must be ws_ followed by letters, digits, "_" or "-" (such as ws_123), got ${displayText(id)}`;
  }
  return undefined;
}
