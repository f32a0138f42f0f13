import { SendMailOSClient, type SendMailOSClientOptions } from "../../sdk";
import { DomainListCache } from "./domain-list-cache";
import { MissingApiKeyError } from "./errors";
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

/** Fails with the `pulumi config set --secret` command when no API key is configured. */
export function requireApiKey(): void {
  if (!currentSettings().apiKey) throw new MissingApiKeyError();
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

/** Drops clients and caches (settings changed, or between tests). */
export function resetClients(): void {
  for (const client of clients.values()) void client.close();
  clients.clear();
  listCaches.clear();
}

/**
 * Replaces the settings outright, and optionally the client options that stack config cannot set
 * (tests scale the rate limits down with it).
 */
export function setSettings(next: ProviderSettings, overrides: Partial<SendMailOSClientOptions> = {}): void {
  resetClients();
  settings = next;
  clientOverrides = overrides;
}

function sameConnection(a: ProviderSettings, b: ProviderSettings): boolean {
  return a.apiKey === b.apiKey && a.baseUrl === b.baseUrl && a.workspaceId === b.workspaceId;
}
