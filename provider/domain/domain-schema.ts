/**
 * THE definition of a `Domain`'s inputs: each rule, default and doc text lives here once. `check`, the
 * `DomainArgs` type (generated), the domains program's stack config, the README table and the provider
 * schema (`schema.json`) all derive from it.
 */
import { z } from "zod";
import { limits } from "../../sdk/limits";
import { booleanField, domainNameField, externalIdField, metadataField, workspaceIdField } from "../schema/fields";
import { documented } from "../schema/doc";
import { deletionPolicies } from "./deletion-policy";

export type { DeletionPolicy } from "./deletion-policy";

/** What to do with the SendMailOS domain when the resource is deleted or replaced. */
export const deletionPolicySchema = z.enum(deletionPolicies, {
  error: (issue) => `must be "delete" or "retain", got ${JSON.stringify(issue.input) ?? "nothing"}`,
});

/** The `Domain` resource's inputs. */
export const domainInputsSchema = z.strictObject({
  domain: documented(domainNameField, {
    description:
      "The sending domain, e.g. `acme.com`. Normalized at preview time: lower case, one trailing dot removed, Unicode to " +
      "punycode; anything else that is not a host name (a URL, an email address, an IP, a wildcard, `?`, `#`, `%`, spaces, " +
      `control characters, a label over ${limits.domainLabelLength} or a name over ${limits.domainNameLength} characters) is refused, naming the character and its position.`,
    replaces: true,
  }),
  externalId: documented(externalIdField.optional(), {
    description: `Your own id for the domain, for correlation (\`external_id\`), at most ${limits.externalIdLength} characters. Changes in place.`,
  }),
  metadata: documented(metadataField.optional(), {
    description:
      `String-to-string pairs stored with the domain: at most ${limits.metadataKeys} keys of at most ${limits.metadataKeyLength} ` +
      `characters, values of at most ${limits.metadataValueLength}, ${limits.metadataBytes} bytes in all. A number or a nested map ` +
      "is refused with a hint (quote it; one key per value). Changes in place; key order never counts.",
  }),
  workspaceId: documented(workspaceIdField.optional(), {
    description: `Agency workspace the domain belongs to (\`ws_...\`, at most ${limits.workspaceIdLength} characters).`,
    defaultText: "`sendmailos:workspaceId`",
    replaces: true,
  }),
  adoptExisting: documented(booleanField().default(false), {
    description:
      "Take over a registration that already exists (made by hand or by another tool) instead of failing: its DKIM tokens " +
      "are kept and externalId/metadata are brought in line with the program.",
  }),
  deletionPolicy: documented(deletionPolicySchema.default("delete"), {
    description: '`"retain"` leaves the domain registered in SendMailOS when the resource is deleted or replaced; Pulumi only forgets it.',
  }),
});

/** A `Domain`'s inputs after `check`: normalized, defaults applied. */
export type DomainInputs = z.output<typeof domainInputsSchema>;

/** A DKIM record to publish, as the outputs carry it. */
export const dnsRecordOutputSchema = z.object({
  type: documented(z.string(), { description: "Record type: `CNAME` for SES Easy DKIM." }),
  name: documented(z.string(), { description: "Fully qualified record name, e.g. `abc._domainkey.acme.com`." }),
  value: documented(z.string(), { description: "Record value, e.g. `abc.dkim.amazonses.com`." }),
});

/** What a `Domain` reports besides its inputs (the docs of its outputs; the provider schema's `properties`). */
export const domainOutputsSchema = z.object({
  domainId: documented(z.string(), { description: "SendMailOS id of the domain (also the resource id)." }),
  domainName: documented(z.string(), { description: "The registered name, normalized." }),
  status: documented(z.enum(["pending", "verified", "failed"]), {
    description: "`pending`, `verified` or `failed`, as of the last create, update or refresh.",
  }),
  externalId: documented(z.string().nullable(), { description: "The live external id." }),
  metadata: documented(z.record(z.string(), z.string()), { description: "The live metadata." }),
  dkimTokens: documented(z.array(z.string()), { description: "The three Easy DKIM tokens." }),
  dnsRecords: documented(z.array(dnsRecordOutputSchema), {
    description: "The three CNAME records to publish: `<token>._domainkey.<domain>` -> `<token>.dkim.amazonses.com`.",
  }),
  createdAt: documented(z.string(), { description: "When SendMailOS registered the domain (ISO 8601)." }),
  verifiedAt: documented(z.string().nullable(), { description: "When it was verified, or null." }),
  adopted: documented(z.boolean(), { description: "True when an existing registration was taken over with `adoptExisting`." }),
});
