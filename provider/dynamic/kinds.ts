/**
 * The resource kinds the stable entry serves, by the names stored in state (the shim's `k`). Declared here,
 * apart from their implementations, so that the resource classes (which serialize a shim naming a kind)
 * and the entry (which dispatches a kind to its operations) both depend on this list and not on each other.
 * A compatibility contract like `v1.ts`: kinds may be added, never renamed or removed.
 */
export const providerKinds = ["domain", "verification", "emulatorDnsRecord"] as const;

/** A kind of resource served by the dynamic provider. */
export type ProviderKind = (typeof providerKinds)[number];

/** Whether `kind` (read from state) is one this package serves. */
export function isProviderKind(kind: unknown): kind is ProviderKind {
  return typeof kind === "string" && (providerKinds as readonly string[]).includes(kind);
}
