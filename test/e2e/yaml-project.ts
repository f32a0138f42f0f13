/**
 * Temp projects with `runtime: yaml`, run by the real CLI and the pulumi-language-yaml host that
 * scripts/ensure-pulumi.sh builds beside it. A layout for harness.ts's PulumiProject: same command API and
 * offline environment (own PULUMI_HOME, file backend, passphrase, no downloads), a YAML Pulumi.yaml instead
 * of a JavaScript program.
 *
 *   const project = await createYamlProject({ program: "resources: ...", providers: [TOY_PACKAGE], config });
 *   try { await project.up(); ... } finally { await project.dispose(); }
 */
import * as fs from "fs";
import * as path from "path";
import { getPulumiBinDir } from "../../scripts/pulumi-offline";
import { PulumiProject, type ConfigValue } from "./harness";
import type { NativePackage } from "./native-package";

/** A YAML project. */
export interface YamlProjectOptions {
  /** Project name. @default "yaml-e2e" */
  name?: string;
  /** The rest of Pulumi.yaml after `name` and `runtime`: config, variables, resources, outputs (YAML text). */
  program: string;
  /** Provider plugins the engine finds through `plugins.providers[].path`. */
  providers?: NativePackage[];
  /** Stack configuration; keys without a namespace belong to the project. */
  config?: Record<string, ConfigValue>;
}

/** Writes Pulumi.yaml into a new temp project, creates the stack and sets the config. */
export async function createYamlProject(opts: YamlProjectOptions): Promise<PulumiProject> {
  const binDir = await getPulumiBinDir();
  if (!fs.existsSync(path.join(binDir, "pulumi-language-yaml"))) {
    throw new Error(
      `${binDir} has no pulumi-language-yaml: run 'bash scripts/ensure-pulumi.sh' (it builds it), ` +
        "or point PULUMI_BIN_DIR at the directory it prints",
    );
  }
  return PulumiProject.create({
    name: opts.name ?? "yaml-e2e",
    config: opts.config,
    layOut: (folders, name) => fs.promises.writeFile(path.join(folders.projectDir, "Pulumi.yaml"), pulumiYaml(name, opts)),
  });
}

function pulumiYaml(name: string, opts: YamlProjectOptions): string {
  const providers = opts.providers ?? [];
  const plugins = providers.length
    ? ["plugins:", "  providers:", ...providers.flatMap((p) => [`    - name: ${p.name}`, `      path: ${JSON.stringify(p.pluginDir)}`])]
    : [];
  return [`name: ${name}`, "runtime: yaml", ...plugins, opts.program.trim(), ""].join("\n");
}
