/**
 * Recorded previews (test/review/fixtures/): real `pulumi preview --json` output of the domains stack on the
 * emulator, in both forms, trimmed of debug events and serialized provider code. Golden summaries beside them.
 *
 * - four-changes: the default stack after a pull request that adds beta.example (timeoutSeconds 30), changes
 *   acme.example's metadata.plan, renames mail.globex.example to mail.globex2.example and removes
 *   initech.example; the events form ran with the policy pack.
 * - drift: the default stack after metadata.plan of acme.example was changed, initech.example deleted and a DKIM
 *   record of mail.globex.example removed behind the stack's back, previewed with --refresh.
 * - native-provider: two native VerifiedDomains; one metadata key added, one domain renamed (a replacement).
 * - secret-metadata: a Domain whose metadata holds a secret, updated.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";

/** The text of a fixture file. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot(), "test", "review", "fixtures", name), "utf8");
}

/** The DKIM tokens of `domain` that a text names, in name order. */
export function tokensOf(text: string, domain: string): string[] {
  const pattern = new RegExp(`([a-z0-9]{32})\\._domainkey\\.${domain.replace(/\./g, "\\.")}`, "g");
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))].sort();
}
