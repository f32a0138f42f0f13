/**
 * The native provider package as the SDK generator and the engine see it: its schema and the folder of its
 * plugin. The tests of generated SDKs (test/scripts/gen-sdk.test.ts) and of programs in other languages
 * (test/e2e/yaml-example.test.ts, test/e2e/go-example.test.ts) use it.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/pulumi-offline";
import { pluginDir } from "./native-project";

/** A provider package as the engine and the SDK generator see it. */
export interface NativePackage {
  /** Package name: the first part of its type tokens, and the plugin is `pulumi-resource-<name>`. */
  name: string;
  /** Absolute path of the package's schema.json. */
  schemaPath: string;
  /** Absolute path of the folder that holds the executable `pulumi-resource-<name>`. */
  pluginDir: string;
}

/** This repository's package: `provider/native/schema.json` and `bin/pulumi-resource-sendmailos`. */
export const SENDMAILOS_PACKAGE: NativePackage = {
  name: "sendmailos",
  schemaPath: path.join(repoRoot(), "provider", "native", "schema.json"),
  pluginDir: pluginDir(),
};

/** Throws an error that says what is missing when the schema or the plugin of a package cannot be used. */
export function checkNativePackage(pkg: NativePackage): void {
  if (!fs.existsSync(pkg.schemaPath)) {
    throw new Error(`native package ${pkg.name}: schema ${pkg.schemaPath} does not exist`);
  }
  const plugin = path.join(pkg.pluginDir, `pulumi-resource-${pkg.name}`);
  try {
    fs.accessSync(plugin, fs.constants.X_OK);
  } catch {
    throw new Error(`native package ${pkg.name}: ${plugin} is missing or not executable (chmod +x it)`);
  }
  // The plugin runs the compiled provider.
  const main = path.join(repoRoot(), "dist", "provider", "native", "main.js");
  if (!fs.existsSync(main)) {
    throw new Error(`native package ${pkg.name}: ${main} is missing: run 'npm run build' first`);
  }
}
