/**
 * The SendMailOS wire format, as zod schemas: one definition shared by the client (which parses every
 * response with it) and the emulator (which serves exactly this shape). Field names are the API's
 * snake_case; the client maps them to camelCase in `mapping.ts`.
 *
 * Documented in `domains-api.txt`: POST /api/v1/domains and GET /api/v1/domains. Everything marked
 * "assumed" below follows the REST convention other SendMailOS resources use, not a documented contract.
 */
import { z } from "zod";
import { domainNameFieldSchema, externalIdFieldSchema, metadataFieldSchema } from "./request-fields";
import { domainStatuses } from "./types";

export type { DomainStatus } from "./types";

/** Domain verification states documented by SendMailOS. */
export const domainStatusSchema = z.enum(domainStatuses);

/** One DNS record SendMailOS asks the customer to publish (always a CNAME for Easy DKIM). */
export const wireDnsRecordSchema = z.object({
  type: z.string(),
  name: z.string(),
  value: z.string(),
});
/** A DNS record as it appears on the wire. */
export type WireDnsRecord = z.infer<typeof wireDnsRecordSchema>;

/**
 * Metadata values are documented as "custom key-value pairs"; we restrict them to strings, which is
 * what every example shows and what round-trips through Pulumi state without surprises. This is the
 * response side, which takes what the server stored; requests obey `metadataFieldSchema`'s limits.
 */
export const wireMetadataSchema = z.record(z.string(), z.string());

/** A domain object as returned by the API. `dns_records` is present on create, absent from the list. */
export const wireDomainSchema = z.object({
  id: z.string().min(1),
  domain_name: z.string().min(1),
  status: domainStatusSchema,
  external_id: z.string().nullable().optional(),
  metadata: wireMetadataSchema.nullable().optional(),
  dkim_tokens: z.array(z.string().min(1)),
  created_at: z.string(),
  verified_at: z.string().nullable().optional(),
  dns_records: z.array(wireDnsRecordSchema).optional(),
});
/** A domain as it appears on the wire. */
export type WireDomain = z.infer<typeof wireDomainSchema>;

/**
 * Body of POST /api/v1/domains (documented), within the limits of `limits.ts` (see `request-fields.ts`):
 * the client refuses a body beyond them before sending it, the emulator answers it with a 400.
 */
export const createDomainRequestSchema = z.object({
  domain: domainNameFieldSchema,
  external_id: externalIdFieldSchema.optional(),
  metadata: metadataFieldSchema.optional(),
});
/** Request body of a domain create. */
export type CreateDomainRequest = z.infer<typeof createDomainRequestSchema>;

/** Body of PATCH /api/v1/domains/{id} (assumed: not documented), within the same limits as a create. */
export const updateDomainRequestSchema = z
  .object({
    external_id: externalIdFieldSchema.nullable().optional(),
    metadata: metadataFieldSchema.optional(),
  })
  .strict();
/** Request body of a domain update. */
export type UpdateDomainRequest = z.infer<typeof updateDomainRequestSchema>;

/** 201 response of POST /api/v1/domains, and (assumed) the response of GET/PATCH /api/v1/domains/{id}. */
export const domainResponseSchema = z.object({
  success: z.literal(true),
  domain: wireDomainSchema,
});
/** Response carrying one domain. */
export type DomainResponse = z.infer<typeof domainResponseSchema>;

/**
 * Response of GET /api/v1/domains (documented, without paging). The paging fields are not documented:
 * they are the conventions such APIs use, any of which the client follows when a server sends them
 * (`pagination.ts`): `has_more`, `next_cursor` (cursor), `next` (a link), `page`/`limit`/`total`,
 * `offset`/`limit`/`total`.
 */
export const listDomainsResponseSchema = z.object({
  success: z.literal(true),
  domains: z.array(wireDomainSchema),
  has_more: z.boolean().optional(),
  next_cursor: z.string().nullable().optional(),
  next: z.string().nullable().optional(),
  page: z.number().int().min(0).optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).optional(),
  total: z.number().int().min(0).optional(),
});
/** Response carrying the domains of the workspace, or one page of them. */
export type ListDomainsResponse = z.infer<typeof listDomainsResponseSchema>;

/** Response of DELETE /api/v1/domains/{id} (assumed). */
export const deleteDomainResponseSchema = z.object({
  success: z.literal(true),
});

/**
 * Error body. Documented for 401 (`{"success":false,"error":"Invalid API key","code":"UNAUTHORIZED"}`)
 * and 429 (`{"error":"Rate limit exceeded","message":"...","code":"RATE_LIMITED"}`); assumed elsewhere.
 */
export const errorResponseSchema = z.object({
  success: z.literal(false).optional(),
  error: z.string(),
  message: z.string().optional(),
  code: z.string().optional(),
});
/** An error body as it appears on the wire. */
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Error codes the emulator sends, and the client recognizes. */
export const errorCodes = {
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  notFound: "NOT_FOUND",
  conflict: "DOMAIN_EXISTS",
  invalid: "VALIDATION_ERROR",
  rateLimited: "RATE_LIMITED",
  internal: "INTERNAL_ERROR",
  methodNotAllowed: "METHOD_NOT_ALLOWED",
  payloadTooLarge: "PAYLOAD_TOO_LARGE",
  headersTooLarge: "HEADERS_TOO_LARGE",
  uriTooLong: "URI_TOO_LONG",
  malformed: "MALFORMED_REQUEST",
  notImplemented: "NOT_IMPLEMENTED",
  requestTimeout: "REQUEST_TIMEOUT",
} as const;

/** Value of the documented DKIM CNAME target for a token (SES Easy DKIM). */
export function dkimRecordFor(token: string, domainName: string): WireDnsRecord {
  return { type: "CNAME", name: `${token}._domainkey.${domainName}`, value: `${token}.dkim.amazonses.com` };
}

/**
 * Any error body SendMailOS plausibly sends: a JSON object with `success: false` or a string `code`
 * (the documented 429 body has no `success`; the documented 401 body has both). Used to tell SendMailOS's
 * own 404 ("no such domain") from a 404 of a router that has no such endpoint.
 */
export const looseErrorResponseSchema = z
  .object({
    success: z.boolean().optional(),
    error: z.string().optional(),
    message: z.string().optional(),
    code: z.string().optional(),
  })
  .refine((body) => body.success === false || body.code !== undefined, {
    message: 'expected "success": false or a "code"',
  });
/** An error body as recognized by {@link looseErrorResponseSchema}. */
export type LooseErrorResponse = z.infer<typeof looseErrorResponseSchema>;
