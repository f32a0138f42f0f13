/**
 * `npm run review`: the pull-request review of the embedded default. Previews the domains stack on the local
 * emulator (like `npm run preview`) with the SendMailOS policy pack, and prints the review comment that
 * `sendmailos-review` makes of it: what a reviewer of a change to `Pulumi.emulator.yaml` reads.
 *
 * Options: `--no-policy` previews without the pack; `--dir`, `--project` as for `npm start`.
 * Exit code: the preview's (non-zero when a mandatory policy fails it); 2 when it printed no JSON.
 */
import * as path from "node:path";
import { summarizePreview } from "../review";
import { localStackName, parsePlaceArgs, withLocalStack } from "./local-stack";
import { repoRoot } from "./pulumi-offline";

async function main(): Promise<number> {
  const { place, flags } = parsePlaceArgs(process.argv.slice(2), ["no-policy"] as const);
  const policy = flags.has("no-policy") ? [] : ["--policy-pack", path.join(repoRoot(), "policy-pack")];
  return withLocalStack(place, async ({ pulumi, emulator }) => {
    const result = await pulumi(["preview", "--json", "--non-interactive", "--stack", localStackName, ...policy], {
      echo: false,
      env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
    });
    let comment: string;
    try {
      comment = summarizePreview(result.stdout, { secrets: [emulator.apiKey] }).comment;
    } catch (error) {
      process.stderr.write(`${result.stderr}\nnpm run review: the preview printed no review: ${(error as Error).message}\n`);
      return 2;
    }
    process.stdout.write(comment);
    if (result.code !== 0) process.stderr.write(`\npulumi preview failed (exit code ${result.code}); the review above says why.\n`);
    return result.code ?? 1;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run review: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
