import { strict as assert } from "node:assert";
import { DomainsStack } from "../../bench/support/domains-stack";
import { maxPerInterval } from "../../bench/engine-scale";

/**
 * The agency-scale path of the main job under the real engine, small enough for every test run (the
 * figures at N = 200 are the `engine-scale` benchmark's, not a test's): many domains at the documented
 * limits scaled into a 6-second window, and a stack larger than one page of a paginating API.
 */
describe("e2e: the domains stack at scale, under the real engine", function () {
  this.timeout(30 * 60 * 1000);

  describe("20 domains at the documented limits in a 6-second window", () => {
    let stack: DomainsStack;
    before(async () => {
      stack = await DomainsStack.create({ domains: 20, windowMs: 6_000, verifyDelayMs: 0, checkIntervalMs: 100 });
    });
    after(async () => {
      await stack?.dispose();
    });

    it("up registers, publishes and verifies every domain, no 429 reaching the user, one list per interval while waiting", async () => {
      const from = Date.now();
      const up = await stack.run("up");
      assert.equal(up.changes["create"], 121, JSON.stringify(up.changes)); // stack + 20 x (component, domain, 3 records, verification)
      assert.ok(stack.emulator.domains().every((d) => d.status === "verified"));
      assert.doesNotMatch(up.stdout + up.stderr, /rate limit exceeded/i);
      const lists = stack.requests.filter((r) => r.at >= from && r.method === "GET" && r.path === "/api/v1/domains").map((r) => r.at);
      assert.ok(
        maxPerInterval(lists, stack.pollIntervalSeconds * 1000) <= 2,
        `list requests bunched: ${lists.map((t) => t - from).join(", ")}`,
      );
    });

    it("refresh changes nothing and reads the list once", async () => {
      const from = Date.now();
      const refresh = await stack.run("refresh");
      assert.deepEqual(Object.keys(refresh.changes), ["same"]);
      assert.ok(stack.requests.filter((r) => r.at >= from && r.path === "/api/v1/domains").length <= 2);
    });

    it("a pull request that changes one client previews and applies as one update", async () => {
      stack.changeOneDomain(7, "Client 7, renamed");
      const preview = await stack.run("preview");
      assert.deepEqual(preview.changes, { same: 120, update: 1 });
      const up = await stack.run("up");
      assert.deepEqual(up.changes, { same: 120, update: 1 });
      assert.deepEqual(stack.emulator.domains().find((d) => d.domain_name === "client-0007.example")?.metadata, {
        client: "Client 7, renamed",
      });
    });
  });

  describe("250 domains against an API that pages its list by 100", () => {
    let stack: DomainsStack;
    before(async () => {
      stack = await DomainsStack.create({
        domains: 250,
        windowMs: 60_000,
        verifyDelayMs: 0,
        checkIntervalMs: 1_000,
        rateLimits: false,
        domainsOnly: true,
        pagination: { style: "page", pageSize: 100 },
      });
      await stack.run("up");
    });
    after(async () => {
      await stack?.dispose();
    });

    it("refresh changes nothing, and the list is read in ceil(250/100) + 1 requests at most", async () => {
      const from = Date.now();
      const refresh = await stack.run("refresh");
      assert.deepEqual(Object.keys(refresh.changes), ["same"], JSON.stringify(refresh.changes));
      const lists = stack.requests.filter((r) => r.at >= from && r.method === "GET" && r.path === "/api/v1/domains");
      assert.ok(lists.length <= 4, `${lists.length} list requests`);
      assert.equal(stack.emulator.domains().length, 250);
    });
  });
});
