#!/usr/bin/env node
// @ts-check
/*
 * Makes every `bin` of package.json executable after a build. tsc writes dist/ without the executable bit,
 * and npm sets it only when it installs a package: without this, the repository's own self-link
 * (node_modules/.bin/sendmailos-review -> dist/review/cli.js) answers "Permission denied" after each build,
 * while the same bin installed from the tarball works.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
/** @type {{ bin?: Record<string, string> }} */
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
for (const [name, file] of Object.entries(manifest.bin ?? {})) {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) throw new Error(`bin ${name}: ${file} was not built`);
  fs.chmodSync(full, fs.statSync(full).mode | 0o111);
}
