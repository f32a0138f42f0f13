import * as pulumi from "@pulumi/pulumi";
import type { DnsRecord } from "../../sdk";
import { SendMailOSResourceError } from "../runtime/errors";

/**
 * SES Easy DKIM always issues three tokens. DNS records must be declared before their values are known
 * (preview of a new domain), so helpers declare exactly three, named by index: a record is never
 * replaced because the API listed tokens in another order.
 */
export const dkimRecordCount = 3;

/** The minimal view of a domain that the DNS helpers need: a Domain resource satisfies it. */
export interface DkimSource {
  domainName: pulumi.Output<string>;
  dnsRecords: pulumi.Output<DnsRecord[]>;
}

/** SendMailOS returned a number of DKIM records other than three. */
export class DkimRecordCountError extends SendMailOSResourceError {
  constructor(domain: string, count: number) {
    super(
      "UNEXPECTED_DKIM_RECORD_COUNT",
      `SendMailOS returned ${count} DKIM records for ${domain}, but Easy DKIM always has ${dkimRecordCount}; ` +
        "the DNS helpers declare exactly three. Check the domain in SendMailOS, or publish its records yourself from Domain.dnsRecords.",
    );
  }
}

/** The record at `index` (0, 1 or 2), failing clearly when the API returned another number of records. */
export function dkimRecordAt(source: DkimSource, index: number): pulumi.Output<DnsRecord> {
  return pulumi.all([source.domainName, source.dnsRecords]).apply(([domainName, records]) => pickDkimRecord(domainName, records, index));
}

/**
 * The record at `index` of a domain's DKIM records in name order, so that the record behind each index
 * does not depend on the API's list order.
 * @throws DkimRecordCountError when there are not exactly three.
 */
export function pickDkimRecord(domainName: string, records: DnsRecord[], index: number): DnsRecord {
  if (records.length !== dkimRecordCount) throw new DkimRecordCountError(domainName, records.length);
  return [...records].sort((a, b) => a.name.localeCompare(b.name))[index]!;
}

/** Calls `declare` once per DKIM record index, with stable resource names `<name>-dkim-1..3`. */
export function declareDkimRecords<T>(
  name: string,
  source: DkimSource,
  declare: (resourceName: string, record: pulumi.Output<DnsRecord>) => T,
): T[] {
  return Array.from({ length: dkimRecordCount }, (_, i) => declare(`${name}-dkim-${i + 1}`, dkimRecordAt(source, i)));
}
