/**
 * The examples as users copy them (examples/route53, examples/cloudflare), each installed with the packed
 * package and ONLY its own DNS provider package, on the lowest and the newest @pulumi/pulumi of the peer
 * range: each compiles with its own tsconfig (no skipLibCheck), runs the repository's mock tests of that
 * example against the installed package, and refuses the other DNS path, naming the package it lacks.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";
import { ConsumerProject, pulumiVersions } from "./consumer-project";
import { entriesSource } from "./entries";
import { packedPackage } from "./pack";
import { childEnv, run } from "./processes";

interface Variant {
  /** The example folder and DNS provider. */
  example: "route53" | "cloudflare";
  /** The one DNS provider package installed. */
  installed: "@pulumi/aws" | "@pulumi/cloudflare";
  /** The other one, not installed. */
  missing: "@pulumi/aws" | "@pulumi/cloudflare";
  /** `dns` of a VerifiedDomain on the other path. */
  otherDns: string;
}

const variants: Variant[] = [
  { example: "route53", installed: "@pulumi/aws", missing: "@pulumi/cloudflare", otherDns: `{ provider: "cloudflare", zoneId: "zone-1" }` },
  { example: "cloudflare", installed: "@pulumi/cloudflare", missing: "@pulumi/aws", otherDns: `{ provider: "route53", zoneId: "Z1" }` },
];

/** Under mocks: the other DNS path fails naming its package; prints how many modules of each package loaded. */
function otherPathProgram(variant: Variant): string {
  return `
const assert = require("node:assert/strict");
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "user", "dev", true);
const { VerifiedDomain, MissingDnsProviderError } = require("pulumi-sendmailos");
assert.throws(
  () => new VerifiedDomain("other", { domain: "other.example", dns: ${variant.otherDns}, wait: false }),
  (error) => error instanceof MissingDnsProviderError && error.packageName === ${JSON.stringify(variant.missing)},
);
require("./mock-tests/examples/${variant.example}/program").declareExample({ zone: "acme.com", zoneId: "zone-1" });
setTimeout(() => {
  const loaded = Object.keys(require.cache);
  const count = (name) => loaded.filter((file) => file.includes("/node_modules/" + name + "/")).length;
  console.log(JSON.stringify({ installed: count(${JSON.stringify(variant.installed)}), missing: count(${JSON.stringify(variant.missing)}) }));
}, 200);
`;
}

/** The example's files as a user copies them, plus a file importing every entry this project can compile. */
function exampleFiles(variant: Variant): Record<string, string> {
  const dir = path.join(repoRoot(), "examples", variant.example);
  const files: Record<string, string> = {};
  for (const file of ["Pulumi.yaml", "index.ts", "program.ts", "tsconfig.json"])
    files[file] = fs.readFileSync(path.join(dir, file), "utf8");
  files["entries.ts"] = entriesSource([variant.missing]);
  files["tsconfig.entries.json"] =
    JSON.stringify({ extends: "./tsconfig.json", files: ["index.ts", "program.ts", "entries.ts"] }, null, 2) + "\n";
  return files;
}

/** The repository's compiled mock tests of the example, laid out so that they load the installed copy. */
function copyMockTests(variant: Variant, project: ConsumerProject): string {
  const compiled = path.join(repoRoot(), "dist", "test");
  for (const file of [`examples/${variant.example}.test.js`, "examples/mocks.js", "support/pulumi-mocks.js"]) {
    project.write(path.join("mock-tests", "test", file), fs.readFileSync(path.join(compiled, file), "utf8"));
  }
  return path.join("mock-tests", "test", "examples", `${variant.example}.test.js`);
}

for (const variant of variants) {
  for (const [which, version] of Object.entries(pulumiVersions)) {
    describe(`package: examples/${variant.example} with only ${variant.installed}, on @pulumi/pulumi ${version} (${which})`, function () {
      this.timeout(15 * 60 * 1000);
      let project: ConsumerProject;

      before(async () => {
        const { tarball } = await packedPackage();
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), "examples", variant.example, "package.json"), "utf8")) as {
          dependencies: Record<string, string>;
          devDependencies: Record<string, string>;
        };
        assert.deepEqual(Object.keys(manifest.dependencies).sort(), ["@pulumi/pulumi", variant.installed, "pulumi-sendmailos"].sort());
        project = await ConsumerProject.create(
          `example-${variant.example}`,
          {
            dependencies: { ...manifest.dependencies, "@pulumi/pulumi": version, "pulumi-sendmailos": `file:${tarball}` },
            devDependencies: manifest.devDependencies,
          },
          exampleFiles(variant),
        );
      });

      it(`installs ${variant.installed}, not ${variant.missing}, and one copy of @pulumi/pulumi`, () => {
        assert.equal(project.copiesOf(variant.installed).length, 1);
        assert.deepEqual(project.copiesOf(variant.missing), []);
        assert.deepEqual(project.copiesOf("@pulumi/pulumi"), [path.join("node_modules", "@pulumi", "pulumi")]);
      });

      it("compiles with the example's tsconfig, with every entry it can use", async () => {
        // Emits next to the mock tests, which load ../../examples/<example>/program as in the repository.
        await project.tsc(["-p", "tsconfig.entries.json", "--outDir", path.join("mock-tests", "examples", variant.example)]);
      });

      it("passes the example's mock tests against the installed package", async () => {
        const testFile = copyMockTests(variant, project);
        const mocha = path.join(repoRoot(), "node_modules", "mocha", "bin", "mocha.js");
        const result = await run(process.execPath, [mocha, "--no-config", "--exit", "--timeout", "60000", testFile], {
          cwd: project.dir,
          env: childEnv(),
          timeoutMs: 5 * 60 * 1000,
        });
        assert.match(result.stdout, /\d+ passing/);
        assert.doesNotMatch(result.stdout, /failing|pending/);
      });

      it(`refuses the other DNS path naming ${variant.missing}, and never loads it`, async () => {
        const result = await project.node(otherPathProgram(variant));
        const loaded = JSON.parse(result.stdout.trim().split("\n").pop()!) as { installed: number; missing: number };
        assert.equal(loaded.missing, 0);
        assert.ok(loaded.installed > 0, JSON.stringify(loaded));
      });
    });
  }
}
