/**
 * The policies of the SendMailOS policy pack (CrossGuard; the pack itself is `pack.ts`), run with
 * `pulumi preview --policy-pack node_modules/pulumi-sendmailos/policy-pack`:
 *
 * - `verified-domain-protected` (mandatory): a change never replaces or deletes a verified domain unless the
 *   stack setting `sendmailos-policy:allowVerifiedDomainChanges` names it.
 * - `dkim-records-not-proxied` (mandatory): DKIM records in Cloudflare are DNS-only.
 * - `verification-wait` (advisory): every domain is waited for, and not for less than `minimumTimeoutSeconds`
 *   (pack config, default 300).
 *
 * All three are stack policies: only they see dependencies, and the deployed state is compared once per preview.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Policies, PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { deployedResources } from "./deployed-state";
import { proxiedDkimRecords } from "./dkim-proxied";
import type { PolicyResourceView } from "./resources";
import { allowSetting, allowedDomains, atRiskMessage, verifiedDomainsAtRisk } from "./verified-domains";
import { defaultMinimumTimeoutSeconds, waitFindings } from "./verification-wait";

/**
 * A policy resource as plain data. `@pulumi/policy` wraps properties in a proxy that throws on a value not known
 * during preview; the policies here handle unknowns themselves, so they read the proxy's target
 * (`__getSpecialProxyTarget`, the accessor the proxy offers for this).
 */
export function viewOf(resource: PolicyResource): PolicyResourceView {
  const props = ((resource.props as Record<string, unknown>)["__getSpecialProxyTarget"] ?? resource.props) as Record<string, unknown>;
  return {
    urn: resource.urn,
    type: resource.type,
    inputs: props,
    outputs: props,
    ...(resource.parent ? { parent: resource.parent.urn } : {}),
    dependencies: resource.dependencies.map((d) => d.urn),
  };
}

async function protectVerifiedDomains(args: StackValidationArgs, report: ReportViolation): Promise<void> {
  let allowed: Set<string>;
  try {
    allowed = allowedDomains(new pulumi.Config(allowSetting.namespace).getObject<unknown>(allowSetting.key));
  } catch (error) {
    report((error as Error).message);
    return;
  }
  let deployed: PolicyResourceView[];
  try {
    deployed = await deployedResources();
  } catch (error) {
    // Failing closed: without the deployed state the guard cannot tell what the change does.
    report(`${(error as Error).message}. Without it, this policy cannot check that no verified domain is replaced or deleted.`);
    return;
  }
  for (const risk of verifiedDomainsAtRisk(deployed, args.resources.map(viewOf), allowed)) report(atRiskMessage(risk), risk.urn);
}

/** The pack's policies. */
export const policies: Policies = [
  {
    name: "verified-domain-protected",
    description: `A verified SendMailOS domain is never replaced or deleted unless ${allowSetting.namespace}:${allowSetting.key} names it.`,
    enforcementLevel: "mandatory",
    validateStack: protectVerifiedDomains,
  },
  {
    name: "dkim-records-not-proxied",
    description: "DKIM records in Cloudflare are DNS-only (proxied: false).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
      for (const r of proxiedDkimRecords(args.resources.map(viewOf))) report(r.message, r.urn);
    },
  },
  {
    name: "verification-wait",
    description: "Every SendMailOS domain is waited for, long enough for SES to verify it.",
    enforcementLevel: "advisory",
    configSchema: {
      properties: { minimumTimeoutSeconds: { type: "integer", minimum: 1, default: defaultMinimumTimeoutSeconds } },
    },
    validateStack: (args, report) => {
      const { minimumTimeoutSeconds } = args.getConfig<{ minimumTimeoutSeconds: number }>();
      for (const f of waitFindings(args.resources.map(viewOf), minimumTimeoutSeconds)) report(f.message, f.urn);
    },
  },
];
