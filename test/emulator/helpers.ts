/**
 * Fixtures for the emulator tests: one emulator per suite on free ports, and thin wrappers around
 * node's fetch and DNS resolver so each test reads as the HTTP exchange it checks.
 */
import { promises as dnsPromises } from "node:dns";
import { connect } from "node:net";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

/** Starts an emulator before the suite and stops it after; read `.current` inside tests. */
export function useEmulator(options?: EmulatorOptions): { readonly current: RunningEmulator } {
  let emulator: RunningEmulator | undefined;
  before(async () => {
    emulator = await startEmulator(options);
  });
  after(async () => {
    await emulator?.stop();
  });
  return {
    get current(): RunningEmulator {
      if (!emulator) throw new Error("emulator not started");
      return emulator;
    },
  };
}

/** A parsed HTTP exchange. `json` is `any` on purpose: tests assert on its shape. */
export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Options of {@link api}. */
export interface ApiCall {
  body?: unknown;
  /** Sent as is, instead of `JSON.stringify(body)`. */
  rawBody?: string;
  /** `null` sends no Authorization header. */
  key?: string | null;
  workspace?: string;
  headers?: Record<string, string>;
}

/** Calls the emulator's API (`path` relative to `/api/v1`) with the default key. */
export async function api(emulator: RunningEmulator, method: string, path: string, call: ApiCall = {}): Promise<Exchange> {
  const headers: Record<string, string> = { ...call.headers };
  const key = call.key === undefined ? emulator.apiKey : call.key;
  if (key !== null) headers["Authorization"] = `Bearer ${key}`;
  if (call.workspace !== undefined) headers["X-Workspace-Id"] = call.workspace;
  let body: string | undefined = call.rawBody;
  if (body === undefined && call.body !== undefined) body = JSON.stringify(call.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${emulator.baseUrl}${path}`, { method, headers, body });
  return exchange(response);
}

/** Calls the admin API (`path` relative to `/admin`). */
export async function admin(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<Exchange> {
  const response = await fetch(`${emulator.adminUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return exchange(response);
}

async function exchange(response: Response): Promise<Exchange> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Registers a domain and returns its wire object (fails the test on anything but 201). */
export async function createDomain(emulator: RunningEmulator, domain: string, call: ApiCall = {}): Promise<any> {
  const response = await api(emulator, "POST", "/domains", { ...call, body: { domain, ...(call.body as object) } });
  if (response.status !== 201) throw new Error(`create ${domain}: ${response.status} ${response.text}`);
  return response.json.domain;
}

/** A resolver that asks only the emulator's DNS server, with short timeouts. */
export function resolverFor(emulator: RunningEmulator): dnsPromises.Resolver {
  const resolver = new dnsPromises.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([emulator.dns.address]);
  return resolver;
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The structure of a JSON value: keys in order and value kinds, recursively; values left out. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === "object") return Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]);
  return typeof value;
}

/** A response read off a raw socket. */
export interface RawExchange {
  /** Status from the status line, or `undefined` when the server closed without answering. */
  status: number | undefined;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  text: string;
  json: any;
  /** Everything received, verbatim. */
  raw: string;
}

/**
 * Sends `bytes` as they are over a new TCP connection to the emulator's HTTP port and reads until the
 * server closes it (or until one complete response, with `Content-Length`, has arrived): for requests
 * an HTTP client would refuse to send.
 */
export function rawRequest(emulator: RunningEmulator, bytes: string | Buffer): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(parseRaw(Buffer.concat(chunks).toString("utf8")));
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks).toString("utf8"))) finish();
    });
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", (err: NodeJS.ErrnoException) => {
      // The server may close while we are still writing a huge request; what it answered counts.
      if (err.code === "ECONNRESET" || err.code === "EPIPE") finish();
      else reject(err);
    });
  });
}

function isComplete(raw: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, end));
  return length !== null && Buffer.byteLength(raw.slice(end + 4)) >= Number(length[1]);
}

function parseRaw(raw: string): RawExchange {
  const end = raw.indexOf("\r\n\r\n");
  const head = end < 0 ? raw : raw.slice(0, end);
  const text = end < 0 ? "" : raw.slice(end + 4);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1];
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: status === undefined ? undefined : Number(status), headers, text, json, raw };
}
