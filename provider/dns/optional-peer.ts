/**
 * `@pulumi/aws` and `@pulumi/cloudflare` are optional peer dependencies: a program loads one only when it
 * publishes records there, so an emulator or Cloudflare user neither installs nor loads AWS's ~300 modules,
 * and a Route53 user never needs Cloudflare's. Both are required here, at the first record declared, never
 * when the package is imported; a missing or unusable one is a {@link MissingDnsProviderError} naming the
 * package and the command that installs it.
 */
import { SendMailOSResourceError } from "../runtime/errors";

/** What this package needs of each optional peer, and which of its features uses it. */
export const optionalPeers = {
  "@pulumi/aws": {
    range: "^7.0.0",
    usedBy: 'publishing DKIM records to Route53 (`dns: { provider: "route53" }`, or `route53DkimRecords` from pulumi-sendmailos/route53)',
    /** The parts we use: an `aws.route53.Record` and the zone lookup. */
    provides: (module: Record<string, unknown>) => hasMembers(module["route53"], ["Record", "getZoneOutput"]),
  },
  "@pulumi/cloudflare": {
    range: "^6.0.0",
    usedBy:
      'publishing DKIM records to Cloudflare (`dns: { provider: "cloudflare" }`, or `cloudflareDkimRecords` from pulumi-sendmailos/cloudflare)',
    /** `DnsRecord` and the filter form of `getZoneOutput` appeared in provider v6. */
    provides: (module: Record<string, unknown>) => hasMembers(module, ["DnsRecord", "getZoneOutput"]),
  },
} as const;

/** The name of an optional peer dependency. */
export type OptionalPeer = keyof typeof optionalPeers;

/** An optional peer dependency that a program needs is not installed, or is a version without what we use. */
export class MissingDnsProviderError extends SendMailOSResourceError {
  /** The package to install. */
  readonly packageName: OptionalPeer;

  /**
   * @param packageName the package
   * @param found its version when one is installed but lacks what we use; undefined when none is installed
   */
  constructor(packageName: OptionalPeer, found?: string) {
    const { range, usedBy } = optionalPeers[packageName];
    const problem =
      found === undefined
        ? `needs the package ${packageName}, which is not installed`
        : `needs ${packageName} ${range}, but version ${found} is installed and lacks what this package uses`;
    super(
      "DNS_PROVIDER_PACKAGE_MISSING",
      `pulumi-sendmailos: ${usedBy} ${problem}. Run \`npm install ${packageName}@${range}\` in your Pulumi project ` +
        `(it is an optional peer dependency, installed only by those who publish records there).`,
    );
    this.packageName = packageName;
  }
}

/**
 * The optional peer `packageName`, required from the program's node_modules (Node caches it after the first
 * call).
 * @param load how to require it; tests give a stand-in
 * @throws MissingDnsProviderError when it is not installed or lacks what we use
 */
export function loadOptionalPeer<T>(packageName: OptionalPeer, load: (id: string) => unknown = require): T {
  let module: Record<string, unknown>;
  try {
    module = load(packageName) as Record<string, unknown>;
  } catch (error) {
    // Only the package itself being absent is ours to explain; a broken install of it keeps its own error.
    if (isNotFound(error, packageName)) throw new MissingDnsProviderError(packageName);
    throw error;
  }
  if (!optionalPeers[packageName].provides(module)) throw new MissingDnsProviderError(packageName, installedVersion(packageName, load));
  return module as T;
}

function isNotFound(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === "MODULE_NOT_FOUND" && typeof message === "string" && message.includes(`'${packageName}'`);
}

function installedVersion(packageName: string, load: (id: string) => unknown): string {
  try {
    return String((load(`${packageName}/package.json`) as { version?: unknown }).version ?? "unknown");
  } catch {
    return "unknown";
  }
}

function hasMembers(value: unknown, names: string[]): boolean {
  return (
    value !== null && typeof value === "object" && names.every((name) => typeof (value as Record<string, unknown>)[name] === "function")
  );
}
