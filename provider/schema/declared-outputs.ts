import type * as pulumi from "@pulumi/pulumi";

/**
 * The arguments plus each computed output as `undefined`, which is how a Pulumi resource declares the outputs
 * the provider will fill in (the SDK creates an unresolved `Output` for every property it is given).
 */
export function withOutputs(args: object, outputs: readonly string[]): pulumi.Inputs {
  return { ...args, ...Object.fromEntries(outputs.map((name) => [name, undefined])) };
}
