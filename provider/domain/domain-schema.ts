/**
 * THE definition of a `Domain`'s inputs: each rule, default and doc text lives here once. `check`, the
 * `DomainArgs` type (generated), the domains program's stack config, the README table and the provider
 * schema (`schema.json`) all derive from it.
 */
import { z } from "zod";
import { limits } from "../../sdk/limits";
import { booleanField, domainNameField, externalIdField, metadataField, workspaceIdField } from "../schema/fields";
import { documented } from "../schema/doc";

/** What to do with the SendMailOS domain when the resource is deleted or replaced. */
export const deletionPolicySchema = z.enum(["delete", "retain"], {
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

/** What to do with the SendMailOS domain when the resource is deleted. */
export type DeletionPolicy = z.output<typeof deletionPolicySchema>;
