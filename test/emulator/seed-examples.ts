/**
 * The response examples of `/work/shared/seed/domains-api.txt` (the public Domains API page), copied
 * verbatim: the emulator's answers must have exactly their structure.
 */

/** The documented request body of POST /api/v1/domains. */
export const seedCreateRequest = {
  domain: "yourcompany.com",
  external_id: "client_domain_123",
  metadata: { client_name: "Acme Corp", plan: "enterprise" },
};

/** The documented 201 response of POST /api/v1/domains. */
export const seedCreateResponse = {
  success: true,
  domain: {
    id: "550e8400-e29b-41d4-a716-446655440000",
    domain_name: "yourcompany.com",
    status: "pending",
    external_id: "client_domain_123",
    metadata: { client_name: "Acme Corp", plan: "enterprise" },
    dkim_tokens: ["abc123xxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "def456xxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ghi789xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    created_at: "2024-01-15T10:30:00Z",
    dns_records: [
      { type: "CNAME", name: "abc123._domainkey.yourcompany.com", value: "abc123.dkim.amazonses.com" },
      { type: "CNAME", name: "def456._domainkey.yourcompany.com", value: "def456.dkim.amazonses.com" },
      { type: "CNAME", name: "ghi789._domainkey.yourcompany.com", value: "ghi789.dkim.amazonses.com" },
    ],
  },
};

/** The documented response of GET /api/v1/domains: one verified domain, one pending. */
export const seedListResponse = {
  success: true,
  domains: [
    {
      id: "550e8400-e29b-41d4-a716-446655440000",
      domain_name: "yourcompany.com",
      status: "verified",
      external_id: "client_domain_123",
      metadata: { client_name: "Acme Corp" },
      dkim_tokens: ["abc123...", "def456...", "ghi789..."],
      created_at: "2024-01-15T10:30:00Z",
      verified_at: "2024-01-15T14:45:00Z",
    },
    {
      id: "660f9500-f30c-52e5-b919-557766551111",
      domain_name: "marketing.yourcompany.com",
      status: "pending",
      external_id: null,
      metadata: {},
      dkim_tokens: ["jkl012...", "mno345...", "pqr678..."],
      created_at: "2024-01-20T09:00:00Z",
      verified_at: null,
    },
  ],
};

/** The documented 401 body. */
export const seedUnauthorized = { success: false, error: "Invalid API key", code: "UNAUTHORIZED" };
