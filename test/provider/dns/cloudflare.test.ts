import { strict as assert } from "node:assert";
import { Domain } from "../../../provider/domain/domain";
import { cloudflareDkimRecords } from "../../../provider/dns/cloudflare";
import { installMocks, settle } from "../../support/pulumi-mocks";

describe("cloudflareDkimRecords", () => {
  it("declares three DNS-only CNAMEs with automatic TTL, named by index", async () => {
    const declared = await installMocks();
    const domain = new Domain("acme", { domain: "acme.com" });
    cloudflareDkimRecords("acme", domain, { zoneId: "zone-1" });
    await settle();
    const records = declared.filter((d) => d.type === "cloudflare:index/dnsRecord:DnsRecord");
    assert.deepEqual(
      records.map((d) => d.name),
      ["acme-dkim-1", "acme-dkim-2", "acme-dkim-3"],
    );
    assert.deepEqual(records[2]!.inputs, {
      zoneId: "zone-1",
      name: "acmecomtok2._domainkey.acme.com",
      type: "CNAME",
      content: "acmecomtok2.dkim.amazonses.com",
      ttl: 1,
      proxied: false,
      comment: "DKIM record for SendMailOS (managed by pulumi-sendmailos)",
    });
  });

  it("looks the zone up by name", async () => {
    const declared = await installMocks();
    const domain = new Domain("acme", { domain: "acme.com" });
    cloudflareDkimRecords("acme", domain, { zoneName: "acme.com", ttl: 300 });
    await settle();
    const record = declared.find((d) => d.name === "acme-dkim-1")!;
    assert.equal(record.inputs["zoneId"], "cf-acme.com");
    assert.equal(record.inputs["ttl"], 300);
  });

  it("refuses proxied records and says why", async () => {
    await installMocks();
    const domain = new Domain("acme", { domain: "acme.com" });
    assert.throws(
      () => cloudflareDkimRecords("acme", domain, { zoneId: "z", proxied: true as unknown as false }),
      /proxied must be false.*never verify/,
    );
  });
});

describe("cloudflareDkimRecords argument rules (the DNS target schema, at preview)", () => {
  for (const [args, reason] of [
    [{ zoneId: "z", ttl: 30 }, /ttl must be 1 \(automatic\), or an integer from 60 to 86400, got 30/],
    [{ zoneId: "z", ttl: 90_000 }, /got 90000/],
    [{ zoneId: "z", zoneName: "acme.com" }, /give zoneId or zoneName, not both/],
    [{ zoneID: "z" }, /zoneID.*did you mean `zoneId`\?/],
  ] as const) {
    it(`refuses ${JSON.stringify(args)}`, async () => {
      await installMocks();
      const domain = new Domain("acme", { domain: "acme.com" });
      assert.throws(() => cloudflareDkimRecords("acme", domain, args as never), reason);
    });
  }
});
