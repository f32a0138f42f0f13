/**
 * Projects that use the native provider plugin: the plugin is found through `plugins.providers[].path` in
 * Pulumi.yaml, pointing at the repository's `bin/` (which holds `pulumi-resource-sendmailos`), as a user
 * would point at `node_modules/pulumi-sendmailos/bin`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";
import { PulumiProject, type ProjectOptions } from "./harness";

/** The directory that holds the plugin executable. */
export function pluginDir(): string {
  return path.join(repoRoot(), "bin");
}

/** A temp project whose Pulumi.yaml finds the native plugin in this repository. */
export async function createNativeProject(options: ProjectOptions): Promise<PulumiProject> {
  const project = await PulumiProject.create(options);
  fs.appendFileSync(
    path.join(project.projectDir, "Pulumi.yaml"),
    ["plugins:", "  providers:", "    - name: sendmailos", `      path: ${JSON.stringify(pluginDir())}`, ""].join("\n"),
  );
  return project;
}
