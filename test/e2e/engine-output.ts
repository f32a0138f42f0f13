/**
 * Reading what the Pulumi CLI prints with `--json`. Two formats, as the CLI documents them:
 * - `up`, `refresh` and `destroy` stream engine events, one JSON object per line (each with a `sequence`);
 * - `preview` prints one JSON document at the end: `{ config, steps, diagnostics?, duration, changeSummary }`.
 * Pure functions, tested in engine-output.test.ts.
 */

/** Counts of resource operations, e.g. `{ create: 1, same: 1 }`. */
export type ChangeSummary = Record<string, number>;

/** One engine event: `sequence`, `timestamp` and one payload key such as `diagnosticEvent`. */
export type EngineEvent = { sequence: number; timestamp?: number } & Record<string, unknown>;

/** The events of a `--json` operation, and any line that was not one (kept, so nothing is lost unseen). */
export interface EventLines {
  events: EngineEvent[];
  /** Non-empty lines that are not engine events, e.g. the last line of a CLI killed mid-write. */
  unparsed: string[];
}

/** What an `up`, `refresh` or `destroy` reported. */
export interface OperationSummary {
  /** `resourceChanges` of the operation's (non-preview) summary event; `{}` when there was none. */
  changes: ChangeSummary;
  /** Messages of diagnostics with severity "error". */
  errors: string[];
  /** Messages of diagnostics with severity "warning". */
  warnings: string[];
}

/** One planned step of a preview. */
export interface PreviewStep {
  op: string;
  urn: string;
  [k: string]: unknown;
}

/** What `preview --json` planned and reported. */
export interface PreviewSummary {
  changes: ChangeSummary;
  /** True when any operation other than "same" is planned. */
  hasChanges: boolean;
  steps: PreviewStep[];
  errors: string[];
  warnings: string[];
}

/** The output is not what the CLI's `--json` prints: a harness or CLI problem worth seeing, not skipping. */
export class EngineOutputError extends Error {
  override readonly name = "EngineOutputError";
}

/** Splits the output of an operation into its engine events (one per line). */
export function parseEventLines(stdout: string): EventLines {
  const events: EngineEvent[] = [];
  const unparsed: string[] = [];
  for (const line of stdout.split("\n")) {
    if (line.trim() === "") continue;
    const value = tryParse(line);
    if (isRecord(value) && typeof value["sequence"] === "number") events.push(value as EngineEvent);
    else unparsed.push(line);
  }
  return { events, unparsed };
}

/** The changes and diagnostics of an operation's events. */
export function summarizeOperation(events: readonly EngineEvent[]): OperationSummary {
  let changes: ChangeSummary = {};
  for (const event of events) {
    const summary = event["summaryEvent"];
    if (isRecord(summary) && summary["isPreview"] !== true) changes = (summary["resourceChanges"] as ChangeSummary | undefined) ?? {};
  }
  return { changes, errors: eventDiagnostics(events, "error"), warnings: eventDiagnostics(events, "warning") };
}

/** Messages of the diagnostic events of one severity ("error", "warning", "info", "debug"). */
export function eventDiagnostics(events: readonly EngineEvent[], severity: string): string[] {
  const messages: string[] = [];
  for (const event of events) {
    const diagnostic = event["diagnosticEvent"];
    if (isRecord(diagnostic) && diagnostic["severity"] === severity && typeof diagnostic["message"] === "string") {
      messages.push(diagnostic["message"]);
    }
  }
  return messages;
}

/** Reads the document of `preview --json`. Throws {@link EngineOutputError} when the output is not one. */
export function parsePreviewDocument(stdout: string): PreviewSummary {
  const document = tryParse(stdout);
  if (!isRecord(document) || !Array.isArray(document["steps"])) {
    throw new EngineOutputError(`preview --json did not print its JSON document; it printed: ${JSON.stringify(stdout.slice(0, 500))}`);
  }
  const changes = (document["changeSummary"] as ChangeSummary | undefined) ?? {};
  const diagnostics = Array.isArray(document["diagnostics"]) ? document["diagnostics"].filter(isRecord) : [];
  const messages = (severity: string) =>
    diagnostics.filter((d) => d["severity"] === severity && typeof d["message"] === "string").map((d) => d["message"] as string);
  return {
    changes,
    hasChanges: Object.entries(changes).some(([op, n]) => op !== "same" && n > 0),
    steps: document["steps"] as PreviewStep[],
    errors: messages("error"),
    warnings: messages("warning"),
  };
}

/**
 * The error messages in whatever a command printed, best effort, for failure messages: the diagnostics of
 * event lines, or of a preview document.
 */
export function reportedErrors(stdout: string): string[] {
  const { events } = parseEventLines(stdout);
  if (events.length > 0) return eventDiagnostics(events, "error");
  try {
    return parsePreviewDocument(stdout).errors;
  } catch {
    return [];
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
