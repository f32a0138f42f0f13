/**
 * What a review reads: the output of `pulumi preview --json`, in either of its two forms, parsed once with zod
 * and normalized into one shape.
 *
 * - The document (`pulumi preview --json`): `{config, steps[], diagnostics, changeSummary}`; each step
 *   `{op, urn, oldState, newState, detailedDiff, replaceReasons}`; states carry `dependencies` and `parent`.
 * - The event stream (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --json`): one engine event per
 *   line; `resourcePreEvent`s carry the steps, `resOutputsEvent`s of `refresh` steps carry the refreshed state,
 *   `policyEvent`s the policy violations (which the document does not have) and `diagnosticEvent`s the messages.
 *
 * It knows Pulumi's JSON, nothing of SendMailOS. Pure.
 */
import { describeIssues } from "../sdk/describe-issues";
import { documentSchema, eventSchema } from "./preview-schemas";

/** A resource's state as a step shows it. */
export interface ResourceView {
  urn: string;
  type: string;
  id?: string;
  parent?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** Resources this one depends on (the document form only). */
  dependencies: string[];
}

/** The engine's per-property diff entry (filled by providers that give a detailed diff, like the native one). */
export interface PropertyDiffEntry {
  kind: string;
  inputDiff?: boolean;
}

/** One planned step, the same for both forms. */
export interface PlannedStep {
  /** `create`, `update`, `replace`, `delete`, `same`, `refresh`, `read`, `import`, ... (replacement sub-steps folded into `replace`). */
  op: string;
  urn: string;
  type: string;
  old?: ResourceView;
  new?: ResourceView;
  detailedDiff?: Record<string, PropertyDiffEntry>;
  replaceReasons: string[];
}

/** A policy violation, as the engine reports it (event stream only). */
export interface PolicyViolation {
  /** The resource it names; absent or the stack's URN for a stack policy about a resource that is gone. */
  urn?: string;
  policyPack: string;
  policy: string;
  /** `mandatory`, `advisory`, `remediate` or `disabled`. */
  enforcementLevel: string;
  /** What the policy reported (the engine's line with the policy's description before it is left out). */
  message: string;
  /** A policy exception of the stack covers it: it does not fail the preview. */
  excepted: boolean;
}

/** A message of the engine or a provider. */
export interface EngineDiagnostic {
  urn?: string;
  severity: string;
  message: string;
}

/** Everything a review uses from one preview. */
export interface PreviewRecord {
  format: "document" | "events";
  /** One entry per resource, in the engine's order (refresh steps excluded). */
  steps: PlannedStep[];
  /** URNs that a `--refresh` read, with what the read found (`null`: gone) when the form says (events only). */
  refreshed: Map<string, ResourceView | null | undefined>;
  policyViolations: PolicyViolation[];
  diagnostics: EngineDiagnostic[];
  /** The stack's name when the form tells it (from the URNs). */
  stack?: string;
}

/** The input is not the output of `pulumi preview --json`; the message says what was expected. */
export class PreviewFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewFormatError";
  }
}

/** The engine's closing line of a failed preview, which says nothing the other messages do not. */
function genericFailure(d: { message: string; severity: string; urn?: string | undefined }): boolean {
  return d.severity === "error" && !d.urn && /^(preview|update) failed\s*$/.test(d.message.trim());
}

/** Replacement sub-steps: the review shows a replacement once. */
const replacementSteps = new Set([
  "create-replacement",
  "delete-replaced",
  "replace",
  "import-replacement",
  "read-replacement",
  "discard-replaced",
]);

/** Reads the output of `pulumi preview --json` (either form). @throws PreviewFormatError naming what is wrong. */
export function parsePreviewOutput(text: string): PreviewRecord {
  const trimmed = text.trim();
  if (trimmed === "") throw new PreviewFormatError("the preview output is empty: give the output of `pulumi preview --json`");
  const whole = tryJson(trimmed);
  if (whole !== undefined && !Array.isArray(whole) && typeof whole === "object" && whole !== null && !isEvent(whole)) {
    return parseDocument(whole);
  }
  return parseEvents(trimmed);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isEvent(value: object): boolean {
  return "sequence" in value || Object.keys(value).some((k) => k.endsWith("Event"));
}

function parseDocument(value: unknown): PreviewRecord {
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    throw new PreviewFormatError(
      `the preview JSON does not have the shape of \`pulumi preview --json\`: ${describeIssues(parsed.error.issues)}`,
    );
  }
  const refreshed = new Map<string, ResourceView | null | undefined>();
  const steps: PlannedStep[] = [];
  const readStates: PlannedStep[] = [];
  for (const step of parsed.data.steps) {
    if (step.op === "refresh") {
      // The document shows only the state before the read, and lists no `same` steps: a read resource that no
      // later step changes stays as it is, so it counts as `same` (a domain's records then find their domain).
      refreshed.set(step.urn, undefined);
      if (step.oldState) {
        const state = resourceView(step.oldState);
        readStates.push({ op: "same", urn: step.urn, type: state.type, old: state, new: state, replaceReasons: [] });
      }
      continue;
    }
    steps.push({
      op: replacementSteps.has(step.op) ? "replace" : step.op,
      urn: step.urn,
      type: step.newState?.type ?? step.oldState?.type ?? typeFromUrn(step.urn),
      ...(step.oldState ? { old: resourceView(step.oldState) } : {}),
      ...(step.newState ? { new: resourceView(step.newState) } : {}),
      ...(step.detailedDiff ? { detailedDiff: step.detailedDiff } : {}),
      replaceReasons: step.replaceReasons ?? [],
    });
  }
  const diagnostics = (parsed.data.diagnostics ?? [])
    .filter((d) => !genericFailure(d))
    .map((d) => ({ ...(d.urn ? { urn: d.urn } : {}), severity: d.severity, message: d.message }));
  const planned = new Set(steps.map((s) => s.urn));
  const all = [...steps, ...readStates.filter((s) => !planned.has(s.urn))];
  return withStack({ format: "document", steps: foldReplacements(all), refreshed, policyViolations: [], diagnostics });
}

