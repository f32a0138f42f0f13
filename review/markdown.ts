/**
 * Safe pieces of GitHub-flavoured Markdown. Everything a reviewer reads in a comment may come from a stack file
 * or a server (domain names, metadata, messages), so it never becomes markup: values go into code spans, text
 * is escaped, and `@` never mentions anyone. Pure.
 */
import { showValue } from "./values";

/** A value as an inline code span, whatever backticks it holds (`showValue` has masked and cut it). */
export function code(value: unknown): string {
  const text = showValue(value);
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A value as HTML code, for `<summary>` lines (where Markdown is not rendered). */
export function htmlCode(value: unknown): string {
  return `<code>${html(showValue(value))}</code>`;
}

/** Text with HTML's special characters escaped. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Free text (a policy message, an engine error) that renders as itself: no markup, no mention, no link. */
export function text(value: string, max = 600): string {
  const shown = showValue(value.trim(), max);
  return html(shown)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/@/g, "&#64;");
}

/** A collapsible section. */
export function details(summary: string, body: string[]): string {
  return [`<details><summary>${summary}</summary>`, "", ...body, "", "</details>"].join("\n");
}

/** Seconds as a short duration: `30s`, `45m`, `1h30m`, `2d`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return `${seconds}s`;
  const s = Math.round(seconds);
  const parts: [number, string][] = [
    [Math.floor(s / 86400), "d"],
    [Math.floor((s % 86400) / 3600), "h"],
    [Math.floor((s % 3600) / 60), "m"],
    [s % 60, "s"],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`);
  return shown.length > 0 ? shown.join("") : "0s";
}

/** `1 domain`, `2 domains`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
