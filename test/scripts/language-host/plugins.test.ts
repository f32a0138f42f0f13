import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resourcePackageOf, scanResourcePackages } from "../../../scripts/language-host/plugins";

describe("language host: plugin discovery", () => {
  describe("resourcePackageOf", () => {
    it("derives name and version from an @pulumi package", () => {
      assert.deepEqual(resourcePackageOf({ name: "@pulumi/aws", version: "7.48.0", pulumi: { resource: true } }), {
        name: "aws",
        version: "v7.48.0",
        server: "",
        parameterization: undefined,
      });
    });

    it("prefers the pulumi section's name, version and server", () => {
      assert.deepEqual(
        resourcePackageOf({
          name: "acme-sdk",
          version: "1.0.0",
          pulumi: { resource: true, name: "acme", version: "v2.1.0", server: "https://example.test/plugins" },
        }),
        { name: "acme", version: "v2.1.0", server: "https://example.test/plugins", parameterization: undefined },
      );
    });

    it("decodes a parameterization value from base64", () => {
      const p = resourcePackageOf({
        name: "@pulumi/terraform-x",
        version: "0.1.0",
        pulumi: {
          resource: true,
          name: "terraform-provider",
          parameterization: { name: "x", version: "0.1.0", value: Buffer.from("param").toString("base64") },
        },
      });
      assert.equal(p?.parameterization?.value?.toString(), "param");
      assert.equal(p?.parameterization?.name, "x");
    });

    it("ignores packages that declare no resource plugin or cannot be named", () => {
      assert.equal(resourcePackageOf({ name: "left-pad", version: "1.0.0" }), undefined);
      assert.equal(resourcePackageOf({ name: "@pulumi/pulumi", version: "3.270.0", pulumi: { resource: false } }), undefined);
      assert.equal(resourcePackageOf({ name: "unscoped", version: "1.0.0", pulumi: { resource: true } }), undefined);
      assert.equal(resourcePackageOf(null), undefined);
    });
  });

  describe("scanResourcePackages", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "lh-plugins-"));
      const write = (pkg: string, json: unknown) => {
        fs.mkdirSync(path.join(dir, "node_modules", pkg), { recursive: true });
        fs.writeFileSync(path.join(dir, "node_modules", pkg, "package.json"), typeof json === "string" ? json : JSON.stringify(json));
      };
      write("@pulumi/cloudflare", { name: "@pulumi/cloudflare", version: "6.22.1", pulumi: { resource: true } });
      write("zod", { name: "zod", version: "4.1.12" });
      write("broken", "{not json");
      fs.mkdirSync(path.join(dir, "node_modules", ".bin"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reports nothing unless PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES=true (plugins cannot be downloaded here)", () => {
      assert.deepEqual(scanResourcePackages(dir, {}), []);
    });

    it("finds the scoped resource package among the others when asked", () => {
      assert.deepEqual(
        scanResourcePackages(dir, { PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES: "true" }).map((p) => `${p.name}@${p.version}`),
        ["cloudflare@v6.22.1"],
      );
    });

    it("finds nothing in a folder without node_modules", () => {
      assert.deepEqual(scanResourcePackages(os.tmpdir() + "/does-not-exist-lh", { PULUMI_LANGUAGE_NODEJS_REPORT_PACKAGES: "true" }), []);
    });
  });
});
