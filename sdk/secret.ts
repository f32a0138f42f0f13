/**
 * Keeping the API key out of messages, logs, `util.inspect` output and JSON: the key lives in a
 * private field of {@link ApiKey} and is revealed only when the `Authorization` header is built.
 */
import { createHash } from "node:crypto";
import { inspect } from "node:util";

/** Placeholder that replaces the key wherever text might contain it. */
export const REDACTED = "[REDACTED]";

/** An API key that never prints itself. */
export class ApiKey {
  readonly #value: string;
  /** A short SHA-256 fingerprint: safe to use in map keys and logs, identifies the key without revealing it. */
  readonly fingerprint: string;

  /** @param value the secret key; must be non-empty (checked by option validation). */
  constructor(value: string) {
    this.#value = value;
    this.fingerprint = createHash("sha256").update(value).digest("hex").slice(0, 16);
  }

  /** The `Authorization` header value. Call only where the header is built. */
  authorizationHeader(): string {
    return `Bearer ${this.#value}`;
  }

  /** Replaces every occurrence of the key (and of the whole header value) in `text`. */
  redact(text: string): string {
    return redactSecret(text, this.#value);
  }

  /** @returns a placeholder, never the key. */
  toString(): string {
    return `ApiKey(${this.fingerprint})`;
  }

  /** @returns a placeholder, never the key. */
  toJSON(): string {
    return this.toString();
  }

  /** @returns a placeholder, never the key. */
  [inspect.custom](): string {
    return this.toString();
  }
}

/** Replaces every occurrence of `secret` in `text` with {@link REDACTED}. Pure. */
export function redactSecret(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join(REDACTED);
}
