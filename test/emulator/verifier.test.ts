import assert from "node:assert/strict";
import { cnameMatches } from "../../emulator/verifier";
import { admin, api, createDomain, useEmulator, waitFor } from "./helpers";
import type { RunningEmulator } from "../../emulator";

async function statusOf(emulator: RunningEmulator, id: string): Promise<string> {
  return (await api(emulator, "GET", `/domains/${id}`)).json.domain.status;
}

async function publish(emulator: RunningEmulator, records: Array<{ name: string; value: string }>): Promise<void> {
  for (const record of records) {
    const response = await admin(emulator, "PUT", "/dns/records", { name: record.name, type: "CNAME", value: record.value });
    assert.equal(response.status, 200);
  }
}

describe("emulator verifier", () => {
  describe("cnameMatches", () => {
    it("compares names case-insensitively and ignores a trailing dot", () => {
      assert.equal(cnameMatches(["ABC.dkim.AmazonSES.com."], "abc.dkim.amazonses.com"), true);
      assert.equal(cnameMatches(["abc.dkim.amazonses.com"], "abc.dkim.amazonses.com."), true);
      assert.equal(cnameMatches(["abd.dkim.amazonses.com"], "abc.dkim.amazonses.com"), false);
      assert.equal(cnameMatches([], "abc.dkim.amazonses.com"), false);
    });
  });

  describe("in dns mode with verifyDelayMs", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "dns", checkIntervalMs: 3_600_000, verifyDelayMs: 200 } });

    it("verifies only once the records have resolved for the delay, counted from the first pass that saw them", async () => {
      const domain = await createDomain(emulator.current, "delayed.example.com");
      await publish(emulator.current, domain.dns_records);
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "pending", "seen, but not for 200 ms yet");
      const seenAt = Date.now();
      await waitFor(async () => Date.now() - seenAt >= 250, 2000, "the delay");
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "verified");
    });

    it("starts the delay again when a record vanishes in between", async () => {
      const domain = await createDomain(emulator.current, "flaky.example.com");
      await publish(emulator.current, domain.dns_records);
      await emulator.current.checkNow();
      emulator.current.removeDnsRecord(domain.dns_records[0].name);
      await emulator.current.checkNow();
      await publish(emulator.current, domain.dns_records);
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "pending");
    });
  });

  describe("in dns mode", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { checkIntervalMs: 50 } });

    it("verifies a domain once its three CNAMEs resolve to the SES targets", async () => {
      const domain = await createDomain(emulator.current, "verify-me.example.com");
      await publish(emulator.current, domain.dns_records);
      await waitFor(async () => (await statusOf(emulator.current, domain.id)) === "verified", 3000, "verified");
      const listed = (await api(emulator.current, "GET", "/domains")).json.domains.find((d: { id: string }) => d.id === domain.id);
      assert.match(listed.verified_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    it("keeps a domain pending while one CNAME points elsewhere, and verifies it once corrected", async () => {
      const domain = await createDomain(emulator.current, "almost.example.com");
      const [first, second, third] = domain.dns_records;
      await publish(emulator.current, [first, second, { name: third.name, value: "wrong.dkim.amazonses.com" }]);
      await emulator.current.checkNow();
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "pending");

      await publish(emulator.current, [third]);
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "verified");
    });

    it("keeps a domain pending while a CNAME is missing", async () => {
      const domain = await createDomain(emulator.current, "partial.example.com");
      await publish(emulator.current, domain.dns_records.slice(0, 2));
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "pending");
    });

    it("leaves a verified domain verified when its records disappear (recheckVerified off)", async () => {
      const domain = await createDomain(emulator.current, "sticky.example.com");
      emulator.current.publishDkimRecords(domain.id);
      await emulator.current.checkNow();
      for (const record of domain.dns_records) emulator.current.removeDnsRecord(record.name);
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "verified");
    });
  });

  describe("in dns mode past the deadline", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { checkIntervalMs: 50, failAfterMs: 300 } });

    it("turns a domain without its records failed", async () => {
      const domain = await createDomain(emulator.current, "never.example.com");
      // The status the create answered: a later GET could already be past the 300 ms deadline on a busy machine.
      assert.equal(domain.status, "pending");
      await waitFor(async () => (await statusOf(emulator.current, domain.id)) === "failed", 3000, "failed");
    });
  });

  describe("in dns mode with recheckVerified", () => {
    // A timer that never fires in the test: passes run only through checkNow, so each step is exact.
    const emulator = useEmulator({ rateLimits: false, verification: { checkIntervalMs: 3_600_000, recheckVerified: true } });

    it("puts a verified domain back to pending, with verified_at null, when its records disappear", async () => {
      const domain = await createDomain(emulator.current, "drift.example.com");
      emulator.current.publishDkimRecords(domain.id);
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "verified");
      emulator.current.removeDnsRecord(domain.dns_records[1].name);
      await emulator.current.checkNow();
      const detail = (await api(emulator.current, "GET", `/domains/${domain.id}`)).json.domain;
      assert.equal(detail.status, "pending");
      assert.equal(detail.verified_at, null);
    });
  });

  describe("in auto mode", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "auto", autoVerifyAfterMs: 200, checkIntervalMs: 50 } });

    it("verifies a domain after the delay whatever DNS says", async () => {
      const domain = await createDomain(emulator.current, "auto.example.com");
      assert.equal(domain.status, "pending");
      await waitFor(async () => (await statusOf(emulator.current, domain.id)) === "verified", 3000, "verified");
    });
  });

  describe("in manual mode", () => {
    const emulator = useEmulator({ rateLimits: false, verification: { mode: "manual" } });

    it("changes status only through POST /admin/domains/{id}/status", async () => {
      const domain = await createDomain(emulator.current, "manual.example.com");
      emulator.current.publishDkimRecords(domain.id);
      await emulator.current.checkNow();
      assert.equal(await statusOf(emulator.current, domain.id), "pending");

      const set = await admin(emulator.current, "POST", `/domains/${domain.id}/status`, { status: "failed" });
      assert.equal(set.status, 200);
      assert.equal(set.json.domain.status, "failed");
      assert.equal(await statusOf(emulator.current, domain.id), "failed");
    });

    it("answers 404 for an unknown domain and 400 for an unknown status", async () => {
      const domain = await createDomain(emulator.current, "manual2.example.com");
      assert.equal((await admin(emulator.current, "POST", "/domains/nope/status", { status: "verified" })).status, 404);
      const bad = await admin(emulator.current, "POST", `/domains/${domain.id}/status`, { status: "done" });
      assert.equal(bad.status, 400);
      assert.match(bad.json.error, /^status:/);
    });
  });
});
