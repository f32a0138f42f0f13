import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { MissingDnsProviderError, loadOptionalPeer } from "../../../provider/dns/optional-peer";

/** A stand-in for `require` that fails like Node does for a package that is not installed. */
function notInstalled(id: string): never {
  throw Object.assign(new Error(`Cannot find module '${id}'\nRequire stack:\n- /project/index.js`), { code: "MODULE_NOT_FOUND" });
}

/**
 * Runs a program in a fresh Node process (this one has loaded every package already) and returns what it
 * printed last: which optional peers are in `require.cache` after the package declared some records.
 */
function loadedPeersAfter(program: string): { aws: number; cloudflare: number } {
  const result = spawnSync(process.execPath, ["-e", program], {
    cwd: path.resolve(__dirname, "../../../.."),
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop()!) as { aws: number; cloudflare: number };
}

const declareWithDns = (dns: string) => `
  const pulumi = require("@pulumi/pulumi");
  pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({ zoneId: "Z1", id: "Z1" }) }, "p", "s", true);
  const { VerifiedDomain } = require("./dist/provider");
  new VerifiedDomain("acme.com", { domain: "acme.com", dns: ${dns}, wait: false });
  const loaded = Object.keys(require.cache);
  const count = (name) => loaded.filter((file) => file.includes("/node_modules/" + name + "/")).length;
  setTimeout(() => console.log(JSON.stringify({ aws: count("@pulumi/aws"), cloudflare: count("@pulumi/cloudflare") })), 200);
`;

describe("optional peer dependencies (@pulumi/aws, @pulumi/cloudflare)", () => {
  describe("loadOptionalPeer", () => {
    it("returns the installed package", () => {
      const aws = loadOptionalPeer<typeof import("@pulumi/aws")>("@pulumi/aws");
      assert.equal(typeof aws.route53.Record, "function");
      const cloudflare = loadOptionalPeer<typeof import("@pulumi/cloudflare")>("@pulumi/cloudflare");
      assert.equal(typeof cloudflare.DnsRecord, "function");
    });

    it("names the package to install, and the command, when it is missing", () => {
      assert.throws(
        () => loadOptionalPeer("@pulumi/aws", notInstalled),
        (error: unknown) =>
          error instanceof MissingDnsProviderError &&
          error.code === "DNS_PROVIDER_PACKAGE_MISSING" &&
          error.packageName === "@pulumi/aws" &&
          /Route53 .*needs the package @pulumi\/aws, which is not installed\. Run `npm install @pulumi\/aws@\^7\.0\.0`/.test(error.message),
      );
      assert.throws(
        () => loadOptionalPeer("@pulumi/cloudflare", notInstalled),
        /Cloudflare .*needs the package @pulumi\/cloudflare.*`npm install @pulumi\/cloudflare@\^6\.0\.0`/,
      );
    });

    it("keeps the original error when the package is installed but one of its own modules is missing", () => {
      const broken = (id: string) => notInstalled(id === "@pulumi/aws" ? "@pulumi/aws-native-helper" : id);
      assert.throws(
        () => loadOptionalPeer("@pulumi/aws", broken),
        (error: unknown) => !(error instanceof MissingDnsProviderError) && /aws-native-helper/.test(String(error)),
      );
    });

    it("refuses a version without what we use, naming the installed one", () => {
      // Cloudflare provider v5 had `Record`, not `DnsRecord`.
      const v5 = (id: string) =>
        id.endsWith("package.json") ? { version: "5.49.1" } : { Record: class {}, getZoneOutput: () => undefined };
      assert.throws(
        () => loadOptionalPeer("@pulumi/cloudflare", v5),
        /needs @pulumi\/cloudflare \^6\.0\.0, but version 5\.49\.1 is installed/,
      );
    });
  });

  describe("VerifiedDomain", () => {
    it("loads neither package for the emulator", () => {
      assert.deepEqual(loadedPeersAfter(declareWithDns(`{ provider: "emulator" }`)), { aws: 0, cloudflare: 0 });
    });

    it("loads only @pulumi/aws for Route53", () => {
      const loaded = loadedPeersAfter(declareWithDns(`{ provider: "route53", zoneId: "Z1" }`));
      assert.equal(loaded.cloudflare, 0);
      assert.ok(loaded.aws > 0);
    });

    it("loads only @pulumi/cloudflare for Cloudflare", () => {
      const loaded = loadedPeersAfter(declareWithDns(`{ provider: "cloudflare", zoneId: "zone-1" }`));
      assert.equal(loaded.aws, 0);
      assert.ok(loaded.cloudflare > 0);
    });
  });
});
