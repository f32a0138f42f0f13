/**
 * Renames in a stack whose resources are named after their domains (the domains program): to the engine a new
 * name is one resource deleted and another created; to a reviewer it is one client's domain renamed, which is a
 * replacement with new DKIM keys. A pair is recognized by the client's `externalId` (and workspace). Pure.
 */
import { isUnknown } from "../provider/runtime/unknown";
import type { DomainSteps } from "./domain-groups";
import type { PlannedStep } from "./preview-json";
import { isSecret } from "./values";

/**
 * A deleted domain and a registered one with the same `externalId` (and workspace) are one client's domain
 * renamed: the domains program names resources after the domain, so to the engine a rename is a deletion and
 * a creation. Only unambiguous pairs are joined; the rest stay as they are.
 */
export function pairRenames(groups: DomainSteps[]): { pairs: [DomainSteps, DomainSteps][]; singles: DomainSteps[] } {
  const gone = new Map<string, DomainSteps[]>();
  const born = new Map<string, DomainSteps[]>();
  for (const g of groups) {
    const k = g.domain.op === "delete" || g.domain.op === "create" ? clientKeyOf(g.domain) : undefined;
    if (k === undefined) continue;
    const side = g.domain.op === "delete" ? gone : born;
    side.set(k, [...(side.get(k) ?? []), g]);
  }
  const pairs: [DomainSteps, DomainSteps][] = [];
  for (const [k, olds] of gone) {
    const news = born.get(k);
    if (olds.length === 1 && news?.length === 1) pairs.push([olds[0]!, news[0]!]);
  }
  const paired = new Set(pairs.flat());
  return { pairs, singles: groups.filter((g) => !paired.has(g)) };
}

/** The client key of a registration that ends (delete) or starts (create): `[externalId, workspaceId]` as JSON. */
export function clientKeyOf(step: PlannedStep): string | undefined {
  const view = step.op === "delete" ? step.old : step.new;
  const id = step.op === "delete" ? (view?.outputs["externalId"] ?? view?.inputs["externalId"]) : view?.inputs["externalId"];
  if (typeof id !== "string" || id === "" || isUnknown(id) || isSecret(id)) return undefined;
  return JSON.stringify([id, view?.inputs["workspaceId"] ?? view?.outputs["workspaceId"] ?? null]);
}
