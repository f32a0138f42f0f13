// @ts-check
/*
 * The `pulumirpc.LanguageRuntime` service: one handler per RPC, each translating the request into calls of the
 * other modules and their results into the response messages. The real work lives in program-run.js (Run),
 * plugin-run.js (RunPlugin), plugins.js (GetRequiredPlugins/Packages) and runtime-options.js (ProgramInfo).
 *
 * The service owns the engine address: it starts as the command line's and Handshake may replace it; Run gets
 * the value current at the time of the call.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { grpc, langproto, plugproto, emptyproto, sdkVersion } = require("./host-require");
const { HOST_NAME, debug, messageOf } = require("./log");
const { programInfoOf } = require("./runtime-options");
const { runProgram } = require("./program-run");
const { runPlugin } = require("./plugin-run");
const { findNode } = require("./node-exec");
const { programs } = require("./child-processes");
const { findResourcePackages, findResourcePlugins } = require("./plugins");
const { grpcError, failStream } = require("./rpc-errors");

/** @typedef {import("@pulumi/pulumi/proto/language_grpc_pb").ILanguageRuntimeServer} LanguageRuntimeServer */

/**
 * The handlers of the LanguageRuntime service. Not implemented (grpc-js answers UNIMPLEMENTED, which the CLI
 * treats as "not supported"): GenerateProgram, GenerateProject, GeneratePackage, Pack, Link, Template.
 * @param {{ engineAddress: string, tracing: string }} start the command line's engine address and tracing endpoint
 * @returns {Partial<LanguageRuntimeServer>}
 */
function createLanguageRuntime(start) {
  let engineAddress = start.engineAddress;
  const tracing = start.tracing;

  return {
    handshake(call, callback) {
      const address = call.request.getEngineAddress();
      if (address) {
        engineAddress = address;
      }
      callback(null, new langproto.LanguageHandshakeResponse());
    },

    getPluginInfo(_call, callback) {
      const resp = new plugproto.PluginInfo();
      resp.setVersion(sdkVersion);
      callback(null, resp);
    },

    getRequiredPlugins(call, callback) {
      const req = call.request;
      const info = programInfoOf(req.getInfo(), req.getPwd(), req.getProgram());
      const resp = new langproto.GetRequiredPluginsResponse();
      resp.setPluginsList(findResourcePlugins(info.programDirectory));
      callback(null, resp);
    },

    getRequiredPackages(call, callback) {
      const info = programInfoOf(call.request.getInfo());
      const resp = new langproto.GetRequiredPackagesResponse();
      resp.setPackagesList(findResourcePackages(info.programDirectory));
      callback(null, resp);
    },

    run(call, callback) {
      // The CLI ends the call early when it gives up on the program: the program is stopped then.
      const ended = new AbortController();
      call.on("cancelled", () => ended.abort());
      runProgram(call.request, { engineAddress, tracing }, ended.signal).then(
        (resp) => callback(null, resp),
        (err) => callback(grpcError(grpc.status.INTERNAL, err instanceof Error && err.stack ? err.stack : String(err))),
      );
    },

    runPlugin(call) {
      runPlugin(call).catch((err) => failStream(call, grpc.status.INTERNAL, `${HOST_NAME}: RunPlugin failed: ${messageOf(err)}`));
    },

    installDependencies(call) {
      const req = call.request;
      const info = programInfoOf(req.getInfo(), req.getDirectory());
      try {
        require.resolve("@pulumi/pulumi/package.json", { paths: [info.programDirectory] });
      } catch {
        failStream(
          call,
          grpc.status.FAILED_PRECONDITION,
          `@pulumi/pulumi is not installed for ${info.programDirectory}. This language host does not ` +
            `install dependencies: run 'npm install' (or 'npm ci') there.`,
        );
        return;
      }
      const msg = new langproto.InstallDependenciesResponse();
      msg.setStdout(
        Buffer.from(
          `Dependencies are managed by npm (${HOST_NAME} from pulumi-sendmailos does not install them): ` +
            `run 'npm install' in ${info.programDirectory} if they change.\n`,
        ),
      );
      call.write(msg);
      call.end();
    },

    runtimeOptionsPrompts(_call, callback) {
      callback(null, new langproto.RuntimeOptionsResponse());
    },

    about(_call, callback) {
      const resp = new langproto.AboutResponse();
      resp.setExecutable(findNode());
      resp.setVersion(process.version);
      resp.getMetadataMap().set("packagemanager", "npm");
      resp.getMetadataMap().set("languageHost", `${HOST_NAME} (pulumi-sendmailos, @pulumi/pulumi ${sdkVersion})`);
      callback(null, resp);
    },

    getProgramDependencies(call, callback) {
      const info = programInfoOf(call.request.getInfo());
      const resp = new langproto.GetProgramDependenciesResponse();
      resp.setDependenciesList(programDependencies(info.programDirectory));
      callback(null, resp);
    },

    cancel(_call, callback) {
      debug("cancel requested");
      programs.stopAll();
      callback(null, new emptyproto.Empty());
    },
  };
}

/**
 * The installed versions of the program's declared dependencies (package.json), for `pulumi about`.
 * @param {string} programDirectory
 * @returns {import("@pulumi/pulumi/proto/language_pb").DependencyInfo[]}
 */
function programDependencies(programDirectory) {
  /** @type {Record<string, unknown>} */
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(programDirectory, "package.json"), "utf8"));
  } catch {
    return []; // no package.json: no dependencies to report
  }
  const names = Object.keys({
    .../** @type {object} */ (pkg.dependencies || {}),
    .../** @type {object} */ (pkg.devDependencies || {}),
  }).sort();
  const deps = [];
  for (const name of names) {
    let version = "";
    try {
      const p = require.resolve(`${name}/package.json`, { paths: [programDirectory] });
      version = JSON.parse(fs.readFileSync(p, "utf8")).version || "";
    } catch {
      continue; // not installed, or no exported package.json
    }
    const d = new langproto.DependencyInfo();
    d.setName(name);
    d.setVersion(version);
    deps.push(d);
  }
  return deps;
}

module.exports = { createLanguageRuntime };
