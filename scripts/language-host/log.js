// @ts-check
/*
 * The host's name and its debug output. Kept apart so that every module reports under the same name and
 * honours the same verbosity without importing the entry point.
 */
"use strict";

/** The name the CLI knows us by; every message of the host starts with it. */
const HOST_NAME = "pulumi-language-nodejs";

let debugEnabled = false;

/**
 * Turns debug output on for `-v=5` and above (the CLI's "debug" level) or PULUMI_LANGUAGE_HOST_DEBUG.
 * Called once by main.js after parsing the command line.
 * @param {number} verbose the `-v` level
 */
function configureDebug(verbose) {
  debugEnabled = verbose >= 5 || !!process.env.PULUMI_LANGUAGE_HOST_DEBUG;
}

/**
 * Writes a debug line to stderr when debug output is on; the CLI shows it as plugin output.
 * @param {string} msg
 */
function debug(msg) {
  if (debugEnabled) {
    process.stderr.write(`${HOST_NAME}: ${msg}\n`);
  }
}

/**
 * The message of anything thrown, for error texts (a thrown non-Error is shown as it is).
 * @param {unknown} err
 * @returns {string}
 */
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

module.exports = { HOST_NAME, configureDebug, debug, messageOf };
