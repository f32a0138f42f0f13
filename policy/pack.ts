/**
 * The SendMailOS policy pack: `pulumi preview --policy-pack node_modules/pulumi-sendmailos/policy-pack` runs
 * this module (through `policy-pack/index.js`). The policies are in `policies.ts`.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

/** The pack's name, as `pulumi preview` reports it. */
export const policyPackName = "sendmailos";

new PolicyPack(policyPackName, { policies });
