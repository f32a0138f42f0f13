/**
 * Peak memory of the processes a command starts (the Pulumi engine's plugins), sampled from `/proc`:
 * every descendant of this process whose command line matches, read every 250 ms. Linux only; elsewhere
 * the peaks stay 0 and say so in the figures.
 */
import * as fs from "node:fs";

/** One process as sampled. */
export interface ProcInfo {
  pid: number;
  cmdline: string;
  rssBytes: number;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

function describe(pid: number): ProcInfo | undefined {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return { pid, cmdline, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
  } catch {
    return undefined;
  }
}

/** The descendants of `root` now, with their command lines and resident memory. */
export function descendants(root: number = process.pid): ProcInfo[] {
  let pids: number[];
  try {
    pids = fs
      .readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: ProcInfo[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const info = describe(pid);
    if (info) found.push(info);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Samples the descendants of this process while a command runs. */
export class ProcessTreeSampler {
  private readonly peaks = new Map<string, number>();
  private samples: ProcInfo[][] = [];

  /** Runs `command`, sampling every 250 ms until it settles. */
  async during<T>(command: () => Promise<T>): Promise<T> {
    const timer = setInterval(() => this.samples.push(descendants()), 250);
    try {
      return await command();
    } finally {
      clearInterval(timer);
    }
  }

  /** The highest resident memory seen for one process whose command line contains `marker`, in bytes. */
  peakRss(marker: string): number {
    const cached = this.peaks.get(marker);
    if (cached !== undefined) return cached;
    const peak = Math.max(
      0,
      ...this.samples
        .flat()
        .filter((p) => p.cmdline.includes(marker))
        .map((p) => p.rssBytes),
    );
    this.peaks.set(marker, peak);
    return peak;
  }
}
