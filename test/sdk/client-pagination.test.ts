/**
 * `listDomains` against lists that do not fit one page: the emulator paging in each style, and fake
 * servers whose paging never ends.
 */
import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../../emulator/index";
import type { PaginationOptions } from "../../emulator/options";
import type { SendMailOSClient } from "../../sdk/client";
import { UnexpectedResponseError } from "../../sdk/errors";
import { SECRET_KEY, fastClient, rejection } from "./fixtures/clients";
import { type FakeServer, startFakeServer, wireDomain } from "./fixtures/fake-server";

const LIST_KEY = "GET /api/v1/domains";

describe("SendMailOSClient.listDomains over pages", () => {
  for (const style of [undefined, "page", "offset", "cursor"] as const) {
    describe(
      style === undefined ? "against the emulator without paging" : `against the emulator paging in ${style} style (100 per page)`,
      () => {
        let emulator: RunningEmulator;
        let client: SendMailOSClient;
        before(async () => {
          const pagination: PaginationOptions | false = style === undefined ? false : { style, pageSize: 100 };
          emulator = await startEmulator({
            apiKeys: [{ key: SECRET_KEY, workspaces: ["ws_default"] }],
            rateLimits: false,
            verification: { mode: "manual" },
            pagination,
          });
          client = fastClient(emulator.baseUrl);
          for (let i = 0; i < 250; i += 25) {
            await Promise.all(
              Array.from({ length: 25 }, (_, j) => client.createDomain({ domain: `d${String(i + j).padStart(3, "0")}.example.com` })),
            );
          }
        });
        after(async () => {
          await client.close();
          await emulator.stop();
        });

        const requests = style === undefined ? 1 : 3;
        it(`lists all 250 domains, each once, in exactly ${requests} request${requests === 1 ? "" : "s"}`, async () => {
          emulator.resetStats();
          const domains = await client.listDomains();
          assert.equal(domains.length, 250);
          assert.equal(new Set(domains.map((d) => d.id)).size, 250);
          assert.deepEqual(
            new Set(domains.map((d) => d.domainName)),
            new Set(Array.from({ length: 250 }, (_, i) => `d${String(i).padStart(3, "0")}.example.com`)),
          );
          assert.equal(emulator.stats().requests[LIST_KEY], requests);
        });

        it("finds a domain of the last page by name (the list fallbacks read every page)", async () => {
          const last = await client.findDomainByName("D249.example.com.");
          assert.equal(last?.domainName, "d249.example.com");
        });
      },
    );
  }

  describe("against servers whose paging never ends", () => {
    let server: FakeServer;
    let client: SendMailOSClient;
    beforeEach(async () => {
      server = await startFakeServer();
      client = fastClient(server.baseUrl, { maxListPages: 20 });
    });
    afterEach(async () => {
      await client.close();
      await server.stop();
    });

    it("stops a server that always has more (fresh cursors, fresh domains) at maxListPages with a clear error", async () => {
      let n = 0;
      server.handle(() => ({
        status: 200,
        body: { success: true, domains: [wireDomain({ domain_name: `x${n}.example` })], has_more: true, next_cursor: `c${n++}` },
      }));
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.equal(error.code, "INCOMPLETE_LIST");
      assert.match(
        error.message,
        /could not be read completely \(GET \/api\/v1\/domains, 20 pages read\): the list still had more after 20 pages \(maxListPages\)/,
      );
      assert.match(error.message, /Nothing was concluded from the partial list/);
      assert.equal(server.requests.length, 20);
    });

    it("stops a server that sends the same cursor again after the second page", async () => {
      let n = 0;
      server.handle(() => ({
        status: 200,
        body: { success: true, domains: [wireDomain({ domain_name: `y${n++}.example` })], has_more: true, next_cursor: "again" },
      }));
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /the server sent back to a page already read \("\?cursor=again"\): its paging loops/);
      assert.equal(server.requests.length, 2);
    });

    it("stops a server that ignores the page asked for (always page 1, always more)", async () => {
      server.handle(() => ({ status: 200, body: { success: true, domains: [wireDomain()], page: 1, has_more: true } }));
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /page 2 was asked for and page 1 came back: the server ignores "page"/);
      assert.equal(server.requests.length, 2);
      assert.equal(server.requests[1]!.path, "/api/v1/domains?page=2");
    });

    it("refuses a list that reports more domains than it sends, with no way to the rest", async () => {
      server.handle(() => ({ status: 200, body: { success: true, domains: [wireDomain()], total: 250 } }));
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /total of 250 but sent 1 domains/);
    });

    it("never follows a next link to another host (it would get the API key)", async () => {
      server.handle(() => ({
        status: 200,
        body: { success: true, domains: [wireDomain()], next: "http://127.0.0.2:1/api/v1/domains?p=2" },
      }));
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /it is not followed, so the API key is never sent elsewhere/);
      assert.equal(server.requests.length, 1);
    });

    it("parses every page with zod: a malformed second page is an UnexpectedResponseError naming the field", async () => {
      server.script(
        { status: 200, body: { success: true, domains: [wireDomain()], next_cursor: "c2" } },
        { status: 200, body: { success: true, domains: [{ id: 7 }] } },
      );
      const error = await rejection(client.listDomains(), UnexpectedResponseError);
      assert.match(error.message, /domains\[0\]\.id/);
      assert.equal(server.requests[1]!.path, "/api/v1/domains?cursor=c2");
    });
  });
});
