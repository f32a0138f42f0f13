import type { DomainStatus } from "../../sdk";
import type { RecordCheck } from "./dns-diagnosis";

/** Formats a duration as `1h02m03s`, `2m05s` or `7s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

/**
 * Summarizes the DNS diagnosis of a domain in one line: how many records are right, which are missing,
 * which point elsewhere. Independent of elapsed time, so callers can print only when it changes.
 */
export function describeRecords(checks: RecordCheck[] | undefined, servers?: string): string {
  if (!checks) return "DNS check off";
  const ok = checks.filter((c) => c.state === "ok").length;
  const parts = [`${ok}/${checks.length} DKIM records correct in DNS${servers === undefined ? "" : ` (asked ${servers})`}`];
  const missing = checks.filter((c) => c.state === "missing");
  if (missing.length > 0) parts.push(`missing: ${missing.map((c) => c.name).join(", ")}`);
  for (const c of checks.filter((c) => c.state === "wrong")) {
    parts.push(`${c.name} points to ${c.found.join(", ")} instead of ${c.expected}${c.hint?.includes("proxy") ? ` (${c.hint})` : ""}`);
  }
  const unresolved = checks.filter((c) => c.state === "unresolved");
  if (unresolved.length > 0) parts.push(`lookup failed: ${unresolved.map((c) => c.name).join(", ")}`);
  return parts.join("; ");
}

/** The multi-line diagnosis attached to a failure or timeout: one line per record with its fix. */
export function diagnosisReport(checks: RecordCheck[] | undefined, servers?: string): string {
  if (!checks) return "  (DNS check is off: set dnsCheck to true to see which records are wrong)";
  const header = servers === undefined ? [] : [`  (DNS asked: ${servers})`];
  return [
    ...header,
    ...checks.map((c) => {
      const mark = c.state === "ok" ? "ok     " : c.state.padEnd(7);
      const found = c.state === "ok" || c.found.length === 0 ? "" : ` (found ${c.found.join(", ")})`;
      const hint = c.state === "ok" || !c.hint ? "" : `: ${c.hint}`;
      return `  ${mark} ${c.name} CNAME ${c.expected}${found}${hint}`;
    }),
  ].join("\n");
}

/** One progress line for a waiting domain. */
export function progressLine(
  domainName: string,
  status: DomainStatus,
  elapsedMs: number,
  checks: RecordCheck[] | undefined,
  servers?: string,
): string {
  return `${domainName}: ${status} after ${formatDuration(elapsedMs)}; ${describeRecords(checks, servers)}`;
}

function pad(n: number): string {
  return n.toString().padStart(2, "0");
}
