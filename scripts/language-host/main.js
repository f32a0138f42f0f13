#!/usr/bin/env node
// @ts-check
/*
 * pulumi-language-nodejs: our own Node.js language host for the Pulumi CLI.
 *
 * Why it exists: the upstream host is a Go module that the Go module proxy reachable from this project
 * refuses to serve, so it cannot be built here (see scripts/README-engine.md). The CLI only needs a
 * process that implements the `pulumirpc.LanguageRuntime` gRPC service, so this file implements it with
 * @grpc/grpc-js and the generated stubs that ship inside @pulumi/pulumi.
 *
 * Contract with the CLI (pulumi/sdk/go/common/resource/plugin):
 *   - The CLI starts `pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine-address>` with the
 *     program directory as working directory, in a process group of its own, with a stdin pipe.
 *   - We listen on 127.0.0.1:<random> and print the port as the FIRST line of stdout. Everything printed
 *     later on stdout/stderr is shown by the CLI as plugin output, so we stay quiet unless something fails.
 *   - The CLI stops us with SIGINT to the process group (SIGKILL 5 s later). We also exit when stdin reaches
 *     EOF, which happens when the CLI dies without stopping us.
 *
 * `Run` executes the program the way the upstream host does: `node [nodeargs] <@pulumi/pulumi/cmd/run
 * resolved from the program directory> --monitor ... --engine ... <entry point> [args]` with PULUMI_CONFIG and
 * PULUMI_CONFIG_SECRET_KEYS in the environment. Unlike upstream we pass the engine's monitor address directly
 * (no monitor proxy, no synchronous-invoke pipes: `--sync` is optional for @pulumi/pulumi and only serves the
 * deprecated synchronous invokes).
 *
 * Plain JavaScript on purpose: it must work before `npm run build` has produced dist/ (CI runs
 * scripts/ensure-pulumi.sh first, and a user may run `pulumi` right after `npm install`).
 */
"use strict";

const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");

const HOST_NAME = "pulumi-language-nodejs";

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

// ---------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------

/** @type {{ tracing: string, verbose: number, engineAddress: string }} */
const flags = { tracing: "", verbose: 0, engineAddress: "" };
{
    const argv = process.argv.slice(2);
    const positional = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--version" || a === "-version") {
            process.stdout.write(`${sdkVersion}\n`);
            process.exit(0);
        } else if (a === "--help" || a === "-h") {
            process.stdout.write(`usage: ${HOST_NAME} [--tracing URL] [-v=N] [--logtostderr] <engine-address>\n`);
            process.exit(0);
        } else if (/^--?tracing$/.test(a)) {
            flags.tracing = argv[++i] || "";
        } else if (/^--?tracing=/.test(a)) {
            flags.tracing = a.slice(a.indexOf("=") + 1);
        } else if (/^--?v=/.test(a)) {
            flags.verbose = parseInt(a.slice(a.indexOf("=") + 1), 10) || 0;
        } else if (/^--?(runtime|root)$/.test(a)) {
            i++; // upstream flags with a value that we accept and ignore
        } else if (a.startsWith("-")) {
            // --logtostderr, --logflow, --runtime=..., unknown flags: ignored.
        } else {
            positional.push(a);
        }
    }
    flags.engineAddress = positional[0] || "";
}

