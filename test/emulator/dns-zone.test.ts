import assert from "node:assert/strict";
import { DnsZone } from "../../emulator/dns-zone";

describe("emulator DNS zone", () => {
  describe("set", () => {
    it("normalizes names and CNAME targets, and defaults the TTL", () => {
      const zone = new DnsZone();
      assert.deepEqual(zone.set({ name: "A._DomainKey.Example.com.", type: "cname", value: "A.Dkim.AmazonSES.com." }), {
        name: "a._domainkey.example.com",
        type: "CNAME",
        value: "a.dkim.amazonses.com",
        ttl: 300,
      });
    });

    it("lets a CNAME replace every other record at its name, and the other way round", () => {
      const zone = new DnsZone();
      zone.set({ name: "x.example.com", type: "A", value: "192.0.2.1" });
      zone.set({ name: "x.example.com", type: "TXT", value: "hello" });
      assert.equal(zone.lookup("x.example.com").length, 2);
      zone.set({ name: "x.example.com", type: "CNAME", value: "y.example.com" });
      assert.deepEqual(
        zone.lookup("x.example.com").map((r) => r.type),
        ["CNAME"],
      );
      zone.set({ name: "x.example.com", type: "TXT", value: "again" });
      assert.deepEqual(
        zone.lookup("x.example.com").map((r) => r.type),
        ["TXT"],
      );
    });

    it("reports each change", () => {
      let changes = 0;
      const zone = new DnsZone(() => changes++);
      zone.set({ name: "x.example.com", type: "A", value: "192.0.2.1" });
      zone.remove("x.example.com");
      zone.remove("x.example.com");
      assert.equal(changes, 2, "removing nothing is no change");
    });
  });

  describe("exists", () => {
    it("is true for owners and for names above them, false elsewhere", () => {
      const zone = new DnsZone();
      zone.set({ name: "t._domainkey.example.com", type: "CNAME", value: "t.dkim.amazonses.com" });
      assert.equal(zone.exists("T._domainkey.example.com."), true);
      assert.equal(zone.exists("_domainkey.example.com"), true);
      assert.equal(zone.exists("other.example.com"), false);
      assert.equal(zone.exists("xample.com"), false);
    });
  });

  describe("remove", () => {
    it("removes only the given type when one is given", () => {
      const zone = new DnsZone();
      zone.set({ name: "x.example.com", type: "A", value: "192.0.2.1" });
      zone.set({ name: "x.example.com", type: "TXT", value: "hello" });
      assert.equal(zone.remove("X.example.com.", "TXT"), 1);
      assert.deepEqual(
        zone.list().map((r) => r.type),
        ["A"],
      );
    });
  });
});
