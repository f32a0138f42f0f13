/**
 * The processes a Pulumi CLI started, found through Linux's /proc: the CLI gives every plugin its own process
 * group, so a killed CLI leaves them running, and a test must find them to prove that they end. A process is
 * told apart from the other projects' (and other users of the machine) by its environment: every process the
 * CLI starts for a project inherits that project's PULUMI_HOME.
 */
import * as fs from "fs";

/** A running process, identified across pid reuse by its start time. */
export interface ProcessRef {
  pid: number;
  /** Clock ticks since boot when it started (field 22 of /proc/<pid>/stat). */
  startTicks: number;
  /** Its command line, arguments joined by spaces. */
  commandLine: string;
}

/** What `node .../@pulumi/pulumi/cmd/dynamic-provider <engine address>` runs as. */
const dynamicProviderCommand = /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider\b/;

/** Running processes whose environment has `name=value` exactly (only this user's processes are readable). */
export function processesWithEnv(name: string, value: string): ProcessRef[] {
  const wanted = `${name}=${value}`;
  const found: ProcessRef[] = [];
  for (const entry of procEntries()) {
    const pid = Number(entry);
    const environment = readProcFile(pid, "environ");
    if (environment === undefined || !environment.split("\0").includes(wanted)) continue;
    const stat = readStat(pid);
    if (!stat || stat.state === "Z" || stat.state === "X") continue; // exited, not yet reaped
    found.push({ pid, startTicks: stat.startTicks, commandLine: (readProcFile(pid, "cmdline") ?? "").split("\0").join(" ").trim() });
  }
  return found;
}

/** The dynamic-provider hosts (`@pulumi/pulumi/cmd/dynamic-provider`) running for the project with this PULUMI_HOME. */
export function dynamicProviders(pulumiHome: string): ProcessRef[] {
  return processesWithEnv("PULUMI_HOME", pulumiHome).filter((p) => dynamicProviderCommand.test(p.commandLine));
}

/** Whether the process has ended: gone, a zombie, or its pid now belongs to a newer process. */
export function hasExited(ref: ProcessRef): boolean {
  const stat = readStat(ref.pid);
  return !stat || stat.startTicks !== ref.startTicks || stat.state === "Z" || stat.state === "X";
}

/**
 * Resolves when every process has exited (checked every 100 ms); rejects after `timeoutMs` naming those
 * still running. The bound is a deadline, not a guess: the wait ends as soon as they are gone.
 */
export async function waitForExit(refs: readonly ProcessRef[], timeoutMs: number): Promise<void> {
  const started = Date.now();
  const distinct = [...new Map(refs.map((ref) => [`${ref.pid}/${ref.startTicks}`, ref])).values()];
  for (;;) {
    const running = distinct.filter((ref) => !hasExited(ref));
    if (running.length === 0) return;
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `still running ${timeoutMs} ms later: ${running.map((ref) => `pid ${ref.pid} (${ref.commandLine.slice(0, 200)})`).join(", ")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function procEntries(): string[] {
  try {
    return fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch (err) {
    throw new Error(`e2e processes: cannot read /proc (${(err as Error).message}); these tests need Linux`);
  }
}

function readProcFile(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // gone meanwhile, or another user's
  }
}

/** State and start time from /proc/<pid>/stat; the command name in parentheses may hold spaces and ')'. */
function readStat(pid: number): { state: string; startTicks: number } | undefined {
  const stat = readProcFile(pid, "stat");
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the name: field 3 (state) is fields[0], field 22 (starttime) is fields[19].
  return { state: fields[0] ?? "", startTicks: Number(fields[19]) };
}

/**
 * Kills (SIGKILL) the processes still running with `PULUMI_HOME=pulumiHome`: what a test's killed CLI left,
 * so that a failed test does not leave pollers behind for the rest of the suite. Returns what it killed.
 * Does nothing where there is no /proc.
 */
export function killLeftovers(pulumiHome: string): ProcessRef[] {
  if (!fs.existsSync("/proc")) return [];
  const left = processesWithEnv("PULUMI_HOME", pulumiHome);
  for (const ref of left) {
    try {
      process.kill(ref.pid, "SIGKILL");
    } catch {
      // ended meanwhile
    }
  }
  return left;
}
