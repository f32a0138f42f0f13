// @ts-check
/*
 * The RunPlugin RPC's work: run a plugin written in Node.js (upstream: RunPlugin in
 * sdk/nodejs/cmd/pulumi-language-nodejs/main.go) and stream its output back until it exits.
 *
 * The CLI calls RunPlugin for a plugin folder without an executable: a provider with `PulumiPlugin.yaml`
 * (`runtime: nodejs`; also converter and tool plugins) and a policy pack with `PulumiPolicy.yaml`. The CLI reads
 * the port from the first line of the streamed stdout, shows stderr, and ends the call when it is done with the
 * plugin; the plugin is then stopped (SIGINT, SIGKILL 5 s later, see child-processes.js).
 *
 * As upstream: node runs `@pulumi/pulumi/cmd/run-plugin <plugin dir> <args>` in the request's working directory
 * with the request's environment; a policy pack runs `@pulumi/pulumi/cmd/run-policy-pack <args> <pack dir>` in
 * the pack's folder behind the proxy of policy-proxy.js. One difference: the `nodeargs` option goes to node, before
 * the script, as it does for Run; upstream appends it after the script, where it is not a node option.
 */
"use strict";

const childProcess = require("child_process");
const { grpc, langproto } = require("./host-require");
const { debug, messageOf } = require("./log");
const { programInfoOf, parseOptions, splitWords } = require("./runtime-options");
const { findNode, resolveFrom, ModuleNotInstalledError } = require("./node-exec");
const { plugins, stopChild } = require("./child-processes");
const { failStream } = require("./rpc-errors");
const { PolicyProxy, parsePortLine } = require("./policy-proxy");

/** The CLI's plugin kind of policy packs (apitype.AnalyzerPlugin). */
const ANALYZER = "analyzer";

/**
 * How to start a plugin.
 * @typedef {object} PluginCommand
 * @property {string[]} args node's arguments
 * @property {NodeJS.ProcessEnv} env
 * @property {string} cwd
 */

/**
 * What pluginCommand needs, read from a RunPluginRequest.
 * @typedef {object} PluginInputs
 * @property {string} kind the plugin kind: "resource", "analyzer", "converter", "tool"
 * @property {string} runScript the SDK's run-plugin or run-policy-pack script, resolved from the plugin's folder
 * @property {string} programDirectory the plugin's folder (with PulumiPlugin.yaml or PulumiPolicy.yaml)
 * @property {string} pwd the CLI's working directory
 * @property {readonly string[]} args the plugin's arguments (the engine address first)
 * @property {readonly string[]} env the environment, as KEY=VALUE lines; empty: the host's own
 * @property {import("./runtime-options").RuntimeOptions} options
 */

/**
 * An environment given as KEY=VALUE lines; a later line wins over an earlier one with the same key, as in Go's
 * exec (the CLI appends its own variables after the inherited ones).
 * @param {readonly string[]} lines
 * @returns {NodeJS.ProcessEnv}
 */
function environmentOf(lines) {
    /** @type {NodeJS.ProcessEnv} */
    const env = {};
    for (const line of lines) {
        const eq = line.indexOf("=");
        if (eq > 0) {
            env[line.slice(0, eq)] = line.slice(eq + 1);
        }
    }
    return env;
}

/**
 * The node command of a plugin, as upstream builds it (but with nodeargs before the script).
 * @param {PluginInputs} p
 * @param {NodeJS.ProcessEnv} hostEnv used when the request carries no environment
 * @returns {PluginCommand}
 */
function pluginCommand(p, hostEnv) {
    const env = p.env.length > 0 ? environmentOf(p.env) : { ...hostEnv };
    if (p.options.typescript) {
        env.PULUMI_NODEJS_TYPESCRIPT = "true";
    }
    if (p.options.tsconfig) {
        env.PULUMI_NODEJS_TSCONFIG_PATH = p.options.tsconfig;
    }
    const args = [...splitWords(p.options.nodeargs), p.runScript];
    if (p.kind === ANALYZER) {
        // run-policy-pack wants the engine address first and the pack last, and policy packs have always run
        // in their own folder.
        return { args: [...args, ...p.args, p.programDirectory], env, cwd: p.programDirectory };
    }
    return { args: [...args, p.programDirectory, ...p.args], env, cwd: p.pwd || process.cwd() };
}

