/**
 * `npm run plugin:archive`: builds the archive that `pulumi plugin install` takes, so teams can install the
 * native provider plugin the way they install any other:
 *
 *   pulumi plugin install resource sendmailos 0.1.0 --file pulumi-resource-sendmailos-v0.1.0-linux-x64.tar.gz
 *
 * The archive holds the packed npm package with its production dependencies and its optional peers
 * (`@pulumi/aws`, `@pulumi/cloudflare`) installed (a real folder: the CLI cannot install a folder whose
 * node_modules is a symlink) and, at its root, the executable
 * `pulumi-resource-sendmailos` that runs it with the `node` on PATH. Prints the archive's path last.
 *
 * Options: `--out <dir>` (default `.cache/plugin`).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SDK_VERSION } from "../sdk/version";
import { repoRoot } from "./pulumi-offline";

/** The archive's file name for this package version and machine. */
export function archiveName(version: string = SDK_VERSION): string {
  return `pulumi-resource-sendmailos-v${version}-${process.platform}-${process.arch}.tar.gz`;
}

/** The executable at the archive's root: the plugin run by the `node` on PATH (Node 22 or 24). */
export const launcher = `#!/bin/sh
# pulumi-resource-sendmailos: the SendMailOS native provider plugin, installed by \`pulumi plugin install\`.
here=$(cd "$(dirname "$0")" && pwd)
exec node "$here/package/bin/pulumi-resource-sendmailos" "$@"
`;

/** `name@range` of each optional peer dependency of the package. */
export function optionalPeerSpecs(root: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    peerDependencies?: Record<string, string>;
    peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  };
  return Object.entries(manifest.peerDependencies ?? {})
    .filter(([name]) => manifest.peerDependenciesMeta?.[name]?.optional === true)
    .map(([name, range]) => `${name}@${range}`);
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Builds the archive into `outDir`; returns its path. */
export function buildPluginArchive(outDir: string): string {
  const root = repoRoot();
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-plugin-"));
  try {
    // --ignore-scripts: pack the build in dist/ (`npm run plugin:archive` builds first); prepack would rebuild
    // dist/ from scratch, under a test suite that runs from it.
    const tarball = run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", staging], root).trim().split("\n").pop()!;
    run("tar", ["xzf", path.join(staging, tarball), "-C", staging], staging);
    const pkg = path.join(staging, "package");
    // npm installs the @pulumi/pulumi peer, not the optional ones: a plugin has no project to add them to, and
    // its VerifiedDomain publishes records to Route53 and Cloudflare too.
    run(
      "npm",
      ["install", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", ...optionalPeerSpecs(root)],
      pkg,
    );
    fs.writeFileSync(path.join(staging, "pulumi-resource-sendmailos"), launcher, { mode: 0o755 });
    fs.rmSync(path.join(staging, tarball));
    fs.mkdirSync(outDir, { recursive: true });
    const archive = path.join(outDir, archiveName());
    run("tar", ["czf", archive, "-C", staging, "pulumi-resource-sendmailos", "package"], staging);
    return archive;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const at = process.argv.indexOf("--out");
  const outDir = at >= 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]!) : path.join(repoRoot(), ".cache", "plugin");
  const archive = buildPluginArchive(outDir);
  const size = fs.statSync(archive).size;
  console.log(`plugin archive: ${(size / 1024 / 1024).toFixed(1)} MB`);
  console.log(`install it with: pulumi plugin install resource sendmailos ${SDK_VERSION} --file ${archive}`);
  console.log(archive);
}
