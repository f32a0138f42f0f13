#!/usr/bin/env node
// @ts-check
/*
 * pulumi-language-nodejs: our own Node.js language host for the Pulumi CLI. This file is the entry point:
 * command line, gRPC server start, port announcement and shutdown.
 *
 * Why it exists: the upstream host is a Go module that the Go module proxy reachable from this project
 * refuses to serve, so it cannot be built here (see README.md, "Why the language host is our own"). The CLI
 * only needs a process that implements the `pulumirpc.LanguageRuntime` gRPC service, so this folder
 * implements it with @grpc/grpc-js and the generated stubs that ship inside @pulumi/pulumi.
 *
 * Contract with the CLI (pulumi/sdk/go/common/resource/plugin):
 *   - The CLI starts `pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL] <engine-address>` with the
 *     program directory as working directory, in a process group of its own, with a stdin pipe.
 *   - We listen on 127.0.0.1:<random> and print the port as the FIRST line of stdout. Everything printed
 *     later on stdout/stderr is shown by the CLI as plugin output, so we stay quiet unless something fails.
 *   - The CLI stops us with SIGINT to the process group (SIGKILL 5 s later). We also exit when stdin reaches
 *     EOF, which happens when the CLI dies without stopping us.
 *
 * The other modules here:
 *   args.js             the command line, parsed by a pure function
 *   host-require.js     loads @grpc/grpc-js and the @pulumi/pulumi proto stubs (exits if they are missing)
 *   log.js              the host's name and debug output
 *   rpc-handlers.js     the LanguageRuntime service, one handler per RPC; owns the engine address
 *   program-run.js      Run: starts the program and answers when it has exited
 *   program-command.js  Run's pure decisions: the program's command line, environment and outcome
 *   plugin-run.js       RunPlugin: PulumiPlugin.yaml providers and policy packs, output streamed to the CLI
 *   plugin-command.js   RunPlugin's pure decisions: the plugin's command line, environment and outcome
 *   policy-proxy.js     the Analyzer proxy that gives a policy pack its stack configuration at start
 *   child-processes.js  starting children, and stopping them on call end, Cancel and shutdown
 *   node-exec.js        finding node and the program's own @pulumi/pulumi scripts
 *   runtime-options.js  ProgramInfo and the runtime options (typescript, tsconfig, nodeargs)
 *   plugins.js          GetRequiredPlugins / GetRequiredPackages (PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES)
 *   rpc-errors.js       gRPC error statuses
 *
 * Plain JavaScript on purpose, type-checked by `npm run build` (tsconfig.json: allowJs, and `// @ts-check` in
 * every file): it must work before `npm run build` has produced dist/ (CI runs scripts/ensure-pulumi.sh
 * first, and a user may run `pulumi` right after `npm install`), and Node 20 and 22 cannot run TypeScript.
 */
"use strict";

const { HOST_NAME, configureDebug, debug } = require("./log");
const { parseArguments, UsageError, USAGE } = require("./args");

/** @type {import("./args").Command} */
let command;
try {
  command = parseArguments(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) {
    throw err;
  }
  process.stderr.write(`${HOST_NAME}: ${err.message}\n${USAGE}\n`);
  process.exit(2);
}
if (command.action === "help") {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

// First of our modules that needs the dependencies: a missing npm install is reported before anything else.
const { grpc, langrpc, sdkVersion } = require("./host-require");
if (command.action === "version") {
  process.stdout.write(`${sdkVersion}\n`);
  process.exit(0);
}
const serve = command;
configureDebug(serve.verbose);

const { createLanguageRuntime } = require("./rpc-handlers");
const { programs, plugins } = require("./child-processes");

const server = new grpc.Server({
  "grpc.max_receive_message_length": 400 * 1024 * 1024,
  "grpc.max_send_message_length": 400 * 1024 * 1024,
});
server.addService(
  langrpc.LanguageRuntimeService,
  /** @type {import("@grpc/grpc-js").UntypedServiceImplementation} */ (
    createLanguageRuntime({ engineAddress: serve.engineAddress, tracing: serve.tracing })
  ),
);

let shuttingDown = false;
/**
 * Stops the children (SIGINT), lets running calls finish, and exits; after 2 s everything is killed.
 * @param {string} reason
 * @param {number} code the exit code
 */
function shutdown(reason, code) {
  if (shuttingDown) {
    return;
  }
  shuttingDown = true;
  debug(`shutting down (${reason})`);
  programs.signalAll("SIGINT");
  plugins.signalAll("SIGINT");
  const force = setTimeout(() => {
    programs.signalAll("SIGKILL");
    plugins.signalAll("SIGKILL");
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
