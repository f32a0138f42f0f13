/**
 * The main job: every SendMailOS domain listed in the stack setting `domains`, each registered, its
 * DKIM records published in its DNS, and verified. Adding a domain is a one-line change in a stack
 * file, so `pulumi preview` on a pull request is the review of that change.
 */
import * as pulumi from "@pulumi/pulumi";
import { VerifiedDomain } from "../provider";
import { parseDomainsConfig, type DomainEntry } from "./domains-config";

const config = new pulumi.Config();
const entries = parseDomainsConfig(config.requireObject<unknown>("domains"));

const declared = entries.map((entry) => ({ entry, resource: declare(entry) }));

/** One row per domain, for the summary that `npm start` prints. */
export const domains = declared.map(({ entry, resource }) => ({
  domain: entry.domain,
  domainId: resource.domainId,
  status: resource.status,
  records: resource.records,
  verifiedAt: resource.verifiedAt,
  timeToVerifySeconds: resource.timeToVerifySeconds,
}));

function declare(entry: DomainEntry): VerifiedDomain {
  return new VerifiedDomain(entry.domain, entry);
}
