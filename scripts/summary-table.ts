/** One row of the main job's `domains` stack output. */
export interface DomainSummaryRow {
  domain: string;
  domainId?: string;
  status?: string;
  records?: { name: string; value: string }[];
  verifiedAt?: string | null;
  timeToVerifySeconds?: number;
}

/**
 * Renders the summary that `npm start` ends with: one block per domain (domain, status, time to verify)
 * with its DKIM records below. Pure, so that it is tested on its own.
 */
export function summaryTable(rows: DomainSummaryRow[]): string {
  if (rows.length === 0) return "No domains are configured (stack setting `domains` is empty).";
  const header = ["DOMAIN", "STATUS", "TIME TO VERIFY", "DKIM RECORDS (CNAME)"];
  const lines: string[][] = [header];
  for (const row of rows) {
    const records = row.records ?? [];
    const first = records[0] ? `${records[0].name} -> ${records[0].value}` : "(none yet)";
    lines.push([row.domain, row.status ?? "unknown", formatSeconds(row.timeToVerifySeconds), first]);
    for (const r of records.slice(1)) lines.push(["", "", "", `${r.name} -> ${r.value}`]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const render = (l: string[]) =>
    l
      .map((cell, i) => (i === l.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const verified = rows.filter((r) => r.status === "verified").length;
  return [render(lines[0]!), rule, ...lines.slice(1).map(render), "", `${verified} of ${rows.length} domains verified.`].join("\n");
}

function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || seconds === null) return "-";
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  return `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)
    .toString()
    .padStart(2, "0")}s`;
}
