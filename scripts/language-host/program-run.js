// @ts-check
/*
 * The Run RPC's work: start the user's program and supervise it until it exits.
 *
 * `Run` executes the program the way the upstream host does: `node [nodeargs] <@pulumi/pulumi/cmd/run
 * resolved from the program directory> --monitor ... --engine ... <entry point> [args]` with PULUMI_CONFIG and
 * PULUMI_CONFIG_SECRET_KEYS in the environment. Unlike upstream we pass the engine's monitor address directly
 * (no monitor proxy, no synchronous-invoke pipes: `--sync` is optional for @pulumi/pulumi and only serves the
 * deprecated synchronous invokes).
 *
 * The running children are tracked here so that Cancel and the host's shutdown can stop them.
 */
"use strict";

const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");
const { langproto } = require("./host-require");
const { debug } = require("./log");
const { programInfoOf, parseOptions, splitWords } = require("./runtime-options");

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

/** Child processes of running programs, so that Cancel and shutdown can stop them. */
const children = new Set();

/**
 * Runs the program of a RunRequest; resolves with its RunResponse once the program has exited.
 * @param {{ tracing: string, engineAddress: string }} flags read at call time: Handshake may set the engine address
 */
function runProgram(req, flags) {
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

module.exports = { runProgram, stopChildren, findNode };
