/**
 * The main job: every SendMailOS domain listed in the stack setting `domains`, each registered, its
 * DKIM records published in its DNS, and verified. Adding a domain is a one-line change in a stack
 * file, so `pulumi preview` on a pull request is the review of that change.
 */
import * as pulumi from "@pulumi/pulumi";
import { declareInTurns, VerifiedDomain } from "../provider";
import { nativeChildren } from "../provider/native";
import { parseDomainsConfig, parseResourcesChoice, type DomainEntry } from "./domains-config";

// The stack file is read and checked before anything is declared, so a mistake fails the preview alone.
const config = new pulumi.Config();
const entries = parseDomainsConfig(config.requireObject<unknown>("domains"));
/** `dynamic` (the default, zero install) or `native` (the plugin: smaller state, import, exact diffs). */
const children = parseResourcesChoice(config.get("resources")) === "native" ? nativeChildren : undefined;

function declare(entry: DomainEntry): VerifiedDomain {
  return new VerifiedDomain(entry.domain, entry, undefined, children);
}

/**
 * The stack outputs. `domains` has one row per domain, for the summary that `npm start` prints. The domains are
 * declared one per event-loop turn so that the first creates start while later domains are still being declared.
 */
export = async (): Promise<{ domains: unknown[] }> => ({
  domains: await declareInTurns(entries, (entry) => {
    const resource = declare(entry);
    return {
      domain: entry.domain,
      domainId: resource.domainId,
      status: resource.status,
      records: resource.records,
      verifiedAt: resource.verifiedAt,
      timeToVerifySeconds: resource.timeToVerifySeconds,
    };
  }),
});
