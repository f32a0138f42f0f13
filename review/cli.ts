#!/usr/bin/env node
/**
 * `sendmailos-review`: prints the review comment (or the drift report) of a `pulumi preview --json` output.
 *
 * ```
 * PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --json > preview.json
 * sendmailos-review preview.json > comment.md
 * PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --refresh --expect-no-changes --json | sendmailos-review --drift
 * ```
 * Exit codes: 0 printed (review) or no drift (drift); 1 drift found or a change never applied (drift); 2 the
 * input could not be read or is not a preview's JSON.
 */
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { summarizePreview } from "./index";

const usage = `Usage: sendmailos-review [--drift] [--max-chars N] [FILE]

Reads the output of \`pulumi preview --json\` from FILE (or standard input when FILE is missing or -) and
prints a Markdown comment in SendMailOS domain terms. Set PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true for the
preview so that its output carries policy violations and every unchanged domain.

  --drift         the input is a \`pulumi preview --refresh\`: report drift; exit code 1 when there is drift
  --max-chars N   the most the comment may hold (default 65536, GitHub's limit; 0: no limit)
  --help          show this help

The value of SENDMAILOS_API_KEY, when set, never appears in the output.`;

/** The command line, checked. */
export function parseCli(argv: string[]): { drift: boolean; limit: number; file: string | undefined } | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { drift: { type: "boolean" }, "max-chars": { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) return "help";
  if (positionals.length > 1) throw new Error(`give one file at most, not ${positionals.length}`);
  const limit = values["max-chars"] === undefined ? 65_536 : Number(values["max-chars"]);
  if (!Number.isInteger(limit) || (limit !== 0 && limit < 4_000))
    throw new Error("--max-chars: expected 0 (no limit) or a whole number of at least 4000");
  const file = positionals[0] === "-" ? undefined : positionals[0];
  return { drift: values.drift === true, limit, file };
}

/** Runs the bin with this process's arguments and input; returns the exit code. */
export function main(): number {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`sendmailos-review: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    const input = fs.readFileSync(args.file ?? 0, "utf8");
    const secrets = [process.env["SENDMAILOS_API_KEY"] ?? ""];
    const { comment, exitCode } = summarizePreview(input, { mode: args.drift ? "drift" : "review", limit: args.limit, secrets });
    process.stdout.write(comment);
    return exitCode;
  } catch (error) {
    process.stderr.write(`sendmailos-review: ${(error as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main();
