// @ts-check
/*
 * Loads the host's own dependencies: @grpc/grpc-js and the generated LanguageRuntime stubs that ship inside
 * @pulumi/pulumi, resolved from this repository's node_modules (not from the program's). Exits the process
 * with an actionable message when they are missing, because without them the host can do nothing.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { HOST_NAME } = require("./log");

/** Resolve a module from our own repository's node_modules (the host's dependencies). */
function requireFromHost(id) {
    return require(require.resolve(id, { paths: [__dirname] }));
}

let grpc;
let langproto;
let langrpc;
let plugproto;
let emptyproto;
let sdkVersion = "0.0.0";
try {
    const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [__dirname] }));
    // Use the grpc-js instance that the generated stubs use.
    grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdkDir] }));
    langproto = requireFromHost("@pulumi/pulumi/proto/language_pb");
    langrpc = requireFromHost("@pulumi/pulumi/proto/language_grpc_pb");
    plugproto = requireFromHost("@pulumi/pulumi/proto/plugin_pb");
    emptyproto = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [sdkDir] }));
    sdkVersion = JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8")).version;
} catch (err) {
    process.stderr.write(
        `${HOST_NAME}: cannot load @pulumi/pulumi and @grpc/grpc-js from ${path.resolve(__dirname, "../..")}` +
            `/node_modules: ${err && err.message}\n` +
            `${HOST_NAME}: run 'npm install' in that repository first.\n`,
    );
    process.exit(1);
}

module.exports = { grpc, langproto, langrpc, plugproto, emptyproto, sdkVersion };
