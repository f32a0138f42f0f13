/**
 * `npm run drift`: the scheduled drift check of the embedded default. Runs `pulumi preview --refresh
 * --expect-no-changes` on the domains stack against the local emulator, and prints what drifted in domain
 * terms (a domain deleted or changed outside Pulumi, a domain no longer verified because a DKIM record
 * vanished). The emulator re-checks verified domains' DNS, as SES does, once before the preview.
 *
 * Users run the same with their own stack: `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --refresh
 * --expect-no-changes --json | npx sendmailos-review --drift`.
 *
 * Options: `--dir`, `--project` as for `npm start`. Exit code: 0 no drift, 1 drift (or a change never
 * applied, or the preview failed), 2 when the preview printed no JSON.
 */
import { summarizePreview } from "../review";
import { localStackName, parsePlaceArgs, withLocalStack } from "./local-stack";

async function main(): Promise<number> {
  const { place } = parsePlaceArgs(process.argv.slice(2), [] as const);
  return withLocalStack(
    place,
    async ({ pulumi, emulator }) => {
      await emulator.checkNow();
      const result = await pulumi(
        ["preview", "--refresh", "--expect-no-changes", "--json", "--non-interactive", "--stack", localStackName],
        {
          echo: false,
          env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
        },
      );
      try {
        const { comment, exitCode } = summarizePreview(result.stdout, { mode: "drift", secrets: [emulator.apiKey] });
        process.stdout.write(comment);
        return exitCode;
      } catch (error) {
        process.stderr.write(`${result.stderr}\nnpm run drift: the preview printed no report: ${(error as Error).message}\n`);
        return 2;
      }
    },
    { recheckVerified: true },
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm run drift: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
