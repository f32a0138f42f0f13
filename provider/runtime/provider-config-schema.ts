/**
 * THE definition of the provider's configuration (stack config `sendmailos:*`, or the inputs of an explicit
 * `sendmailos` provider resource): the native provider's `checkConfig`, its schema and the README derive
 * from it. Environment variables fill what is not set (see `settings.ts`).
 */
import { z } from "zod";
import { documented } from "../schema/doc";
import { identifierField, resolverListField, workspaceIdField } from "../schema/fields";

/** The provider's configuration. */
export const providerConfigSchema = z.strictObject({
  apiKey: documented(identifierField("apiKey").optional(), {
    description: "SendMailOS API key (`sk_live_...` or `sk_test_...`). Never stored in state unencrypted, never printed.",
    defaultText: "the `SENDMAILOS_API_KEY` environment variable",
    secret: true,
  }),
  baseUrl: documented(
    z
      .string()
      .url({ error: "must be an http(s) URL such as https://sendmailos.com/api/v1" })
      .refine((u) => /^https?:\/\//i.test(u), { error: "must be an http(s) URL such as https://sendmailos.com/api/v1" })
      .optional(),
    { description: "API root.", defaultText: "`SENDMAILOS_BASE_URL`, else `https://sendmailos.com/api/v1`" },
  ),
  workspaceId: documented(workspaceIdField.optional(), {
    description: "Default agency workspace (`X-Workspace-Id`) of every resource that names none.",
    defaultText: "`SENDMAILOS_WORKSPACE_ID`",
  }),
  dnsResolvers: documented(resolverListField.optional(), {
    description: "DNS servers for the verifications' DNS diagnosis.",
    defaultText: "`SENDMAILOS_DNS_RESOLVERS`, else the emulator's DNS when `baseUrl` is the local emulator, else the system's",
  }),
});

/** The provider's configuration after validation. */
export type ProviderConfig = z.output<typeof providerConfigSchema>;
