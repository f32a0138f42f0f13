/**
 * What the stack has deployed now, for policies that compare it with the planned change: CrossGuard shows a
 * policy only the resources a preview ends with, never the ones it deletes or what a replaced resource was.
 * The pack reads the stack's last state with `pulumi stack export` (no secrets are decrypted), through the same
 * CLI, backend and credentials as the preview that runs it: the engine starts the pack with its environment,
 * and tells it the organization, project and stack.
 */
import { execFile } from "node:child_process";
import * as os from "node:os";
import { z } from "zod";
import { describeIssues } from "../sdk/describe-issues";
import { resourceView } from "../review/preview-json";
import { stateSchema } from "../review/preview-schemas";
import type { PolicyResourceView } from "./resources";

/** The deployed state could not be read; the message says why and what to do. */
export class DeployedStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DeployedStateError";
  }
}

const exportSchema = z.looseObject({
  deployment: z.looseObject({ resources: z.array(stateSchema).nullish() }),
});

/** The stack a policy pack runs for, fully qualified (`organization/project/stack`). */
export function stackReference(env: NodeJS.ProcessEnv = process.env): string {
  const project = env["PULUMI_NODEJS_PROJECT"];
  const stack = env["PULUMI_NODEJS_STACK"];
  if (!project || !stack) {
    throw new DeployedStateError(
      "the policy pack was not told which stack it checks (PULUMI_NODEJS_PROJECT and PULUMI_NODEJS_STACK are not set); run it with `pulumi preview --policy-pack <dir>`",
    );
  }
  return `${env["PULUMI_NODEJS_ORGANIZATION"] || "organization"}/${project}/${stack}`;
}

/** Parses the output of `pulumi stack export`. */
export function parseStackExport(text: string): PolicyResourceView[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DeployedStateError("`pulumi stack export` did not print JSON");
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success)
    throw new DeployedStateError(`\`pulumi stack export\` printed an unexpected shape: ${describeIssues(parsed.error.issues)}`);
  return (parsed.data.deployment.resources ?? []).map(resourceView);
}

/** How long reading the state may take. */
const exportTimeoutMs = 120_000;

/** The resources the stack has deployed now (none for a stack that was never deployed). */
export function deployedResources(env: NodeJS.ProcessEnv = process.env): Promise<PolicyResourceView[]> {
  const stack = stackReference(env);
  return new Promise((resolve, reject) => {
    // The pack runs in its own folder; the temp folder keeps the CLI from picking up a Pulumi.yaml on the way.
    execFile(
      "pulumi",
      ["stack", "export", "--stack", stack, "--non-interactive"],
      { cwd: os.tmpdir(), env, timeout: exportTimeoutMs, maxBuffer: 1024 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) {
          const why = (stderr || error.message).trim().split("\n").slice(-3).join(" ");
          reject(new DeployedStateError(`cannot read the deployed state of ${stack} with \`pulumi stack export\`: ${why}`));
          return;
        }
        try {
          resolve(parseStackExport(stdout));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}
