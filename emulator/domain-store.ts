/**
 * The emulator's domains and idempotency records, scoped by workspace. Every method is synchronous:
 * Node runs one request handler at a time, so a check-then-insert (409, idempotency replay) can never
 * interleave with another request's.
 */
import { randomInt, randomUUID } from "node:crypto";
import type { DomainStatus } from "../sdk/wire";

/** A domain as the emulator stores it: wire fields plus the bookkeeping the API never shows. */
export interface StoredDomain {
  id: string;
  /** Workspace (`ws_...`) that owns the domain. */
  workspace: string;
  domainName: string;
  status: DomainStatus;
  externalId: string | null;
  metadata: Record<string, string>;
  dkimTokens: string[];
  /** ISO 8601 to the second, like the documented `"2024-01-15T10:30:00Z"`. */
  createdAt: string;
  verifiedAt: string | null;
  /** Epoch ms since which the domain has been pending: the start of its failure deadline. */
  pendingSinceMs: number;
}

/** A successful create response kept for replay, keyed by workspace and `Idempotency-Key`. */
export interface IdempotencyRecord {
  workspace: string;
  key: string;
  /** Canonical JSON of the request body, to refuse the same key with a different request. */
  fingerprint: string;
  status: number;
  body: unknown;
}

/** Everything the store holds, as written to and read from the data file. */
export interface StoreSnapshot {
  domains: StoredDomain[];
  idempotency: IdempotencyRecord[];
}

/** Fields of a new domain, validated and normalized by the caller. */
export interface NewDomain {
  workspace: string;
  domainName: string;
  externalId: string | null;
  metadata: Record<string, string>;
}

/** Fields a PATCH may change: `undefined` leaves a field alone, `null` clears `externalId`. */
export interface DomainChanges {
  externalId?: string | null;
  metadata?: Record<string, string>;
}

/** SES Easy DKIM tokens are 32 characters; the documented examples are lowercase letters and digits. */
const tokenAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
const tokenLength = 32;

/** A fresh DKIM token: 32 random lowercase letters and digits. */
export function newDkimToken(): string {
  let token = "";
  for (let i = 0; i < tokenLength; i++) token += tokenAlphabet[randomInt(tokenAlphabet.length)];
  return token;
}

/** A timestamp in the documented shape: ISO 8601, UTC, whole seconds (`2024-01-15T10:30:00Z`). */
export function wireTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** In-memory domain store that reports every change, so persistence can write it out. */
export class DomainStore {
  private readonly domains = new Map<string, StoredDomain>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Creation order as a number per domain id, for list cursors that survive deletions. Not persisted: loading renumbers in file order. */
  private readonly sequence = new Map<string, number>();
  private nextSequence = 1;

