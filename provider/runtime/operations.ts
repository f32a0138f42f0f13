/**
 * The core of each resource kind, written once and served through two doors: the dynamic provider
 * (`provider/dynamic/`, serialized shim, zero install) and the native provider plugin (`provider/native/`,
 * gRPC, import, cancellation, timeouts, detailed diffs). Each door only translates its protocol to these
 * calls; no CRUD logic lives in a door.
 */
import type { CheckedInputs } from "../schema/check-inputs";

/** How one property changes, for the engine's detailed diff and the review summary. */
export interface PropertyChange {
  /** Property path, e.g. `domain`, `metadata.plan`. */
  path: string;
  /** `add`: set where it was not; `delete`: removed; `update`: changed. */
  kind: "add" | "delete" | "update";
  /** The change replaces the resource. */
  replaces: boolean;
  /** The property is an input (false for outputs that change on their own, like a verification's status). */
  input: boolean;
}

/** What a change of inputs does to a resource. */
export interface DiffDecision {
  /** Whether anything changes (an update, a replacement, or a wait to run again). */
  changes: boolean;
  /** Top-level properties whose change replaces the resource. */
  replaces: string[];
  /** Every property that changes, in order. */
  properties: PropertyChange[];
  /** Delete the old resource before creating its replacement. */
  deleteBeforeReplace: boolean;
  /** What a replacement means for mail, shown loudly in previews. */
  warning?: string;
}

/** What a door knows about the operation in progress. */
export interface OperationContext {
  /** Aborted when the engine cancels the operation (the first Ctrl-C; native provider only). */
  signal?: AbortSignal;
  /** The engine's `customTimeouts` for this operation, in seconds (native provider only; 0 or absent: none). */
  timeoutSeconds?: number;
}

/** A resource that exists, as a read finds it. */
export interface ReadOutcome<I, S> {
  id: string;
  state: S;
  /** Inputs that reproduce this state: refresh brings drift into them, import adopts them. */
  inputs: I;
}

/** The operations of one resource kind. `I`: checked inputs; `S`: state (outputs). */
export interface ResourceOperations<I, S> {
  /** The resource's type token in the native schema, e.g. `sendmailos:index:Domain`. */
  readonly token: string;
  /** Validates and normalizes inputs at preview time; failures name the property and the fix. */
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<CheckedInputs>;
  /** Decides update versus replacement, property by property. Pure apart from logging. */
  diff(id: string, olds: S, news: I): Promise<DiffDecision>;
  /** Creates the object; may wait (verification). */
  create(inputs: I, context: OperationContext): Promise<{ id: string; state: S }>;
  /** Reads the live object; `undefined` when it no longer exists. `state` is empty on import. */
  read(id: string, state: Partial<S>): Promise<ReadOutcome<I, S> | undefined>;
  /** Applies a change in place. */
  update(id: string, olds: S, news: I, context: OperationContext): Promise<S>;
  /** Deletes the object (or leaves it, by policy). */
  delete(id: string, state: S): Promise<void>;
  /** The state an update would produce, for an exact preview (native provider). Unknown parts are undefined. */
  previewUpdate?(id: string, olds: S, news: I): Partial<S>;
}

/**
 * An operation that failed after the object came to exist (a verification that timed out): the engine
 * records `id` and `properties`, so the next `pulumi up` resumes instead of starting over. The shape
 * (`id`, `properties`, `reasons`) is the one the dynamic-provider host recognizes; the native door maps
 * it to `ErrorResourceInitFailed`.
 */
export class PartialFailure<S> extends Error {
  /** @param message what failed and what to do @param id the object's id @param properties its state now */
  constructor(
    message: string,
    readonly id: string,
    readonly properties: S,
  ) {
    super(message);
    this.name = "PartialFailure";
  }

  /** Why, as the engine lists it. */
  get reasons(): string[] {
    return [this.message];
  }
}
