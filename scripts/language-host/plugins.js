// @ts-check
/*
 * GetRequiredPlugins / GetRequiredPackages: which resource plugins the program's installed packages need.
 * Off unless PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES=true (see findResourcePackages for why).
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { plugproto } = require("./host-require");

/**
 * A resource plugin that an installed package declares.
 * @typedef {object} ResourcePackage
 * @property {string} name the plugin's name (e.g. "aws")
 * @property {string} version with a leading "v", as the CLI expects
 * @property {string} server a download URL; empty for the default
 * @property {{ name: string, version: string, value: Buffer | undefined } | undefined} parameterization
 */

/**
 * The resource plugin a package.json declares with `"pulumi": {"resource": true}`, as upstream reads it: the
 * name defaults to the package name without its `pulumi` scope, the version to the package's.
 * @param {unknown} pkg a parsed package.json
 * @returns {ResourcePackage | undefined} undefined when the package declares none (or not enough to name it)
 */
function resourcePackageOf(pkg) {
  if (!pkg || typeof pkg !== "object") {
    return undefined;
  }
  const p = /** @type {{ pulumi?: Record<string, any>, name?: unknown, version?: unknown }} */ (pkg);
  const pulumi = p.pulumi;
  if (!pulumi || pulumi.resource !== true) {
    return undefined;
  }
  let name = typeof pulumi.name === "string" ? pulumi.name : "";
  if (!name && typeof p.name === "string" && p.name.startsWith("@pulumi/")) {
    name = p.name.slice("@pulumi/".length);
  }
  const version = typeof pulumi.version === "string" && pulumi.version ? pulumi.version : typeof p.version === "string" ? p.version : "";
  if (!name || !version) {
    return undefined;
  }
  const par = pulumi.parameterization;
  return {
    name,
    version: version.startsWith("v") ? version : `v${version}`,
    server: typeof pulumi.server === "string" ? pulumi.server : "",
    parameterization: par
      ? {
          name: par.name || "",
          version: par.version || "",
          value: par.value ? Buffer.from(par.value, "base64") : undefined,
        }
      : undefined,
  };
}

/**
 * The top-level package folders of a node_modules folder (scoped ones included); none when it does not exist.
 * @param {string} nodeModules
 * @returns {string[]}
 */
function packageFolders(nodeModules) {
  /** @type {string[]} */
  let entries;
  try {
    entries = fs.readdirSync(nodeModules);
  } catch {
    return [];
  }
  /** @type {string[]} */
  const dirs = [];
  for (const e of entries) {
    if (e.startsWith(".")) {
      continue;
    }
    if (e.startsWith("@")) {
      try {
        for (const s of fs.readdirSync(path.join(nodeModules, e))) {
          dirs.push(path.join(nodeModules, e, s));
        }
      } catch {
        // not a directory
      }
    } else {
      dirs.push(path.join(nodeModules, e));
    }
  }
  return dirs;
}

/**
 * Packages in the program's node_modules that declare a resource plugin, like upstream but only top-level
 * packages. Reported only when PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES=true: the CLI tries to download every
 * reported plugin it does not have (`pulumi install` does so even with PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true),
 * and the AWS and Cloudflare plugins can never be had offline. Not reporting them changes
 * nothing else: the engine loads resource plugins lazily, when a program registers a resource of that package.
 * @param {string} programDirectory
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {ResourcePackage[]}
 */
function scanResourcePackages(programDirectory, env = process.env) {
  if (env.PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES !== "true") {
    return [];
  }
  /** @type {ResourcePackage[]} */
  const found = [];
  for (const dir of packageFolders(path.join(programDirectory, "node_modules"))) {
    let pkg;
    try {
      pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    const declared = resourcePackageOf(pkg);
    if (declared) {
      found.push(declared);
    }
  }
  return found;
}

/**
 * The resource packages as GetRequiredPackages answers them.
 * @param {string} programDirectory
 * @returns {import("@pulumi/pulumi/proto/plugin_pb").PackageDependency[]}
 */
function findResourcePackages(programDirectory) {
  return scanResourcePackages(programDirectory).map((p) => {
    const dep = new plugproto.PackageDependency();
    dep.setName(p.name);
    dep.setKind("resource");
    dep.setVersion(p.version);
    dep.setServer(p.server);
    if (p.parameterization) {
      const par = new plugproto.PackageParameterization();
      par.setName(p.parameterization.name);
      par.setVersion(p.parameterization.version);
      if (p.parameterization.value) {
        par.setValue(p.parameterization.value);
      }
      dep.setParameterization(par);
    }
    return dep;
  });
}

/**
 * The same packages in the older GetRequiredPlugins shape (PluginDependency, no parameterization).
 * @param {string} programDirectory
 * @returns {import("@pulumi/pulumi/proto/plugin_pb").PluginDependency[]}
 */
function findResourcePlugins(programDirectory) {
  return scanResourcePackages(programDirectory).map((p) => {
    const d = new plugproto.PluginDependency();
    d.setName(p.name);
    d.setKind("resource");
    d.setVersion(p.version);
    d.setServer(p.server);
    return d;
  });
}

module.exports = { findResourcePackages, findResourcePlugins, scanResourcePackages, resourcePackageOf };
