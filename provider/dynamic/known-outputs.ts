import type { DnsRecord, Domain } from "../../sdk";
import { domainListFor } from "../runtime/context";
import { providerLog } from "../runtime/log";
import type { DomainInputs } from "../domain/domain-schema";

/**
 * The outputs of a registered domain that never change while its name and workspace stay the same.
 *
 * Why they travel with the inputs: dynamic providers do not support preview, so in a preview the engine
 * shows an updated resource's outputs as its new inputs. Without these, a metadata change would make
 * `dnsRecords` unknown in preview, and every DNS record and the verification downstream would show as
 * replaced. Carried in the checked inputs, they stay known, and the preview shows exactly one update.
 */
export interface KnownOutputs {
  domainId?: string;
  domainName?: string;
  dkimTokens?: string[];
  dnsRecords?: DnsRecord[];
}

/** How old the shared list may be when a preview looks a domain up. */
const lookupMaxAgeMs = 30_000;

/** The stable outputs of a live domain. */
export function knownOutputsOf(domain: Domain): Required<KnownOutputs> {
  return { domainId: domain.id, domainName: domain.domainName, dkimTokens: domain.dkimTokens, dnsRecords: domain.dnsRecords };
}

/**
 * For a domain that stays the same registration (same name and workspace as in state), its stable
 * outputs: carried over from the previous inputs, or looked up once in the shared domain list (the
 * first preview after a create). Empty for a new domain or a replacement, whose outputs are not known yet.
 */
export async function knownOutputsFor(olds: Partial<DomainInputs & KnownOutputs>, news: DomainInputs): Promise<KnownOutputs> {
  if (olds.domain === undefined || olds.domain !== news.domain || (olds.workspaceId || undefined) !== (news.workspaceId || undefined)) {
    return {};
  }
  if (olds.domainId !== undefined && olds.dnsRecords !== undefined) {
    return {
      domainId: olds.domainId,
      domainName: olds.domainName ?? news.domain,
      dkimTokens: olds.dkimTokens ?? [],
      dnsRecords: olds.dnsRecords,
    };
  }
  try {
    const live = await domainListFor(news.workspaceId).findByName(news.domain, lookupMaxAgeMs);
    return live ? knownOutputsOf(live) : {};
  } catch (error) {
    providerLog().warn(
      `${news.domain}: could not look the domain up for the preview (${(error as Error).message}); its DNS records show as unknown`,
    );
    return {};
  }
}