  /**
   * @param onChange called after every mutation (persistence hooks in here).
   * @param now the clock, injectable so tests can control deadlines.
   */
  constructor(
    private readonly onChange: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Replaces the whole content (used once, when loading the data file). */
  load(snapshot: StoreSnapshot): void {
    this.domains.clear();
    this.idempotency.clear();
    this.sequence.clear();
    for (const domain of snapshot.domains) {
      this.domains.set(domain.id, { ...domain });
      this.sequence.set(domain.id, this.nextSequence++);
    }
    for (const record of snapshot.idempotency) this.idempotency.set(idemKey(record.workspace, record.key), record);
  }

  /** A deep-enough copy of the content for the data file. */
  snapshot(): StoreSnapshot {
    return { domains: this.all(), idempotency: [...this.idempotency.values()] };
  }

  /** Every domain of every workspace, in creation order (copies). */
  all(): StoredDomain[] {
    return [...this.domains.values()].map((domain) => ({ ...domain }));
  }

  /** The domains of one workspace, in creation order (copies). */
  list(workspace: string): StoredDomain[] {
    return this.all().filter((domain) => domain.workspace === workspace);
  }

  /**
   * The domains of one workspace in creation order, each with its creation sequence number (which
   * increases with creation and never changes, so "after number N" still means the same after deletions).
   */
  listInSequence(workspace: string): { domain: StoredDomain; sequence: number }[] {
    return this.list(workspace).map((domain) => ({ domain, sequence: this.sequence.get(domain.id) ?? 0 }));
  }

  /** One domain, or undefined when it does not exist in that workspace (or at all, without one). */
  get(id: string, workspace?: string): StoredDomain | undefined {
    const domain = this.domains.get(id);
    if (!domain || (workspace !== undefined && domain.workspace !== workspace)) return undefined;
    return { ...domain };
  }

  /** The domain of that name in that workspace, if any. Names are stored normalized. */
  findByName(workspace: string, domainName: string): StoredDomain | undefined {
    for (const domain of this.domains.values()) {
      if (domain.workspace === workspace && domain.domainName === domainName) return { ...domain };
    }
    return undefined;
  }

  /** Registers a new pending domain with three fresh DKIM tokens. The caller checks for duplicates. */
  create(fields: NewDomain): StoredDomain {
    const nowMs = this.now();
    const domain: StoredDomain = {
      id: randomUUID(),
      workspace: fields.workspace,
      domainName: fields.domainName,
      status: "pending",
      externalId: fields.externalId,
      metadata: { ...fields.metadata },
      dkimTokens: [newDkimToken(), newDkimToken(), newDkimToken()],
      createdAt: wireTimestamp(nowMs),
      verifiedAt: null,
      pendingSinceMs: nowMs,
    };
    this.domains.set(domain.id, domain);
    this.sequence.set(domain.id, this.nextSequence++);
    this.onChange();
    return { ...domain };
  }

  /** Applies a PATCH; undefined when the domain does not exist in that workspace. */
  update(id: string, workspace: string, changes: DomainChanges): StoredDomain | undefined {
    const domain = this.domains.get(id);
    if (!domain || domain.workspace !== workspace) return undefined;
    if (changes.externalId !== undefined) domain.externalId = changes.externalId;
    if (changes.metadata !== undefined) domain.metadata = { ...changes.metadata };
    this.onChange();
    return { ...domain };
  }

  /** Deletes a domain; false when it does not exist in that workspace. */
  delete(id: string, workspace: string): boolean {
    const domain = this.domains.get(id);
    if (!domain || domain.workspace !== workspace) return false;
    this.domains.delete(id);
    this.sequence.delete(id);
    this.onChange();
    return true;
  }

  /**
   * Sets a status by hand or from the verifier. Entering `verified` stamps `verifiedAt`; entering
   * `pending` clears it and restarts the failure deadline. Setting the current status is a no-op.
   */
  setStatus(id: string, status: DomainStatus): StoredDomain | undefined {
    const domain = this.domains.get(id);
    if (!domain) return undefined;
    if (domain.status !== status) {
      const nowMs = this.now();
      domain.status = status;
      if (status === "verified") domain.verifiedAt = wireTimestamp(nowMs);
      if (status === "pending") {
        domain.verifiedAt = null;
        domain.pendingSinceMs = nowMs;
      }
      this.onChange();
    }
    return { ...domain };
  }

  /** The response stored for this workspace and `Idempotency-Key`, if any. */
  findIdempotent(workspace: string, key: string): IdempotencyRecord | undefined {
    return this.idempotency.get(idemKey(workspace, key));
  }

  /** Remembers a create response for replay. Kept for the emulator's lifetime (no expiry). */
  rememberIdempotent(record: IdempotencyRecord): void {
    this.idempotency.set(idemKey(record.workspace, record.key), record);
    this.onChange();
  }
}

function idemKey(workspace: string, key: string): string {
  // NUL cannot appear in an HTTP header value, so the pair cannot collide.
  return `${workspace}\u0000${key}`;
}
