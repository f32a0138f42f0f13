/**
 * The scripts of the embedded default (`npm start`, `npm run review`, `npm run drift`, already built by `npm
 * test`) run on a copy of the root project, with their state in a temp folder; and the stack files of the
 * pull request that the review fixtures (test/review/fixtures/four-changes.*) were recorded from.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./harness";

/** How a script ended. */
export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A copy of the root project (its `main` pointing at this checkout's built program) and a state folder. */
export class LocalProjectCopy {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "sendmailos-local-"));
  readonly projectDir = path.join(this.dir, "project");
  readonly stateDir = path.join(this.dir, "local");

  constructor() {
    fs.mkdirSync(this.projectDir);
    const yaml = fs
      .readFileSync(path.join(repoRoot(), "Pulumi.yaml"), "utf8")
      .replace(/^main: .*$/m, `main: ${path.join(repoRoot(), "dist", "program", "index.js")}`);
    fs.writeFileSync(path.join(this.projectDir, "Pulumi.yaml"), yaml);
    this.writeStack(defaultStackFile());
  }

  /** Writes the project's `Pulumi.emulator.yaml`. */
  writeStack(text: string): void {
    fs.writeFileSync(path.join(this.projectDir, "Pulumi.emulator.yaml"), text);
  }

  /** The emulator's data file. */
  get dataFile(): string {
    return path.join(this.stateDir, "emulator-data.json");
  }

  /** Runs `dist/scripts/<script>.js` on this copy. */
  run(script: "start" | "review" | "drift", ...args: string[]): Promise<ScriptResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(repoRoot(), "dist", "scripts", `${script}.js`), "--project", this.projectDir, "--dir", this.stateDir, ...args],
        {
          cwd: this.dir,
          env: process.env,
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 8 * 60 * 1000);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The repository's embedded default stack file. */
export function defaultStackFile(): string {
  return fs.readFileSync(path.join(repoRoot(), "Pulumi.emulator.yaml"), "utf8");
}

/**
 * The default stack file after a pull request with four changes: beta.example added (waiting 30 s at most),
 * metadata.plan of acme.example changed, mail.globex.example renamed (same externalId), initech.example removed.
 */
export function fourChangeStackFile(): string {
  const original = defaultStackFile();
  const initech = /    - domain: initech\.example\n(?:      .*\n|        .*\n)+/.exec(original)?.[0];
  if (!initech) throw new Error("Pulumi.emulator.yaml no longer lists initech.example as the review fixtures expect");
  const beta = [
    "    - domain: beta.example",
    "      externalId: client_beta",
    "      dns:",
    "        provider: emulator",
    "      wait:",
    "        timeoutSeconds: 30",
    "",
  ].join("\n");
  return original.replace("plan: enterprise", "plan: pro").replace("mail.globex.example", "mail.globex2.example").replace(initech, beta);
}
