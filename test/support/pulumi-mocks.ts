import * as pulumi from "@pulumi/pulumi";

/** A resource the program declared under mocks. */
export interface DeclaredResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** What a mock returns for a dynamic SendMailOS domain: three tokens derived from the domain name. */
export function fakeDomainState(inputs: Record<string, unknown>, tokenCount = 3): Record<string, unknown> {
  const domain = String(inputs["domain"]);
  const tokens = Array.from({ length: tokenCount }, (_, i) => `${domain.replace(/\W/g, "")}tok${i}`);
  return {
    ...inputs,
    domainId: `id-${domain}`,
    domainName: domain,
    status: "pending",
    dkimTokens: tokens,
    // Deliberately out of name order: helpers must not depend on the API's order.
    dnsRecords: tokens.map((t) => ({ type: "CNAME", name: `${t}._domainkey.${domain}`, value: `${t}.dkim.amazonses.com` })).reverse(),
  };
}

/**
 * Installs Pulumi mocks that record every declared resource. Dynamic SendMailOS domains get a fake
 * state (unless `preview`, where outputs stay unknown, as in a preview of a new domain); zone lookups
 * answer fixed ids.
 */
export async function installMocks(options: { preview?: boolean; tokenCount?: number } = {}): Promise<DeclaredResource[]> {
  const declared: DeclaredResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        declared.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "pulumi-nodejs:dynamic/sendmailos:Domain" && !options.preview) {
          return { id: `id-${args.inputs.domain}`, state: fakeDomainState(args.inputs, options.tokenCount) };
        }
        return { id: options.preview ? undefined : `${args.name}-id`, state: args.inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        if (args.token === "aws:route53/getZone:getZone") return { zoneId: `Z-${args.inputs.name}`, name: args.inputs.name };
        if (args.token === "cloudflare:index/getZone:getZone") return { id: `cf-${args.inputs.filter?.name}` };
        throw new Error(`unexpected invoke ${args.token}`);
      },
    },
    "sendmailos-test",
    "test",
    options.preview ?? false,
  );
  return declared;
}

/** Resolves an output's value under mocks. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** Lets every pending registration finish, so that `declared` is complete. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 10));
}
