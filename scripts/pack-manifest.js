#!/usr/bin/env node
/**
 * Keeps what users install clean: `npm pack` and `npm publish` copy package.json as it is on disk, with its
 * devDependencies, and ours hold the self-link `"pulumi-sendmailos": "file:."` (it lets the in-repository
 * Pulumi projects resolve the package by name, as users' projects do). `prepack` runs `strip` after the
 * build, which saves package.json and writes it without that entry; `postpack` runs `restore`, which puts
 * the saved file back byte for byte. A pack that died between the two leaves the saved copy behind: the next
 * `strip` or `restore` puts it back first, so the self-link is never lost.
 *
 * Usage: node scripts/pack-manifest.js strip|restore. Plain JavaScript: it runs where nothing is built.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const manifest = path.join(root, "package.json");
const saved = path.join(root, ".cache", "pack-manifest", "package.json");

/** Puts the saved package.json back, if a copy is saved; returns whether it did. */
function restore() {
  if (!fs.existsSync(saved)) return false;
  fs.copyFileSync(saved, manifest);
  fs.rmSync(saved);
  return true;
}

/** Saves package.json, then writes it without the dev self-dependency. */
function strip() {
  if (restore()) process.stderr.write("pack-manifest: restored package.json left by an interrupted pack\n");
  const text = fs.readFileSync(manifest, "utf8");
  const pkg = JSON.parse(text);
  const dev = pkg.devDependencies ?? {};
  if (!(pkg.name in dev)) return;
  fs.mkdirSync(path.dirname(saved), { recursive: true });
  fs.writeFileSync(saved, text);
  delete dev[pkg.name];
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
  fs.writeFileSync(manifest, JSON.stringify(pkg, null, indent) + (text.endsWith("\n") ? "\n" : ""));
}

const command = process.argv[2];
if (command === "strip") strip();
else if (command === "restore") restore();
else {
  process.stderr.write("usage: node scripts/pack-manifest.js strip|restore\n");
  process.exit(2);
}
