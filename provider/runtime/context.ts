import { SendMailOSClient, type SendMailOSClientOptions } from "../../sdk";
import { DomainListCache } from "./domain-list-cache";
import type { InputFailure } from "../schema/issues";
import { MissingApiKeyError } from "./errors";
import { emulatorDnsAddress } from "./emulator-discovery";
import { readSettings, type ConfigSource, type ProviderSettings } from "./settings";

/**
 * The state of one provider process: settings from `configure`, one API client per workspace (they
 * share the sdk's process-wide rate limiter) and one shared domain list per workspace. Module-level on
 * purpose: every dynamic resource of a stack runs in the same process, and sharing is the point.
 */
let settings: ProviderSettings | undefined;
let clientOverrides: Partial<SendMailOSClientOptions> = {};
const clients = new Map<string, SendMailOSClient>();
const listCaches = new Map<string, DomainListCache>();

/** Records the settings from the engine's `configure` call (stack config, secrets decrypted). */
export function configure(config: ConfigSource | undefined): void {
  const next = readSettings(config);
  if (settings && !sameConnection(settings, next)) resetClients();
  settings = next;
}

/** Current settings; before `configure` (unit tests, mocks), the environment alone. */
export function currentSettings(): ProviderSettings {
  settings ??= readSettings(undefined);
  return settings;
}

let missingKeyReported = false;

/**
 * The check failure for a missing API key, or undefined when one is configured. The first resource of a
 * process gets the whole explanation (the command to run); the others a short pointer to it, so that a
 * stack of 200 domains says it once, without a stack trace.
 */
export function apiKeyFailure(): InputFailure | undefined {
  if (currentSettings().apiKey) return undefined;
  const first = !missingKeyReported;
  missingKeyReported = true;
  return { property: "", reason: first ? new MissingApiKeyError().message : "no SendMailOS API key is configured (see the first error)" };
}

/** The API client for a workspace (the configured default when undefined). */
export function clientFor(workspaceId: string | undefined): SendMailOSClient {
  const s = currentSettings();
  if (!s.apiKey) throw new MissingApiKeyError();
  const workspace = workspaceId ?? s.workspaceId;
  const key = workspace ?? "";
  let client = clients.get(key);
  if (!client) {
    client = new SendMailOSClient({
      ...(s.rateLimits !== undefined ? { rateLimits: s.rateLimits } : {}),
      ...clientOverrides,
      apiKey: s.apiKey,
      ...(s.baseUrl !== undefined ? { baseUrl: s.baseUrl } : {}),
      ...(workspace !== undefined ? { workspaceId: workspace } : {}),
    });
    clients.set(key, client);
  }
  return client;
}

/** The shared domain list of a workspace. */
export function domainListFor(workspaceId: string | undefined): DomainListCache {
  const key = workspaceId ?? currentSettings().workspaceId ?? "";
  let cache = listCaches.get(key);
  if (!cache) {
    const client = clientFor(workspaceId);
    cache = new DomainListCache(() => client.listDomains());
    listCaches.set(key, cache);
  }
  return cache;
}

let emulatorDns: Promise<string[] | undefined> | undefined;

/**
 * The DNS servers a verification's diagnosis asks: the resource's own, else `sendmailos:dnsResolvers`, else
 * (when `sendmailos:baseUrl` is the local emulator, found by its admin endpoint) the emulator's DNS server,
 * where the emulator DNS target publishes records; else undefined, the system's resolvers.
 */
export async function dnsResolversFor(own: string[] | undefined): Promise<string[] | undefined> {
  if (own !== undefined && own.length > 0) return own;
  const s = currentSettings();
  if (s.dnsResolvers !== undefined && s.dnsResolvers.length > 0) return s.dnsResolvers;
  if (s.baseUrl === undefined) return undefined;
  emulatorDns ??= emulatorDnsAddress(s.baseUrl);
  return emulatorDns;
}

const resetHooks: (() => void)[] = [];

/** Registers a cache to forget with the clients (settings changed, or between tests). */
export function onReset(hook: () => void): void {
  resetHooks.push(hook);
}

/** Drops clients and caches (settings changed, or between tests). */
export function resetClients(): void {
  for (const hook of resetHooks) hook();
  for (const client of clients.values()) void client.close();
  clients.clear();
  listCaches.clear();
  emulatorDns = undefined;
}

/**
 * Replaces the settings outright, and optionally the client options that stack config cannot set
 * (tests scale the rate limits down with it).
 */
export function setSettings(next: ProviderSettings, overrides: Partial<SendMailOSClientOptions> = {}): void {
  resetClients();
  missingKeyReported = false;
  settings = next;
  clientOverrides = overrides;
}

function sameConnection(a: ProviderSettings, b: ProviderSettings): boolean {
  return a.apiKey === b.apiKey && a.baseUrl === b.baseUrl && a.workspaceId === b.workspaceId;
}
