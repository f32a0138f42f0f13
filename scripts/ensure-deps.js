#!/usr/bin/env node
/**
 * Runs before `npm start` and `npm test` (npm's pre-scripts) so that both work on a fresh clone: when
 * node_modules is missing or older than package-lock.json, it runs `npm ci`. Plain JavaScript because
 * nothing is installed or built yet when it runs.
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

const installedAt = mtime(installed);
const lockedAt = mtime(lock);
if (installedAt !== undefined && (lockedAt === undefined || installedAt >= lockedAt)) process.exit(0);

process.stderr.write(
  installedAt === undefined ? "node_modules is missing: running npm ci\n" : "package-lock.json changed: running npm ci\n",
);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
