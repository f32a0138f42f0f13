/**
 * Version of this package, sent in the `User-Agent` header. A test keeps it equal to package.json's
 * `version` (reading package.json at run time would depend on where dist/ is installed).
 */
export const SDK_VERSION = "0.1.0";

/** The `User-Agent` this client sends unless a suffix is configured. */
export const DEFAULT_USER_AGENT = `pulumi-sendmailos/${SDK_VERSION}`;
