import { strict as assert } from "node:assert";
import { declareExample } from "../../examples/route53/program";
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
const recordType = "aws:route53/record:Record";
const providerType = "pulumi:providers:aws";
const getZone = "aws:route53/getZone:getZone";

/** What a VerifiedDomain named after its domain declares. */
function verifiedDomain(domain: string): string[] {
  return [
    `${component} ${domain}`,
    `${domainType} ${domain}`,
    ...[1, 2, 3].map((i) => `${recordType} ${domain}-dkim-${i}`),
    `${verificationType} ${domain}-verification`,
  ];
}

/** What the piece-by-piece part declares. */
const byHand = [
  `${providerType} dns-account`,
  `${domainType} notify`,
  ...[1, 2, 3].map((i) => `${recordType} notify-dkim-${i}`),
  `${verificationType} notify-verification`,
];

/** The complete inputs of the three Route53 records of `domain` (fake tokens `<domain without dots>tok0..2`). */
function expectedRecords(domain: string, zoneId: string, ttl: number, allowOverwrite: boolean): Record<string, unknown>[] {
  const prefix = domain.replace(/\W/g, "");
  return [0, 1, 2].map((i) => ({
    zoneId,
    name: `${prefix}tok${i}._domainkey.${domain}`,
    type: "CNAME",
    ttl,
    records: [`${prefix}tok${i}.dkim.amazonses.com`],
    allowOverwrite,
  }));
}

function recordsOf(declared: Declared[], name: string): Record<string, unknown>[] {
  return [1, 2, 3].map((i) => inputsOf(declared, recordType, `${name}-dkim-${i}`));
}

function providerName(ref: string | undefined): string | undefined {
  // A provider reference is `<urn>::<id>`; the urn ends with `::<name>`.
  return ref?.split("::").at(-2);
}

