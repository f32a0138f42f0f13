#!/usr/bin/env node
/**
 * `sendmailos-emulator`: runs the emulator until SIGINT or SIGTERM.
 *
 * ```
 * sendmailos-emulator [--port N] [--dns-port N] [--data-file PATH] [--api-key KEY]
 *                     [--no-rate-limit] [--auto-verify-after SECONDS]
 *                     [--paginate page|offset|cursor] [--page-size N] [--json]
 * ```
 * Ports default to 0 (a free port); the chosen URLs are printed, or one JSON line with `--json`
 * for scripts that spawn the emulator and need its addresses.
 */
import { parseArgs } from "node:util";
import { defaultApiKey, startEmulator, type EmulatorOptions, type RunningEmulator } from "./index";

const usage = `Usage: sendmailos-emulator [options]

  --port N                   HTTP port on 127.0.0.1 (default: a free port)
  --dns-port N               DNS (UDP) port on 127.0.0.1 (default: a free port)
  --data-file PATH           keep domains, idempotency records and DNS records in this file
  --api-key KEY              the organization key (workspaces ws_default, ws_other; default ${defaultApiKey})
  --no-rate-limit            serve every request (default: the documented limits)
  --auto-verify-after SECS   verify domains SECS after creation, whatever DNS says (default: verify by DNS)
  --paginate STYLE           page the domain list: page, offset or cursor (default: one answer, as documented)
  --page-size N              domains per page with --paginate (default 100)
  --json                     print the addresses as one JSON line
  --help                     show this help`;

/** Parses the command line into emulator options; throws with a readable message on bad input. */
export function parseCli(argv: string[]): { options: EmulatorOptions; json: boolean } | "help" {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      "dns-port": { type: "string" },
      "data-file": { type: "string" },
      "api-key": { type: "string" },
      "no-rate-limit": { type: "boolean" },
      "auto-verify-after": { type: "string" },
      paginate: { type: "string" },
      "page-size": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";
  const options: EmulatorOptions = {
    port: integer("--port", values.port),
    dnsPort: integer("--dns-port", values["dns-port"]),
    dataFile: values["data-file"],
  };
  if (values["api-key"] !== undefined) {
    options.apiKeys = [{ key: values["api-key"], workspaces: ["ws_default", "ws_other"] }];
  }
  if (values["no-rate-limit"]) options.rateLimits = false;
  const autoVerifyAfter = values["auto-verify-after"];
  if (autoVerifyAfter !== undefined) {
    const seconds = Number(autoVerifyAfter);
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error("--auto-verify-after: expected seconds >= 0");
    options.verification = { mode: "auto", autoVerifyAfterMs: seconds * 1000 };
  }
  const style = values.paginate;
  if (style !== undefined && style !== "page" && style !== "offset" && style !== "cursor") {
    throw new Error("--paginate: expected page, offset or cursor");
  }
  const pageSize = values["page-size"];
  if (pageSize !== undefined && style === undefined) throw new Error("--page-size: only with --paginate");
  if (pageSize !== undefined && !/^[1-9]\d{0,5}$/.test(pageSize)) throw new Error("--page-size: expected a whole number of at least 1");
  if (style !== undefined) options.pagination = { style, ...(pageSize === undefined ? {} : { pageSize: Number(pageSize) }) };
  return { options, json: values.json === true };
}

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${flag}: expected a port number`);
  return parsed;
}

function describe(emulator: RunningEmulator, json: boolean): string {
  if (json) {
    return JSON.stringify({ baseUrl: emulator.baseUrl, adminUrl: emulator.adminUrl, dns: emulator.dns.address, apiKey: emulator.apiKey });
  }
  return [
    "SendMailOS emulator running",
    `  API:     ${emulator.baseUrl}`,
    `  Admin:   ${emulator.adminUrl}`,
    `  DNS:     ${emulator.dns.address} (udp)`,
    `  API key: ${emulator.apiKey}`,
    "Press Ctrl+C to stop.",
  ].join("\n");
}

/** Runs the bin with this process's arguments: starts the emulator and serves until SIGINT or SIGTERM. */
export async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (parsed === "help") {
    console.log(usage);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  console.log(describe(emulator, parsed.json));
  const shutdown = (signal: NodeJS.Signals): void => {
    process.off("SIGINT", shutdown);
    process.off("SIGTERM", shutdown);
    if (!parsed.json) console.log(`${signal}: stopping`);
    emulator.stop().then(
      () => (process.exitCode = 0),
      (err: unknown) => {
        console.error(err);
        process.exitCode = 1;
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
