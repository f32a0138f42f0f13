/**
 * A Ctrl-C during `pulumi up`, sent on an observed event rather than after a guessed delay: the tests of the
 * native provider (JavaScript and YAML programs) use it to check that the first Ctrl-C stops a running wait.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { PulumiProject } from "./harness";

/** How an interrupted `pulumi up` ended. */
export interface InterruptedUp {
  /** The CLI's exit code. */
  code: number | null;
  /** Seconds from the SIGINT to the CLI's exit. */
  secondsFromSignalToExit: number;
  /** Everything the CLI printed. */
  output: string;
}

/**
 * Runs `pulumi up` and sends it one SIGINT (a terminal's Ctrl-C reaches the CLI) when its output first
 * matches `trigger`, an observed event; resolves when it exits.
 */
export function upInterruptedOnce(project: PulumiProject, trigger: RegExp): Promise<InterruptedUp> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(project.binDir, "pulumi"),
      ["up", "--yes", "--skip-preview", "--stack", project.stack, "--non-interactive"],
      {
        cwd: project.projectDir,
        env: project.env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    let signalledAt: number | undefined;
    const deadline = setTimeout(
      () => {
        child.kill("SIGKILL");
        reject(new Error(`pulumi up did not reach ${trigger} or did not stop:\n${output.slice(-3000)}`));
      },
      5 * 60 * 1000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (signalledAt === undefined && trigger.test(output)) {
        signalledAt = Date.now();
        child.kill("SIGINT");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => {
      clearTimeout(deadline);
      if (signalledAt === undefined) reject(new Error(`pulumi up ended before ${trigger}:\n${output.slice(-3000)}`));
      else resolve({ code, secondsFromSignalToExit: (Date.now() - signalledAt) / 1000, output });
    });
  });
}
