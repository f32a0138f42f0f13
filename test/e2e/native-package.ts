/**
 * The native provider package that the tooling tests drive: its schema and its plugin.
 *
 * Today that is the toy of test/fixtures/toy-provider (a throwaway provider on @pulumi/pulumi's provider.main).
 * To test the real provider instead, describe it the same way, e.g.
 *
 *   export const SENDMAILOS_PACKAGE: NativePackage = {
 *       name: "sendmailos",
 *       schemaPath: path.join(repoRoot(), "schema.json"),
 *       pluginDir: path.join(repoRoot(), "bin"),   // the folder holding pulumi-resource-sendmailos
 *   };
 *
 * and pass it to the helpers (yaml-project.ts, generated-sdks.ts) in place of TOY_PACKAGE.
 */
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/pulumi-offline";

/** A provider package as the engine and the SDK generator see it. */
export interface NativePackage {
    /** Package name: the first part of its type tokens, and the plugin is `pulumi-resource-<name>`. */
    name: string;
    /** Absolute path of the package's schema.json. */
    schemaPath: string;
    /** Absolute path of the folder that holds the executable `pulumi-resource-<name>`. */
    pluginDir: string;
}

/** The toy package: one resource, `toy:index:Widget` (inputs name, size; output label). */
export const TOY_PACKAGE: NativePackage = {
    name: "toy",
    schemaPath: path.join(repoRoot(), "test", "fixtures", "toy-provider", "schema.json"),
    pluginDir: path.join(repoRoot(), "test", "fixtures", "toy-provider"),
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
}
