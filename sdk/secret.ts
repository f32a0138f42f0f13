/**
 * Keeping the API key out of messages, logs, `util.inspect` output and JSON: the key lives in a
 * private field of {@link ApiKey} and is revealed only when the `Authorization` header is built; what
 * a server sends back (which may echo the header) is redacted by the same class before anything keeps it.
 */
import { createHash } from "node:crypto";
import { inspect } from "node:util";
import type { HeaderMap } from "./headers";

/** Placeholder that replaces the key wherever text might contain it. */
export const REDACTED = "[REDACTED]";

/** An API key that never prints itself. */
export class ApiKey {
  readonly #value: string;
  /** The spellings of the key a server might echo: verbatim, URL-encoded, JSON-escaped. */
  readonly #spellings: string[];
  /** A short SHA-256 fingerprint: safe to use in map keys and logs, identifies the key without revealing it. */
  readonly fingerprint: string;

  /** @param value the secret key; must be non-empty (checked by option validation). */
  constructor(value: string) {
    this.#value = value;
    this.#spellings = spellingsOf(value);
    this.fingerprint = createHash("sha256").update(value).digest("hex").slice(0, 16);
  }

  /** The `Authorization` header value. Call only where the header is built. */
  authorizationHeader(): string {
    return `Bearer ${this.#value}`;
  }

  /** Replaces every occurrence of the key (verbatim, URL-encoded or JSON-escaped) in `text`. */
  redact(text: string): string {
    return this.#spellings.reduce((redacted, spelling) => redactSecret(redacted, spelling), text);
  }

  /** Response headers with the key redacted from every name and value. */
  redactHeaders(headers: HeaderMap): HeaderMap {
    const redacted: HeaderMap = {};
    for (const [name, value] of Object.entries(headers)) {
      redacted[this.redact(name)] = Array.isArray(value)
        ? value.map((v) => this.redact(v))
        : value === undefined
          ? undefined
          : this.redact(value);
    }
    return redacted;
  }

  /**
   * A network failure safe to keep as an error's `cause`: `cause` itself when nothing in it holds the
   * key, else a plain Error with its name, code and redacted message. (undici's parser errors keep the
   * raw bytes they choked on in `data`, and those bytes may be a header echoing the key.)
   */
  redactError(cause: unknown): unknown {
    const seen = inspect(cause, { depth: 8, showHidden: true, maxStringLength: Infinity, maxArrayLength: Infinity, breakLength: Infinity });
    if (!this.#spellings.some((spelling) => seen.includes(spelling))) return cause;
    const source = cause instanceof Error ? cause : new Error(String(cause));
    const safe = new Error(this.redact(source.message));
    safe.name = source.name;
    const code = (source as { code?: unknown }).code;
    if (typeof code === "string") Object.assign(safe, { code });
    return safe;
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

function spellingsOf(key: string): string[] {
  const encoded = encodeURIComponent(key);
  const spellings = [key, encoded, encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()), JSON.stringify(key).slice(1, -1)];
  // Longest first, so a longer spelling is not half-replaced by a shorter one it contains.
  return [...new Set(spellings)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}
