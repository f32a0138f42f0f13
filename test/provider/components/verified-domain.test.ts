import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { VerifiedDomain } from "../../../provider/components/verified-domain";
import { installMocks, settle, valueOf } from "../../support/pulumi-mocks";

const recordType = "aws:route53/record:Record";

describe("VerifiedDomain", () => {
  it("declares the domain, three Route53 records and a verification that waits for them", async () => {
    const declared = await installMocks();
    const vd = new VerifiedDomain("acme", { domain: "acme.com", metadata: { plan: "pro" }, dns: { provider: "route53", zoneId: "Z1" } });
    assert.equal(await valueOf(vd.domainId), "id-acme.com");
    await settle();
    assert.deepEqual(
      declared.map((d) => `${d.type} ${d.name}`),
      [
        "sendmailos:index:VerifiedDomain acme",
        "pulumi-nodejs:dynamic/sendmailos:Domain acme",
        `${recordType} acme-dkim-1`,
        `${recordType} acme-dkim-2`,
        `${recordType} acme-dkim-3`,
        "pulumi-nodejs:dynamic/sendmailos:DomainVerification acme-verification",
      ],
    );
    const verification = declared.find((d) => d.name === "acme-verification")!;
    assert.equal(verification.inputs["domainId"], "id-acme.com");
    assert.equal(verification.inputs["domainName"], "acme.com");
    assert.ok(vd.verification, "the component exposes its verification");
  });

  it("declares exactly three records per domain for several domains", async () => {
    const declared = await installMocks();
    const names = ["a.example", "b.example", "c.example"];
    for (const name of names) new VerifiedDomain(name, { domain: name, dns: { provider: "cloudflare", zoneId: "z" } });
    await settle();
    for (const name of names) {
      const records = declared.filter((d) => d.type === "cloudflare:index/dnsRecord:DnsRecord" && d.name.startsWith(`${name}-dkim-`));
      assert.equal(records.length, 3, name);
      assert.ok(records.every((r) => r.inputs["proxied"] === false));
    }
  });

  it("declares three records per new domain in a preview, before any token is known", async () => {
    const declared = await installMocks({ preview: true });
    new VerifiedDomain("new.example", { domain: "new.example", dns: { provider: "route53", zoneId: "Z1" } });
    new VerifiedDomain("other.example", { domain: "other.example", dns: { provider: "emulator" } });
    await settle();
    assert.equal(declared.filter((d) => d.type === recordType).length, 3);
    assert.equal(declared.filter((d) => d.type === "pulumi-nodejs:dynamic/sendmailos:EmulatorDnsRecord").length, 3);
  });

  it("does not declare a verification when wait is false, nor records for dns none", async () => {
    const declared = await installMocks();
    const vd = new VerifiedDomain("acme", { domain: "acme.com", dns: { provider: "none" }, wait: false });
    assert.equal(await valueOf(vd.status), "pending");
    assert.equal(await valueOf(vd.timeToVerifySeconds), 0);
    await settle();
    assert.deepEqual(
      declared.map((d) => d.type),
      ["sendmailos:index:VerifiedDomain", "pulumi-nodejs:dynamic/sendmailos:Domain"],
    );
  });

  it("passes wait settings to the verification", async () => {
    const declared = await installMocks();
    new VerifiedDomain("acme", { domain: "acme.com", dns: { provider: "none" }, wait: { timeoutSeconds: 60, dnsCheck: false } });
    await settle();
    const verification = declared.find((d) => d.name === "acme-verification")!;
    assert.equal(verification.inputs["timeoutSeconds"], 60);
    assert.equal(verification.inputs["dnsCheck"], false);
  });

  it("hands an explicit aws provider to the records", async () => {
    const declared = await installMocks();
    const provider = new aws.Provider("eu", { region: "eu-west-1" });
    const vd = new VerifiedDomain(
      "acme",
      { domain: "acme.com", dns: { provider: "route53", zoneId: "Z1" } },
      { providers: { aws: provider } },
    );
    await settle();
    assert.equal(declared.filter((d) => d.type === recordType).length, 3);
    const record = vd.dnsRecordResources[0] as aws.route53.Record;
    // A child inherits its parent's providers map; the resource remembers the one it was given.
    assert.equal((record as unknown as { __prov?: unknown }).__prov, provider);
  });

  it("requires a dns target", async () => {
    await installMocks();
    assert.throws(() => new VerifiedDomain("acme", { domain: "acme.com" } as never), /dns is required/);
  });
});
