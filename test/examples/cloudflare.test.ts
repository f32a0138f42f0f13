import { strict as assert } from "node:assert";
import { declareExample } from "../../examples/cloudflare/program";
import {
  fakeVerifiedAt,
  inputsOf,
  installExampleMocks,
  loadIndexWithConfig,
  settle,
  showUnknowns,
  typeNames,
  valueOf,
  type Declared,
} from "./mocks";

const component = "sendmailos:index:VerifiedDomain";
const domainType = "pulumi-nodejs:dynamic/sendmailos:Domain";
const verificationType = "pulumi-nodejs:dynamic/sendmailos:DomainVerification";
const recordType = "cloudflare:index/dnsRecord:DnsRecord";
const getZone = "cloudflare:index/getZone:getZone";

/** What a VerifiedDomain named after its domain declares. */
function verifiedDomain(domain: string): string[] {
  return [
    `${component} ${domain}`,
    `${domainType} ${domain}`,
    ...[1, 2, 3].map((i) => `${recordType} ${domain}-dkim-${i}`),
    `${verificationType} ${domain}-verification`,
  ];
}

/** The complete inputs of the three Cloudflare records of `domain`: DNS-only, automatic TTL. */
function expectedRecords(domain: string, zoneId: string): Record<string, unknown>[] {
  const prefix = domain.replace(/\W/g, "");
  return [0, 1, 2].map((i) => ({
    zoneId,
    name: `${prefix}tok${i}._domainkey.${domain}`,
    type: "CNAME",
    content: `${prefix}tok${i}.dkim.amazonses.com`,
    ttl: 1,
    proxied: false,
    comment: "DKIM record for SendMailOS (managed by pulumi-sendmailos)",
  }));
}

function recordsOf(declared: Declared[], name: string): Record<string, unknown>[] {
  return [1, 2, 3].map((i) => inputsOf(declared, recordType, `${name}-dkim-${i}`));
}

describe("examples/cloudflare", () => {
  it("declares one domain in the zone given by id, and nothing else", async () => {
    const { declared, invoked } = await installExampleMocks();
    const domains = declareExample({ zone: "acme.com", zoneId: "zone-123" });
    assert.deepEqual(Object.keys(domains), ["acme.com"]);
    assert.equal(await valueOf(domains["acme.com"]!.domainId), "id-acme.com");
    assert.equal(await valueOf(domains["acme.com"]!.status), "verified");
    assert.equal(await valueOf(domains["acme.com"]!.verifiedAt), fakeVerifiedAt);
    await settle();

    assert.deepEqual(typeNames(declared), verifiedDomain("acme.com").sort());
    assert.deepEqual(recordsOf(declared, "acme.com"), expectedRecords("acme.com", "zone-123"));
    assert.equal(inputsOf(declared, domainType, "acme.com")["domain"], "acme.com");
    const verification = inputsOf(declared, verificationType, "acme.com-verification");
    assert.equal(verification["domainId"], "id-acme.com");
    assert.equal(verification["domainName"], "acme.com");
    assert.ok(
      declared.every((d) => d.provider === undefined),
      "default providers only",
    );
    assert.deepEqual(invoked, [], "no zone lookup when the id is given");
  });

  it("declares several domains, looking the other zones up by name", async () => {
    const { declared, invoked } = await installExampleMocks();
    const domains = declareExample({ zone: "acme.com", zoneId: "zone-123", otherZones: ["globex.com", "initech.com"] });
    assert.deepEqual(Object.keys(domains), ["acme.com", "globex.com", "initech.com"]);
    assert.deepEqual(await Promise.all(Object.values(domains).map((d) => valueOf(d.domainId))), [
      "id-acme.com",
      "id-globex.com",
      "id-initech.com",
    ]);
    await settle();

    assert.deepEqual(
      typeNames(declared),
      [...verifiedDomain("acme.com"), ...verifiedDomain("globex.com"), ...verifiedDomain("initech.com")].sort(),
    );
    assert.deepEqual(recordsOf(declared, "acme.com"), expectedRecords("acme.com", "zone-123"));
    assert.deepEqual(recordsOf(declared, "globex.com"), expectedRecords("globex.com", "cf-globex.com"));
    assert.deepEqual(recordsOf(declared, "initech.com"), expectedRecords("initech.com", "cf-initech.com"));
    assert.deepEqual(
      invoked.map((i) => ({ token: i.token, inputs: i.inputs })),
      [
        { token: getZone, inputs: { filter: { name: "globex.com" } } },
        { token: getZone, inputs: { filter: { name: "initech.com" } } },
      ],
    );
  });

  it("declares exactly three DNS-only records per domain in a preview, before any DKIM token is known", async () => {
    const { declared } = await installExampleMocks({ preview: true });
    declareExample({ zone: "acme.com", zoneId: "zone-123", otherZones: ["globex.com"] });
    await settle();
    assert.deepEqual(typeNames(declared), [...verifiedDomain("acme.com"), ...verifiedDomain("globex.com")].sort());
    const records = declared.filter((d) => d.type === recordType);
    assert.deepEqual(
      records.map((r) => r.name).sort(),
      ["acme.com", "globex.com"].flatMap((n) => [1, 2, 3].map((i) => `${n}-dkim-${i}`)),
    );
    for (const record of records) {
      assert.deepEqual(
        showUnknowns(record.inputs),
        {
          zoneId: record.name.startsWith("globex.") ? "cf-globex.com" : "zone-123",
          name: "<unknown>",
          type: "CNAME",
          content: "<unknown>",
          ttl: 1,
          proxied: false,
          comment: "DKIM record for SendMailOS (managed by pulumi-sendmailos)",
        },
        record.name,
      );
    }
  });

  it("index.ts reads zone, zoneId and otherZones from the stack configuration and exports the summary", async () => {
    const { declared } = await installExampleMocks();
    const index = loadIndexWithConfig<typeof import("../../examples/cloudflare/index")>(
      require.resolve("../../examples/cloudflare/index"),
      {
        zone: "acme.com",
        zoneId: "zone-123",
        otherZones: JSON.stringify(["globex.com"]),
      },
    );
    assert.deepEqual(Object.keys(index.domains), ["acme.com", "globex.com"]);
    assert.equal(await valueOf(index.domains["globex.com"]!.status), "verified");
    await settle();
    assert.deepEqual(typeNames(declared), [...verifiedDomain("acme.com"), ...verifiedDomain("globex.com")].sort());
    assert.deepEqual(recordsOf(declared, "globex.com"), expectedRecords("globex.com", "cf-globex.com"));
  });

  it("index.ts requires the zone id", async () => {
    await installExampleMocks();
    assert.throws(
      () => loadIndexWithConfig(require.resolve("../../examples/cloudflare/index"), { zone: "acme.com" }),
      /Missing required configuration variable 'sendmailos-test:zoneId'/,
    );
  });
});
