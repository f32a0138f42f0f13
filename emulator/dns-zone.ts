/**
 * The emulator's authoritative zone: the records the DNS server answers and the verifier resolves.
 * Names are stored normalized (lower case, no trailing dot). One value per name and type, set with
 * "last write wins": a CNAME replaces every other record at its name and vice versa, because a name
 * with a CNAME can hold no other data (RFC 1034 §3.6.2).
 */
import { isIPv4 } from "node:net";
import { z } from "zod";
import { canonicalDnsName } from "../sdk/dns-records";
import { isValidOwnerName } from "./host-name";
import { dnsRecordTypes, type DnsRecord, type DnsRecordType } from "./public-types";

export { dnsRecordTypes, type DnsRecord, type DnsRecordType } from "./public-types";

/** Records are served with this TTL unless one is given. */
export const defaultTtl = 300;

const recordTypeSchema = z
  .string()
  .transform((type) => type.toUpperCase())
  .pipe(z.enum(dnsRecordTypes));

/**
 * A record as `PUT /admin/dns/records` and `setDnsRecord` accept it: the type is case-insensitive,
 * names may carry a trailing dot, `ttl` defaults to 300 seconds.
 */
export const dnsRecordInputSchema = z
  .object({
    name: z.string().transform(canonicalDnsName).refine(isValidOwnerName, "not a valid DNS name"),
    type: recordTypeSchema,
    value: z.string().min(1),
    ttl: z.number().int().min(0).max(2_147_483_647).default(defaultTtl),
  })
  .superRefine((record, ctx) => {
    if (record.type === "A" && !isIPv4(record.value)) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "an A record needs an IPv4 address" });
    }
    if (record.type === "CNAME" && !isValidOwnerName(canonicalDnsName(record.value))) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a CNAME needs a DNS name" });
    }
  })
  .transform((record): DnsRecord => ({
    ...record,
    value: record.type === "CNAME" ? canonicalDnsName(record.value) : record.value,
  }));
/** A record as callers write it. */
export type DnsRecordInput = z.input<typeof dnsRecordInputSchema>;

/** Body of `DELETE /admin/dns/records`: every record at `name`, or only those of `type`. */
export const dnsRecordRemovalSchema = z.object({
  name: z.string().transform(canonicalDnsName),
  type: recordTypeSchema.optional(),
});

/** In-memory zone that reports every change, so persistence can write it out. */
export class DnsZone {
  /** Normalized name -> records at that name. */
  private readonly names = new Map<string, DnsRecord[]>();

  /** @param onChange called after every mutation. */
  constructor(private readonly onChange: () => void = () => {}) {}

  /** Validates and stores a record, replacing the one of the same name and type. Throws a zod error. */
  set(input: DnsRecordInput): DnsRecord {
    const record = dnsRecordInputSchema.parse(input);
    const kept = (this.names.get(record.name) ?? []).filter(
      (existing) => existing.type !== record.type && existing.type !== "CNAME" && record.type !== "CNAME",
    );
    this.names.set(record.name, [...kept, record]);
    this.onChange();
    return { ...record };
  }

  /** Removes the records at a name (only those of `type` when given); returns how many went. */
  remove(name: string, type?: DnsRecordType): number {
    const key = canonicalDnsName(name);
    const records = this.names.get(key) ?? [];
    const kept = type === undefined ? [] : records.filter((record) => record.type !== type);
    const removed = records.length - kept.length;
    if (kept.length === 0) this.names.delete(key);
    else this.names.set(key, kept);
    if (removed > 0) this.onChange();
    return removed;
  }

  /** The records at a name (any case, trailing dot tolerated); empty when there are none. */
  lookup(name: string): DnsRecord[] {
    return (this.names.get(canonicalDnsName(name)) ?? []).map((record) => ({ ...record }));
  }

  /**
   * Whether a name exists in the DNS sense: it owns records, or a name below it does (an "empty
   * non-terminal" such as `_domainkey.example.com`, which must answer NODATA, not NXDOMAIN: RFC 8020).
   */
  exists(name: string): boolean {
    const key = canonicalDnsName(name);
    if (this.names.has(key)) return true;
    const suffix = `.${key}`;
    for (const owner of this.names.keys()) if (owner.endsWith(suffix)) return true;
    return false;
  }

  /** Every record, sorted by name then type. */
  list(): DnsRecord[] {
    return [...this.names.values()]
      .flat()
      .map((record) => ({ ...record }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
  }

  /** Replaces the whole zone (used once, when loading the data file); does not report a change. */
  load(records: readonly DnsRecord[]): void {
    this.names.clear();
    for (const record of records) {
      this.names.set(record.name, [...(this.names.get(record.name) ?? []), { ...record }]);
    }
  }
}
