/**
 * Running the commands a user runs (npm, tsc, node, pulumi) for the package tests: bounded, in their own
 * process group, failing with everything they printed.
 */
import { describeRun, runCommand, type RunResult } from "../../scripts/pulumi-offline";

/** How to run one command. */
export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Text for stdin. */
  input?: string;
}

/** Runs a command; throws with its output when it fails or times out. */
export async function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const result = await runCommand(command, args, { ...options, echo: process.env["PACKAGE_TEST_ECHO"] === "1" });
  if (result.code !== 0 || result.timedOut) throw new Error(describeRun(`${command} failed in ${options.cwd}`, result));
  return result;
}

/**
 * This process's environment without what `npm test` adds for its scripts (`npm_config_*`, `npm_package_*`,
 * `npm_lifecycle_*`, `INIT_CWD`...): a user's shell has none of it, and an `npm install` that inherits the
 * repository's `npm_config_local_prefix` or `npm_package_json` would not behave as in a fresh project.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD" || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  return { ...env, NO_UPDATE_NOTIFIER: "1", ...extra };
}
