/**
 * Provider settings, read once per process from the stack configuration that the engine hands to
 * `configure` (secrets decrypted), with environment variables as the fallback. Nothing here is ever
 * put in resource inputs or outputs, so the API key never reaches state.
 */

import type { RateLimits } from "../../sdk";

/** The subset of the dynamic provider's `ConfigureRequest.config` that we use. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Resolved provider settings. */
export interface ProviderSettings {
  /** From `sendmailos:apiKey` (secret) or `SENDMAILOS_API_KEY`. */
  apiKey?: string;
  /** From `sendmailos:baseUrl` or `SENDMAILOS_BASE_URL`; the client's default when absent. */
  baseUrl?: string;
  /** From `sendmailos:workspaceId` or `SENDMAILOS_WORKSPACE_ID`: the default agency workspace. */
  workspaceId?: string;
  /**
   * DNS servers (`host` or `host:port`) used for the verification DNS diagnosis when a resource sets
   * none. From `sendmailos:dnsResolvers` (comma-separated) or `SENDMAILOS_DNS_RESOLVERS`.
   * @default the system resolvers
   */
  dnsResolvers?: string[];
  /**
   * The client's pacing, from `SENDMAILOS_RATE_LIMITS` only (JSON such as `{"windowMs":6000}`): for an
   * emulator whose limits are scaled down in time (benchmarks). Not a stack setting on purpose: the
   * documented limits are the only right ones for the real API.
   * @default the documented limits
   */
  rateLimits?: Partial<RateLimits>;
}

/** Stack configuration keys, named once so that messages and docs agree. */
export const configKeys = {
  apiKey: "sendmailos:apiKey",
  baseUrl: "sendmailos:baseUrl",
  workspaceId: "sendmailos:workspaceId",
  dnsResolvers: "sendmailos:dnsResolvers",
} as const;

/** Environment variables used when the stack configuration has no value. */
export const envKeys = {
  apiKey: "SENDMAILOS_API_KEY",
  baseUrl: "SENDMAILOS_BASE_URL",
  workspaceId: "SENDMAILOS_WORKSPACE_ID",
  dnsResolvers: "SENDMAILOS_DNS_RESOLVERS",
} as const;

/** Reads settings from stack config first, then from the environment. Empty strings count as unset. */
/** The environment variable that scales the client's pacing (see {@link ProviderSettings.rateLimits}). */
export const rateLimitsEnvKey = "SENDMAILOS_RATE_LIMITS";

export function readSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const pick = (name: keyof typeof configKeys): string | undefined =>
    nonEmpty(safeGet(config, configKeys[name])) ?? nonEmpty(env[envKeys[name]]);
  const resolvers = pick("dnsResolvers");
  const settings: ProviderSettings = {};
  const apiKey = pick("apiKey");
  const baseUrl = pick("baseUrl");
  const workspaceId = pick("workspaceId");
  if (apiKey !== undefined) settings.apiKey = apiKey;
  if (baseUrl !== undefined) settings.baseUrl = baseUrl;
  if (workspaceId !== undefined) settings.workspaceId = workspaceId;
  if (resolvers !== undefined) settings.dnsResolvers = parseResolvers(resolvers);
  const scaled = nonEmpty(env[rateLimitsEnvKey]);
  if (scaled !== undefined) settings.rateLimits = parseRateLimits(scaled);
  return settings;
}

/** Parses a resolver list written as `a,b` or as a JSON array. */
export function parseResolvers(text: string): string[] {
  const trimmed = text.trim();
  const items: unknown = trimmed.startsWith("[") ? JSON.parse(trimmed) : trimmed.split(",");
  if (!Array.isArray(items)) return [];
  return items.map((s) => String(s).trim()).filter((s) => s !== "");
}

function safeGet(config: ConfigSource | undefined, key: string): string | undefined {
  if (!config) return undefined;
  // Config values for a project namespace may be looked up with or without it depending on the SDK.
  return config.get(key) ?? config.get(key.slice(key.indexOf(":") + 1));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** `SENDMAILOS_RATE_LIMITS` as partial limits; the client's option validation names a bad number. */
function parseRateLimits(text: string): Partial<RateLimits> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${rateLimitsEnvKey} must be JSON such as {"windowMs":6000}, got ${JSON.stringify(text.slice(0, 80))}`);
  }
  return value as Partial<RateLimits>;
}
