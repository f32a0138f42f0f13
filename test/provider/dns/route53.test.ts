import { strict as assert } from "node:assert";
import { Domain } from "../../../provider/domain/domain";
import { route53DkimRecords } from "../../../provider/dns/route53";
import { installMocks, settle, valueOf } from "../../support/pulumi-mocks";

describe("route53DkimRecords", () => {
  it("declares three CNAMEs named by index, sorted by record name, with the default TTL", async () => {
    const declared = await installMocks();
    const domain = new Domain("acme", { domain: "acme.com" });
    const records = route53DkimRecords("acme", domain, { zoneId: "Z1" });
    assert.equal(records.length, 3);
    const names = await Promise.all(records.map((r) => valueOf(r.name)));
    assert.deepEqual(names, ["acmecomtok0._domainkey.acme.com", "acmecomtok1._domainkey.acme.com", "acmecomtok2._domainkey.acme.com"]);
    await settle();
    const declaredRecords = declared.filter((d) => d.type === "aws:route53/record:Record");
    assert.deepEqual(
      declaredRecords.map((d) => d.name),
      ["acme-dkim-1", "acme-dkim-2", "acme-dkim-3"],
    );
    assert.deepEqual(declaredRecords[0]!.inputs, {
      zoneId: "Z1",
      name: "acmecomtok0._domainkey.acme.com",
      type: "CNAME",
      ttl: 1800,
      records: ["acmecomtok0.dkim.amazonses.com"],
      allowOverwrite: false,
    });
  });

  it("passes ttl and allowOverwrite through and looks the zone up by name", async () => {
    const declared = await installMocks();
    const domain = new Domain("acme", { domain: "acme.com" });
    route53DkimRecords("acme", domain, { zoneName: "acme.com", ttl: 300, allowOverwrite: true });
    await settle();
    const record = declared.find((d) => d.name === "acme-dkim-2")!;
    assert.equal(record.inputs["zoneId"], "Z-acme.com");
    assert.equal(record.inputs["ttl"], 300);
    assert.equal(record.inputs["allowOverwrite"], true);
  });

  it("requires a zone", async () => {
    await installMocks();
    const domain = new Domain("acme", { domain: "acme.com" });
    assert.throws(() => route53DkimRecords("acme", domain, {}), /route53 DKIM records for acme: route53 needs zoneId or zoneName/);
  });
});
