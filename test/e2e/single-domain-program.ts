import type { ConfigValue } from "./harness";

/**
 * A user's program with one domain, as the end-to-end tests run it: a Domain, its records in the
 * emulator's DNS and a verification. Every value comes from stack config, so that each step of a
 * scenario is a config change, as in a real pull request.
 */
export const singleDomainProgram = `
const pulumi = require("@pulumi/pulumi");
const sendmailos = require("pulumi-sendmailos");
const cfg = new pulumi.Config();
const name = cfg.get("name") || "site";
const domain = new sendmailos.Domain(name, {
  domain: cfg.require("domain"),
  externalId: cfg.get("externalId"),
  metadata: cfg.getObject("metadata"),
  adoptExisting: cfg.getBoolean("adoptExisting"),
});
const records = sendmailos.emulatorDkimRecords(name, domain);
const verification = new sendmailos.DomainVerification(name + "-verification", {
  domainId: domain.domainId,
  domainName: domain.domainName,
  pollIntervalSeconds: 0.5,
  maxPollIntervalSeconds: 1,
  timeoutSeconds: Number(cfg.get("timeoutSeconds") || 120),
}, { dependsOn: records });
exports.domainId = domain.domainId;
exports.status = verification.status;
exports.waitedSeconds = verification.waitedSeconds;
exports.records = verification.records;
`;

/** Stack config that points the provider at a running emulator, the API key as a secret. */
export function emulatorStackConfig(emulator: { apiKey: string; baseUrl: string; dns: { address: string } }): Record<string, ConfigValue> {
  return {
    "sendmailos:apiKey": { value: emulator.apiKey, secret: true },
    "sendmailos:baseUrl": emulator.baseUrl,
    "sendmailos:dnsResolvers": emulator.dns.address,
  };
}
