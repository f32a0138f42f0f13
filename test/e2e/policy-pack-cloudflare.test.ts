import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parsePreviewOutput } from "../../review/preview-json";
import { getPulumiBinDir, PulumiProject, repoRoot } from "./harness";

/**
 * The SendMailOS policy pack under the real engine on Cloudflare records. The Cloudflare provider plugin cannot
 * be had offline, so a stand-in named `cloudflare` (a Node.js plugin folder run by our language host, found
 * through `plugins.providers`) accepts `cloudflare:index/dnsRecord:DnsRecord` as the real one would in a preview.
 */
const standInProvider = String.raw`"use strict";
const { main } = require("@pulumi/pulumi/provider");
main({
    version: "6.22.1",
    async check(urn, olds, news) {
        return { inputs: news };
    },
    async create(urn, inputs) {
        return { id: inputs.name, outs: inputs };
    },
}, process.argv.slice(2));
`;

const program = String.raw`"use strict";
const pulumi = require("@pulumi/pulumi");
class DnsRecord extends pulumi.CustomResource {
    constructor(name, args) { super("cloudflare:index/dnsRecord:DnsRecord", name, args); }
}
const record = (name, args) => new DnsRecord(name, { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", type: "CNAME", ttl: 1, ...args });
record("dkim-proxied", { name: "abc._domainkey.acme.example", content: "abc.dkim.amazonses.com", proxied: true });
record("dkim-dns-only", { name: "def._domainkey.acme.example", content: "def.dkim.amazonses.com", proxied: false });
record("www-proxied", { name: "www.acme.example", content: "acme.example", proxied: true });
`;

describe("e2e: the SendMailOS policy pack on Cloudflare DKIM records", function () {
  this.timeout(10 * 60 * 1000);
  let project: PulumiProject;

  before(async function () {
    this.timeout(45 * 60 * 1000); // a cold machine builds the CLI first
    await getPulumiBinDir();
    project = await PulumiProject.create({ name: "cloudflare-records", programJs: program });
    const pluginDir = path.join(project.tempDir, "cloudflare-plugin");
    fs.mkdirSync(pluginDir);
    fs.writeFileSync(path.join(pluginDir, "PulumiPlugin.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(
      path.join(pluginDir, "package.json"),
      JSON.stringify({ name: "pulumi-resource-cloudflare", private: true, main: "index.js" }),
    );
    fs.writeFileSync(path.join(pluginDir, "index.js"), standInProvider);
    fs.symlinkSync(path.join(repoRoot(), "node_modules"), path.join(pluginDir, "node_modules"), "dir");
    fs.appendFileSync(
      path.join(project.projectDir, "Pulumi.yaml"),
      `plugins:\n  providers:\n    - name: cloudflare\n      path: ${JSON.stringify(pluginDir)}\n`,
    );
  });
  after(async () => project?.dispose());

  it("fails the preview on a proxied DKIM record only, naming it and the fix", async () => {
    const r = await project.run(
      ["preview", "--json", "--non-interactive", "--stack", project.stack, "--policy-pack", path.join(repoRoot(), "policy-pack")],
      {
        env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
      },
    );
    assert.notEqual(r.code, 0, `the preview passed:\n${r.stdout.slice(-3000)}\n${r.stderr}`);
    const preview = parsePreviewOutput(r.stdout);
    assert.deepEqual(
      preview.policyViolations.map((v) => [v.policyPack, v.policy, v.enforcementLevel, v.urn?.split("::").pop(), v.message]),
      [
        [
          "sendmailos",
          "dkim-records-not-proxied",
          "mandatory",
          "dkim-proxied",
          "the DKIM record abc._domainkey.acme.example is proxied through Cloudflare: a proxied CNAME is flattened into Cloudflare's addresses, " +
            "so SES never sees the DKIM CNAME and the domain never verifies (or stops verifying). Set proxied: false " +
            "(cloudflareDkimRecords and VerifiedDomain with dns.provider cloudflare always do).",
        ],
      ],
    );
  });
});
