/**
 * What the README promises users can import and run, with a few names each entry must export. The package
 * tests check the tarball, the types and the runtime against this list.
 */

/** A documented import path. */
export interface DocumentedEntry {
  /** The `exports` key (`.` is the package itself). */
  subpath: string;
  /** Names the entry must export at run time. */
  names: string[];
  /** The optional peer dependency its types mention, if any: only projects that install it compile it. */
  typesNeed?: "@pulumi/aws" | "@pulumi/cloudflare";
}

/** Every documented entry. */
export const documentedEntries: DocumentedEntry[] = [
  {
    subpath: ".",
    names: [
      "Domain",
      "DomainVerification",
      "VerifiedDomain",
      "EmulatorDnsRecord",
      "MissingDnsProviderError",
      "InvalidArgumentsError",
      "declareInTurns",
    ],
  },
  { subpath: "./sdk", names: ["SendMailOSClient", "SendMailOSError", "DEFAULT_BASE_URL", "dnsRecordsFor", "limits"] },
  { subpath: "./emulator", names: ["startEmulator", "defaultApiKey"] },
  { subpath: "./dynamic/v1", names: ["attach", "dispatch"] },
  { subpath: "./native", names: ["Domain", "DomainVerification", "VerifiedDomain", "Provider", "declareInTurns"] },
  { subpath: "./route53", names: ["route53DkimRecords"], typesNeed: "@pulumi/aws" },
  { subpath: "./cloudflare", names: ["cloudflareDkimRecords"], typesNeed: "@pulumi/cloudflare" },
  { subpath: "./review", names: ["summarizePreview", "reviewModel", "driftModel", "githubCommentLimit"] },
];

/** `pulumi-sendmailos` or `pulumi-sendmailos/<subpath>`. */
export function importPath(entry: DocumentedEntry): string {
  return entry.subpath === "." ? "pulumi-sendmailos" : `pulumi-sendmailos/${entry.subpath.slice(2)}`;
}

/** The executables the package installs. */
export const documentedBins = ["sendmailos-emulator", "pulumi-resource-sendmailos", "sendmailos-review"];

/**
 * A TypeScript file importing every entry whose types need none of `missing`, and using a name of each, so
 * that the compiler reads every declaration the entry publishes.
 */
export function entriesSource(missing: string[]): string {
  const lines: string[] = [];
  const used: string[] = [];
  documentedEntries
    .filter((entry) => entry.typesNeed === undefined || !missing.includes(entry.typesNeed))
    .forEach((entry, i) => {
      lines.push(`import * as entry${i} from ${JSON.stringify(importPath(entry))};`);
      used.push(...entry.names.map((name) => `entry${i}.${name}`));
    });
  return [...lines, "", `export const everything = [${used.join(", ")}];`, ""].join("\n");
}
