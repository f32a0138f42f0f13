/**
 * The resources a policy looks at, in one plain shape for both sides of a change: what is deployed (the stack's
 * last state) and what is planned (the resources a preview ends with). Pure.
 */
import { isUnknown } from "../provider/runtime/unknown";
import { roleOf } from "../review/resource-kinds";

/** A resource as a policy sees it. */
export interface PolicyResourceView {
  urn: string;
  type: string;
  /** The resource id, for deployed resources. */
  id?: string;
  /** Inputs of a deployed resource; the planned properties of a planned one. */
  inputs: Record<string, unknown>;
  /** Outputs of a deployed resource; the same planned properties for a planned one. */
  outputs: Record<string, unknown>;
  parent?: string;
  /** URNs this resource depends on. */
  dependencies: string[];
}

/** A SendMailOS domain registration as a policy compares it. */
export interface DomainIdentity {
  urn: string;
  /** The domain's name; undefined when it is not known until apply. */
  name: string | undefined;
  workspaceId: string | undefined;
  /** The SendMailOS id, when known. */
  domainId: string | undefined;
}

/** The identity of a domain resource. */
export function domainIdentity(r: PolicyResourceView): DomainIdentity {
  return {
    urn: r.urn,
    name: normalizedName(r.inputs["domain"]) ?? normalizedName(r.outputs["domainName"]),
    workspaceId: text(r.outputs["workspaceId"]) ?? text(r.inputs["workspaceId"]),
    domainId: r.id ?? text(r.outputs["domainId"]) ?? text(r.inputs["domainId"]),
  };
}

/** The domain resources among `resources`. */
export function domainsOf(resources: readonly PolicyResourceView[]): PolicyResourceView[] {
  return resources.filter((r) => roleOf(r.type) === "domain");
}

/** The verification resources among `resources`. */
export function verificationsOf(resources: readonly PolicyResourceView[]): PolicyResourceView[] {
  return resources.filter((r) => roleOf(r.type) === "verification");
}

/** A domain name compared as SendMailOS does: lower case, without a trailing dot. */
export function normalizedName(value: unknown): string | undefined {
  const name = text(value);
  return name === undefined ? undefined : name.toLowerCase().replace(/\.$/, "");
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined;
}
