/** Printing benchmark figures: headings, aligned key/value lines and tables, all to standard output. */

/** A table cell: text, or a number printed as is. */
export type Cell = string | number;

/** Prints a benchmark's heading and the command that runs it alone. */
export function heading(name: string, description: string, flags: readonly string[] = []): void {
  console.log("");
  console.log(`== ${name} ==`);
  console.log(description);
  console.log(`command: node dist/bench/index.js ${[name, ...flags].join(" ")}   (after npm run build)`);
}

/** Prints a sub-heading inside a benchmark. */
export function section(title: string): void {
  console.log("");
  console.log(`-- ${title}`);
}

/** Prints `key: value` lines with the keys padded to one width. */
export function keyValues(rows: ReadonlyArray<readonly [string, Cell]>): void {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)} : ${v}`);
}

/** Prints a table with a header row; numbers are right-aligned, text left-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): void {
  const text = rows.map((row) => row.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[], numeric: readonly boolean[]) =>
    "  " +
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  console.log(
    line(
      header,
      header.map(() => false),
    ),
  );
  console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  rows.forEach((row, r) =>
    console.log(
      line(
        text[r]!,
        row.map((c) => typeof c === "number"),
      ),
    ),
  );
}

/** Milliseconds with a unit: `850 ms` or `12.3 s`. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return value < 10_000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(1)} s`;
}

/** Bytes with a unit: `912 B`, `4.2 KiB`, `31.0 MiB` (negative values keep their sign). */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  if (abs < 1024) return `${Math.round(value)} B`;
  if (abs < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${(value / 1024 / 1024).toFixed(1)} MiB`;
}

/** A ratio as a percentage with one decimal. */
export function pct(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)}%` : "n/a";
}

/** A record of counts as `a 3, b 1` (or `none`). */
export function counts(record: Record<string, number>): string {
  const entries = Object.entries(record);
  return entries.length === 0 ? "none" : entries.map(([k, v]) => `${k} ${v}`).join(", ");
}