function parseEvents(text: string): PreviewRecord {
  const steps: PlannedStep[] = [];
  const refreshed = new Map<string, ResourceView | null | undefined>();
  const policyViolations: PolicyViolation[] = [];
  const diagnostics: EngineDiagnostic[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const json = tryJson(line);
    if (json === undefined) {
      throw new PreviewFormatError(
        `line ${index + 1} of the preview output is not JSON (${JSON.stringify(line.slice(0, 60))}): give only the standard output of \`pulumi preview --json\``,
      );
    }
    const parsed = eventSchema.safeParse(json);
    if (!parsed.success)
      throw new PreviewFormatError(`line ${index + 1} is not a Pulumi engine event: ${describeIssues(parsed.error.issues)}`);
    const event = parsed.data;
    const pre = event.resourcePreEvent?.metadata;
    if (pre && pre.op !== "refresh") {
      steps.push({
        op: replacementSteps.has(pre.op) ? "replace" : pre.op,
        urn: pre.urn,
        type: pre.type,
        ...(pre.old ? { old: resourceView(pre.old) } : {}),
        ...(pre.new ? { new: resourceView(pre.new) } : {}),
        ...(pre.detailedDiff ? { detailedDiff: pre.detailedDiff } : {}),
        replaceReasons: pre.keys ?? [],
      });
    }
    if (pre?.op === "refresh" && !refreshed.has(pre.urn)) refreshed.set(pre.urn, undefined);
    const outputs = event.resOutputsEvent?.metadata;
    if (outputs?.op === "refresh") refreshed.set(outputs.urn, outputs.new ? resourceView(outputs.new) : null);
    const policy = event.policyEvent;
    if (policy) {
      policyViolations.push({
        ...(policy.resourceUrn ? { urn: policy.resourceUrn } : {}),
        policyPack: policy.policyPackName,
        policy: policy.policyName,
        enforcementLevel: policy.enforcementLevel,
        // The engine sends "<the policy's description>\n<the message reported>".
        message: (policy.message.trim().includes("\n") ? policy.message.slice(policy.message.indexOf("\n") + 1) : policy.message).trim(),
        excepted: (policy.exceptions ?? []).length > 0,
      });
    }
    const diagnostic = event.diagnosticEvent;
    if (diagnostic && diagnostic.severity !== "debug" && diagnostic.severity !== "info#err" && !genericFailure(diagnostic)) {
      diagnostics.push({ ...(diagnostic.urn ? { urn: diagnostic.urn } : {}), severity: diagnostic.severity, message: diagnostic.message });
    }
  });
  return withStack({ format: "events", steps: foldReplacements(steps), refreshed, policyViolations, diagnostics });
}

/** One step per URN: a replacement's sub-steps become one `replace` holding the old and the new state. */
function foldReplacements(steps: PlannedStep[]): PlannedStep[] {
  const byUrn = new Map<string, PlannedStep>();
  for (const step of steps) {
    const seen = byUrn.get(step.urn);
    if (!seen) {
      byUrn.set(step.urn, step);
      continue;
    }
    if (step.op !== "replace" && seen.op !== "replace") continue;
    byUrn.set(step.urn, {
      ...seen,
      op: "replace",
      old: seen.old ?? step.old,
      new: step.new ?? seen.new,
      detailedDiff: seen.detailedDiff ?? step.detailedDiff,
      replaceReasons: [...new Set([...seen.replaceReasons, ...step.replaceReasons])],
    } as PlannedStep);
  }
  return [...byUrn.values()];
}

/**
 * A resource's state as the engine prints it (a preview step, an event, or `pulumi stack export`), after
 * `stateSchema` parsed it. A plain type, so that the public declarations never expose zod.
 */
export interface EngineResourceState {
  urn: string;
  type: string;
  id?: string | undefined;
  parent?: string | undefined;
  inputs?: Record<string, unknown> | null | undefined;
  outputs?: Record<string, unknown> | null | undefined;
  dependencies?: string[] | null | undefined;
}

/** The view of an engine resource state, with empty inputs, outputs and dependencies where the engine gave none. */
export function resourceView(state: EngineResourceState): ResourceView {
  return {
    urn: state.urn,
    type: state.type,
    ...(state.id ? { id: state.id } : {}),
    ...(state.parent ? { parent: state.parent } : {}),
    inputs: state.inputs ?? {},
    outputs: state.outputs ?? {},
    dependencies: state.dependencies ?? [],
  };
}

/** The type token of a URN: `urn:pulumi:stack::project::parent$type::name`. */
export function typeFromUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? qualified;
}

/** The resource name of a URN (its last part). */
export function nameFromUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

function withStack(record: PreviewRecord): PreviewRecord {
  const urn = record.steps[0]?.urn;
  const stack = urn?.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length).split("::")[0] : undefined;
  return stack ? { ...record, stack } : record;
}
