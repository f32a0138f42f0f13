// @ts-check
/*
 * Run's decisions, as pure functions (tested in test/scripts/language-host/program-command.test.ts): the node
 * command line of a program, its environment, and how its end is reported. program-run.js does the I/O.
 *
 * As upstream: `node [nodeargs] <the SDK's cmd/run> --monitor ... --engine ... <entry point> [args]` with
 * PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS in the environment.
 */
"use strict";

const { splitWords } = require("./runtime-options");

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

module.exports = { constructConfig, runArguments, programEnvironment, runOutcome };
