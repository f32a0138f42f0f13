/** Process memory snapshots taken after a full garbage collection, when one can be forced. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Resident set size and V8 heap in use, in bytes. */
export interface MemorySnapshot {
  rss: number;
  heapUsed: number;
}

let gcFn: (() => void) | undefined | null = null;

/** The `gc()` function, exposed at run time (`--expose-gc` without restarting node); undefined if refused. */
function collector(): (() => void) | undefined {
  if (gcFn === null) {
    try {
      setFlagsFromString("--expose-gc");
      gcFn = runInNewContext("gc") as () => void;
    } catch {
      gcFn = undefined;
    }
  }
  return gcFn;
}

/** Whether {@link memorySnapshot} can force a collection first. */
export function canForceGc(): boolean {
  return collector() !== undefined;
}

/** `process.memoryUsage()` after forcing a full collection (when possible), so garbage is not counted. */
export function memorySnapshot(): MemorySnapshot {
  const gc = collector();
  if (gc) {
    gc();
    gc();
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
