/**
 * Plugin folders for the language host's tests (here and in test/e2e): a CrossGuard policy pack and a resource
 * provider run from `PulumiPlugin.yaml`, both started by the host's RunPlugin. Each folder's node_modules links to
 * the repository's, where @pulumi/pulumi and @pulumi/policy are installed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../../scripts/pulumi-offline";

/** Name of the fixture policy pack, as the engine reports it. */
export const POLICY_PACK_NAME = "lh-guard";

/**
 * A policy pack with one mandatory and one advisory policy over resources with a `domain` property:
 * - `reserved-suffix` (mandatory): the domain must not end in the stack config `guard:reservedSuffix`. Its message
 *   names the stack and the stack tag `team`, which reach the pack only through the host's policy proxy
 *   (PULUMI_NODEJS_STACK / PULUMI_CONFIG at start, ConfigureStack forwarded for the tags).
 * - `wait-enabled` (advisory): `waitSeconds` must not be 0.
 * It prints its pid on stderr, so that tests can see it stop.
 */
const POLICY_PACK = String.raw`"use strict";
const pulumi = require("@pulumi/pulumi");
const { PolicyPack } = require("@pulumi/policy");

console.error("policy pack pid " + process.pid);

new PolicyPack("${POLICY_PACK_NAME}", {
    policies: [
        {
            name: "reserved-suffix",
            description: "Domains must not use the reserved suffix of the stack.",
            enforcementLevel: "mandatory",
            validateResource: (args, reportViolation) => {
                const domain = args.props.domain;
                if (typeof domain !== "string") return;
                const suffix = new pulumi.Config("guard").get("reservedSuffix");
                if (suffix === undefined) {
                    reportViolation("guard:reservedSuffix is not set: the stack configuration did not reach the policy pack");
                } else if (domain.endsWith(suffix)) {
                    reportViolation(domain + " ends in the reserved suffix " + suffix + " (stack " + pulumi.getStack() +
                        ", team " + (args.stackTags.get("team") || "none") + ")");
                }
            },
        },
        {
            name: "wait-enabled",
            description: "Verification waits should stay on.",
            enforcementLevel: "advisory",
            validateResource: (args, reportViolation) => {
                if (args.props.waitSeconds === 0) {
                    reportViolation("verification wait is disabled for " + args.props.domain);
                }
            },
        },
    ],
});
`;

/** Token of the fixture provider's one resource type. */
export const FILE_RESOURCE_TYPE = "tinyfile:index:File";

/**
 * A resource provider on `@pulumi/pulumi/provider`'s `main`: `tinyfile:index:File` writes a file into the
 * provider's working directory (the CLI's, which RunPlugin must give it) on create and removes it on delete. Its
 * outputs tell where and how it ran (working directory, arguments), and each start leaves `provider-<pid>.pid`
 * there, so that tests can see every provider process stop.
 */
const FILE_PROVIDER = String.raw`"use strict";
const fs = require("fs");
const path = require("path");
const { main } = require("@pulumi/pulumi/provider");

fs.writeFileSync("provider-" + process.pid + ".pid", String(process.pid));

main({
    version: "0.0.1",
    async check(urn, olds, news) {
        return { inputs: news };
    },
    async create(urn, inputs) {
        const file = path.resolve(inputs.fileName);
        fs.writeFileSync(file, inputs.content);
        return {
            id: file,
            outs: { fileName: inputs.fileName, content: inputs.content, cwd: process.cwd(), args: process.argv.slice(2) },
        };
    },
    async delete(id) {
        fs.rmSync(id);
    },
}, process.argv.slice(2));
`;

/** Writes files into a new folder whose node_modules links to the repository's. */
function writeFolder(dir: string, files: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.symlinkSync(path.join(repoRoot(), "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

/** Lays out the policy pack (PulumiPolicy.yaml, runtime nodejs) in `dir`; returns `dir`. */
export function writePolicyPack(dir: string): string {
  return writeFolder(dir, {
    "PulumiPolicy.yaml": "runtime: nodejs\ndescription: policy pack of the language host tests\n",
    "package.json": JSON.stringify({ name: POLICY_PACK_NAME, version: "0.0.1", private: true, main: "index.js" }, null, 2),
    "index.js": POLICY_PACK,
  });
}

/** Lays out the provider (PulumiPlugin.yaml, runtime nodejs, no executable) in `dir`; returns `dir`. */
export function writeFileProvider(dir: string): string {
  return writeFolder(dir, {
    "PulumiPlugin.yaml": "runtime: nodejs\n",
    "package.json": JSON.stringify({ name: "pulumi-resource-tinyfile", version: "0.0.1", private: true, main: "index.js" }, null, 2),
    "index.js": FILE_PROVIDER,
  });
}

/** Lays out a plugin folder with any program (for the host's own tests); returns `dir`. */
export function writePluginProgram(dir: string, program: string): string {
  return writeFolder(dir, {
    "PulumiPlugin.yaml": "runtime: nodejs\n",
    "package.json": JSON.stringify({ name: "lh-test-plugin", version: "0.0.1", private: true, main: "index.js" }, null, 2),
    "index.js": program,
  });
}

/** True while a process with this pid exists. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Resolves once the process is gone; rejects after `timeoutMs` (a process that never stops is the failure
 * being tested). Polls, because a process that is not our child gives no event when it ends.
 */
export async function waitUntilGone(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`process ${pid} is still running ${timeoutMs} ms later`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
