/**
 * A user's repository made from examples/gitops, and CI runners' checkouts of it, for the tests of the workflow and of
 * shared state. The repository holds the example's files as they are, except that every domain's DNS goes to the
 * emulator (the Route53 and Cloudflare plugins cannot be had offline; the entries are otherwise the example's). Its
 * one-time setup is the README's: `pulumi stack init production` against the shared backend, and the stack file with
 * its encryption salt committed. A checkout is a copy of the repository at a commit; `node_modules` is this
 * repository's (where `pulumi-sendmailos` is the package built here), in place of `npm ci`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as yaml from "js-yaml";
import type { RunningEmulator } from "../../emulator";
import { describeRun, getPulumiBinDir, pulumiEnv, repoRoot, runCommand, type RunResult } from "../../scripts/pulumi-offline";

/** The example's folder. */
export const exampleDir = (): string => path.join(repoRoot(), "examples", "gitops");

/** The stack the example deploys. */
export const stackName = "production";

/** Files of the example that make up the user's repository. */
const repoFiles = [
  "Pulumi.yaml",
  "index.ts",
  "package.json",
  "tsconfig.json",
  `Pulumi.${stackName}.yaml`,
  ".github/workflows/sendmailos-domains.yml",
];

/** One entry of the stack setting `domains`. */
export type DomainEntry = Record<string, unknown> & { domain: string };

/** Not a secret: it only encrypts this test's stack. */
const passphrase = "gitops-test-passphrase";

/** The repository and its shared backend. */
export class GitopsRepo {
  private constructor(
    readonly dir: string,
    readonly binDir: string,
    private readonly backend: { url: string; env: Record<string, string> },
    private readonly emulator: RunningEmulator,
  ) {}

  /** Lays the repository out and runs its one-time setup against the backend. */
  static async create(emulator: RunningEmulator, backend: { url: string; env: Record<string, string> }): Promise<GitopsRepo> {
    const binDir = await getPulumiBinDir();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-gitops-"));
    const repo = new GitopsRepo(dir, binDir, backend, emulator);
    try {
      const origin = repo.path("origin");
      for (const file of repoFiles) {
        fs.mkdirSync(path.dirname(path.join(origin, file)), { recursive: true });
        fs.copyFileSync(path.join(exampleDir(), file), path.join(origin, file));
      }
      repo.writeDomains(origin, exampleDomains().map(toEmulatorDns));
      fs.symlinkSync(path.join(repoRoot(), "node_modules"), path.join(origin, "node_modules"), "dir");
      const init = await repo.pulumi(origin, ["stack", "init", stackName, "--non-interactive"]);
      if (init.code !== 0) throw new Error(describeRun("pulumi stack init (the README's setup)", init));
      if (!/encryptionsalt/.test(fs.readFileSync(path.join(origin, `Pulumi.${stackName}.yaml`), "utf8"))) {
        throw new Error("pulumi stack init wrote no encryption salt into the stack file");
      }
    } catch (error) {
      repo.dispose();
      throw error;
    }
    return repo;
  }

  /** A path in the repository's temp folder. */
  path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  /** A runner's checkout of the repository as it is now: its own folder and its own PULUMI_HOME. */
  checkout(runner: string): string {
    const target = this.path("runners", runner);
    fs.cpSync(this.path("origin"), target, { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(this.path("homes", runner), { recursive: true });
    return target;
  }

  /** The environment of a runner: the offline CLI first on PATH, the shared backend, the emulator's address and key. */
  env(runner: string): Record<string, string> {
    fs.mkdirSync(this.path("homes", runner), { recursive: true });
    const env = pulumiEnv(this.binDir, this.path("homes", runner), this.path("unused-file-backend"), passphrase) as Record<string, string>;
    return {
      ...env,
      ...this.backend.env,
      PULUMI_BACKEND_URL: this.backend.url,
      SENDMAILOS_API_KEY: this.emulator.apiKey,
      SENDMAILOS_BASE_URL: this.emulator.baseUrl,
      SENDMAILOS_DNS_RESOLVERS: this.emulator.dns.address,
    };
  }

  /** The `domains` entries of a checkout's stack file. */
  domains(checkout: string): DomainEntry[] {
    return readStackFile(checkout).config["sendmailos-domains:domains"] as DomainEntry[];
  }

  /** Replaces the `domains` entries of a checkout's stack file (a commit), keeping its salt. */
  writeDomains(checkout: string, entries: DomainEntry[]): void {
    const file = path.join(checkout, `Pulumi.${stackName}.yaml`);
    const doc = readStackFile(checkout);
    doc.config["sendmailos-domains:domains"] = entries;
    fs.writeFileSync(file, yaml.dump(doc, { lineWidth: 200 }));
  }

  /** Runs `pulumi <args>` in a checkout as a runner does. */
  pulumi(checkout: string, args: string[], runner = "setup"): Promise<RunResult> {
    return runCommand(path.join(this.binDir, "pulumi"), args, { cwd: checkout, env: this.env(runner), timeoutMs: 5 * 60 * 1000 });
  }

  /** Removes the temp folder. */
  dispose(): void {
    if (process.env.PULUMI_E2E_KEEP === "1") {
      process.stderr.write(`PULUMI_E2E_KEEP=1: keeping ${this.dir}\n`);
      return;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The `domains` entries of the example's own stack file. */
export function exampleDomains(): DomainEntry[] {
  return readStackFile(exampleDir()).config["sendmailos-domains:domains"] as DomainEntry[];
}

/** An entry with its DNS in the emulator: Route53 and Cloudflare cannot be had offline; `none` stays `none`. */
export function toEmulatorDns(entry: DomainEntry): DomainEntry {
  const dns = entry.dns as { provider?: string } | undefined;
  return dns?.provider === "none" ? entry : { ...entry, dns: { provider: "emulator" } };
}

function readStackFile(dir: string): { config: Record<string, unknown>; [key: string]: unknown } {
  const doc = yaml.load(fs.readFileSync(path.join(dir, `Pulumi.${stackName}.yaml`), "utf8")) as { config?: Record<string, unknown> } | null;
  if (!doc?.config) throw new Error(`${dir}/Pulumi.${stackName}.yaml has no config`);
  return doc as { config: Record<string, unknown> };
}
