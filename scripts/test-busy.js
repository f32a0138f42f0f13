#!/usr/bin/env node
/**
 * `npm run test:busy`: the whole suite (`npm test`) while two CPU-bound processes run beside it, to show
 * that the tests hold on a busy machine (a CI runner shared with other jobs, a laptop compiling). Extra
 * arguments go to mocha: `npm run test:busy -- --grep e2e`.
 *
 * The burners are stopped when the suite ends, whatever happens: on its exit, on Ctrl-C or SIGTERM, and on
 * an error here. Should this script be killed hard (SIGKILL), they notice their parent is gone and stop
 * themselves. Plain JavaScript, like ensure-deps.js: `npm test` deletes and rebuilds dist/ while it runs.
 */
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const burnerCount = 2;

/**
 * One CPU-bound process: it spins, and every few tens of milliseconds checks that the script that started
 * it is still its parent (an orphan is adopted by another process).
 */
const burnerSource =
  "const parent = process.ppid; for (;;) { for (let i = 0; i < 2e7; i++); if (process.ppid !== parent) process.exit(0); }";

const root = path.resolve(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const started = Date.now();

const burners = Array.from({ length: burnerCount }, () =>
  spawn(process.execPath, ["-e", burnerSource], { stdio: "ignore", windowsHide: true }),
);
let stopped = false;

/** Stops every burner (idempotent) and returns the CPU seconds they used, when /proc can tell. */
function stopBurners() {
  if (stopped) return undefined;
  stopped = true;
  const cpuSeconds = burners.map(cpuSecondsOf);
  for (const burner of burners) {
    try {
      burner.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
  return cpuSeconds.every((s) => s !== undefined) ? cpuSeconds : undefined;
}

/** User + system CPU time of a child, from /proc/<pid>/stat (Linux); undefined elsewhere. */
function cpuSecondsOf(child) {
  try {
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

process.on("exit", () => stopBurners());
process.on("uncaughtException", (error) => {
  stopBurners();
  signalSuite("SIGTERM");
  process.stderr.write(`test:busy: ${error.stack ?? error}\n`);
  process.exit(1);
});

const extra = process.argv.slice(2);
const ownGroup = process.platform !== "win32";
const suite = spawn(npm, ["test", ...(extra.length ? ["--", ...extra] : [])], {
  cwd: root,
  stdio: "inherit",
  shell: !ownGroup,
  // Its own process group, so that a signal reaches all of it (npm, the build, mocha, the CLIs), not only npm.
  detached: ownGroup,
});

/** Sends a signal to the whole suite. */
function signalSuite(signal) {
  try {
    if (ownGroup && suite.pid) process.kill(-suite.pid, signal);
    else suite.kill(signal);
  } catch {
    // already gone
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopBurners();
    signalSuite(signal);
  });
}
suite.on("error", (error) => {
  stopBurners();
  process.stderr.write(`test:busy: cannot run ${npm} test: ${error.message}\n`);
  process.exit(1);
});
suite.on("exit", (code, signal) => {
  const cpu = stopBurners();
  const outcome = code === 0 ? "passed" : signal ? `was stopped by ${signal}` : `FAILED (exit code ${code})`;
  const burnt = cpu ? `, the burners used ${cpu.map((s) => `${s.toFixed(0)} s`).join(" + ")} of CPU` : "";
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  process.stdout.write(
    `\ntest:busy: npm test ${outcome} in ${duration(Date.now() - started)} beside ${burnerCount} CPU-bound processes` +
      `${burnt} (${os.cpus().length} CPUs, load average ${load})\n`,
  );
  process.exit(code ?? 1);
});
