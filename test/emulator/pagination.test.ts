import assert from "node:assert/strict";
import { listDomainsResponseSchema } from "../../sdk/wire";
import { api, createDomain, useEmulator } from "./helpers";

const names = (response: { json: { domains: { domain_name: string }[] } }) => response.json.domains.map((d) => d.domain_name);

describe("emulator list pagination", () => {
  describe("when off (the default)", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });
    it("answers every domain in the documented shape, whatever the query asks", async () => {
      for (let i = 0; i < 3; i++) await createDomain(emulator.current, `off${i}.example.com`);
      const response = await api(emulator.current, "GET", "/domains?page=2&limit=1&cursor=x");
      assert.equal(response.status, 200);
      assert.deepEqual(Object.keys(response.json), ["success", "domains"]);
      assert.deepEqual(names(response), ["off0.example.com", "off1.example.com", "off2.example.com"]);
    });
  });

  describe("in page style", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" }, pagination: { style: "page", pageSize: 2 } });
    before(async () => {
      for (let i = 0; i < 5; i++) await createDomain(emulator.current, `p${i}.example.com`);
    });

    it("answers page 1 by default with page, limit, total and has_more after the documented fields", async () => {
      const response = await api(emulator.current, "GET", "/domains");
      assert.deepEqual(Object.keys(response.json), ["success", "domains", "page", "limit", "total", "has_more"]);
      assert.deepEqual(
        { ...response.json, domains: names(response) },
        {
          success: true,
          domains: ["p0.example.com", "p1.example.com"],
          page: 1,
          limit: 2,
          total: 5,
          has_more: true,
        },
      );
      listDomainsResponseSchema.parse(response.json);
    });

    it("answers the last page with has_more false, and a page past the end empty", async () => {
      const last = await api(emulator.current, "GET", "/domains?page=3");
      assert.deepEqual(names(last), ["p4.example.com"]);
      assert.equal(last.json.has_more, false);
      const past = await api(emulator.current, "GET", "/domains?page=9");
      assert.deepEqual(names(past), []);
      assert.equal(past.json.has_more, false);
    });

    it("takes a smaller limit", async () => {
      const response = await api(emulator.current, "GET", "/domains?page=2&limit=1");
      assert.deepEqual(names(response), ["p1.example.com"]);
      assert.equal(response.json.limit, 1);
    });

    for (const [query, message] of [
      ["page=0", /^page: expected a whole number at least 1, got "0"$/],
      ["page=two", /^page: expected a whole number at least 1, got "two"$/],
      ["limit=3", /^limit: expected a whole number 1 to 2, got "3"$/],
      ["limit=-1", /^limit: expected a whole number 1 to 2, got "-1"$/],
    ] as const) {
      it(`answers 400 naming the parameter for ${query}`, async () => {
        const response = await api(emulator.current, "GET", `/domains?${query}`);
        assert.equal(response.status, 400);
        assert.equal(response.json.code, "VALIDATION_ERROR");
        assert.match(response.json.error, message);
      });
    }
  });

  describe("in offset style", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" }, pagination: { style: "offset", pageSize: 2 } });
    it("answers offset, limit, total and has_more", async () => {
      for (let i = 0; i < 3; i++) await createDomain(emulator.current, `o${i}.example.com`);
      const first = await api(emulator.current, "GET", "/domains");
      assert.deepEqual(Object.keys(first.json), ["success", "domains", "offset", "limit", "total", "has_more"]);
      assert.deepEqual([first.json.offset, first.json.total, first.json.has_more], [0, 3, true]);
      const second = await api(emulator.current, "GET", "/domains?offset=2");
      assert.deepEqual(names(second), ["o2.example.com"]);
      assert.equal(second.json.has_more, false);
    });
  });

  describe("in cursor style", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" }, pagination: { style: "cursor", pageSize: 2 } });

    it("answers has_more and next_cursor, null on the last page", async () => {
      for (let i = 0; i < 3; i++) await createDomain(emulator.current, `c${i}.example.com`);
      const first = await api(emulator.current, "GET", "/domains");
      assert.deepEqual(Object.keys(first.json), ["success", "domains", "has_more", "next_cursor"]);
      assert.equal(first.json.has_more, true);
      const second = await api(emulator.current, "GET", `/domains?cursor=${encodeURIComponent(first.json.next_cursor)}`);
      assert.deepEqual(names(second), ["c2.example.com"]);
      assert.equal(second.json.has_more, false);
      assert.equal(second.json.next_cursor, null);
    });

    it("keeps a cursor valid when the domain it points after is deleted", async () => {
      const first = await api(emulator.current, "GET", "/domains");
      const lastOfFirst = first.json.domains[1];
      await api(emulator.current, "DELETE", `/domains/${lastOfFirst.id}`);
      const second = await api(emulator.current, "GET", `/domains?cursor=${encodeURIComponent(first.json.next_cursor)}`);
      assert.deepEqual(names(second), ["c2.example.com"]);
    });

    it("answers 400 for a cursor it did not issue", async () => {
      const response = await api(emulator.current, "GET", "/domains?cursor=made-up");
      assert.equal(response.status, 400);
      assert.equal(response.json.error, 'cursor: "made-up" is not a cursor this API issued; list again without one');
    });
  });
});
