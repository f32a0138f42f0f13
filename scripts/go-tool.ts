/**
 * The small Go tools of this repository (`scripts/<name>/`, built by `scripts/ensure-go-tool.sh`): `actionlint`
 * for the workflow of examples/gitops, `fakes3` for the shared-state test. Built once into .cache/ and reused.
 */
import * as path from "node:path";
import { describeRun, repoRoot, runCommand } from "./pulumi-offline";

/** Bound for one build (actionlint from an empty Go build cache took ~25 s on 2 cores; a busy machine is slower). */
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

const built = new Map<string, Promise<string>>();

/**
 * The absolute path of the tool's executable, built when missing. Memoized per process; throws with the build's
 * output when it cannot be built (no Go toolchain, no module proxy).
 */
export function ensureGoTool(name: "actionlint" | "fakes3"): Promise<string> {
  let promise = built.get(name);
  if (!promise) {
    promise = build(name);
    built.set(name, promise);
    promise.catch(() => built.delete(name));
  }
  return promise;
}

async function build(name: string): Promise<string> {
  const root = repoRoot();
  const result = await runCommand("bash", [path.join(root, "scripts", "ensure-go-tool.sh"), name], {
    cwd: root,
    env: process.env,
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  if (result.code !== 0 || result.timedOut) {
    throw new Error(
      `${describeRun(`scripts/ensure-go-tool.sh ${name} failed`, result)}\nIt needs Go >= 1.26.6 (PULUMI_ENSURE_GO) and the Go module proxy.`,
    );
  }
  return result.stdout.trim().split("\n").pop()!.trim();
}
