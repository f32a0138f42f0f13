// @ts-check
/*
 * Reads what the CLI tells us about a program or plugin: the ProgramInfo message (directories, entry point) and
 * the `runtime.options` of Pulumi.yaml / PulumiPlugin.yaml / PulumiPolicy.yaml (typescript, tsconfig, nodeargs),
 * with upstream's defaults and checks.
 */
"use strict";

/**
 * Where a program lives and how to run it.
 * @typedef {object} ProgramLocation
 * @property {string} programDirectory the folder with the program's package.json
 * @property {string} rootDirectory the folder with Pulumi.yaml (or PulumiPlugin.yaml)
 * @property {string} entryPoint the program's entry, relative to programDirectory ("." for package.json's main)
 * @property {Record<string, unknown>} options the project's `runtime.options`
 */

/**
 * The ProgramInfo of a request, with the fallbacks of older requests that had no ProgramInfo.
 * @param {import("@pulumi/pulumi/proto/language_pb").ProgramInfo | undefined} info
 * @param {string} [fallbackDir] the request's pwd or directory (older CLIs)
 * @param {string} [fallbackEntry] the request's program (older CLIs)
 * @returns {ProgramLocation}
 */
function programInfoOf(info, fallbackDir, fallbackEntry) {
  const programDirectory = (info && info.getProgramDirectory()) || fallbackDir || process.cwd();
  const rootDirectory = (info && info.getRootDirectory()) || programDirectory;
  const entryPoint = (info && info.getEntryPoint()) || fallbackEntry || ".";
  const optionsStruct = info && info.getOptions();
  const options = optionsStruct ? /** @type {Record<string, unknown>} */ (optionsStruct.toJavaScript()) : {};
  return { programDirectory, rootDirectory, entryPoint, options };
}

/**
 * The runtime options this host honours.
 * @typedef {object} RuntimeOptions
 * @property {boolean} typescript run the program through ts-node (default true, like upstream)
 * @property {string} tsconfig a tsconfig path for ts-node; empty for the default
 * @property {string} nodeargs extra arguments for node, as one shell-like string
 */

/**
 * Upstream semantics: typescript defaults to true; tsconfig and nodeargs are strings. Other options
 * (packagemanager, ...) do not concern this host and are ignored, as upstream ignores options it does not know.
 * @param {Record<string, unknown>} options
 * @returns {RuntimeOptions}
 * @throws {Error} naming the option when one has the wrong type
 */
function parseOptions(options) {
  const out = { typescript: true, tsconfig: "", nodeargs: "" };
  if (options.typescript !== undefined) {
    if (typeof options.typescript !== "boolean") {
      throw new Error("typescript option must be a boolean");
    }
    out.typescript = options.typescript;
  }
  if (options.tsconfig !== undefined) {
    if (typeof options.tsconfig !== "string") {
      throw new Error("tsconfig option must be a string");
    }
    out.tsconfig = options.tsconfig;
  }
  if (options.nodeargs !== undefined) {
    if (typeof options.nodeargs !== "string") {
      throw new Error("nodeargs option must be a string");
    }
    out.nodeargs = options.nodeargs;
  }
  return out;
}

/**
 * Shell-like word splitting for the `nodeargs` option (quotes and backslashes), as upstream's shlex.Split.
 * @param {string} s
 * @returns {string[]}
 * @throws {Error} on an unterminated quote
 */
function splitWords(s) {
  /** @type {string[]} */
  const words = [];
  let cur = "";
  let has = false;
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) {
        quote = "";
      } else if (c === "\\" && quote === '"' && i + 1 < s.length) {
        cur += s[++i];
      } else {
        cur += c;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === "\\" && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) {
        words.push(cur);
      }
      cur = "";
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) {
    throw new Error(`unterminated quote in nodeargs: ${s}`);
  }
  if (has) {
    words.push(cur);
  }
  return words;
}

module.exports = { programInfoOf, parseOptions, splitWords };