/**
 * The environment a policy pack reads the stack from (upstream: the same variables, set only when not empty).
 * @param {import("./policy-proxy").StackConfiguration | undefined} config
 * @returns {Record<string, string>}
 */
function policyPackEnvironment(config) {
    /** @type {Record<string, string>} */
    const env = {};
    if (!config) {
        return env;
    }
    /** @type {(key: string, value: string) => void} */
    const set = (key, value) => {
        if (value !== "") {
            env[key] = value;
        }
    };
    set("PULUMI_NODEJS_ORGANIZATION", config.getOrganization());
    set("PULUMI_NODEJS_PROJECT", config.getProject());
    set("PULUMI_NODEJS_STACK", config.getStack());
    set("PULUMI_NODEJS_DRY_RUN", String(config.getDryRun()));
    const entries = config.getConfigMap().getEntryList();
    if (entries.length > 0) {
        set("PULUMI_CONFIG", JSON.stringify(Object.fromEntries(entries)));
    }
    return env;
}

/**
 * A data handler that passes the first line of a stream to `onFirstLine` (without its newline) and everything
 * after it to `onRest`.
 * @param {(line: string) => void} onFirstLine
 * @param {(chunk: Buffer) => void} onRest
 * @returns {(chunk: Buffer) => void}
 */
function firstLineSplitter(onFirstLine, onRest) {
    /** @type {Buffer[] | undefined} */
    let pending = [];
    return (chunk) => {
        if (!pending) {
            onRest(chunk);
            return;
        }
        const nl = chunk.indexOf(0x0a);
        if (nl < 0) {
            pending.push(chunk);
            return;
        }
        const line = Buffer.concat([...pending, chunk.subarray(0, nl)]).toString("utf8");
        pending = undefined;
        onFirstLine(line);
        if (nl + 1 < chunk.length) {
            onRest(chunk.subarray(nl + 1));
        }
    };
}

/**
 * How a plugin's exit is told to the CLI: an exit code in the stream, or an error status when there is none.
 * @param {{ code: number | null, signal: NodeJS.Signals | null, spawnError?: Error }} exit
 * @returns {{ exitCode: number } | { error: string }}
 */
function pluginOutcome(exit) {
    if (exit.spawnError) {
        return { error: `Problem executing plugin program (could not run language executor): ${exit.spawnError.message}` };
    }
    if (exit.signal) {
        return { error: `Plugin exited due to signal ${exit.signal}` };
    }
    return { exitCode: exit.code ?? -1 };
}

/**
 * Serves one RunPlugin call: resolves once the call is over (the plugin exited, or the CLI ended the call).
 * @param {import("@grpc/grpc-js").ServerWritableStream<import("@pulumi/pulumi/proto/language_pb").RunPluginRequest,
 *     import("@pulumi/pulumi/proto/language_pb").RunPluginResponse>} call
 * @returns {Promise<void>}
 */
async function runPlugin(call) {
    const req = call.request;
    let open = true;
    const ended = new AbortController();
    call.on("cancelled", () => {
        open = false;
        ended.abort();
    });
    /** @param {(msg: import("@pulumi/pulumi/proto/language_pb").RunPluginResponse) => void} fill */
    const send = (fill) => {
        if (open) {
            const msg = new langproto.RunPluginResponse();
            fill(msg);
            call.write(msg);
        }
    };
    const stdout = (/** @type {Buffer} */ chunk) => send((m) => m.setStdout(chunk));
    const stderr = (/** @type {Buffer} */ chunk) => send((m) => m.setStderr(chunk));
    /** @param {{ exitCode: number } | { error: string }} outcome */
    const finish = (outcome) => {
        if (!open) {
            return;
        }
        if ("error" in outcome) {
            open = false;
            failStream(call, grpc.status.UNKNOWN, outcome.error);
        } else {
            send((m) => m.setExitcode(outcome.exitCode));
            open = false;
            call.end();
        }
    };

    const kind = req.getKind();
    /** @type {PluginCommand} */
    let command;
    try {
        if (req.getAttachDebugger()) {
            failStream(call, grpc.status.UNIMPLEMENTED, "attaching a debugger to plugins is not supported by this language host");
            return;
        }
        const info = programInfoOf(req.getInfo());
        const runPath =
            kind === ANALYZER
                ? "@pulumi/pulumi/cmd/run-policy-pack"
                : process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run-plugin";
        command = pluginCommand(
            {
                kind,
                runScript: resolveFrom(runPath, info.programDirectory, kind === ANALYZER ? "policy pack" : "plugin"),
                programDirectory: info.programDirectory,
                pwd: req.getPwd(),
                args: req.getArgsList(),
                env: req.getEnvList(),
                options: parseOptions(info.options),
            },
            process.env,
        );
    } catch (err) {
        const code = err instanceof ModuleNotInstalledError ? grpc.status.FAILED_PRECONDITION : grpc.status.INVALID_ARGUMENT;
        open = false;
        failStream(call, code, messageOf(err));
        return;
    }

    if (kind !== ANALYZER) {
        const exit = await supervise(command, { stdout, stderr }, ended.signal);
        finish(pluginOutcome(exit));
        return;
    }

    try {
        await runPolicyPack(command, { stdout, stderr, finish }, ended.signal);
    } catch (err) {
        finish({ error: `could not run the policy pack: ${messageOf(err)}` });
    }
}

