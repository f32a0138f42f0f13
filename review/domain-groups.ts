/**
 * Gathers a preview's steps by SendMailOS domain: each `Domain` with the DNS records and the verification that
 * belong to it. A record or verification belongs to the domain it depends on; when the form carries no
 * dependencies (the event stream), to the domain with the same parent (a `VerifiedDomain`), the domain whose id
 * it waits for or whose name it publishes, or the domain whose resource name its own extends
 * (`<name>-dkim-1`, `<name>-verification`). Pure.
 */
import { nameFromUrn, type PlannedStep } from "./preview-json";
import { recordOf, roleOf } from "./resource-kinds";
import { isSecret } from "./values";
import { isUnknown } from "../provider/runtime/unknown";

/** One domain's steps. */
export interface DomainSteps {
  /** The domain's own step (`same` when only its records or verification change). */
  domain: PlannedStep;
  records: PlannedStep[];
  verifications: PlannedStep[];
}

/** The steps of a preview, by domain. */
export interface GroupedSteps {
  domains: DomainSteps[];
  /** Steps of resources that are no SendMailOS domain's (components, the stack and providers excluded). */
  others: PlannedStep[];
}

/** Groups the steps of a preview by domain. */
export function groupByDomain(steps: readonly PlannedStep[]): GroupedSteps {
  const groups = new Map<string, DomainSteps>();
  for (const step of steps) if (roleOf(step.type) === "domain") groups.set(step.urn, { domain: step, records: [], verifications: [] });
  const owner = ownerFinder([...groups.values()].map((g) => g.domain));
  const others: PlannedStep[] = [];
  for (const step of steps) {
    const role = roleOf(step.type);
    if (role === "domain" || role === "component" || isEngineResource(step.type)) continue;
    const group = role === "other" ? undefined : groups.get(owner(step) ?? "");
    if (!group) {
      if (step.op !== "same") others.push(step);
      continue;
    }
    (role === "record" ? group.records : group.verifications).push(step);
  }
  return { domains: [...groups.values()], others };
}

/** The stack itself and provider instances: the engine's, not a reviewer's concern. */
function isEngineResource(type: string): boolean {
  return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

/** The name of the domain a step registers (new) or registered (old); undefined when not known. */
export function domainNameOf(step: PlannedStep, which: "old" | "new"): string | undefined {
  const candidates =
    which === "new"
      ? [step.new?.inputs["domain"], step.new?.outputs["domainName"]]
      : [step.old?.outputs["domainName"], step.old?.outputs["domain"], step.old?.inputs["domain"]];
  return candidates.find((c): c is string => typeof c === "string" && !isUnknown(c) && !isSecret(c));
}

/** The SendMailOS id of a domain step's registration, when known. */
function domainIdOf(step: PlannedStep): string | undefined {
  const candidates = [step.old?.id, step.old?.outputs["domainId"], step.new?.inputs["domainId"], step.new?.outputs["domainId"]];
  return candidates.find((c): c is string => typeof c === "string" && c !== "" && !isUnknown(c));
}

function ownerFinder(domains: PlannedStep[]): (step: PlannedStep) => string | undefined {
  const urns = new Set(domains.map((d) => d.urn));
  const byParent = uniqueIndex(domains, (d) => [d.new?.parent, d.old?.parent]);
  const byId = uniqueIndex(domains, (d) => [domainIdOf(d)]);
  const byName = uniqueIndex(domains, (d) => [domainNameOf(d, "new"), domainNameOf(d, "old")]);
  const byResourceName = uniqueIndex(domains, (d) => [nameFromUrn(d.urn)]);
  return (step) => {
    const dependency = [...(step.new?.dependencies ?? []), ...(step.old?.dependencies ?? [])].find((u) => urns.has(u));
    if (dependency) return dependency;
    for (const parent of [step.new?.parent, step.old?.parent]) if (parent && byParent.has(parent)) return byParent.get(parent);
    for (const state of [step.new, step.old]) {
      const id = state?.inputs["domainId"];
      if (typeof id === "string" && byId.has(id)) return byId.get(id);
      const name = recordOf(state ?? { urn: "", type: "", inputs: {}, outputs: {}, dependencies: [] }).name;
      const domain = typeof name === "string" ? name.replace(/\.$/, "").split("._domainkey.")[1] : undefined;
      if (domain && byName.has(domain)) return byName.get(domain);
    }
    const own = nameFromUrn(step.urn);
    const base = own.replace(/-(dkim-\d+|verification)$/, "");
    return base !== own ? byResourceName.get(base) : undefined;
  };
}

/** Maps each key to the one domain that has it; a key two domains share maps to none. */
function uniqueIndex(domains: PlannedStep[], keys: (d: PlannedStep) => (string | undefined)[]): Map<string, string> {
  const index = new Map<string, string>();
  const shared = new Set<string>();
  for (const d of domains) {
    for (const key of new Set(keys(d).filter((k): k is string => k !== undefined))) {
      if (index.has(key) && index.get(key) !== d.urn) shared.add(key);
      else index.set(key, d.urn);
    }
  }
  for (const key of shared) index.delete(key);
  return index;
}
