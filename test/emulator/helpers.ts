/**
 * Fixtures for the emulator tests: one emulator per suite on free ports, and thin wrappers around
 * node's fetch and DNS resolver so each test reads as the HTTP exchange it checks.
 */
import { promises as dnsPromises } from "node:dns";
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