const debugEnabled = flags.verbose >= 5 || !!process.env.PULUMI_LANGUAGE_HOST_DEBUG;
function debug(msg) {
    if (debugEnabled) {
        process.stderr.write(`${HOST_NAME}: ${msg}\n`);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------

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

/** The config bag as the Node.js runtime expects it: keys `<ns>:config:<name>`, JSON. */
function constructConfig(req) {
    const out = {};
    for (const [k, v] of req.getConfigMap().entries()) {
        const idx = k.indexOf(":");
        if (idx <= 0) {
            throw new Error(`invalid configuration key '${k}': expected <namespace>:<name>`);
        }
        const ns = k.slice(0, idx);
        const rest = k.slice(idx + 1);
        out[rest.startsWith("config:") ? k : `${ns}:config:${rest}`] = v;
    }
    return JSON.stringify(out);
}

function resolveRunScript(programDirectory) {
    const runPath = process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run";
    try {
        return require.resolve(runPath, { paths: [programDirectory] });
    } catch (err) {
        if (err && err.code === "MODULE_NOT_FOUND") {
            throw new Error(
                `It looks like the Pulumi SDK has not been installed: cannot resolve '${runPath}' from ` +
                    `${programDirectory}. Run 'npm install' there (this language host does not install dependencies).`,
            );
        }
        throw err;
    }
}

/** Node executable: the one on PATH, like upstream; falls back to the node running this host. */
function findNode() {
    const exe = process.platform === "win32" ? "node.exe" : "node";
    for (const dir of (process.env.PATH || "").split(path.delimiter)) {
        if (!dir) {
            continue;
        }
        const candidate = path.join(dir, exe);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            if (fs.statSync(candidate).isFile()) {
                return candidate;
            }
        } catch {
            // keep looking
        }
    }
    return process.execPath;
}

/**
 * Packages in the program's node_modules that declare a resource plugin ("pulumi": {"resource": true}), like
 * upstream but only top-level packages. Reported only when PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES=true: the CLI
 * tries to download every reported plugin it does not have (`pulumi install` does so even with
 * PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true), and the plugins of @pulumi/aws and @pulumi/cloudflare can
 * never be had offline. Not reporting them changes nothing else: the engine loads resource plugins lazily, when
 * a program registers a resource of that package.
 */
function findResourcePackages(programDirectory) {
    const packages = [];
    if (process.env.PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES !== "true") {
        return packages;
    }
    const nodeModules = path.join(programDirectory, "node_modules");
    let entries = [];
    try {
        entries = fs.readdirSync(nodeModules);
    } catch {
        return packages;
    }
    const dirs = [];
    for (const e of entries) {
        if (e.startsWith(".")) {
            continue;
        }
        if (e.startsWith("@")) {
            try {
                for (const s of fs.readdirSync(path.join(nodeModules, e))) {
                    dirs.push(path.join(nodeModules, e, s));
                }
            } catch {
                // not a directory
            }
        } else {
            dirs.push(path.join(nodeModules, e));
        }
    }
    for (const dir of dirs) {
        let pkg;
        try {
            pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        } catch {
            continue;
        }
        const p = pkg && pkg.pulumi;
        if (!p || p.resource !== true) {
            continue;
        }
        let name = p.name;
        if (!name && typeof pkg.name === "string" && pkg.name.startsWith("@pulumi/")) {
            name = pkg.name.slice("@pulumi/".length);
        }
        const version = p.version || pkg.version;
        if (!name || !version) {
            continue;
        }
        const dep = new plugproto.PackageDependency();
        dep.setName(name);
        dep.setKind("resource");
        dep.setVersion(version.startsWith("v") ? version : `v${version}`);
        if (p.server) {
            dep.setServer(p.server);
        }
        if (p.parameterization) {
            const par = new plugproto.PackageParameterization();
            par.setName(p.parameterization.name || "");
            par.setVersion(p.parameterization.version || "");
            if (p.parameterization.value) {
                par.setValue(Buffer.from(p.parameterization.value, "base64"));
            }
            dep.setParameterization(par);
        }
        packages.push(dep);
    }
    return packages;
}

function grpcError(code, message) {
    const err = /** @type {any} */ (new Error(message));
    err.code = code;
    err.details = message;
    return err;
}

// ---------------------------------------------------------------------------------------------------------
// Running programs
// ---------------------------------------------------------------------------------------------------------

/** Child processes of running programs, so that Cancel and shutdown can stop them. */
const children = new Set();

function runProgram(req) {
    return new Promise((resolve) => {
        const respond = (error, bail) => {
            const resp = new langproto.RunResponse();
            resp.setError(error || "");
            resp.setBail(!!bail);
            resolve(resp);
        };
        let spawnArgs;
        let env;
        let cwd;
        try {
            const info = programInfoOf(req.getInfo(), req.getPwd(), req.getProgram());
            const opts = parseOptions(info.options);
            const runScript = resolveRunScript(info.programDirectory);
            const engineAddress = flags.engineAddress;
            if (!engineAddress) {
                throw new Error("no engine address: the CLI passes it as the last argument, or call Handshake first");
            }
            const args = [runScript];
            const add = (k, v) => {
                if (v !== undefined && v !== null && `${v}` !== "") {
                    args.push(`--${k}`, `${v}`);
                }
            };
            add("monitor", req.getMonitorAddress());
            add("engine", engineAddress);
            add("organization", req.getOrganization());
            add("project", req.getProject());
            add("root-directory", info.rootDirectory);
            add("stack", req.getStack());
            add("pwd", info.programDirectory);
            if (req.getDryrun()) {
                args.push("--dry-run");
            }
            add("parallel", String(req.getParallel()));
            add("tracing", flags.tracing);
            args.push(info.entryPoint);
            args.push(...req.getArgsList());
            spawnArgs = [...splitWords(opts.nodeargs), ...args];

            env = { ...process.env };
            env.PULUMI_CONFIG = constructConfig(req);
            env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(req.getConfigsecretkeysList() || []);
            if (opts.typescript) {
                env.PULUMI_NODEJS_TYPESCRIPT = "true";
            } else {
                delete env.PULUMI_NODEJS_TYPESCRIPT;
            }
            if (opts.tsconfig) {
                env.PULUMI_NODEJS_TSCONFIG_PATH = opts.tsconfig;
            }
            cwd = info.programDirectory;
        } catch (err) {
            respond(/** @type {Error} */ (err).message);
            return;
        }

        const node = findNode();
        debug(`running ${node} ${spawnArgs.join(" ")} (cwd ${cwd})`);
        let child;
        try {
            child = childProcess.spawn(node, spawnArgs, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        } catch (err) {
            respond(`Problem executing program (could not run language executor): ${err && err.message}`);
            return;
        }
        children.add(child);
        // Forward the program's output; the CLI shows our stdout/stderr lines as program output.
        child.stdout.on("data", (chunk) => process.stdout.write(chunk));
        child.stderr.on("data", (chunk) => process.stderr.write(chunk));
        let spawnError;
        child.on("error", (err) => {
            spawnError = err;
        });
        child.on("close", (code, signal) => {
            children.delete(child);
            if (spawnError) {
                respond(`Problem executing program (could not run language executor): ${spawnError.message}`);
            } else if (signal) {
                respond(`Program exited due to signal ${signal}`);
            } else if (code === 0) {
                respond("");
            } else if (code === 32) {
                // @pulumi/pulumi already showed the user an actionable message.
                respond("", true);
            } else {
                respond(`Program exited with non-zero exit code: ${code}`);
            }
        });
    });
}

function stopChildren(signal) {
    for (const child of children) {
        try {
            child.kill(signal);
        } catch {
            // already gone
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// The LanguageRuntime service
// ---------------------------------------------------------------------------------------------------------

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
        const plugins = findResourcePackages(info.programDirectory).map((p) => {
            const d = new plugproto.PluginDependency();
            d.setName(p.getName());
            d.setKind(p.getKind());
            d.setVersion(p.getVersion());
            d.setServer(p.getServer());
            return d;
        });
        resp.setPluginsList(plugins);
        callback(null, resp);
    },

    getRequiredPackages(call, callback) {
        const info = programInfoOf(call.request.getInfo());
        const resp = new langproto.GetRequiredPackagesResponse();
        resp.setPackagesList(findResourcePackages(info.programDirectory));
        callback(null, resp);
    },

    run(call, callback) {
        runProgram(call.request).then(
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
            call.destroy(
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

// ---------------------------------------------------------------------------------------------------------
// Server lifecycle
// ---------------------------------------------------------------------------------------------------------

const server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
});
server.addService(langrpc.LanguageRuntimeService, impl);

let shuttingDown = false;
function shutdown(reason, code) {
    if (shuttingDown) {
        return;
    }
    shuttingDown = true;
    debug(`shutting down (${reason})`);
    stopChildren("SIGINT");
    const force = setTimeout(() => {
        stopChildren("SIGKILL");
        server.forceShutdown();
        process.exit(code);
    }, 2000);
    force.unref();
    server.tryShutdown(() => process.exit(code));
}

process.on("SIGINT", () => shutdown("SIGINT", 0));
process.on("SIGTERM", () => shutdown("SIGTERM", 0));
process.on("SIGHUP", () => shutdown("SIGHUP", 0));
process.on("uncaughtException", (err) => {
    process.stderr.write(`${HOST_NAME}: internal error: ${err && err.stack ? err.stack : err}\n`);
    shutdown("uncaught exception", 1);
});

server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
        process.stderr.write(`${HOST_NAME}: could not start the language host gRPC server: ${err.message}\n`);
        process.exit(1);
    }
    // grpc-js >= 1.10 serves as soon as the port is bound (no start() call).
    // The CLI reads this first line to find us.
    process.stdout.write(`${port}\n`);
    // When the CLI goes away without stopping us, its end of our stdin pipe closes.
    if (!process.stdin.isTTY) {
        process.stdin.on("end", () => shutdown("stdin closed", 0));
        process.stdin.on("error", () => shutdown("stdin error", 0));
        process.stdin.resume();
    }
});
