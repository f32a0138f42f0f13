// @ts-check
/*
 * RunPlugin's decisions, as pure functions (tested in test/scripts/language-host/plugin-command.test.ts): the node
 * command line of a plugin and its environment, what a policy pack is told about the stack, how an exit is
 * reported. plugin-run.js does the I/O.
 *
 * As upstream (RunPlugin in sdk/nodejs/cmd/pulumi-language-nodejs/main.go): node runs the SDK's
 * `cmd/run-plugin <plugin dir> <args>` in the request's working directory with the request's environment; a
 * policy pack runs `cmd/run-policy-pack <args> <pack dir>` in the pack's folder. One difference: the `nodeargs`
 * option goes to node, before the script, as it does for Run; upstream appends it after the script, where node
 * never sees it.
 */
"use strict";

const { splitWords } = require("./runtime-options");

/** The CLI's plugin kind of policy packs (apitype.AnalyzerPlugin). */
const ANALYZER = "analyzer";

/**
 * How to start a plugin with node.
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

module.exports = { ANALYZER, pluginCommand, environmentOf, policyPackEnvironment, firstLineSplitter, pluginOutcome };
