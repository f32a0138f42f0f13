/**
 * `provider-text`: the size of the `__provider` text Pulumi stores for each resource kind, and what it
 * adds to a stack's state per domain.
 */
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../provider/dynamic/shim";
import { providerKinds, type ProviderKind } from "../provider/dynamic/kinds";
import type { Bench } from "./support/bench";
import { withDeadline } from "./support/deadline";
import { bytes, heading, keyValues, section, table } from "./support/report";

/** A kind's serialized shim: raw UTF-8 size, size as a JSON string in state, time taken. */
interface Serialized {
  raw: number;
  inState: number;
  ms: number;
  containsSecrets: boolean;
}

/** Serializes a kind's shim exactly as `pulumi.dynamic.Resource` does. */
async function serialize(kind: ProviderKind): Promise<Serialized> {
  const provider = providerShim(kind);
  const started = performance.now();
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return {
    raw: Buffer.byteLength(serialized.text, "utf8"),
    inState: Buffer.byteLength(JSON.stringify(serialized.text), "utf8"),
    ms: performance.now() - started,
    containsSecrets: serialized.containsSecrets,
  };
}

/** Dynamic resources per domain for each way of publishing DNS (`VerifiedDomain`). */
const LAYOUTS: { name: string; kinds: ProviderKind[] }[] = [
  {
    name: "VerifiedDomain, dns emulator",
    kinds: ["domain", "emulatorDnsRecord", "emulatorDnsRecord", "emulatorDnsRecord", "verification"],
  },
  { name: "VerifiedDomain, route53/cloudflare", kinds: ["domain", "verification"] },
  { name: "VerifiedDomain, wait: false", kinds: ["domain"] },
];

/** See the file comment. */
export const providerText: Bench = {
  name: "provider-text",
  description:
    "serialized __provider size per kind (pulumi.runtime.serializeFunction, as dynamic.Resource does) and its state cost per domain.",
  limitMs: 60_000,
  async run() {
    heading(this.name, this.description);
    const kinds = [...providerKinds];
    const sizes = {} as Record<ProviderKind, number>;
    const rows: (string | number)[][] = [];
    for (const kind of kinds) {
      const r = await withDeadline(serialize(kind), 20_000, `serializing ${kind}`);
      sizes[kind] = r.inState;
      rows.push([kind, r.raw, r.inState, 2 * r.inState, r.containsSecrets ? "yes" : "no", `${r.ms.toFixed(0)} ms`]);
    }
    section("per resource (the text is stored twice: inputs and outputs)");
    table(["kind", "text bytes", "as JSON string", "per resource (x2)", "secrets", "serialize time"], rows);
    section("per domain (__provider only, JSON-escaped; the resources' own properties come on top)");
    table(
      ["layout", "dynamic resources", "__provider bytes per domain", "per 100 domains"],
      LAYOUTS.map((l) => {
        const total = 2 * l.kinds.reduce((sum, k) => sum + sizes[k], 0);
        return [l.name, l.kinds.length, total, bytes(100 * total)];
      }),
    );
    keyValues([["sizes", "UTF-8 bytes; 'as JSON string' is the text escaped as it sits in the state file (quotes, \\n)"]]);
  },
};
