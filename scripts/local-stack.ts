/**
 * The embedded default stack, in one place for `npm start`, `npm run review` and `npm run drift`: the local
 * SendMailOS emulator and its DNS on the data file under `.cache/local/` (or `--dir`), and the offline Pulumi
 * CLI on the `emulator` stack of the root project (or `--project`) with a file backend beside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../emulator";
import { getPulumiBinDir, pulumiEnv, repoRoot, runCommand, describeRun, type RunResult } from "./pulumi-offline";

/** Not a secret: it only encrypts the local emulator stack, which holds none. */
export const localPassphrase = "sendmailos-local-emulator";

/** The stack every local command works on. */
export const localStackName = "emulator";

/** Where the local stack lives. */
export interface LocalStackPlace {
  /** Holds the emulator's data file, the Pulumi state and PULUMI_HOME. */
  dir: string;
  /** The Pulumi project (its Pulumi.yaml and Pulumi.emulator.yaml). */
  projectDir: string;
}

/** The defaults: `.cache/local/` and the repository's root project. */
export function defaultPlace(): LocalStackPlace {
  const root = repoRoot();
  return { dir: path.join(root, ".cache", "local"), projectDir: root };
}

/**
 * Reads `--dir <folder>` and `--project <folder>` (tests use them) and the flags a command allows.
 * @throws Error naming the unknown argument and the ones allowed.
 */
export function parsePlaceArgs<F extends string>(argv: string[], flags: readonly F[]): { place: LocalStackPlace; flags: Set<F> } {
  const place = defaultPlace();
  const seen = new Set<F>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--dir" && argv[i + 1]) place.dir = path.resolve(argv[++i]!);
    else if (arg === "--project" && argv[i + 1]) place.projectDir = path.resolve(argv[++i]!);
    else if ((flags as readonly string[]).includes(arg.replace(/^--/, ""))) seen.add(arg.replace(/^--/, "") as F);
    else
      throw new Error(`unknown argument ${arg}; use ${[...flags.map((f) => `--${f}`), "--dir <folder>", "--project <folder>"].join(", ")}`);
  }
  return { place, flags: seen };
}

/** A running local stack: the emulator, and the CLI pointed at it. */
export interface LocalStack {
  emulator: RunningEmulator;
  /** The environment every CLI command gets. */
  env: NodeJS.ProcessEnv;
  /** Runs `pulumi <args>` in the project (echoing its output unless told not to). */
  pulumi(args: string[], options?: { echo?: boolean; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
}

/**
 * Starts the emulator on the place's data file, selects (or creates) the `emulator` stack, runs `body`, and
 * stops the emulator whatever happens. `recheckVerified` makes the emulator notice DKIM records that vanish
 * from a verified domain, as SES does (the drift check).
 */
export async function withLocalStack<T>(
  place: LocalStackPlace,
  body: (stack: LocalStack) => Promise<T>,
  options: { recheckVerified?: boolean } = {},
): Promise<T> {
  const binDir = await getPulumiBinDir();
  for (const sub of ["state", "home"]) fs.mkdirSync(path.join(place.dir, sub), { recursive: true });
  const emulator = await startEmulator({
    dataFile: path.join(place.dir, "emulator-data.json"),
    verification: { checkIntervalMs: 500, ...(options.recheckVerified ? { recheckVerified: true } : {}) },
  });
  process.stderr.write(`SendMailOS emulator on ${emulator.baseUrl}, DNS on ${emulator.dns.address}\n`);
  const env = {
    ...pulumiEnv(binDir, path.join(place.dir, "home"), path.join(place.dir, "state"), localPassphrase),
    SENDMAILOS_API_KEY: emulator.apiKey,
    SENDMAILOS_BASE_URL: emulator.baseUrl,
    SENDMAILOS_DNS_RESOLVERS: emulator.dns.address,
  };
  const stack: LocalStack = {
    emulator,
    env,
    pulumi: (args, opts = {}) =>
      runCommand(path.join(binDir, "pulumi"), args, {
        cwd: place.projectDir,
        env: { ...env, ...(opts.env ?? {}) },
        timeoutMs: 60 * 60 * 1000,
        echo: opts.echo ?? true,
      }),
  };
  try {
    const select = await stack.pulumi(["stack", "select", localStackName, "--create", "--non-interactive"], { echo: false });
    if (select.code !== 0) throw new Error(describeRun("pulumi stack select failed", select));
    return await body(stack);
  } finally {
    await emulator.stop();
  }
}
