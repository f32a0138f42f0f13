/** A validation failure on one input property, as the engine shows it at preview time. */
export interface InputFailure {
  /** The property, e.g. `metadata` or `domain`. */
  property: string;
  /** Why it was refused and how to fix it. */
  reason: string;
}
