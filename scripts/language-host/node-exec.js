// @ts-check
/*
 * Finding what a program or plugin runs on: the node executable, and modules of @pulumi/pulumi resolved from
 * the program's own folder (so that each program runs with the SDK it installed, as upstream does).
 */
"use strict";

const fs = require("fs");
const path = require("path");

/**
 * The node executable: the first `node` on PATH, like upstream (exec.LookPath), else the node running the host.
 * @returns {string}
 */
function findNode() {
  const exe = process.platform === "win32" ? "node.exe" : "node";
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, exe);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // keep looking
    }
  }
  return process.execPath;
}

/** A module that a program or plugin needs could not be found from its folder. */
class ModuleNotInstalledError extends Error {
  /**
   * @param {string} id the module
   * @param {string} directory where it was looked up
   * @param {string} what whose dependencies these are ("program", "plugin", "policy pack")
   */
  constructor(id, directory, what) {
    super(
      `It looks like the ${what}'s dependencies are not installed: cannot find module '${id}' from ` +
        `${directory}. Run 'npm install' there (this language host does not install dependencies).`,
    );
    this.name = "ModuleNotInstalledError";
  }
}

/**
 * Resolves a module from a program's or plugin's folder.
 * @param {string} id
 * @param {string} directory
 * @param {string} what whose dependencies these are, for the error message
 * @returns {string} the module's file
 * @throws {ModuleNotInstalledError} when it is not installed there
 */
function resolveFrom(id, directory, what) {
  try {
    return require.resolve(id, { paths: [directory] });
  } catch (err) {
    if (err && /** @type {NodeJS.ErrnoException} */ (err).code === "MODULE_NOT_FOUND") {
      throw new ModuleNotInstalledError(id, directory, what);
    }
    throw err;
  }
}

module.exports = { findNode, resolveFrom, ModuleNotInstalledError };
