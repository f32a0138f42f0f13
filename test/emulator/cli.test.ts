import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { parseCli } from "../../emulator/cli";

describe("emulator CLI", () => {
  describe("parseCli", () => {
    it("maps every flag to an option", () => {
      assert.deepEqual(
        parseCli([
          "--port",
          "8080",
          "--dns-port",
          "5353",
          "--data-file",
          "s.json",
          "--api-key",
          "sk_test_x",
          "--no-rate-limit",
          "--auto-verify-after",
          "2.5",
          "--json",
        ]),
        {
          json: true,
          options: {
            port: 8080,
            dnsPort: 5353,
            dataFile: "s.json",
            apiKeys: [{ key: "sk_test_x", workspaces: ["ws_default", "ws_other"] }],
            rateLimits: false,
            verification: { mode: "auto", autoVerifyAfterMs: 2500 },
          },
        },
      );
    });

    it("maps --paginate and --page-size to the pagination option", () => {
      const parsed = parseCli(["--paginate", "cursor", "--page-size", "25"]);
      assert.notEqual(parsed, "help");
      assert.deepEqual(parsed !== "help" && parsed.options.pagination, { style: "cursor", pageSize: 25 });
      assert.throws(() => parseCli(["--paginate", "pages"]), /--paginate: expected page, offset or cursor/);
      assert.throws(() => parseCli(["--paginate", "page", "--page-size", "0"]), /--page-size/);
      assert.throws(() => parseCli(["--page-size", "10"]), /--page-size: only with --paginate/);
    });

    it("rejects a bad port and an unknown flag", () => {
      assert.throws(() => parseCli(["--port", "http"]), /--port/);
      assert.throws(() => parseCli(["--bogus"]), /bogus/);
    });
  });

  describe("when run", () => {
    it("prints its addresses, serves, and exits cleanly on SIGTERM", async () => {
      const child = spawn(process.execPath, [join(__dirname, "../../emulator/cli.js"), "--json"], { stdio: ["ignore", "pipe", "pipe"] });
      try {
        const [chunk] = (await once(child.stdout, "data")) as [Buffer];
        const printed = JSON.parse(chunk.toString("utf8").split("\n")[0] ?? "");
        assert.match(printed.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
        assert.match(printed.dns, /^127\.0\.0\.1:\d+$/);
        const response = await fetch(`${printed.baseUrl}/domains`, { headers: { Authorization: `Bearer ${printed.apiKey}` } });
        assert.equal(response.status, 200);
        child.kill("SIGTERM");
        const [code] = await once(child, "exit");
        assert.equal(code, 0);
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    });
  });
});
