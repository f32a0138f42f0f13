// @ts-check
/*
 * The processes the host starts (programs for Run, plugins for RunPlugin) and how they are stopped.
 *
 * Children stay in the host's process group: the CLI starts the host in a group of its own and, when it gives
 * up on us, signals that whole group, which then reaches the children too. Our own stops go to one child:
 * SIGINT first, so that a program or provider can finish what it is doing (the CLI treats plugins it runs
 * directly the same way), then SIGKILL when it is still there after a grace period (upstream: cmd.WaitDelay).
 * supervise() is the one way the host starts a child.
 */
"use strict";

const childProcess = require("child_process");
const { debug } = require("./log");

/** How long a child may take to exit after SIGINT before it gets SIGKILL (the CLI and upstream use 5 s). */
const STOP_GRACE_MS = 5000;

/** A set of running children that can be stopped together. */
class ChildGroup {
  /** @param {string} label what the children are, for debug output */
  constructor(label) {
    this.label = label;
    /** @type {Set<import("child_process").ChildProcess>} */
    this.running = new Set();
  }

  /**
   * Tracks a child until it exits.
   * @param {import("child_process").ChildProcess} child
   */
  add(child) {
    this.running.add(child);
    child.once("exit", () => this.running.delete(child));
  }

  /**
   * Stops every child of the group (see stopChild).
   * @param {number} [graceMs]
   */
  stopAll(graceMs = STOP_GRACE_MS) {
    for (const child of this.running) {
      debug(`stopping ${this.label} ${child.pid}`);
      stopChild(child, graceMs);
    }
  }

  /**
   * Sends a signal to every child of the group at once (the host's last resort before exiting).
   * @param {NodeJS.Signals} signal
   */
  signalAll(signal) {
    for (const child of this.running) {
      signalChild(child, signal);
    }
  }
}

/**
 * @param {import("child_process").ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
function signalChild(child, signal) {
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

/**
 * SIGINT now, SIGKILL after `graceMs` if the child has not exited by then. Safe to call more than once and
 * after the child has exited.
 * @param {import("child_process").ChildProcess} child
 * @param {number} [graceMs]
 */
function stopChild(child, graceMs = STOP_GRACE_MS) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  signalChild(child, "SIGINT");
  const timer = setTimeout(() => signalChild(child, "SIGKILL"), graceMs);
  // Neither this timer nor the child keeps the host alive: the host's own shutdown has its own bound.
  timer.unref();
  child.once("exit", () => clearTimeout(timer));
}

/** Programs started by Run: stopped by the Cancel RPC, by the end of their Run call, and at shutdown. */
const programs = new ChildGroup("program");

/**
 * Plugins started by RunPlugin: stopped when the CLI ends their RunPlugin call and at shutdown, not by the Cancel
 * RPC, which is about the program (upstream's Cancel only reaches Run): a provider or policy pack must outlive a
 * cancelled program long enough to finish and report its operations.
 */
const plugins = new ChildGroup("plugin");

/**
 * What to start.
 * @typedef {object} SpawnSpec
 * @property {string} file the executable
 * @property {string[]} args
 * @property {NodeJS.ProcessEnv} env
 * @property {string} cwd
 */

/**
 * How a child ended: its exit code or signal, or why it could not be started.
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, spawnError?: Error }} ChildExit
 */

/**
 * Starts a child in `group`, hands its output to `output` as it comes, stops it (stopChild) when `stop` is
 * aborted, and resolves once it has exited and its output has been handed on.
 * @param {SpawnSpec} spec
 * @param {{ stdout: (chunk: Buffer) => void, stderr: (chunk: Buffer) => void }} output
 * @param {ChildGroup} group
 * @param {AbortSignal} [stop]
 * @param {(child: import("child_process").ChildProcess) => void} [started] called with the child once it runs
 * @returns {Promise<ChildExit>}
 */
function supervise(spec, output, group, stop, started) {
  return new Promise((resolve) => {
    debug(`running ${group.label} ${spec.file} ${spec.args.join(" ")} (cwd ${spec.cwd})`);
    /** @type {import("child_process").ChildProcessByStdio<null, import("stream").Readable, import("stream").Readable>} */
    let child;
    try {
      child = childProcess.spawn(spec.file, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
    } catch (err) {
      resolve({ code: null, signal: null, spawnError: err instanceof Error ? err : new Error(String(err)) });
      return;
    }
    group.add(child);
    started?.(child);
    const onStop = () => stopChild(child);
    if (stop?.aborted) {
      onStop();
    } else {
      stop?.addEventListener("abort", onStop, { once: true });
    }
    child.stdout.on("data", output.stdout);
    child.stderr.on("data", output.stderr);
    /** @type {Error | undefined} */
    let spawnError;
    child.on("error", (err) => {
      spawnError = err;
    });
    // "close", not "exit": all output has been handed on by then.
    child.on("close", (code, signal) => {
      stop?.removeEventListener("abort", onStop);
      debug(`${group.label} ${child.pid} exited (code ${code}, signal ${signal})`);
      resolve({ code, signal, spawnError });
    });
  });
}

module.exports = { ChildGroup, programs, plugins, stopChild, supervise };
