import type { DnsRecord, DomainStatus } from "../../sdk";
import type { DomainInputs } from "./domain-inputs";

/**
 * What a `Domain` keeps in Pulumi state: its checked inputs plus what SendMailOS reports. `externalId`
 * and `metadata` hold the live values, so drift made outside Pulumi shows up in the next diff.
 */
export interface DomainState extends Omit<DomainInputs, "externalId"> {
  domainId: string;
  domainName: string;
  status: DomainStatus;
  externalId: string | null;
  metadata: Record<string, string>;
  dkimTokens: string[];
  dnsRecords: DnsRecord[];
  createdAt: string;
  verifiedAt: string | null;
  /** True when the domain existed in SendMailOS before and was taken over with `adoptExisting`. */
  adopted: boolean;
}
