/**
 * The package as `npm pack` makes it on a fresh clone: the repository's files (tracked, plus new ones not
 * ignored, so work in progress is packed too) are copied into an empty folder without dist/, and `npm pack`
 * runs there, so its `prepack` builds everything the tarball ships from nothing. The repository's own dist/
 * is never touched (the suite runs from it). Packed once per test process.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";
import { childEnv, run } from "./processes";

/** The packed tarball and the folder it was packed in. */
export interface Packed {
  /** Absolute path of `pulumi-sendmailos-<version>.tgz`. */
  tarball: string;
  /** The temporary folder holding the copy, the tarball and its extraction; removed at process exit. */
  workDir: string;
  /** The tarball's content, extracted (`<workDir>/extracted/package`). */
  packageDir: string;
}

let packing: Promise<Packed> | undefined;

/** Packs the package from a copy of the sources (once per process; about a minute, mostly `tsc`). */
export function packedPackage(): Promise<Packed> {
  packing ??= pack();
  return packing;
}

/** Bound on `npm pack` (it builds: `tsc` takes 25 s on a quiet machine, several times that on a busy one). */
const PACK_TIMEOUT_MS = 8 * 60 * 1000;

async function pack(): Promise<Packed> {
  const root = repoRoot();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-pack-"));
  if (process.env["PACKAGE_TEST_KEEP"] !== "1") process.once("exit", () => fs.rmSync(workDir, { recursive: true, force: true }));
  const source = path.join(workDir, "source");
  for (const file of sourceFiles(root)) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet in git
    fs.mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
    fs.copyFileSync(from, path.join(source, file));
    fs.chmodSync(path.join(source, file), fs.statSync(from).mode);
  }
  // The build needs the development dependencies (typescript, @types/node); a fresh clone has them after `npm ci`.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(source, "node_modules"), "dir");
  const out = path.join(workDir, "out");
  fs.mkdirSync(out);
  await run("npm", ["pack", "--pack-destination", out], { cwd: source, env: childEnv(), timeoutMs: PACK_TIMEOUT_MS });
  const tarballs = fs.readdirSync(out).filter((name) => name.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${out}: ${tarballs.join(", ")}`);
  const tarball = path.join(out, tarballs[0]!);
  const extracted = path.join(workDir, "extracted");
  fs.mkdirSync(extracted);
  await run("tar", ["xzf", tarball, "-C", extracted], { cwd: workDir, env: childEnv(), timeoutMs: 60_000 });
  return { tarball, workDir, packageDir: path.join(extracted, "package") };
}

/** The repository's files as a fresh clone has them (plus new files not yet committed), relative paths. */
function sourceFiles(root: string): string[] {
  const git = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  if (git.status !== 0) {
    throw new Error(
      `test/package: 'git ls-files' failed in ${root} (the package test packs the files of a git checkout): ${git.stderr || git.error?.message}`,
    );
  }
  return git.stdout.split("\0").filter((file) => file !== "");
}
