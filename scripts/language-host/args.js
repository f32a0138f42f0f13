// @ts-check
/*
 * The host's command line, parsed by one pure function (tested in test/scripts/language-host/args.test.ts).
 *
 * The CLI starts us as `pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine-address>`
 * (sdk/go/common/resource/plugin: buildPluginArguments, buildArgsForNewPlugin). Upstream's host parses that
 * with Go's `flag` package plus the logging flags of glog, so we accept the same syntax: one or two dashes,
 * `-name=value` or `-name value`, booleans without a value, flags end at the first positional argument or `--`.
 */
"use strict";

const { HOST_NAME } = require("./log");

/** One line on how to call the host, shown by --help and after a usage error. */
const USAGE = `usage: ${HOST_NAME} [--tracing URL] [-v=N] [--logtostderr] <engine-address>`;

/**
 * What the command line asks for.
 * @typedef {{ action: "version" } | { action: "help" } | ServeCommand} Command
 */

/**
 * Serve the LanguageRuntime service (the normal case).
 * @typedef {object} ServeCommand
 * @property {"serve"} action
 * @property {string} engineAddress the engine's gRPC address; empty when not given (Handshake may bring it)
 * @property {string} tracing a Zipkin endpoint, handed to programs as `--tracing`; empty for none
 * @property {number} verbose the `-v` log level
 */

/** A command line the host cannot accept; main.js prints the message and USAGE and exits with code 2. */
class UsageError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Flags we know, by kind. Values of glog's flags (the CLI only passes --logtostderr and -v) are accepted and
 * ignored: this host's only log output is debug() on stderr.
 * @type {Record<string, "bool" | "string" | "int">}
 */
const FLAGS = {
  tracing: "string",
  runtime: "string",
  v: "int",
  version: "bool",
  help: "bool",
  h: "bool",
  logtostderr: "bool",
  alsologtostderr: "bool",
  logflow: "bool",
  vmodule: "string",
  log_dir: "string",
  log_backtrace_at: "string",
  stderrthreshold: "string",
};

/**
 * Parses the arguments after `node main.js`.
 * @param {readonly string[]} argv
 * @returns {Command}
 * @throws {UsageError} for an unknown flag, a missing or malformed value, an unsupported runtime or more than
 *     one positional argument
 */
function parseArguments(argv) {
  /** @type {Omit<ServeCommand, "action">} */
  const serve = { engineAddress: "", tracing: "", verbose: 0 };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      break;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    const kind = FLAGS[name];
    if (kind === undefined) {
      throw new UsageError(`unknown flag '${arg}'`);
    }
    /** @type {string} */
    let value;
    if (eq >= 0) {
      value = body.slice(eq + 1);
    } else if (kind === "bool") {
      value = "true";
    } else if (i + 1 < argv.length) {
      value = argv[++i];
    } else {
      throw new UsageError(`flag '${arg}' needs a value`);
    }
    if (kind === "bool" && value !== "true" && value !== "false") {
      throw new UsageError(`flag '-${name}' is a boolean: give no value, '=true' or '=false' (got '${value}')`);
    }
    if (kind === "int" && !/^\d+$/.test(value)) {
      throw new UsageError(`flag '-${name}' needs a whole number, e.g. '-${name}=9' (got '${value}')`);
    }
    switch (name) {
      case "version":
        if (value === "true") return { action: "version" };
        break;
      case "help":
      case "h":
        if (value === "true") return { action: "help" };
        break;
      case "tracing":
        serve.tracing = value;
        break;
      case "v":
        serve.verbose = Number(value);
        break;
      case "runtime":
        // Upstream also accepts "bun"; this host only knows how to run node.
        if (value !== "nodejs") {
          throw new UsageError(`unsupported runtime '${value}': this language host runs only 'nodejs'`);
        }
        break;
      default:
      // glog's flags: accepted, nothing to do.
    }
  }
  const positional = argv.slice(i);
  if (positional.length > 1) {
    throw new UsageError(`expected at most one argument, the engine address, but got ${positional.length}: ${positional.join(" ")}`);
  }
  serve.engineAddress = positional[0] ?? "";
  return { action: "serve", ...serve };
}

module.exports = { parseArguments, UsageError, USAGE };
