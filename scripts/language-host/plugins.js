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
 * Packages in the program's node_modules that declare a resource plugin ("pulumi": {"resource": true}), like
 * upstream but only top-level packages. Reported only when PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES=true: the CLI
 * tries to download every reported plugin it does not have (`pulumi install` does so even with
 * PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true), and the plugins of @pulumi/aws and @pulumi/cloudflare can
 * never be had offline. Not reporting them changes nothing else: the engine loads resource plugins lazily, when
 * a program registers a resource of that package.
 */
function findResourcePackages(programDirectory) {
    const packages = [];
    if (process.env.PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES !== "true") {
        return packages;
    }
    const nodeModules = path.join(programDirectory, "node_modules");
    let entries = [];
    try {
        entries = fs.readdirSync(nodeModules);
    } catch {
        return packages;
    }
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
    for (const dir of dirs) {
        let pkg;
        try {
            pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        } catch {
            continue;
        }
        const p = pkg && pkg.pulumi;
        if (!p || p.resource !== true) {
            continue;
        }
        let name = p.name;
        if (!name && typeof pkg.name === "string" && pkg.name.startsWith("@pulumi/")) {
            name = pkg.name.slice("@pulumi/".length);
        }
        const version = p.version || pkg.version;
        if (!name || !version) {
            continue;
        }
        const dep = new plugproto.PackageDependency();
        dep.setName(name);
        dep.setKind("resource");
        dep.setVersion(version.startsWith("v") ? version : `v${version}`);
        if (p.server) {
            dep.setServer(p.server);
        }
        if (p.parameterization) {
            const par = new plugproto.PackageParameterization();
            par.setName(p.parameterization.name || "");
            par.setVersion(p.parameterization.version || "");
            if (p.parameterization.value) {
                par.setValue(Buffer.from(p.parameterization.value, "base64"));
            }
            dep.setParameterization(par);
        }
        packages.push(dep);
    }
    return packages;
}

/** The same packages in the older GetRequiredPlugins shape (PluginDependency, no parameterization). */
function findResourcePlugins(programDirectory) {
    return findResourcePackages(programDirectory).map((p) => {
        const d = new plugproto.PluginDependency();
        d.setName(p.getName());
        d.setKind(p.getKind());
        d.setVersion(p.getVersion());
        d.setServer(p.getServer());
        return d;
    });
}

module.exports = { findResourcePackages, findResourcePlugins };
