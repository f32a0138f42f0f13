/**
 * `pulumi-sendmailos/sdk`: a typed SendMailOS API client with no Pulumi inside.
 * @packageDocumentation
 */
export * from "./wire";
