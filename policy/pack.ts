/**
 * The SendMailOS policy pack: `pulumi preview --policy-pack node_modules/pulumi-sendmailos/policy-pack` runs
 * this module (through `policy-pack/index.js`). The policies are in `policies.ts`.
 */
import type * as PolicySdk from "@pulumi/policy";
import { policies } from "./policies";

/** The range of `@pulumi/policy` the pack is tested with (an optional peer dependency of the package). */
const policySdkRange = "^1.21.0";

/**
 * `@pulumi/policy`, from the project that runs the pack. It is an optional peer: only those who run the pack
 * install it, so a missing one is said in one line with the command that installs it.
 */
function loadPolicySdk(): typeof PolicySdk {
  try {
    return require("@pulumi/policy") as typeof PolicySdk;
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (code !== "MODULE_NOT_FOUND" || typeof message !== "string" || !message.includes("'@pulumi/policy'")) throw error;
    throw new Error(
      `The SendMailOS policy pack needs @pulumi/policy ${policySdkRange}, which is not installed. ` +
        `Run \`npm install --save-dev @pulumi/policy@${policySdkRange}\` in the project that runs \`pulumi preview --policy-pack\`.`,
    );
  }
}

/** The pack's name, as `pulumi preview` reports it. */
export const policyPackName = "sendmailos";

new (loadPolicySdk().PolicyPack)(policyPackName, { policies });
