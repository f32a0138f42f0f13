// @ts-check
/*
 * The host's name and its debug output. Kept apart so that every module reports under the same name and
 * honours the same verbosity without importing the entry point.
 */
"use strict";

const HOST_NAME = "pulumi-language-nodejs";

let debugEnabled = false;

/** Called once by main.js after parsing the command line (`-v=N`). */
function configureDebug(verbose) {
    debugEnabled = verbose >= 5 || !!process.env.PULUMI_LANGUAGE_HOST_DEBUG;
}

function debug(msg) {
    if (debugEnabled) {
        process.stderr.write(`${HOST_NAME}: ${msg}\n`);
    }
}

module.exports = { HOST_NAME, configureDebug, debug };
