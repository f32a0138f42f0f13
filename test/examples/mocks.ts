import * as pulumi from "@pulumi/pulumi";
import { fakeDomainState } from "../support/pulumi-mocks";

export { settle, valueOf } from "../support/pulumi-mocks";

/** A resource an example declared under mocks, with the provider reference it was given. */
export interface Declared {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The provider reference (`<urn>::<id>`), undefined for the default provider. */
  provider: string | undefined;
}

/** An invoke an example made under mocks. */
export interface Invoked {
  token: string;
  inputs: Record<string, unknown>;
  /** The provider reference (`<urn>::<id>`), undefined for the default provider. */
  provider: string | undefined;
}

/** When the fake verification says the domain was verified. */
export const fakeVerifiedAt = "2025-01-02T03:04:05.000Z";

/**
 * Mocks for the examples: every resource and invoke is recorded. A Domain answers the same fake state
 * as the provider tests (three DKIM records derived from the domain name), a DomainVerification answers
 * `verified`; zone lookups answer `Z-<name>` (Route53) and `cf-<name>` (Cloudflare). In a preview,
 * nothing answers outputs, as in a preview of new domains.
 */
export async function installExampleMocks(options: { preview?: boolean } = {}): Promise<{ declared: Declared[]; invoked: Invoked[] }> {
  const declared: Declared[] = [];
  const invoked: Invoked[] = [];
  const preview = options.preview ?? false;
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        declared.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider || undefined });
        if (preview) return { id: undefined, state: args.inputs };
        if (args.type === "pulumi-nodejs:dynamic/sendmailos:Domain") {
          return { id: `id-${args.inputs.domain}`, state: fakeDomainState(args.inputs) };
        }
        if (args.type === "pulumi-nodejs:dynamic/sendmailos:DomainVerification") {
          return {
            id: `${args.name}-id`,
            state: { ...args.inputs, status: "verified", verifiedAt: fakeVerifiedAt, waitedSeconds: 42, records: [] },
          };
        }
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        invoked.push({ token: args.token, inputs: args.inputs, provider: args.provider || undefined });
        if (args.token === "aws:route53/getZone:getZone") return { zoneId: `Z-${args.inputs.name}`, name: args.inputs.name };
        if (args.token === "cloudflare:index/getZone:getZone") return { id: `cf-${args.inputs.filter?.name}` };
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "sendmailos-test",
    "test",
    preview,
  );
  return { declared, invoked };
}

/** Replaces each value the mocks mark unknown (a preview's unresolved output) with the string "<unknown>". */
export function showUnknowns(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(showUnknowns);
  if (value !== null && typeof value === "object") {
    if ((value as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) return "<unknown>";
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, showUnknowns(v)]));
  }
  return value;
}

/** `type name` of each declared resource, sorted, so that the comparison does not depend on registration order. */
export function typeNames(declared: Declared[]): string[] {
  return declared.map((d) => `${d.type} ${d.name}`).sort();
}

/** The inputs of the resource of that type and name; fails when there is not exactly one. */
export function inputsOf(declared: Declared[], type: string, name: string): Record<string, unknown> {
  const matches = declared.filter((d) => d.type === type && d.name === name);
  if (matches.length !== 1) throw new Error(`expected one ${type} ${name}, found ${matches.length}`);
  return matches[0]!.inputs;
}

/**
 * Loads an example's `index` afresh (its top-level code runs again) with the given stack configuration
 * of project `sendmailos-test`, then restores the previous configuration.
 * @param modulePath - an absolute path, from `require.resolve`.
 */
export function loadIndexWithConfig<T>(modulePath: string, config: Record<string, string>): T {
  const previous = pulumi.runtime.allConfig();
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [`sendmailos-test:${k}`, v])));
  delete require.cache[modulePath];
  try {
    return require(modulePath) as T;
  } finally {
    pulumi.runtime.setAllConfig(previous);
  }
}
