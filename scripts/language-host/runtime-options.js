// @ts-check
/*
 * Reads what the CLI tells us about a program: the ProgramInfo message (directories, entry point) and the
 * `runtime.options` of Pulumi.yaml (typescript, tsconfig, nodeargs), with upstream's defaults and checks.
 */
"use strict";

/** @param {any} info a ProgramInfo message or undefined */
function programInfoOf(info, fallbackDir, fallbackEntry) {
    const programDirectory = (info && info.getProgramDirectory()) || fallbackDir || process.cwd();
    const rootDirectory = (info && info.getRootDirectory()) || programDirectory;
    const entryPoint = (info && info.getEntryPoint()) || fallbackEntry || ".";
    const optionsStruct = info && info.getOptions();
    const options = optionsStruct ? optionsStruct.toJavaScript() : {};
    return { programDirectory, rootDirectory, entryPoint, options };
}

/** Upstream semantics: typescript defaults to true; tsconfig, nodeargs are strings. */
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

/** Minimal shell-like word splitting for the `nodeargs` option (quotes and backslashes). */
function splitWords(s) {
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
