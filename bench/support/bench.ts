/** The shape of one benchmark. */

/** A benchmark: prints what it measured; throws only on outright errors. */
export interface Bench {
  /** Name on the command line: `node dist/bench/index.js <name>`. */
  name: string;
  /** One line saying what it measures. */
  description: string;
  /** Upper bound of its run time, in ms; the runner fails the benchmark past it. */
  limitMs: number;
  /** Its command-line flags that take a value (`--domains 200`), so that the runner does not read the value as a benchmark's name. */
  valueFlags?: readonly string[];
  /** Runs the benchmark and prints its report. */
  run(): Promise<void>;
}
