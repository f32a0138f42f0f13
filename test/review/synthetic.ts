/**
 * Previews of large stacks, in the engine's event-stream form and with the shapes the recorded fixtures show
 * (dynamic provider types, a VerifiedDomain parent per domain, 32-character DKIM tokens): for the size bound,
 * which needs a thousand domains that no test should register for real.
 */
const stackUrn = "urn:pulumi:prod::sendmailos-domains";
const types = {
  component: "sendmailos:index:VerifiedDomain",
  domain: "pulumi-nodejs:dynamic/sendmailos:Domain",
  record: "pulumi-nodejs:dynamic/sendmailos:EmulatorDnsRecord",
  verification: "pulumi-nodejs:dynamic/sendmailos:DomainVerification",
};
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What happens to the i-th domain: cycles through registered, updated, replaced (verified) and deleted (verified). */
export type SyntheticAction = "create" | "update" | "replace" | "delete";

const cycle: SyntheticAction[] = ["create", "update", "replace", "delete"];

/** A domain name of the given length at least, unique per index. */
export function syntheticDomain(i: number, nameLength = 0): string {
  const base = `client-${i}.example`;
  return base.length >= nameLength ? base : `${"x".repeat(nameLength - base.length - 1)}.${base}`;
}

function token(i: number, k: number): string {
  return `${i.toString(36)}t${k}`.padEnd(32, "q");
}

function urn(type: string, name: string, component?: string): string {
  return component ? `${stackUrn}::${types.component}$${type}::${name}` : `${stackUrn}::${type}::${name}`;
}

function state(type: string, name: string, parent: string, inputs: Record<string, unknown>, outputs: Record<string, unknown>) {
  return { type, urn: urn(type, name, parent), parent: urn(types.component, parent), inputs, outputs };
}

/** The event lines of one domain's change. */
function domainEvents(i: number, action: SyntheticAction, nameLength: number): object[] {
  const name = syntheticDomain(i, nameLength);
  const newName = action === "replace" ? `new-${name}` : name;
  const tokens = [0, 1, 2].map((k) => token(i, k));
  const records = tokens.map((t) => ({ type: "CNAME", name: `${t}._domainkey.${name}`, value: `${t}.dkim.amazonses.com` }));
  const oldDomain = {
    domain: name,
    domainName: name,
    domainId: `id-${i}`,
    externalId: `client_${i}`,
    metadata: { plan: "enterprise" },
    status: "pending",
    dnsRecords: records,
    dkimTokens: tokens,
    deletionPolicy: "delete",
  };
  const newInputs = {
    domain: newName,
    externalId: `client_${i}`,
    metadata: { plan: action === "update" ? "pro" : "enterprise" },
    deletionPolicy: "delete",
    adoptExisting: false,
  };
  const domainOld = action === "create" ? undefined : state(types.domain, name, name, { domain: name }, oldDomain);
  const domainNew = action === "delete" ? undefined : state(types.domain, name, name, newInputs, {});
  const events: object[] = [
    {
      op: action,
      urn: urn(types.domain, name, name),
      type: types.domain,
      old: domainOld,
      new: domainNew,
      ...(action === "replace" ? { keys: ["domain"] } : {}),
    },
  ];
  if (action === "update") {
    events.push({
      op: "same",
      urn: urn(types.verification, `${name}-verification`, name),
      type: types.verification,
      old: state(types.verification, `${name}-verification`, name, {}, { status: "verified", domainId: `id-${i}` }),
    });
    return events;
  }
  records.forEach((r, k) => {
    const recordName = `${name}-dkim-${k + 1}`;
    const oldRecord = action === "create" ? undefined : state(types.record, recordName, name, { ...r, ttl: 300 }, { ...r, ttl: 300 });
    const newRecord =
      action === "delete"
        ? undefined
        : state(types.record, recordName, name, { type: "CNAME", name: unknown, value: unknown, ttl: 300 }, {});
    events.push({
      op: action,
      urn: urn(types.record, recordName, name),
      type: types.record,
      old: oldRecord,
      new: newRecord,
      ...(action === "replace" ? { keys: ["name"] } : {}),
    });
  });
  const verificationName = `${name}-verification`;
  const oldVerification =
    action === "create"
      ? undefined
      : state(types.verification, verificationName, name, { domainId: `id-${i}` }, { status: "verified", domainId: `id-${i}` });
  const newVerification =
    action === "delete"
      ? undefined
      : state(types.verification, verificationName, name, { domainId: unknown, domainName: unknown, timeoutSeconds: 2700 }, {});
  events.push({
    op: action,
    urn: urn(types.verification, verificationName, name),
    type: types.verification,
    old: oldVerification,
    new: newVerification,
  });
  return events;
}

/**
 * The event stream of a preview in which `count` domains change, cycling through the four actions, with a
 * mandatory policy violation for every verified domain replaced or deleted.
 */
export function syntheticPreview(count: number, options: { actions?: SyntheticAction[]; nameLength?: number } = {}): string {
  const actions = options.actions ?? cycle;
  const lines: object[] = [{ sequence: 0, preludeEvent: { config: {} } }];
  for (let i = 0; i < count; i++) {
    const action = actions[i % actions.length]!;
    for (const metadata of domainEvents(i, action, options.nameLength ?? 0))
      lines.push({ sequence: lines.length, resourcePreEvent: { metadata } });
    if (action === "replace" || action === "delete") {
      lines.push({
        sequence: lines.length,
        policyEvent: {
          resourceUrn: `${stackUrn}::pulumi:pulumi:Stack::sendmailos-domains-prod`,
          message: `A verified SendMailOS domain is never replaced or deleted unless allowed.\n${syntheticDomain(i, options.nameLength ?? 0)} is verified and this change ${action}s it`,
          policyName: "verified-domain-protected",
          policyPackName: "sendmailos",
          policyPackVersion: "0.1.0",
          enforcementLevel: "mandatory",
          color: "never",
        },
      });
    }
  }
  lines.push({ sequence: lines.length, summaryEvent: { resourceChanges: {}, isPreview: true } });
  return lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
}
