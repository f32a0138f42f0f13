#!/usr/bin/env node
// @ts-check
/*
 * Makes every `bin` of package.json executable after a build. The bins are committed files in bin/ (so that npm
 * links them before dist/ exists); their executable bit is kept by git, but not by every way of copying a
 * checkout, and a bin without it answers "Permission denied" through the repository's own self-link.
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
