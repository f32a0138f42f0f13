import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type EmulatorOptions } from "../../emulator";
import { api, createDomain, resolverFor } from "./helpers";

describe("emulator persistence", () => {
  let directory: string;
  let dataFile: string;
  const options = (): EmulatorOptions => ({ dataFile, rateLimits: false, verification: { mode: "manual" } });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "sendmailos-emulator-"));
    dataFile = join(directory, "state", "emulator.json");
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  describe("when restarted with the same data file", () => {
    it("keeps every domain, idempotency record and DNS record", async () => {
      const first = await startEmulator(options());
      const idempotent = { body: { domain: "kept.example.com", metadata: { a: "b" } }, headers: { "Idempotency-Key": "keep-1" } };
      const created = await api(first, "POST", "/domains", idempotent);
      const other = await createDomain(first, "other-ws.example.com", { workspace: "ws_other" });
      first.setStatus(other.id, "verified");
      first.publishDkimRecords(created.json.domain.id);
      const before = await api(first, "GET", "/domains", { workspace: "ws_other" });
      await first.stop();

      const second = await startEmulator(options());
      try {
        const detail = await api(second, "GET", `/domains/${created.json.domain.id}`);
        assert.equal(detail.status, 200);
        assert.deepEqual(detail.json.domain.dkim_tokens, created.json.domain.dkim_tokens);
        assert.equal((await api(second, "GET", "/domains", { workspace: "ws_other" })).text, before.text);

        const replay = await api(second, "POST", "/domains", idempotent);
        assert.equal(replay.status, 201);
        assert.equal(replay.text, created.text);

        const record = created.json.domain.dns_records[0];
        assert.deepEqual(await resolverFor(second).resolveCname(record.name), [record.value]);
      } finally {
        await second.stop();
      }
    });
  });

  describe("when a change is made", () => {
    it("writes the file at once, by rename, leaving no temporary file", async () => {
      const emulator = await startEmulator(options());
      try {
        await createDomain(emulator, "written.example.com");
        const content = JSON.parse(readFileSync(dataFile, "utf8"));
        assert.equal(content.version, 1);
        assert.deepEqual(
          content.domains.map((d: { domainName: string }) => d.domainName),
          ["written.example.com"],
        );
        assert.deepEqual(readdirSync(join(directory, "state")), ["emulator.json"]);
      } finally {
        await emulator.stop();
      }
    });
  });

  describe("when the data file is not valid", () => {
    it("refuses to start, naming the file and the problem", async () => {
      const path = join(directory, "broken.json");
      writeFileSync(path, JSON.stringify({ version: 1, domains: [{ id: 1 }], idempotency: [], dnsRecords: [] }));
      await assert.rejects(startEmulator({ dataFile: path }), (err: Error) => err.message.includes(path) && /domains/.test(err.message));
    });
  });
});
