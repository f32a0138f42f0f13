/**
 * Which fields of a SendMailOS resource a step changes, with their old and new values. Where the provider gave
 * the engine a per-property `detailedDiff` (the native provider), it is used as it is; the dynamic provider's
 * steps have none, so the package's own diff functions (`diffDomain`, `diffVerification`) decide, on the same
 * old state and new inputs the provider's diff receives. Secrets are masked before anything compares them. Pure.
 */
import { diffDomain } from "../provider/domain/domain-diff";
import type { DomainInputs } from "../provider/domain/domain-schema";
import type { DomainState } from "../provider/domain/domain-state";
import type { PropertyChange } from "../provider/runtime/operations";
import { diffVerification, type VerificationState } from "../provider/verification/verification-diff";
import type { VerificationInputs } from "../provider/verification/verification-schema";
import type { PlannedStep, PropertyDiffEntry } from "./preview-json";
import { containsSecret, maskSecrets, valueAt } from "./values";

/** One field that changes. */
export interface FieldChange {
  /** Property path, e.g. `metadata.plan`. */
  path: string;
  kind: "add" | "delete" | "update";
  /** The value before (raw: may be secret or unknown; shown through `showValue`). */
  before: unknown;
  /** The value after. */
  after: unknown;
  /** The change replaces the resource. */
  replaces: boolean;
  /** A secret is involved, so whether it really changes cannot be seen in the preview. */
  secret: boolean;
}

/** Properties the dynamic provider keeps in inputs for itself; never a change a reviewer makes. */
const internalKeys = new Set(["__provider"]);

/** The field changes of a domain's update or replacement step. */
export function domainFieldChanges(step: PlannedStep): FieldChange[] {
  const olds = maskSecrets(step.old?.outputs ?? {}) as Record<string, unknown>;
  const news = maskSecrets(step.new?.inputs ?? {}) as Record<string, unknown>;
  const fromEngine = detailedChanges(step);
  const properties = fromEngine ?? diffDomain(olds as unknown as DomainState, news as unknown as DomainInputs).properties;
  return withSecrets(
    step,
    properties.map((p) => fieldChange(p, step, olds, news)),
  );
}

/** The field changes of a verification's step (wait settings, or `status` when it waits again). */
export function verificationFieldChanges(step: PlannedStep): FieldChange[] {
  const olds = maskSecrets(step.old?.outputs ?? {}) as Record<string, unknown>;
  const news = maskSecrets(step.new?.inputs ?? {}) as Record<string, unknown>;
  const properties =
    detailedChanges(step) ?? diffVerification(olds as unknown as VerificationState, news as unknown as VerificationInputs).properties;
  return properties.map((p) => fieldChange(p, step, olds, news));
}

/** The changed top-level inputs of any other resource (a DNS record's ttl, say). */
export function inputFieldChanges(step: PlannedStep): FieldChange[] {
  const olds = maskSecrets(step.old?.inputs ?? {}) as Record<string, unknown>;
  const news = maskSecrets(step.new?.inputs ?? {}) as Record<string, unknown>;
  const fromEngine = detailedChanges(step);
  if (fromEngine) return fromEngine.map((p) => fieldChange(p, step, olds, news));
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !internalKeys.has(k)).sort();
  const replaced = new Set(step.replaceReasons);
  return keys
    .filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]))
    .map((k) => ({
      path: k,
      kind: olds[k] === undefined ? "add" : news[k] === undefined ? "delete" : "update",
      before: olds[k],
      after: news[k],
      replaces: replaced.has(k),
      secret: containsSecret(olds[k]) || containsSecret(news[k]),
    }));
}

/** The engine's detailed diff as property changes, or undefined when the provider gave none. */
function detailedChanges(step: PlannedStep): PropertyChange[] | undefined {
  const entries = Object.entries(step.detailedDiff ?? {}).filter(([path]) => !internalKeys.has(path));
  if (entries.length === 0) return undefined;
  return entries.map(([path, entry]) => propertyChange(path, entry));
}

function propertyChange(path: string, entry: PropertyDiffEntry): PropertyChange {
  const [kind, replace] = entry.kind.split("-");
  const known = kind === "add" || kind === "delete" ? kind : "update";
  return { path, kind: known, replaces: replace === "replace", input: entry.inputDiff !== false };
}

function fieldChange(p: PropertyChange, step: PlannedStep, olds: Record<string, unknown>, news: Record<string, unknown>): FieldChange {
  const oldInputs = maskSecrets(step.old?.inputs ?? {});
  const before = p.input ? (valueAt(oldInputs, p.path) ?? valueAt(olds, p.path)) : valueAt(olds, p.path);
  const after = p.input ? valueAt(news, p.path) : valueAt(maskSecrets(step.new?.outputs ?? {}), p.path);
  const replaces = p.replaces || step.replaceReasons.includes(p.path.split(/[.[]/)[0]!);
  return { path: p.path, kind: p.kind, before, after, replaces, secret: containsSecret(before) || containsSecret(after) };
}

/**
 * Secret fields cannot be compared in a preview (the engine masks both sides), so an update or replacement
 * lists each secret field it does not already name as `[secret]`: the reviewer sees that it may change.
 */
function withSecrets(step: PlannedStep, changes: FieldChange[]): FieldChange[] {
  if (step.op !== "update" && step.op !== "replace") return changes;
  const news = step.new?.inputs ?? {};
  const olds = step.old?.outputs ?? {};
  const named = new Set(changes.map((c) => c.path));
  const paths = [...new Set([...secretPaths(news, ""), ...secretPaths(olds, "")])]
    .filter((p) => !internalKeys.has(p) && !named.has(p))
    .sort();
  return [
    ...changes,
    ...paths.map((path): FieldChange => ({
      path,
      kind: "update",
      before: valueAt(olds, path),
      after: valueAt(news, path),
      replaces: false,
      secret: true,
    })),
  ];
}

function secretPaths(value: unknown, prefix: string): string[] {
  if (containsSecret(value) && prefix !== "" && maskSecrets(value) === "[secret]") return [prefix];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const path = prefix === "" ? k : /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${prefix}.${k}` : `${prefix}[${JSON.stringify(k)}]`;
    return containsSecret(v) ? secretPaths(v, path) : [];
  });
}
