// @ts-check
/*
 * The Run RPC's work: start the user's program and supervise it until it exits.
 *
 * `Run` executes the program the way the upstream host does: `node [nodeargs] <@pulumi/pulumi/cmd/run resolved
 * from the program directory> --monitor ... --engine ... <entry point> [args]` with PULUMI_CONFIG and
 * PULUMI_CONFIG_SECRET_KEYS in the environment. Unlike upstream we pass the engine's monitor address directly
 * (no monitor proxy, no synchronous-invoke pipes: `--sync` is optional for @pulumi/pulumi and only serves the
 * deprecated synchronous invokes).
 *
 * The program is stopped (child-processes.js) when its Run call ends early, on Cancel and at shutdown.
 */
"use strict";

const childProcess = require("child_process");
const { langproto } = require("./host-require");
const { debug, messageOf } = require("./log");
const { programInfoOf, parseOptions, splitWords } = require("./runtime-options");
const { findNode, resolveFrom } = require("./node-exec");
const { programs, stopChild } = require("./child-processes");

/**
 * What Run needs from the host besides the request: owned by the LanguageRuntime service (rpc-handlers.js),
 * which passes the values current at the time of the call.
 * @typedef {object} EngineSettings
 * @property {string} engineAddress the engine's gRPC address (command line, or Handshake)
 * @property {string} tracing a tracing endpoint for the program; empty for none
 */

/**
 * The config bag as the Node.js runtime expects it: keys `<ns>:config:<name>`, as JSON.
 * @param {Iterable<[string, string]>} config the request's config map entries, keys `<ns>:<name>`
 * @returns {string}
 * @throws {Error} naming the key when one has no namespace
 */
