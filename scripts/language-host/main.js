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
 *   host-require.js     loads @grpc/grpc-js and the @pulumi/pulumi proto stubs (exits if they are missing)
 *   log.js              the host's name and debug output
 *   rpc-handlers.js     the LanguageRuntime service, one handler per RPC
 *   program-run.js      Run: spawning and supervising the program, stopping it on Cancel and shutdown
 *   runtime-options.js  ProgramInfo and the runtime options (typescript, tsconfig, nodeargs)
 *   plugins.js          GetRequiredPlugins / GetRequiredPackages (PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES)
 *
 * Plain JavaScript on purpose: it must work before `npm run build` has produced dist/ (CI runs
 * scripts/ensure-pulumi.sh first, and a user may run `pulumi` right after `npm install`).
 */
"use strict";

const { HOST_NAME, configureDebug, debug } = require("./log");
// First of our modules that needs the dependencies: a missing npm install is reported before anything else.
const { grpc, langrpc, sdkVersion } = require("./host-require");
const { createLanguageRuntime } = require("./rpc-handlers");
const { stopChildren } = require("./program-run");

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

configureDebug(flags.verbose);

// ---------------------------------------------------------------------------------------------------------
// Server lifecycle
// ---------------------------------------------------------------------------------------------------------

const server = new grpc.Server({
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
    "grpc.max_send_message_length": 400 * 1024 * 1024,
});
server.addService(langrpc.LanguageRuntimeService, createLanguageRuntime(flags));

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
