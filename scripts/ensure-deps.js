#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (npm's pre-scripts) so that both work on a fresh clone: when
 * node_modules is missing or older than package-lock.json, or a bin of this package has no working link in
 * node_modules/.bin (a checkout installed before the bin moved keeps a dangling link, and the lock file did
 * not change), it runs `npm ci`. Plain JavaScript because nothing is installed or built yet when it runs.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const installed = path.join(root, "node_modules", ".package-lock.json");
const lock = path.join(root, "package-lock.json");

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** This package's bins whose node_modules/.bin link is missing or points at nothing. */
function brokenBinLinks() {
  const { bin = {} } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  // existsSync follows the link, so a dangling one counts as missing.
  return Object.keys(bin).filter((name) => !fs.existsSync(path.join(root, "node_modules", ".bin", name)));
}

/** Why node_modules must be installed again, or undefined when it is current. */
function reasonToInstall() {
  const installedAt = mtime(installed);
  const lockedAt = mtime(lock);
  if (installedAt === undefined) return "node_modules is missing";
  if (lockedAt !== undefined && installedAt < lockedAt) return "package-lock.json changed";
  const broken = brokenBinLinks();
  if (broken.length > 0) return `node_modules/.bin has no working link for ${broken.join(", ")}`;
  return undefined;
}

const reason = reasonToInstall();
if (reason === undefined) process.exit(0);

process.stderr.write(`${reason}: running npm ci\n`);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
