// @ts-check
/*
 * The RunPlugin RPC's work: run a plugin written in Node.js and stream its output back until it exits
 * (the command itself comes from plugin-command.js).
 *
 * The CLI calls RunPlugin for a plugin folder without an executable: a provider with `PulumiPlugin.yaml`
 * (`runtime: nodejs`; also converter and tool plugins) and a policy pack with `PulumiPolicy.yaml`. The CLI reads
 * the port from the first line of the streamed stdout, shows stderr, and ends the call when it is done with the
 * plugin; the plugin is then stopped (SIGINT, SIGKILL 5 s later, see child-processes.js). A policy pack runs
 * behind the proxy of policy-proxy.js, which gives it the stack's configuration when it starts.
 */
"use strict";

const { grpc, langproto } = require("./host-require");
const { messageOf } = require("./log");
const { programInfoOf, parseOptions } = require("./runtime-options");
const { findNode, resolveFrom, ModuleNotInstalledError } = require("./node-exec");
const { plugins, stopChild, supervise } = require("./child-processes");
const { failStream } = require("./rpc-errors");
const { PolicyProxy, parsePortLine } = require("./policy-proxy");
const { ANALYZER, pluginCommand, policyPackEnvironment, firstLineSplitter, pluginOutcome } = require("./plugin-command");

/** @typedef {import("./plugin-command").PluginCommand} PluginCommand */

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
      open = false;
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
    const exit = await supervise({ file: findNode(), ...command }, { stdout, stderr }, plugins, ended.signal);
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
  if (ended.aborted) {
    proxy.close();
    return;
  }
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
    { file: findNode(), ...command, env: { ...command.env, ...policyPackEnvironment(config) } },
    { stdout: firstLineSplitter(onFirstLine, output.stdout), stderr: output.stderr },
    plugins,
    ended,
    (child) => {
      pack = child;
    },
  );
  proxy.close();
  output.finish(attachError ? { error: attachError } : pluginOutcome(exit));
}

module.exports = { runPlugin };
