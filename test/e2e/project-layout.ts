/**
 * The folders of one end-to-end project: the Pulumi project (a JavaScript or a Pulumi YAML program), its
 * own PULUMI_HOME and its own file backend, all inside one temp folder that disposing removes.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/pulumi-offline";

/** Where a temp project keeps what. */
export interface ProjectFolders {
  /** Holds everything below. */
  tempDir: string;
  /** Pulumi.yaml (for JavaScript also package.json, index.js and a node_modules link). */
  projectDir: string;
  /** PULUMI_HOME: plugins and credentials of this project only. */
  pulumiHome: string;
  /** The file backend's state. */
  backendDir: string;
}

/** The folders inside a temp folder. */
export function projectFolders(tempDir: string): ProjectFolders {
  return {
    tempDir,
    projectDir: path.join(tempDir, "project"),
    pulumiHome: path.join(tempDir, "home"),
    backendDir: path.join(tempDir, "state"),
  };
}

/** Creates the folders (empty). */
export async function makeFolders(folders: ProjectFolders): Promise<void> {
  for (const dir of [folders.projectDir, folders.pulumiHome, folders.backendDir]) {
    await fs.promises.mkdir(dir, { recursive: true });
  }
}

/**
 * Writes a Node.js project named `name` whose program is `programJs` into the (existing) project folder. Its
 * node_modules links to the repository's, so `require("@pulumi/pulumi")` and `require("pulumi-sendmailos")`
 * (the package's self-link; needs `npm run build`) work as in a user's project.
 */
export async function layOutNodeProject(folders: ProjectFolders, name: string, programJs: string): Promise<void> {
  const nodeModules = path.join(repoRoot(), "node_modules");
  if (!fs.existsSync(path.join(nodeModules, "@pulumi", "pulumi"))) {
    throw new Error(`e2e harness: ${nodeModules}/@pulumi/pulumi is missing: run 'npm ci' first`);
  }
  const yaml = [
    `name: ${name}`,
    "description: temporary project of an end-to-end test",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: false", // a JavaScript program: no ts-node to load
    "",
  ].join("\n");
  await fs.promises.writeFile(path.join(folders.projectDir, "Pulumi.yaml"), yaml);
  await fs.promises.writeFile(
    path.join(folders.projectDir, "package.json"),
    JSON.stringify({ name, private: true, main: "index.js" }, null, 2) + "\n",
  );
  await fs.promises.writeFile(path.join(folders.projectDir, "index.js"), programJs);
  await fs.promises.symlink(nodeModules, path.join(folders.projectDir, "node_modules"), "dir");
}

/** Writes a Pulumi YAML project: its whole Pulumi.yaml. Refuses when `binDir` has no YAML language host. */
export async function layOutYamlProject(folders: ProjectFolders, binDir: string, programYaml: string): Promise<void> {
  if (!fs.existsSync(path.join(binDir, "pulumi-language-yaml"))) {
    throw new Error(
      `${binDir} has no pulumi-language-yaml: run 'bash scripts/ensure-pulumi.sh' (it builds it), ` +
        "or point PULUMI_BIN_DIR at the directory it prints",
    );
  }
  await fs.promises.writeFile(path.join(folders.projectDir, "Pulumi.yaml"), programYaml);
}
