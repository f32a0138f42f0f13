/**
 * The provider's configuration as the engine handles it for a native provider: checked (`checkConfig`),
 * compared (`diffConfig`) and applied (`configure`). From stack config the engine passes every value as a
 * string; from an explicit provider resource, as typed values: both are accepted.
 */
import { parseResolvers, type ConfigSource } from "../runtime/settings";
import type { PropertyChange } from "../runtime/operations";
import { providerConfigSchema } from "../runtime/provider-config-schema";
import { checkInputs, type CheckedInputs } from "../schema/check-inputs";
import { isUnknown } from "../runtime/unknown";

/** Keys the engine adds to every provider's inputs, which are not ours to check. */
const engineKeys = ["version", "pluginDownloadURL"];

/** Validates provider configuration; `dnsResolvers` may be given as a list, a JSON list or `a,b`. */
export function checkProviderConfig(raw: Record<string, unknown>): CheckedInputs {
  const resolvers = raw["dnsResolvers"];
  const normalized = typeof resolvers === "string" && !isUnknown(resolvers) ? { ...raw, dnsResolvers: safeResolvers(resolvers) } : raw;
  return checkInputs(providerConfigSchema, normalized, { passThrough: engineKeys });
}

function safeResolvers(text: string): unknown {
  try {
    return parseResolvers(text);
  } catch {
    return text; // not JSON after all: the schema names what is wrong with it
  }
}

/**
 * What changes between two configurations. Nothing here ever replaces a resource: a new key, base URL or
 * resolver list applies to every later operation; the domains themselves stay where they are.
 */
export function diffProviderConfig(olds: Record<string, unknown>, news: Record<string, unknown>): PropertyChange[] {
  return Object.keys(providerConfigSchema.shape).flatMap((key): PropertyChange[] => {
    const before = olds[key];
    const after = news[key];
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
    const kind = before === undefined ? "add" : after === undefined ? "delete" : "update";
    return [{ path: key, kind, replaces: false, input: true }];
  });
}

/**
 * The configuration as the runtime reads it: the provider's inputs (`args`) when the engine sends them,
 * else the older `variables` map (`sendmailos:config:apiKey`). Lists are handed on as JSON.
 */
export function configSource(args: Record<string, unknown> | undefined, variables: { get(key: string): string | undefined }): ConfigSource {
  return {
    get(key: string): string | undefined {
      const name = key.slice(key.indexOf(":") + 1);
      const value = args?.[name];
      if (typeof value === "string") return value;
      if (Array.isArray(value)) return JSON.stringify(value);
      return variables.get(`sendmailos:config:${name}`) ?? undefined;
    },
  };
}