function constructConfig(config) {
    /** @type {Record<string, string>} */
    const out = {};
    for (const [k, v] of config) {
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

/**
 * What the SDK's run script (cmd/run) is given, as upstream passes it. Empty values are left out.
 * @typedef {object} RunScriptInputs
 * @property {string} runScript the SDK's cmd/run script, resolved from the program's folder
 * @property {string} monitorAddress
 * @property {string} engineAddress
 * @property {string} organization
 * @property {string} project
 * @property {string} rootDirectory
 * @property {string} stack
 * @property {string} programDirectory passed as --pwd
 * @property {boolean} dryRun
 * @property {number} parallel
 * @property {string} tracing
 * @property {string} entryPoint
 * @property {readonly string[]} args the program's own arguments
 * @property {string} nodeargs the nodeargs runtime option, given to node before the script
 */

/**
 * The node command line of a program.
 * @param {RunScriptInputs} p
 * @returns {string[]}
 */
function runArguments(p) {
    const args = [...splitWords(p.nodeargs), p.runScript];
    /** @type {(name: string, value: string) => void} */
    const add = (name, value) => {
        if (value !== "") {
            args.push(`--${name}`, value);
        }
    };
    add("monitor", p.monitorAddress);
    add("engine", p.engineAddress);
    add("organization", p.organization);
    add("project", p.project);
    add("root-directory", p.rootDirectory);
    add("stack", p.stack);
    add("pwd", p.programDirectory);
    if (p.dryRun) {
        args.push("--dry-run");
    }
    add("parallel", String(p.parallel));
    add("tracing", p.tracing);
    args.push(p.entryPoint, ...p.args);
    return args;
}

/**
 * The program's environment: the host's, plus the config and the TypeScript settings.
 * @param {NodeJS.ProcessEnv} base
 * @param {{ config: string, secretKeys: readonly string[], typescript: boolean, tsconfig: string }} p
 * @returns {NodeJS.ProcessEnv}
 */
function programEnvironment(base, p) {
    const env = { ...base };
    env.PULUMI_CONFIG = p.config;
    env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(p.secretKeys);
    if (p.typescript) {
        env.PULUMI_NODEJS_TYPESCRIPT = "true";
    } else {
        delete env.PULUMI_NODEJS_TYPESCRIPT;
    }
    if (p.tsconfig) {
        env.PULUMI_NODEJS_TSCONFIG_PATH = p.tsconfig;
    }
    return env;
}

/**
 * How the end of a program is reported in RunResponse (upstream's messages).
 * @param {{ code: number | null, signal: NodeJS.Signals | null, spawnError?: Error }} exit
 * @returns {{ error: string, bail: boolean }}
 */
function runOutcome(exit) {
    if (exit.spawnError) {
        return { error: `Problem executing program (could not run language executor): ${exit.spawnError.message}`, bail: false };
    }
    if (exit.signal) {
        return { error: `Program exited due to signal ${exit.signal}`, bail: false };
    }
    if (exit.code === 0) {
        return { error: "", bail: false };
    }
    if (exit.code === 32) {
        // @pulumi/pulumi already showed the user an actionable message.
        return { error: "", bail: true };
    }
    return { error: `Program exited with non-zero exit code: ${exit.code}`, bail: false };
}

/**
 * Runs the program of a RunRequest; resolves with its RunResponse once the program has exited.
 * @param {import("@pulumi/pulumi/proto/language_pb").RunRequest} req
 * @param {EngineSettings} engine
 * @param {AbortSignal} [stop] aborted when the Run call ends before the program does: the program is stopped
 * @returns {Promise<import("@pulumi/pulumi/proto/language_pb").RunResponse>}
 */
function runProgram(req, engine, stop) {
    return new Promise((resolve) => {
        /** @param {{ error: string, bail: boolean }} outcome */
        const respond = (outcome) => {
            const resp = new langproto.RunResponse();
            resp.setError(outcome.error);
            resp.setBail(outcome.bail);
            resolve(resp);
        };
        /** @type {string[]} */
        let args;
        /** @type {NodeJS.ProcessEnv} */
        let env;
        /** @type {string} */
        let cwd;
        try {
            const info = programInfoOf(req.getInfo(), req.getPwd(), req.getProgram());
            const opts = parseOptions(info.options);
            if (!engine.engineAddress) {
                throw new Error("no engine address: the CLI passes it as the last argument, or call Handshake first");
            }
            args = runArguments({
                runScript: resolveFrom(
                    process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run",
                    info.programDirectory,
                    "program",
                ),
                monitorAddress: req.getMonitorAddress(),
                engineAddress: engine.engineAddress,
                organization: req.getOrganization(),
                project: req.getProject(),
                rootDirectory: info.rootDirectory,
                stack: req.getStack(),
                programDirectory: info.programDirectory,
                dryRun: req.getDryrun(),
                parallel: req.getParallel(),
                tracing: engine.tracing,
                entryPoint: info.entryPoint,
                args: req.getArgsList(),
                nodeargs: opts.nodeargs,
            });
            env = programEnvironment(process.env, {
                config: constructConfig(req.getConfigMap().entries()),
                secretKeys: req.getConfigsecretkeysList(),
                typescript: opts.typescript,
                tsconfig: opts.tsconfig,
            });
            cwd = info.programDirectory;
        } catch (err) {
            respond({ error: messageOf(err), bail: false });
            return;
        }

        const node = findNode();
        debug(`running ${node} ${args.join(" ")} (cwd ${cwd})`);
        /** @type {import("child_process").ChildProcessByStdio<null, import("stream").Readable, import("stream").Readable>} */
        let child;
        try {
            child = childProcess.spawn(node, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        } catch (err) {
            respond(runOutcome({ code: null, signal: null, spawnError: err instanceof Error ? err : new Error(String(err)) }));
            return;
        }
        programs.add(child);
        const onStop = () => stopChild(child);
        stop?.addEventListener("abort", onStop, { once: true });
        // Forward the program's output; the CLI shows our stdout/stderr lines as program output.
        child.stdout.on("data", (chunk) => process.stdout.write(chunk));
        child.stderr.on("data", (chunk) => process.stderr.write(chunk));
        /** @type {Error | undefined} */
        let spawnError;
        child.on("error", (err) => {
            spawnError = err;
        });
        child.on("close", (code, signal) => {
            stop?.removeEventListener("abort", onStop);
            respond(runOutcome({ code, signal, spawnError }));
        });
    });
}

module.exports = { runProgram, constructConfig, runArguments, programEnvironment, runOutcome };
