import assert from "node:assert/strict";
import { admin, resolverFor, useEmulator } from "./helpers";

describe("emulator DNS server", () => {
  const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });

  describe("records written through the admin API", () => {
    it("answers a CNAME query with the record", async () => {
      const put = await admin(emulator.current, "PUT", "/dns/records", {
        name: "tok1._domainkey.example.com",
        type: "CNAME",
        value: "tok1.dkim.amazonses.com",
      });
      assert.equal(put.status, 200);
      assert.deepEqual(put.json.record, {
        name: "tok1._domainkey.example.com",
        type: "CNAME",
        value: "tok1.dkim.amazonses.com",
        ttl: 300,
      });
      assert.deepEqual(await resolverFor(emulator.current).resolveCname("tok1._domainkey.example.com"), ["tok1.dkim.amazonses.com"]);
    });

    it("matches names case-insensitively and tolerates trailing dots", async () => {
      await admin(emulator.current, "PUT", "/dns/records", {
        name: "Tok2._DomainKey.Example.COM.",
        type: "cname",
        value: "Tok2.DKIM.amazonses.com.",
      });
      assert.deepEqual(await resolverFor(emulator.current).resolveCname("TOK2._domainkey.example.com"), ["tok2.dkim.amazonses.com"]);
    });

    it("replaces the record of the same name and type", async () => {
      await admin(emulator.current, "PUT", "/dns/records", { name: "swap.example.com", type: "CNAME", value: "one.example.net" });
      await admin(emulator.current, "PUT", "/dns/records", { name: "swap.example.com", type: "CNAME", value: "two.example.net" });
      assert.deepEqual(await resolverFor(emulator.current).resolveCname("swap.example.com"), ["two.example.net"]);
    });

    it("answers A and TXT records, following a CNAME inside the zone", async () => {
      emulator.current.setDnsRecord({ name: "host.example.com", type: "A", value: "192.0.2.7" });
      emulator.current.setDnsRecord({ name: "alias.example.com", type: "CNAME", value: "host.example.com" });
      emulator.current.setDnsRecord({ name: "example.com", type: "TXT", value: "v=spf1 -all" });
      const resolver = resolverFor(emulator.current);
      assert.deepEqual(await resolver.resolve4("alias.example.com"), ["192.0.2.7"]);
      assert.deepEqual(await resolver.resolveTxt("example.com"), [["v=spf1 -all"]]);
    });

    it("lists the zone", async () => {
      const list = await admin(emulator.current, "GET", "/dns/records");
      assert.equal(list.status, 200);
      assert.ok(list.json.records.some((r: { name: string }) => r.name === "tok1._domainkey.example.com"));
    });

    it("stops answering a deleted record", async () => {
      emulator.current.setDnsRecord({ name: "gone.example.com", type: "CNAME", value: "target.example.net" });
      const removed = await admin(emulator.current, "DELETE", "/dns/records", { name: "GONE.example.com." });
      assert.deepEqual(removed.json, { success: true, removed: 1 });
      await assert.rejects(resolverFor(emulator.current).resolveCname("gone.example.com"), { code: "ENOTFOUND" });
    });

    it("answers 400 naming the field for an invalid record", async () => {
      for (const [body, field] of [
        [{ name: "x.example.com", type: "MX", value: "y" }, /^type:/],
        [{ name: "x.example.com", type: "A", value: "not-an-ip" }, /^value:/],
        [{ name: "bad name", type: "CNAME", value: "y.example.com" }, /^name:/],
        [{ name: "x.example.com", type: "CNAME" }, /^value:/],
      ] as const) {
        const response = await admin(emulator.current, "PUT", "/dns/records", body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.json.code, "VALIDATION_ERROR");
        assert.match(response.json.error, field);
      }
    });
  });

  describe("names without records", () => {
    it("answers NXDOMAIN for an unknown name", async () => {
      await assert.rejects(resolverFor(emulator.current).resolveCname("unknown.example.org"), { code: "ENOTFOUND" });
    });

    it("answers NODATA for a name that exists only above other records", async () => {
      await assert.rejects(resolverFor(emulator.current).resolveCname("_domainkey.example.com"), { code: "ENODATA" });
    });

    it("answers NODATA for a type the name does not have", async () => {
      await assert.rejects(resolverFor(emulator.current).resolveTxt("host.example.com"), { code: "ENODATA" });
    });
  });
});
