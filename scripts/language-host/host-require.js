// @ts-check
/*
 * Loads the host's own dependencies: @grpc/grpc-js and the generated gRPC stubs that ship inside @pulumi/pulumi,
 * resolved from this repository's node_modules (not from the program's). Exits the process with an actionable
 * message when they are missing, because without them the host can do nothing.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { HOST_NAME, messageOf } = require("./log");

/**
 * The loaded dependencies, typed by the declarations that ship with them.
 * @typedef {object} HostDependencies
 * @property {typeof import("@grpc/grpc-js")} grpc the grpc-js instance the stubs use
 * @property {typeof import("@pulumi/pulumi/proto/language_pb")} langproto LanguageRuntime messages
 * @property {typeof import("@pulumi/pulumi/proto/language_grpc_pb")} langrpc LanguageRuntime service
 * @property {typeof import("@pulumi/pulumi/proto/analyzer_pb")} analyzerproto Analyzer messages (policy packs)
 * @property {typeof import("@pulumi/pulumi/proto/analyzer_grpc_pb")} analyzerrpc Analyzer service and client
 * @property {typeof import("@pulumi/pulumi/proto/plugin_pb")} plugproto PluginInfo and dependency messages
 * @property {typeof import("google-protobuf/google/protobuf/empty_pb")} emptyproto Empty, from the stubs' copy
 * @property {string} sdkVersion the SDK's version, which the host reports as its own
 */

/** @returns {HostDependencies} */
function load() {
  const sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [__dirname] }));
  /** Resolves from the SDK's folder, so that we get the very instances its stubs use. */
  const fromSdk = (/** @type {string} */ id) => require(require.resolve(id, { paths: [sdkDir] }));
  return {
    grpc: fromSdk("@grpc/grpc-js"),
    langproto: fromSdk("@pulumi/pulumi/proto/language_pb"),
    langrpc: fromSdk("@pulumi/pulumi/proto/language_grpc_pb"),
    analyzerproto: fromSdk("@pulumi/pulumi/proto/analyzer_pb"),
    analyzerrpc: fromSdk("@pulumi/pulumi/proto/analyzer_grpc_pb"),
    plugproto: fromSdk("@pulumi/pulumi/proto/plugin_pb"),
    // instanceof checks in the stubs' serializers need the google-protobuf copy that the stubs load.
    emptyproto: fromSdk("google-protobuf/google/protobuf/empty_pb"),
    sdkVersion: JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8")).version,
  };
}

/**
 * The dependencies, or the process exits with a message that says what to run.
 * @returns {HostDependencies}
 */
function loadOrExit() {
  try {
    return load();
  } catch (err) {
    process.stderr.write(
      `${HOST_NAME}: cannot load @pulumi/pulumi and @grpc/grpc-js from ${path.resolve(__dirname, "../..")}` +
        `/node_modules: ${messageOf(err)}\n` +
        `${HOST_NAME}: run 'npm install' in that repository first.\n`,
    );
    return process.exit(1);
  }
}

module.exports = loadOrExit();
