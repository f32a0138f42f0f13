// @ts-check
/*
 * The Run RPC's work: start the user's program and supervise it until it exits (its command line comes from
 * program-command.js).
 *
 * `Run` executes the program the way the upstream host does, with one difference: we pass the engine's monitor
 * address directly (no monitor proxy, no synchronous-invoke pipes: `--sync` is optional for @pulumi/pulumi and
 * only serves the deprecated synchronous invokes). The program's output goes to the host's stdout and stderr,
 * which the CLI shows as program output.
 *
 * The program is stopped (child-processes.js) when its Run call ends early, on Cancel and at shutdown.
 */
"use strict";

const { langproto } = require("./host-require");
const { messageOf } = require("./log");
const { programInfoOf, parseOptions } = require("./runtime-options");
const { findNode, resolveFrom } = require("./node-exec");
const { programs, supervise } = require("./child-processes");
const { constructConfig, runArguments, programEnvironment, runOutcome } = require("./program-command");

/**
 * What Run needs from the host besides the request: owned by the LanguageRuntime service (rpc-handlers.js),
 * which passes the values current at the time of the call.
 * @typedef {object} EngineSettings
 * @property {string} engineAddress the engine's gRPC address (command line, or Handshake)
 * @property {string} tracing a tracing endpoint for the program; empty for none
 */

/**
 * @param {{ error: string, bail: boolean }} outcome
 * @returns {import("@pulumi/pulumi/proto/language_pb").RunResponse}
 */
function runResponse(outcome) {
  const resp = new langproto.RunResponse();
  resp.setError(outcome.error);
  resp.setBail(outcome.bail);
  return resp;
}

/**
 * Runs the program of a RunRequest; resolves with its RunResponse once the program has exited. A request that
 * cannot be run is answered with its reason in RunResponse.error, as upstream.
 * @param {import("@pulumi/pulumi/proto/language_pb").RunRequest} req
 * @param {EngineSettings} engine
 * @param {AbortSignal} [stop] aborted when the Run call ends before the program does: the program is stopped
 * @returns {Promise<import("@pulumi/pulumi/proto/language_pb").RunResponse>}
 */
async function runProgram(req, engine, stop) {
  /** @type {import("./child-processes").SpawnSpec} */
  let spec;
  try {
    const info = programInfoOf(req.getInfo(), req.getPwd(), req.getProgram());
    const opts = parseOptions(info.options);
    if (!engine.engineAddress) {
      throw new Error("no engine address: the CLI passes it as the last argument, or call Handshake first");
    }
    const args = runArguments({
      runScript: resolveFrom(process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run", info.programDirectory, "program"),
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
    const env = programEnvironment(process.env, {
      config: constructConfig(req.getConfigMap().entries()),
      secretKeys: req.getConfigsecretkeysList(),
      typescript: opts.typescript,
      tsconfig: opts.tsconfig,
    });
    spec = { file: findNode(), args, env, cwd: info.programDirectory };
  } catch (err) {
    return runResponse({ error: messageOf(err), bail: false });
  }
  const exit = await supervise(
    spec,
    { stdout: (chunk) => process.stdout.write(chunk), stderr: (chunk) => process.stderr.write(chunk) },
    programs,
    stop,
  );
  return runResponse(runOutcome(exit));
}

module.exports = { runProgram };
