/**
 * Benchmarks: `npm run bench` runs them all and prints their figures; `node dist/bench/index.js <name>`
 * runs one. They measure and print; they fail only on outright errors (or a step past its time bound).
 */
import { cpus } from "node:os";
import { createPacing } from "./create-pacing";
import { dnsDiagnosis } from "./dns-diagnosis";
import { engineScaleBench } from "./engine-scale";
import { providerText } from "./provider-text";
import { sharedPolling } from "./shared-polling";
import type { Bench } from "./support/bench";
import { withDeadline } from "./support/deadline";
import { ms } from "./support/report";

/** Every benchmark, in the order `npm run bench` runs them. */
export const benches: readonly Bench[] = [providerText, dnsDiagnosis, sharedPolling, createPacing, engineScaleBench];

/** Flags that take a value (`--domains 200`), so that the value is not read as a benchmark's name. */
const flagsWithValues = benches.flatMap((b) => b.valueFlags ?? []);

async function main(argv: string[]): Promise<number> {
  const names = argv.filter((a, i) => !a.startsWith("-") && !flagsWithValues.includes(argv[i - 1] ?? ""));
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length > 0 || argv.includes("--help")) {
    if (unknown.length > 0) console.error(`unknown benchmark: ${unknown.join(", ")}`);
    console.error(`usage: node dist/bench/index.js [${benches.map((b) => b.name).join(" | ")}]...`);
    return unknown.length > 0 ? 2 : 0;
  }
  const selected = names.length === 0 ? benches : benches.filter((b) => names.includes(b.name));
  console.log(`pulumi-sendmailos benchmarks: node ${process.version}, ${cpus().length} CPUs, ${process.platform}/${process.arch}`);
  console.log(`command: node dist/bench/index.js ${argv.join(" ")}`.trimEnd());
  const outcomes: [string, string][] = [];
  let failed = 0;
  for (const bench of selected) {
    const started = Date.now();
    try {
      await withDeadline(bench.run(), bench.limitMs, bench.name);
      outcomes.push([bench.name, `ok in ${ms(Date.now() - started)}`]);
    } catch (error) {
      failed++;
      console.error(`\n${bench.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      outcomes.push([bench.name, `FAILED after ${ms(Date.now() - started)}`]);
    }
  }
  console.log("\n== summary ==");
  for (const [name, outcome] of outcomes) console.log(`  ${name.padEnd(16)} ${outcome}`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
