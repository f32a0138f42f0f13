/**
 * Helpers for the tests of generated SDKs: run scripts/gen-sdk.sh, and build Go programs against the result
 * with the Go toolchain (the same one scripts/ensure-pulumi.sh builds the CLI with).
 */
import * as fs from "fs";
import * as path from "path";
import { describeRun, repoRoot, runCommand, type RunResult } from "../../scripts/pulumi-offline";
import type { NativePackage } from "./native-package";

/** Bound for one generation or Go build: a cold first build compiles pkg/v3 or sdk/v3 (minutes on 2 cores). */
export const GO_BUILD_TIMEOUT_MS = 40 * 60 * 1000;

/** Languages scripts/gen-sdk.sh writes. */
export type SdkLanguage = "go" | "python" | "nodejs";

/** Runs `bash scripts/gen-sdk.sh [args] <schema> <outDir> <languages...>`; never throws on a failed run. */
export function runGenSdk(args: string[]): Promise<RunResult> {
  return runCommand("bash", [path.join(repoRoot(), "scripts", "gen-sdk.sh"), ...args], {
    cwd: repoRoot(),
    env: { ...process.env, PATH: `${process.env.PATH ?? ""}${path.delimiter}/usr/local/go/bin` },
    timeoutMs: GO_BUILD_TIMEOUT_MS,
  });
}

/** Writes `<outDir>/<language>/` for each language from the package's schema; throws with the output on failure. */
export async function generateSdks(pkg: NativePackage, outDir: string, languages: SdkLanguage[]): Promise<RunResult> {
  const r = await runGenSdk([pkg.schemaPath, outDir, ...languages]);
  if (r.code !== 0 || r.timedOut) {
    throw new Error(describeRun(`generating the ${languages.join(", ")} SDKs of ${pkg.name} failed`, r));
  }
  return r;
}

/** The go binary: PULUMI_ENSURE_GO, else go on PATH, else /usr/local/go/bin/go (as scripts/ensure-pulumi.sh). */
export function goBinary(): string {
  if (process.env.PULUMI_ENSURE_GO) return process.env.PULUMI_ENSURE_GO;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "go");
    if (fs.existsSync(candidate)) return candidate;
  }
  if (fs.existsSync("/usr/local/go/bin/go")) return "/usr/local/go/bin/go";
  throw new Error("no Go toolchain (>= 1.26.6) on PATH or in /usr/local/go: it is needed to build Go programs");
}

/**
 * `go build -o output .` in a Go module folder, with the CLI's flags (no cgo, the same tags) so that the
 * packages shared with the CLI's build come from the Go build cache. `-mod=readonly`: the module's go.sum must
 * already be complete, so a build never edits the example. Throws with the output on failure.
 */
export async function buildGoProgram(moduleDir: string, output: string): Promise<RunResult> {
  const r = await runCommand(goBinary(), ["build", "-tags", "osusergo,grpcnotrace", "-o", output, "."], {
    cwd: moduleDir,
    env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly -buildvcs=false", GOTOOLCHAIN: "local" },
    timeoutMs: GO_BUILD_TIMEOUT_MS,
  });
  if (r.code !== 0 || r.timedOut) {
    throw new Error(describeRun(`building the Go program in ${moduleDir} failed`, r));
  }
  return r;
}

/** The SDKs committed at the repository root (`sdks/<language>/`), generated from the package schema. */
export const COMMITTED_SDK_LANGUAGES: SdkLanguage[] = ["go", "python"];

/** All files under dir, relative (with `/`), sorted; none when dir does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

/**
 * How two SDK trees differ, one line per file: `only in <expected>`, `only in <actual>`, or `differs`. Files
 * that Python writes when it compiles (`__pycache__`) are not part of an SDK.
 */
export function sdkDifferences(expectedDir: string, actualDir: string): string[] {
  const keep = (f: string) => !f.split("/").includes("__pycache__");
  const expected = listFiles(expectedDir).filter(keep);
  const actual = new Set(listFiles(actualDir).filter(keep));
  const lines: string[] = [];
  for (const file of expected) {
    if (!actual.has(file)) lines.push(`${file}: only in ${expectedDir}`);
    else if (!fs.readFileSync(path.join(expectedDir, file)).equals(fs.readFileSync(path.join(actualDir, file))))
      lines.push(`${file}: differs`);
    actual.delete(file);
  }
  for (const file of actual) lines.push(`${file}: only in ${actualDir}`);
  return lines;
}
