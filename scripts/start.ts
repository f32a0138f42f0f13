/**
 * `npm start` (and `npm run destroy` with `--destroy`): runs the main job on the embedded default.
 * Starts the local SendMailOS emulator and its DNS, runs `pulumi up` on the root program with the
 * `emulator` stack on a local file backend, and ends with a summary table. No account, no internet.
 *
 * The emulator's data file and the Pulumi state live together under `.cache/local/` (or `--dir`), so a
 * second run finds every domain where the first left it and changes nothing.
 *
 * Options: `--preview` only shows what `up` would do; `--destroy` tears everything down; `--refresh` reads every
 * resource first (repairs what `npm run drift` reports); `--dir <folder>` keeps state elsewhere (tests use it);
 * `--project <folder>` runs another Pulumi project that uses the `emulator` stack (tests use it).
 */
import { localStackName as stack, parsePlaceArgs, withLocalStack } from "./local-stack";
import { summaryTable, type DomainSummaryRow } from "./summary-table";

async function main(): Promise<number> {
  const { place, flags } = parsePlaceArgs(process.argv.slice(2), ["preview", "destroy", "refresh"] as const);
  const verb = flags.has("destroy") ? "destroy" : flags.has("preview") ? "preview" : "up";
  const refresh = flags.has("refresh") ? ["--refresh"] : [];
  return withLocalStack(place, async ({ pulumi }) => {
    const result = await pulumi([
      verb,
      ...(verb === "preview" ? [] : ["--yes"]),
      ...refresh,
      "--non-interactive",
      "--stack",
      stack,
      "--suppress-progress",
    ]);
    if (result.code !== 0) {
      process.stderr.write(`\npulumi ${verb} failed (exit code ${result.code}); the output above says why.\n`);
      return result.code ?? 1;
    }
    if (verb === "preview") return 0;
    if (verb === "destroy") {
      process.stdout.write("\nEvery domain of the emulator stack was deleted.\n");
      return 0;
    }
    const outputs = await pulumi(["stack", "output", "domains", "--json", "--stack", stack], { echo: false });
    const rows = JSON.parse(outputs.stdout || "[]") as DomainSummaryRow[];
    process.stdout.write(`\n${summaryTable(rows)}\n`);
    return rows.every((r) => r.status === "verified") ? 0 : 1;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
