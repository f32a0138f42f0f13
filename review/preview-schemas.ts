/**
 * The two forms of `pulumi preview --json` as zod schemas: the document (`{steps, diagnostics}`) and the engine
 * events of the stream (`PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true`). Loose: fields the review does not use are
 * let through, and a field of the wrong type is an error that names it.
 */
import { z } from "zod";

const record = z.record(z.string(), z.unknown());

/** A resource state within a step. */
export const stateSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  id: z.string().optional(),
  parent: z.string().optional(),
  inputs: record.nullish(),
  outputs: record.nullish(),
  dependencies: z.array(z.string()).nullish(),
});

/** A detailed diff: `kind` in the document, `diffKind` in the event stream. */
const detailedDiffSchema = z
  .record(z.string(), z.looseObject({ kind: z.string().optional(), diffKind: z.string().optional(), inputDiff: z.boolean().optional() }))
  .nullish()
  .transform((diff) =>
    diff
      ? Object.fromEntries(
          Object.entries(diff).map(([path, d]) => [
            path,
            { kind: d.kind ?? d.diffKind ?? "update", ...(d.inputDiff === undefined ? {} : { inputDiff: d.inputDiff }) },
          ]),
        )
      : undefined,
  );

const documentStepSchema = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: stateSchema.nullish(),
  newState: stateSchema.nullish(),
  detailedDiff: detailedDiffSchema,
  replaceReasons: z.array(z.string()).nullish(),
});

/** `pulumi preview --json`: one document. */
export const documentSchema = z.looseObject({
  steps: z.array(documentStepSchema),
  diagnostics: z.array(z.looseObject({ urn: z.string().optional(), message: z.string(), severity: z.string() })).nullish(),
});

const eventStepSchema = z.looseObject({
  op: z.string(),
  urn: z.string(),
  type: z.string(),
  old: stateSchema.nullish(),
  new: stateSchema.nullish(),
  keys: z.array(z.string()).nullish(),
  detailedDiff: detailedDiffSchema,
});

/** One line of the event stream. */
export const eventSchema = z.looseObject({
  resourcePreEvent: z.looseObject({ metadata: eventStepSchema }).optional(),
  resOutputsEvent: z.looseObject({ metadata: eventStepSchema }).optional(),
  policyEvent: z
    .looseObject({
      resourceUrn: z.string().optional(),
      message: z.string(),
      policyName: z.string(),
      policyPackName: z.string(),
      enforcementLevel: z.string(),
      exceptions: z.array(z.unknown()).nullish(),
    })
    .optional(),
  diagnosticEvent: z.looseObject({ urn: z.string().optional(), message: z.string(), severity: z.string() }).optional(),
});
