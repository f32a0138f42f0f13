/**
 * `npm start` (and `npm run destroy` with `--destroy`): runs the main job on the embedded default.
 * Starts the local SendMailOS emulator and its DNS, runs `pulumi up` on the root program with the
 * `emulator` stack on a local file backend, and ends with a summary table. No account, no internet.
 *
 * The emulator's data file and the Pulumi state live together under `.cache/local/` (or `--dir`), so a
 * second run finds every domain where the first left it and changes nothing.
 *
 * Options: `--preview` only shows what `up` would do; `--destroy` tears everything down; `--dir <folder>` keeps state elsewhere (tests use it);
 * `--project <folder>` runs another Pulumi project that uses the `emulator` stack (tests use it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { getPulumiBinDir, pulumiEnv, repoRoot, runCommand, describeRun, type RunResult } from "./pulumi-offline";
import { summaryTable, type DomainSummaryRow } from "./summary-table";

/** Not a secret: it only encrypts the local emulator stack, which holds none. */
const localPassphrase = "sendmailos-local-emulator";
const stack = "emulator";

interface StartOptions {
  /** `up` (default), `preview` (what a pull request review shows) or `destroy`. */
  verb: "up" | "preview" | "destroy";
  dir: string;
  projectDir: string;
}

function parseArgs(argv: string[]): StartOptions {
  const root = repoRoot();
  const options: StartOptions = { verb: "up", dir: path.join(root, ".cache", "local"), projectDir: root };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--destroy") options.verb = "destroy";
    else if (arg === "--preview") options.verb = "preview";
    else if (arg === "--dir" && argv[i + 1]) options.dir = path.resolve(argv[++i]!);
    else if (arg === "--project" && argv[i + 1]) options.projectDir = path.resolve(argv[++i]!);
    else throw new Error(`unknown argument ${arg}; use --preview, --destroy, --dir <folder> or --project <folder>`);
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const binDir = await getPulumiBinDir();
  for (const sub of ["state", "home"]) fs.mkdirSync(path.join(options.dir, sub), { recursive: true });

  const emulator = await startEmulator({
    dataFile: path.join(options.dir, "emulator-data.json"),
    verification: { checkIntervalMs: 500 },
  });
  process.stderr.write(`SendMailOS emulator on ${emulator.baseUrl}, DNS on ${emulator.dns.address}\n`);
  const env = {
    ...pulumiEnv(binDir, path.join(options.dir, "home"), path.join(options.dir, "state"), localPassphrase),
    SENDMAILOS_API_KEY: emulator.apiKey,
    SENDMAILOS_BASE_URL: emulator.baseUrl,
    SENDMAILOS_DNS_RESOLVERS: emulator.dns.address,
  };
  const pulumi = async (args: string[], echo = true): Promise<RunResult> =>
    runCommand(path.join(binDir, "pulumi"), args, { cwd: options.projectDir, env, timeoutMs: 60 * 60 * 1000, echo });

  try {
    const select = await pulumi(["stack", "select", stack, "--create", "--non-interactive"], false);
    if (select.code !== 0) throw new Error(describeRun("pulumi stack select failed", select));
    const verb = options.verb;
    const result = await pulumi([verb, ...(verb === "preview" ? [] : ["--yes"]), "--non-interactive", "--stack", stack, "--suppress-progress"]);
    if (result.code !== 0) {
      process.stderr.write(`\npulumi ${verb} failed (exit code ${result.code}); the output above says why.\n`);
      return result.code ?? 1;
    }
    if (verb === "preview") return 0;
    if (verb === "destroy") {
      process.stdout.write("\nEvery domain of the emulator stack was deleted.\n");
      return 0;
    }
    const outputs = await pulumi(["stack", "output", "domains", "--json", "--stack", stack], false);
    const rows = JSON.parse(outputs.stdout || "[]") as DomainSummaryRow[];
    process.stdout.write(`\n${summaryTable(rows)}\n`);
    return rows.every((r) => r.status === "verified") ? 0 : 1;
  } finally {
    await emulator.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
