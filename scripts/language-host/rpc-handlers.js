// @ts-check
/*
 * The `pulumirpc.LanguageRuntime` service: one handler per RPC, each translating the request into calls of the
 * other modules and their results into the response messages. The real work lives in program-run.js (Run,
 * Cancel), plugins.js (GetRequiredPlugins/Packages) and runtime-options.js (ProgramInfo).
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { grpc, langproto, plugproto, emptyproto, sdkVersion } = require("./host-require");
const { HOST_NAME, debug } = require("./log");
const { programInfoOf } = require("./runtime-options");
const { runProgram, stopChildren, findNode } = require("./program-run");
const { findResourcePackages, findResourcePlugins } = require("./plugins");

function grpcError(code, message) {
    const err = /** @type {any} */ (new Error(message));
    err.code = code;
    err.details = message;
    return err;
}

/**
 * @param {{ tracing: string, engineAddress: string }} flags the command line flags; Handshake may replace the
 *     engine address, and Run reads it when it is called
 */
function createLanguageRuntime(flags) {
    /** @type {Record<string, Function>} */
    const impl = {
        handshake(call, callback) {
            const req = call.request;
            if (req.getEngineAddress()) {
                flags.engineAddress = req.getEngineAddress();
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
            runProgram(call.request, flags).then(
                (resp) => callback(null, resp),
                (err) => callback(grpcError(grpc.status.INTERNAL, String(err && err.stack ? err.stack : err))),
            );
        },

        installDependencies(call) {
            const req = call.request;
            const info = programInfoOf(req.getInfo(), req.getDirectory());
            const write = (text) => {
                const msg = new langproto.InstallDependenciesResponse();
                msg.setStdout(Buffer.from(text));
                call.write(msg);
            };
            try {
                require.resolve("@pulumi/pulumi/package.json", { paths: [info.programDirectory] });
            } catch {
                // A server stream's error status is sent by emitting "error"; destroy(err) in this grpc-js
                // version closes the stream without any status, and the CLI would wait forever.
                call.emit(
                    "error",
                    grpcError(
                        grpc.status.FAILED_PRECONDITION,
                        `@pulumi/pulumi is not installed for ${info.programDirectory}. This language host does not ` +
                            `install dependencies: run 'npm install' (or 'npm ci') there.`,
                    ),
                );
                return;
            }
            write(
                `Dependencies are managed by npm (${HOST_NAME} from pulumi-sendmailos does not install them): ` +
                    `run 'npm install' in ${info.programDirectory} if they change.\n`,
            );
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
            const deps = [];
            try {
                const pkg = JSON.parse(fs.readFileSync(path.join(info.programDirectory, "package.json"), "utf8"));
                const names = Object.keys({ ...(pkg.dependencies || {}), ...(pkg.devDependencies || {}) }).sort();
                for (const name of names) {
                    let version = "";
                    try {
                        const p = require.resolve(`${name}/package.json`, { paths: [info.programDirectory] });
                        version = JSON.parse(fs.readFileSync(p, "utf8")).version || "";
                    } catch {
                        continue; // not installed, or no exported package.json
                    }
                    const d = new langproto.DependencyInfo();
                    d.setName(name);
                    d.setVersion(version);
                    deps.push(d);
                }
            } catch {
                // no package.json: no dependencies to report
            }
            resp.setDependenciesList(deps);
            callback(null, resp);
        },

        cancel(_call, callback) {
            debug("cancel requested");
            stopChildren("SIGINT");
            callback(null, new emptyproto.Empty());
        },
    };
    // Not implemented (the CLI treats UNIMPLEMENTED as "not supported"): GenerateProgram, GenerateProject,
    // GeneratePackage, Pack, Link, Template, RunPlugin. grpc-js answers UNIMPLEMENTED for them.
    return impl;
}

module.exports = { createLanguageRuntime };
