/**
 * A user's project in a fresh temporary folder: files as `pulumi new typescript` lays them out, dependencies
 * installed by `npm install` from the npm registry (npm's cache keeps repeated runs fast), and the packed
 * `pulumi-sendmailos` installed from its tarball.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunResult } from "../../scripts/pulumi-offline";
import { childEnv, run } from "./processes";

/** The @pulumi/pulumi versions the package is tested with: the lowest its peer range admits, and the newest. */
export const pulumiVersions = { lowest: "3.216.0", newest: "3.276.0" } as const;

/** The compiler and Node types a TypeScript project of ours is written against. */
export const toolVersions = { typescript: "~5.9.3", "@types/node": "^22.0.0" } as const;

/** `tsconfig.json` exactly as the `pulumi new typescript` template writes it: no skipLibCheck, no esModuleInterop. */
export const stockTsconfig = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** `Pulumi.yaml` as the template writes it. */
export function stockPulumiYaml(name: string): string {
  return [
    `name: ${name}`,
    "description: A minimal TypeScript Pulumi program",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    packagemanager: npm",
    "",
  ].join("\n");
}

/** Bound on one `npm install` (AWS's package alone is ~150 MB to unpack). */
const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;

/** The dependencies of a user's package.json. */
export interface ConsumerManifest {
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** A project folder and the commands a user runs in it. */
export class ConsumerProject {
  private constructor(readonly dir: string) {}

  /**
   * Lays out `files` in a new folder, writes package.json, and runs `npm install`.
   * @param name the folder and package name
   * @param manifest the dependencies (name to version or `file:` tarball), as a user's package.json holds them
   * @param files relative path to content
   */
  static async create(name: string, manifest: ConsumerManifest, files: Record<string, string>): Promise<ConsumerProject> {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-user-")), name);
    const project = new ConsumerProject(dir);
    if (process.env["PACKAGE_TEST_KEEP"] !== "1")
      process.once("exit", () => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
    project.write("package.json", JSON.stringify({ name, main: "index.ts", private: true, ...manifest }, null, 4) + "\n");
    for (const [file, content] of Object.entries(files)) project.write(file, content);
    await project.npm(["install", "--no-audit", "--no-fund", "--prefer-offline"]);
    return project;
  }

  /** Writes a file of the project (folders are created). */
  write(file: string, content: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), content);
  }

  /** Runs npm in the project, as a user's shell would. */
  npm(args: string[], timeoutMs = INSTALL_TIMEOUT_MS): Promise<RunResult> {
    return run("npm", args, { cwd: this.dir, env: childEnv(), timeoutMs });
  }

  /** Runs the project's own TypeScript compiler, `tsc <args>`. */
  tsc(args: string[]): Promise<RunResult> {
    return run(process.execPath, [path.join(this.dir, "node_modules", "typescript", "bin", "tsc"), "--pretty", "false", ...args], {
      cwd: this.dir,
      env: childEnv(),
      timeoutMs: 5 * 60 * 1000,
    });
  }

  /** Runs `node -e <script>` in the project; resolves with what it printed. */
  node(script: string, timeoutMs = 2 * 60 * 1000): Promise<RunResult> {
    return run(process.execPath, ["-e", script], { cwd: this.dir, env: childEnv(), timeoutMs });
  }

  /** Every installed copy of a package (`node_modules/**\/<name>`), relative to the project. */
  copiesOf(name: string): string[] {
    const found: string[] = [];
    const visit = (nodeModules: string): void => {
      if (!fs.existsSync(nodeModules)) return;
      if (fs.existsSync(path.join(nodeModules, name, "package.json"))) found.push(path.relative(this.dir, path.join(nodeModules, name)));
      for (const entry of fs.readdirSync(nodeModules)) {
        const scoped = entry.startsWith("@") ? fs.readdirSync(path.join(nodeModules, entry)).map((sub) => path.join(entry, sub)) : [entry];
        for (const pkg of scoped) visit(path.join(nodeModules, pkg, "node_modules"));
      }
    };
    visit(path.join(this.dir, "node_modules"));
    return found;
  }

  /** Size of node_modules in MB (what `du -sm node_modules` says). */
  async nodeModulesMegabytes(): Promise<number> {
    const du = await run("du", ["-sm", "node_modules"], { cwd: this.dir, env: childEnv(), timeoutMs: 60_000 });
    return Number(du.stdout.split(/\s/)[0]);
  }
}
