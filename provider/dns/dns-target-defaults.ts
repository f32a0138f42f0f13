/**
 * The default TTLs of the DNS targets, apart from their zod schemas (`dns-target-schema.ts`) so that the
 * package's public declarations can export them without reaching zod.
 */

/** Route53's default TTL for DKIM records (what SES suggests). */
export const route53DefaultTtl = 1800;
/** Cloudflare's "automatic" TTL. */
export const cloudflareAutomaticTtl = 1;
/** TTL of records in the emulator's zone. */
export const emulatorDefaultTtl = 300;
