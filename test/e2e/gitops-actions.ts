/**
 * Local equivalents of the actions that examples/gitops/.github/workflows/sendmailos-domains.yml uses, for the local
 * runner (workflow-runner.ts). Each does on this machine what the action does on GitHub, and refuses inputs it does
 * not know, so the workflow cannot drift from what is tested:
 *
 * - `actions/checkout`: nothing (the runner's workspace is the checkout the test made);
 * - `actions/setup-node`: this machine's node (Node 20 here; the workflow asks for 22);
 * - `aws-actions/configure-aws-credentials`: the S3 server's dummy credentials (no AWS account here);
 * - `pulumi/actions`: without `command`, puts the offline Pulumi CLI first on PATH (the action downloads one); with
 *   `command: up`, selects the stack and runs `up` through the Automation API as the action's own code does;
 * - `marocchino/sticky-pull-request-comment`: keeps the comment body by its header (no GitHub here), refusing one
 *   over GitHub's 65,536 characters as GitHub would.
 *
 * `npm ci` (a `run:` step) is replaced too: the registry has no `pulumi-sendmailos` of this build, so the checkout's
 * node_modules is this repository's, where the package is the one built here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { runCommand } from "../../scripts/pulumi-offline";
import type { ActionResult, LocalStep } from "./workflow-runner";

/** GitHub's limit on a comment's body. */
export const githubCommentLimit = 65_536;

/** The local actions, and the comments they posted (by header). */
export interface LocalActions {
  actions: Record<string, LocalStep>;
  runReplacements: Record<string, LocalStep>;
  comments: Map<string, string>;
}

/** Builds the local actions for a run; `binDir` holds the offline Pulumi CLI, `awsEnv` the S3 server's credentials. */
export async function localActions(binDir: string, awsEnv: Record<string, string>): Promise<LocalActions> {
  const comments = new Map<string, string>();
  const root = path.dirname(binDir);
  if (path.basename(binDir) !== "bin") throw new Error(`the Automation API wants <root>/bin/pulumi; ${binDir} is not a bin folder`);
  const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: true });

  const known = (name: string, inputs: Record<string, string>, allowed: string[]) => {
    const unknown = Object.keys(inputs).filter((key) => !allowed.includes(key));
    if (unknown.length > 0) throw new Error(`${name}: the local equivalent does not know the input(s) ${unknown.join(", ")}`);
  };

  const pulumiAction: LocalStep = async ({ inputs, env, workspace, summaryFile }) => {
    known("pulumi/actions", inputs, [
      "command",
      "stack-name",
      "work-dir",
      "cloud-url",
      "policyPacks",
      "refresh",
      "comment-on-summary",
      "suppress-progress",
    ]);
    if (!inputs.command) return { outcome: "success", addPath: [binDir], log: `local: the Pulumi CLI in ${binDir}` };
    if (inputs.command !== "up") throw new Error(`pulumi/actions: the local equivalent runs command up only, not ${inputs.command}`);
    const stackName = inputs["stack-name"];
    if (!stackName) throw new Error("pulumi/actions: stack-name is required with a command");
    const cmdEnv = { ...env, PATH: [binDir, env.PATH].join(path.delimiter) };
    let log = "";
    if (inputs["cloud-url"]) {
      const login = await runCommand(path.join(binDir, "pulumi"), ["login", inputs["cloud-url"]], {
        cwd: workspace,
        env: cmdEnv,
        timeoutMs: 60_000,
      });
      log += login.stdout + login.stderr;
      if (login.code !== 0) return { outcome: "failure", log };
    }
    try {
      const stack = await LocalWorkspace.selectStack(
        { stackName, workDir: path.resolve(workspace, inputs["work-dir"] ?? "./") },
        { envVars: cmdEnv, pulumiCommand },
      );
      const result = await stack.up({
        policyPacks: (inputs.policyPacks ?? "")
          .split("\n")
          .map((p) => p.trim())
          .filter(Boolean),
        refresh: inputs.refresh === "true",
        suppressProgress: inputs["suppress-progress"] === "true",
        onOutput: (text) => (log += text),
      });
      if (inputs["comment-on-summary"] === "true") {
        fs.appendFileSync(
          summaryFile,
          `#### :tropical_drink: \`up\` on ${stackName}\n\n<details>\n<summary>Pulumi report</summary>\n\n\`\`\`\n${result.stdout}\n\`\`\`\n\n</details>\n`,
        );
      }
      const outputs: Record<string, string> = { output: result.stdout };
      for (const [key, value] of Object.entries(result.outputs))
        outputs[key] = typeof value.value === "string" ? value.value : JSON.stringify(value.value);
      return { outcome: "success", outputs, log };
    } catch (error) {
      return { outcome: "failure", log: `${log}\n${error instanceof Error ? error.message : String(error)}` };
    }
  };

  const actions: Record<string, LocalStep> = {
    "actions/checkout@v4": async ({ inputs }) => {
      known("actions/checkout", inputs, []);
      return { outcome: "success", log: "local: the workspace is the runner's checkout" };
    },
    "actions/setup-node@v4": async ({ inputs }) => {
      known("actions/setup-node", inputs, ["node-version", "cache"]);
      if (!inputs["node-version"]) throw new Error("actions/setup-node: node-version is missing");
      return { outcome: "success", log: `local: node ${process.version} (the workflow asks for ${inputs["node-version"]})` };
    },
    "aws-actions/configure-aws-credentials@v4": async ({ inputs }) => {
      known("aws-actions/configure-aws-credentials", inputs, ["role-to-assume", "aws-region"]);
      if (!inputs["role-to-assume"] || !inputs["aws-region"]) {
        return { outcome: "failure", log: "role-to-assume and aws-region must be set (vars.AWS_ROLE_ARN, vars.AWS_REGION)" };
      }
      return { outcome: "success", exportEnv: { ...awsEnv, AWS_REGION: inputs["aws-region"], AWS_DEFAULT_REGION: inputs["aws-region"] } };
    },
    "pulumi/actions@v6": pulumiAction,
    "marocchino/sticky-pull-request-comment@v2": async ({ inputs, workspace }): Promise<ActionResult> => {
      known("marocchino/sticky-pull-request-comment", inputs, ["header", "path"]);
      const body = fs.readFileSync(path.resolve(workspace, inputs.path!), "utf8");
      if (body.length > githubCommentLimit)
        return { outcome: "failure", log: `the comment has ${body.length} characters; GitHub takes at most ${githubCommentLimit}` };
      if (body.trim() === "") return { outcome: "failure", log: "the comment is empty" };
      comments.set(inputs.header ?? "", body);
      return { outcome: "success" };
    },
  };

  const runReplacements: Record<string, LocalStep> = {
    "npm ci": async ({ workspace }) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(workspace, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      if (!manifest.dependencies?.["pulumi-sendmailos"])
        return { outcome: "failure", log: "package.json does not depend on pulumi-sendmailos" };
      const installed = path.join(workspace, "node_modules", "pulumi-sendmailos", "package.json");
      if (!fs.existsSync(installed)) return { outcome: "failure", log: `${installed} is missing` };
      return { outcome: "success", log: "local: node_modules is this repository's (pulumi-sendmailos built here)" };
    },
  };
  return { actions, runReplacements, comments };
}
