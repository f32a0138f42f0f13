import assert from "node:assert/strict";
import { FIRST_PAGE, ListWalk, MAX_READINGS, type PageRequest, readEveryPage } from "../../sdk/pagination";
import type { ListDomainsResponse, WireDomain } from "../../sdk/wire";

const LIST = "https://api.example/api/v1/domains";
const domain = (id: string): WireDomain => ({
  id,
  domain_name: `${id}.example`,
  status: "pending",
  dkim_tokens: ["t"],
  created_at: "2024-01-01T00:00:00Z",
});
const page = (ids: string[], paging: Partial<ListDomainsResponse> = {}): ListDomainsResponse => ({
  success: true,
  domains: ids.map(domain),
  ...paging,
});

describe("pagination", () => {
  describe("ListWalk", () => {
    it("is done after the documented response, which signals nothing", () => {
      const step = new ListWalk(LIST, 10).accept(page(["a", "b"]), FIRST_PAGE);
      assert.equal(step.kind, "done");
      assert.deepEqual(step.kind === "done" && step.domains.map((d) => d.id), ["a", "b"]);
    });

    describe("follows each convention", () => {
      const cases: [string, ListDomainsResponse, PageRequest][] = [
        ["a cursor", page(["a"], { has_more: true, next_cursor: "c/2", limit: 1 }), { query: "?cursor=c%2F2&limit=1" }],
        ["a cursor without has_more", page(["a"], { next_cursor: "c2" }), { query: "?cursor=c2" }],
        ["a relative next link", page(["a"], { next: "/api/v1/domains?after=a" }), { query: "?after=a" }],
        ["an absolute next link on the same list", page(["a"], { next: `${LIST}?after=a` }), { query: "?after=a" }],
        ["a page number with has_more", page(["a"], { page: 1, has_more: true }), { query: "?page=2", page: 2 }],
        ["a page number with a larger total", page(["a"], { page: 1, limit: 1, total: 2 }), { query: "?page=2&limit=1", page: 2 }],
        ["an offset with a larger total", page(["a", "b"], { offset: 0, limit: 2, total: 5 }), { query: "?offset=2&limit=2", offset: 2 }],
      ];
      for (const [what, response, next] of cases) {
        it(`asks for the next page after ${what}`, () => {
          assert.deepEqual(new ListWalk(LIST, 10).accept(response, FIRST_PAGE), { kind: "next", request: next });
        });
      }
      it("stops at has_more false even with a cursor", () => {
        assert.equal(new ListWalk(LIST, 10).accept(page(["a"], { has_more: false, next_cursor: "c2" }), FIRST_PAGE).kind, "done");
      });
      it("stops when the page number reaches the total", () => {
        const walk = new ListWalk(LIST, 10);
        walk.accept(page(["a"], { page: 1, total: 2 }), FIRST_PAGE);
        assert.equal(walk.accept(page(["b"], { page: 2, total: 2 }), { query: "?page=2", page: 2 }).kind, "done");
      });
    });

    describe("refuses what would lose domains or never end", () => {
      const problem = (walk: ListWalk, response: ListDomainsResponse, request: PageRequest = FIRST_PAGE) => {
        const step = walk.accept(response, request);
        assert.equal(step.kind, "error", JSON.stringify(step));
        return step.kind === "error" ? step.problem : "";
      };
      it("has_more without any way to the next page", () => {
        assert.match(
          problem(new ListWalk(LIST, 10), page(["a"], { has_more: true })),
          /has_more but gives no next_cursor, next link, page or offset/,
        );
      });
      it("a total above what came, without a way to the rest (a silently cut list)", () => {
        assert.match(problem(new ListWalk(LIST, 10), page(["a"], { total: 250 })), /total of 250 but sent 1 domains/);
      });
      it("a next link to another origin or path, which would get the API key", () => {
        assert.match(
          problem(new ListWalk(LIST, 10), page(["a"], { next: "https://evil.example/api/v1/domains?x" })),
          /leaves https:\/\/api\.example\/api\/v1\/domains/,
        );
        assert.match(problem(new ListWalk(LIST, 10), page(["a"], { next: "/admin/steal" })), /is not followed/);
      });
      it("a cursor seen twice (a loop)", () => {
        const walk = new ListWalk(LIST, 10);
        const first = walk.accept(page(["a"], { next_cursor: "same" }), FIRST_PAGE);
        assert.equal(first.kind, "next");
        assert.match(
          problem(walk, page(["b"], { next_cursor: "same" }), { query: "?cursor=same" }),
          /back to a page already read \("\?cursor=same"\)/,
        );
      });
      it("a next link back to the first page", () => {
        const walk = new ListWalk(LIST, 10);
        const first = walk.accept(page(["a"], { next: "/api/v1/domains?p=2" }), FIRST_PAGE);
        assert.equal(first.kind, "next");
        assert.match(problem(walk, page(["b"], { next: "/api/v1/domains" }), { query: "?p=2" }), /already read/);
      });
      it("an empty page that says there is more", () => {
        assert.match(problem(new ListWalk(LIST, 10), page([], { has_more: true, next_cursor: "c2" })), /no progress/);
      });
      it("a server that ignores the page asked for", () => {
        assert.match(
          problem(new ListWalk(LIST, 10), page(["a"], { page: 1, has_more: true }), { query: "?page=2", page: 2 }),
          /page 2 was asked for and page 1 came back/,
        );
      });
      it("more pages than maxPages", () => {
        const walk = new ListWalk(LIST, 2);
        assert.equal(walk.accept(page(["a"], { next_cursor: "c1" }), FIRST_PAGE).kind, "next");
        assert.match(problem(walk, page(["b"], { next_cursor: "c2" }), { query: "?cursor=c1" }), /still had more after 2 pages/);
      });
    });

    describe("reads again when the list changes underneath", () => {
      it("when the total moves between pages", () => {
        const walk = new ListWalk(LIST, 10);
        walk.accept(page(["a"], { page: 1, total: 2 }), FIRST_PAGE);
        assert.deepEqual(walk.accept(page(["c"], { page: 2, total: 3 }), { query: "?page=2", page: 2 }), {
          kind: "restart",
          reason: "the total went from 2 to 3 between pages",
        });
      });
      it("when a domain comes on two pages", () => {
        const walk = new ListWalk(LIST, 10);
        walk.accept(page(["a", "b"], { offset: 0, has_more: true }), FIRST_PAGE);
        assert.equal(walk.accept(page(["b", "c"], { offset: 2 }), { query: "?offset=2", offset: 2 }).kind, "restart");
      });
    });
  });

  describe("readEveryPage", () => {
    it("reads again after a change, and reports a list that never holds still", async () => {
      let calls = 0;
      // Page 1 says 2 domains in all; by page 2 a third was created.
      const outcome = await readEveryPage(
        async (request) => {
          calls++;
          return request.page === 2 ? page([`d${calls}`], { page: 2, total: 3 }) : page(["a"], { page: 1, total: 2 });
        },
        LIST,
        10,
      );
      assert.equal(outcome.ok, false);
      assert.match(
        !outcome.ok ? outcome.problem : "",
        new RegExp(`changed while it was read, ${MAX_READINGS} times in a row \\(last: the total went from 2 to 3`),
      );
      assert.equal(calls, 2 * MAX_READINGS);
    });
    it("returns every domain once the list holds still", async () => {
      const pages = [page(["a"], { page: 1, total: 2 }), page(["b"], { page: 2, total: 2 })];
      const asked: string[] = [];
      const outcome = await readEveryPage(
        async (request) => {
          asked.push(request.query);
          return pages[asked.length - 1]!;
        },
        LIST,
        10,
      );
      assert.deepEqual(outcome.ok && outcome.domains.map((d) => d.id), ["a", "b"]);
      assert.deepEqual(asked, ["", "?page=2"]);
    });
  });
});
