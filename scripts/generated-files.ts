/**
 * Every file (or part of a file) that derives from the resource input schemas, and how to render it.
 * `npm run generate` writes them; `test/scripts/generated-files.test.ts` renders them again and fails when
 * a file on disk differs, so a rule changed in a schema changes the types and the docs, or the tests fail.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { verifiedDomainArgsSchema, waitSettingsSchema } from "../provider/components/verified-domain-schema";
import { domainInputsSchema } from "../provider/domain/domain-schema";
import { cloudflareTargetSchema, dnsTargetSchema, emulatorTargetSchema, route53TargetSchema } from "../provider/dns/dns-target-schema";
import { emulatorRecordInputsSchema } from "../provider/dns/emulator-record-schema";
import { packageSchema } from "../provider/native/package-schema";
import { renderArgsModule, renderInputTable, replaceGenerated } from "../provider/schema/render";
import { verificationInputsSchema } from "../provider/verification/verification-schema";

/** A generated file: where it lives (from the repository root) and its content given what is there now. */
export interface GeneratedFile {
  path: string;
  render(current: string): string;
}

const domainKeys = Object.keys(domainInputsSchema.shape);

/** The generated files, in the order they are written. */
export const generatedFiles: GeneratedFile[] = [
  {
    path: "provider/domain/domain-args.ts",
    render: () =>
      renderArgsModule("provider/domain/domain-schema.ts", [
        { name: "DomainArgs", summary: "Arguments of a `Domain`.", schema: domainInputsSchema },
      ]),
  },
  {
    path: "provider/verification/domain-verification-args.ts",
    render: () =>
      renderArgsModule("provider/verification/verification-schema.ts", [
        { name: "DomainVerificationArgs", summary: "Arguments of a `DomainVerification`.", schema: verificationInputsSchema },
      ]),
  },
  {
    path: "provider/dns/emulator-record-args.ts",
    render: () =>
      renderArgsModule("provider/dns/emulator-record-schema.ts", [
        { name: "EmulatorDnsRecordArgs", summary: "Arguments of an `EmulatorDnsRecord`.", schema: emulatorRecordInputsSchema },
      ]),
  },
  {
    path: "provider/dns/dns-target-args.ts",
    render: () =>
      renderArgsModule("provider/dns/dns-target-schema.ts", [
        {
          name: "Route53DkimArgs",
          summary: "Where and how to write DKIM records into Route53.",
          schema: route53TargetSchema,
          omit: ["provider"],
        },
        {
          name: "CloudflareDkimArgs",
          summary: "Where and how to write DKIM records into Cloudflare (provider v6, `cloudflare.DnsRecord`).",
          schema: cloudflareTargetSchema,
          omit: ["provider"],
        },
        {
          name: "EmulatorDkimArgs",
          summary: "How to write DKIM records into the local emulator's DNS zone.",
          schema: emulatorTargetSchema,
          omit: ["provider"],
        },
        {
          name: "DnsTarget",
          summary: "Where a `VerifiedDomain` publishes its DKIM records.",
          schema: dnsTargetSchema,
          variants: { route53: "Route53DkimArgs", cloudflare: "CloudflareDkimArgs", emulator: "EmulatorDkimArgs" },
        },
      ]),
  },
  {
    path: "provider/components/verified-domain-args.ts",
    render: () =>
      renderArgsModule(
        "provider/components/verified-domain-schema.ts",
        [
          {
            name: "WaitSettings",
            summary: "How a `VerifiedDomain` waits (the `DomainVerification` settings).",
            schema: waitSettingsSchema,
          },
          {
            name: "VerifiedDomainArgs",
            summary: "Arguments of a `VerifiedDomain`: a `Domain`'s, where its records go, and how to wait.",
            schema: verifiedDomainArgsSchema,
            extends: ["DomainArgs"],
            omit: domainKeys,
            refs: { dns: "DnsTarget", wait: "boolean | WaitSettings" },
          },
        ],
        ['import type { DomainArgs } from "../domain/domain-args";', 'import type { DnsTarget } from "../dns/dns-target-args";'],
      ),
  },
  {
    path: "provider/native/schema.json",
    render: () => `${JSON.stringify(packageSchema(), null, 2)}\n`,
  },
  {
    path: "README.md",
    render: (current) =>
      [
        ["domain-inputs", renderInputTable(domainInputsSchema)],
        ["verification-inputs", renderInputTable(verificationInputsSchema)],
        ["verified-domain-inputs", renderInputTable(verifiedDomainArgsSchema, domainKeys)],
        ["route53-inputs", renderInputTable(route53TargetSchema, ["provider"])],
        ["cloudflare-inputs", renderInputTable(cloudflareTargetSchema, ["provider"])],
      ].reduce((doc, [name, table]) => replaceGenerated(doc, name!, table!), current),
  },
];

/** Renders every generated file against the repository at `root`; returns those whose content differs. */
export function staleFiles(root: string): { path: string; expected: string }[] {
  return generatedFiles.flatMap((file) => {
    const full = path.join(root, file.path);
    const current = fs.existsSync(full) ? fs.readFileSync(full, "utf8") : "";
    const expected = file.render(current);
    return expected === current ? [] : [{ path: file.path, expected }];
  });
}
