#!/usr/bin/env node
/**
 * `sendmailos-onboard`: the back office's command for one client domain (see README.md).
 *
 * ```
 * sendmailos-onboard add acme.com --external-id client_123 --metadata client_name="Acme Corp"
 * sendmailos-onboard remove acme.com
 * ```
 * `add` prints one JSON line per event on stdout: `{"event":"records",...}` as soon as the domain is registered (the
 * three CNAMEs to show the customer), then `{"event":"verified",...}`; progress goes to stderr. Exit codes: 0 verified
 * (or removed), 1 not verified or failed (the message says what to do), 2 bad command line, 3 the domain is being
 * onboarded by another run right now.
 */
import { parseArgs } from "node:util";
import { OnboardingInProgressError, onboardClient, removeClient, type OnboardingOptions, type OnboardingRequest } from "./onboarding";

const usage = `Usage:
  sendmailos-onboard add <domain> [--external-id ID] [--metadata KEY=VALUE]... [--timeout-seconds N] [--poll-interval-seconds N]
  sendmailos-onboard remove <domain>

Environment: PULUMI_BACKEND_URL (the shared backend, e.g. s3://bucket), PULUMI_CONFIG_PASSPHRASE, SENDMAILOS_API_KEY,
and optionally SENDMAILOS_BASE_URL, SENDMAILOS_WORKSPACE_ID. Stacks' project files go to ./.sendmailos-onboarding/
(--work-root DIR to change).`;

/** A command line that cannot be run; the message names the argument. */
export class UsageError extends Error {}

/** The parsed command line. */
export type Command =
  { verb: "add"; request: OnboardingRequest; workRoot?: string } | { verb: "remove"; domain: string; workRoot?: string };

/** Parses `argv` (without node and the script), naming the argument that is wrong. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        "external-id": { type: "string" },
        metadata: { type: "string", multiple: true },
        "timeout-seconds": { type: "string" },
        "poll-interval-seconds": { type: "string" },
        "work-root": { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [verb, domain, ...rest] = positionals;
  if (verb !== "add" && verb !== "remove")
    throw new UsageError(`expected "add" or "remove", got ${verb === undefined ? "nothing" : JSON.stringify(verb)}`);
  if (!domain) throw new UsageError(`${verb}: give the domain, e.g. "${verb} acme.com"`);
  if (rest.length > 0) throw new UsageError(`${verb}: one domain at a time; unexpected ${JSON.stringify(rest.join(" "))}`);
  const workRoot = values["work-root"];
  if (verb === "remove") {
    const extra = Object.keys(values).filter((k) => k !== "work-root");
    if (extra.length > 0) throw new UsageError(`remove takes no --${extra[0]}`);
    return { verb, domain, ...(workRoot ? { workRoot } : {}) };
  }
  const request: OnboardingRequest = { domain };
  if (values["external-id"] !== undefined) request.externalId = values["external-id"];
  if (values.metadata) {
    request.metadata = {};
    for (const pair of values.metadata) {
      const at = pair.indexOf("=");
      if (at <= 0) throw new UsageError(`--metadata ${JSON.stringify(pair)}: expected KEY=VALUE, e.g. --metadata client_name="Acme Corp"`);
      request.metadata[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  for (const [flag, key] of [
    ["timeout-seconds", "timeoutSeconds"],
    ["poll-interval-seconds", "pollIntervalSeconds"],
  ] as const) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${flag} ${JSON.stringify(raw)}: expected a number of seconds above 0`);
    request[key] = n;
  }
  return { verb, request, ...(workRoot ? { workRoot } : {}) };
}

function line(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sendmailos-onboard: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  const options: OnboardingOptions = {
    ...(command.workRoot ? { workRoot: command.workRoot } : {}),
    onProgress: (text) => process.stderr.write(`${text}\n`),
  };
  try {
    if (command.verb === "remove") {
      await removeClient(command.domain, options);
      line({ event: "removed", domain: command.domain });
      return 0;
    }
    const onboarding = onboardClient(command.request, options);
    const records = onboarding.records.then((list) => line({ event: "records", domain: onboarding.domain, records: list }));
    records.catch(() => undefined); // the same failure comes through `verified`
    const report = await onboarding.verified;
    await records;
    line({ event: "verified", ...report });
    return 0;
  } catch (error) {
    process.stderr.write(`sendmailos-onboard: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof OnboardingInProgressError ? 3 : 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`sendmailos-onboard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