/**
 * A policy pack: the proxy first, then the pack once the CLI has told us about the stack (see policy-proxy.js).
 * @param {PluginCommand} command
 * @param {{ stdout: (chunk: Buffer) => void, stderr: (chunk: Buffer) => void,
 *     finish: (outcome: { exitCode: number } | { error: string }) => void }} output
 * @param {AbortSignal} ended aborted when the CLI ends the call
 * @returns {Promise<void>}
 */
async function runPolicyPack(command, output, ended) {
    const proxy = await PolicyProxy.start();
    ended.addEventListener("abort", () => proxy.close(), { once: true });
    output.stdout(Buffer.from(`${proxy.port}\n`));
    const config = await proxy.configuration();
    if (ended.aborted) {
        return;
    }
    /** @type {string | undefined} */
    let attachError;
    /** @type {import("child_process").ChildProcess | undefined} */
    let pack;
    /** @param {string} reason */
    const failAttach = (reason) => {
        attachError = reason;
        proxy.abort(new Error(reason));
        if (pack) stopChild(pack);
    };
    const onFirstLine = (/** @type {string} */ line) => {
        try {
            proxy.attach(parsePortLine(line)).catch((err) => failAttach(messageOf(err)));
        } catch (err) {
            failAttach(messageOf(err));
        }
    };
    const exit = await supervise(
        { ...command, env: { ...command.env, ...policyPackEnvironment(config) } },
        { stdout: firstLineSplitter(onFirstLine, output.stdout), stderr: output.stderr },
        ended,
        (child) => {
            pack = child;
        },
    );
    proxy.close();
    output.finish(attachError ? { error: attachError } : pluginOutcome(exit));
}

/**
 * Starts a plugin, forwards its output, stops it when `stop` is aborted, and resolves when it has exited.
 * @param {PluginCommand} command
 * @param {{ stdout: (chunk: Buffer) => void, stderr: (chunk: Buffer) => void }} output
 * @param {AbortSignal} stop
 * @param {(child: import("child_process").ChildProcess) => void} [started]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, spawnError?: Error }>}
 */
function supervise(command, output, stop, started) {
    return new Promise((resolve) => {
        const node = findNode();
        debug(`running plugin ${node} ${command.args.join(" ")} (cwd ${command.cwd})`);
        /** @type {import("child_process").ChildProcessByStdio<null, import("stream").Readable, import("stream").Readable>} */
        let child;
        try {
            child = childProcess.spawn(node, command.args, { cwd: command.cwd, env: command.env, stdio: ["ignore", "pipe", "pipe"] });
        } catch (err) {
            resolve({ code: null, signal: null, spawnError: err instanceof Error ? err : new Error(String(err)) });
            return;
        }
        plugins.add(child);
        started?.(child);
        const onStop = () => stopChild(child);
        if (stop.aborted) {
            onStop();
        } else {
            stop.addEventListener("abort", onStop, { once: true });
        }
        child.stdout.on("data", output.stdout);
        child.stderr.on("data", output.stderr);
        /** @type {Error | undefined} */
        let spawnError;
        child.on("error", (err) => {
            spawnError = err;
        });
        child.on("close", (code, signal) => {
            stop.removeEventListener("abort", onStop);
            debug(`plugin ${child.pid} exited (code ${code}, signal ${signal})`);
            resolve({ code, signal, spawnError });
        });
    });
}

module.exports = { runPlugin, pluginCommand, policyPackEnvironment, environmentOf, firstLineSplitter, pluginOutcome };