describe("examples/route53", () => {
  it("declares the apex with VerifiedDomain and notify.<zone> piece by piece, and nothing else", async () => {
    const { declared, invoked } = await installExampleMocks();
    const domains = declareExample({ zone: "acme.com" });
    assert.deepEqual(Object.keys(domains), ["acme.com", "notify.acme.com"]);
    assert.equal(await valueOf(domains["acme.com"]!.domainId), "id-acme.com");
    assert.equal(await valueOf(domains["notify.acme.com"]!.verifiedAt), fakeVerifiedAt);
    await settle();

    assert.deepEqual(typeNames(declared), [...verifiedDomain("acme.com"), ...byHand].sort());
    assert.deepEqual(recordsOf(declared, "acme.com"), expectedRecords("acme.com", "Z-acme.com", 1800, false));
    assert.deepEqual(recordsOf(declared, "notify"), expectedRecords("notify.acme.com", "Z-acme.com", 1800, false));

    assert.equal(inputsOf(declared, domainType, "acme.com")["domain"], "acme.com");
    assert.equal(inputsOf(declared, domainType, "notify")["domain"], "notify.acme.com");
    assert.deepEqual(inputsOf(declared, domainType, "notify")["metadata"], { team: "notifications" });
    const verification = inputsOf(declared, verificationType, "notify-verification");
    assert.deepEqual(
      { domainId: verification["domainId"], domainName: verification["domainName"], timeoutSeconds: verification["timeoutSeconds"] },
      { domainId: "id-notify.acme.com", domainName: "notify.acme.com", timeoutSeconds: 1800 },
    );
    assert.equal(inputsOf(declared, providerType, "dns-account")["region"], "us-east-1");

    // The apex's records use the default provider; notify's records and its zone lookup use dns-account.
    for (const record of declared.filter((d) => d.type === recordType)) {
      assert.equal(providerName(record.provider), record.name.startsWith("notify-") ? "dns-account" : undefined, record.name);
    }
    assert.deepEqual(
      invoked.map((i) => ({ token: i.token, inputs: i.inputs, provider: providerName(i.provider) })),
      [
        { token: getZone, inputs: { name: "acme.com", privateZone: false }, provider: undefined },
        { token: getZone, inputs: { name: "acme.com", privateZone: false }, provider: undefined },
        { token: getZone, inputs: { name: "acme.com", privateZone: false }, provider: "dns-account" },
      ],
    );
  });

  it("declares every subdomain with its records by zone id, TTL 300 and allowOverwrite", async () => {
    const { declared, invoked } = await installExampleMocks();
    const domains = declareExample({ zone: "acme.com", subdomains: ["news", "shop"] });
    assert.deepEqual(Object.keys(domains), ["acme.com", "news.acme.com", "shop.acme.com", "notify.acme.com"]);
    assert.deepEqual(await Promise.all(Object.values(domains).map((d) => valueOf(d.status))), [
      "verified",
      "verified",
      "verified",
      "verified",
    ]);
    await settle();

    assert.deepEqual(
      typeNames(declared),
      [...verifiedDomain("acme.com"), ...verifiedDomain("news.acme.com"), ...verifiedDomain("shop.acme.com"), ...byHand].sort(),
    );
    assert.deepEqual(recordsOf(declared, "acme.com"), expectedRecords("acme.com", "Z-acme.com", 1800, false));
    assert.deepEqual(recordsOf(declared, "news.acme.com"), expectedRecords("news.acme.com", "Z-acme.com", 300, true));
    assert.deepEqual(recordsOf(declared, "shop.acme.com"), expectedRecords("shop.acme.com", "Z-acme.com", 300, true));
    assert.deepEqual(recordsOf(declared, "notify"), expectedRecords("notify.acme.com", "Z-acme.com", 1800, false));
    for (const domain of ["acme.com", "news.acme.com", "shop.acme.com"]) {
      const verification = inputsOf(declared, verificationType, `${domain}-verification`);
      assert.equal(verification["domainId"], `id-${domain}`);
      assert.equal(verification["domainName"], domain);
    }
    // One lookup for the apex, one shared by all subdomains, one through the explicit provider.
    assert.equal(invoked.filter((i) => i.token === getZone).length, 3);
  });

  it("declares exactly three records per domain in a preview, before any DKIM token is known", async () => {
    const { declared } = await installExampleMocks({ preview: true });
    declareExample({ zone: "acme.com", subdomains: ["news"] });
    await settle();
    assert.deepEqual(typeNames(declared), [...verifiedDomain("acme.com"), ...verifiedDomain("news.acme.com"), ...byHand].sort());
    const records = declared.filter((d) => d.type === recordType);
    assert.deepEqual(
      records.map((r) => r.name).sort(),
      ["acme.com", "news.acme.com", "notify"].flatMap((n) => [1, 2, 3].map((i) => `${n}-dkim-${i}`)),
    );
    for (const record of records) {
      const news = record.name.startsWith("news.");
      assert.deepEqual(
        showUnknowns(record.inputs),
        { zoneId: "Z-acme.com", name: "<unknown>", type: "CNAME", ttl: news ? 300 : 1800, records: ["<unknown>"], allowOverwrite: news },
        record.name,
      );
    }
  });

  it("index.ts reads zone and subdomains from the stack configuration and exports the summary", async () => {
    const { declared } = await installExampleMocks();
    const index = loadIndexWithConfig<typeof import("../../examples/route53/index")>(require.resolve("../../examples/route53/index"), {
      zone: "acme.com",
      subdomains: JSON.stringify(["news"]),
    });
    assert.deepEqual(Object.keys(index.domains), ["acme.com", "news.acme.com", "notify.acme.com"]);
    assert.equal(await valueOf(index.domains["news.acme.com"]!.domainId), "id-news.acme.com");
    await settle();
    assert.deepEqual(typeNames(declared), [...verifiedDomain("acme.com"), ...verifiedDomain("news.acme.com"), ...byHand].sort());
  });

  it("index.ts requires the zone", async () => {
    await installExampleMocks();
    assert.throws(
      () => loadIndexWithConfig(require.resolve("../../examples/route53/index"), {}),
      /Missing required configuration variable 'sendmailos-test:zone'/,
    );
  });
});
