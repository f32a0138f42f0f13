/**
 * The two functions of js-yaml (4.x) that the GitOps tests use to read and write workflow and stack files. js-yaml is a
 * dependency of @pulumi/pulumi (its Automation API reads stack files with it) and ships no types.
 */
declare module "js-yaml" {
  /** Parses one YAML document. */
  export function load(text: string): unknown;
  /** Writes a value as YAML. */
  export function dump(value: unknown, options?: { lineWidth?: number; noRefs?: boolean }): string;
}
