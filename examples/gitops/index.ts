/**
 * The domains stack: one `VerifiedDomain` per entry of the stack setting `domains` (Pulumi.<stack>.yaml). Adding a
 * client is a one-entry pull request; the workflow in .github/workflows/ posts the review of its preview and deploys
 * it when it is merged. Each entry is checked by `VerifiedDomain` at preview time, naming the field that is wrong.
 */
import * as pulumi from "@pulumi/pulumi";
import { declareInTurns, VerifiedDomain, type VerifiedDomainArgs } from "pulumi-sendmailos";

type Entry = VerifiedDomainArgs & { domain: string };

const entries = new pulumi.Config().requireObject<Entry[]>("domains");
if (!Array.isArray(entries)) {
  throw new Error(
    'The stack setting "domains" must be a list of entries like { domain: acme.com, dns: { provider: route53, zoneName: acme.com } }',
  );
}

/**
 * The stack output `domains`: per domain, its status and the three DKIM records (for the step summary of a
 * deployment). One domain is declared per event-loop turn, so that with hundreds of clients the engine starts
 * creating the first ones while later ones are still being declared (see the README, "Performance").
 */
export = async (): Promise<{ domains: unknown[] }> => ({
  domains: await declareInTurns(entries, (entry) => {
    const domain = new VerifiedDomain(entry.domain, entry);
    return { domain: entry.domain, status: domain.status, records: domain.records };
  }),
});
