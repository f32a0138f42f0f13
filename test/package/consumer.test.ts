/**
 * The packed package in a brand-new project laid out like `pulumi new typescript` (stock tsconfig: no
 * skipLibCheck, no esModuleInterop), installed from its tarball with npm next to the lowest and the newest
 * @pulumi/pulumi of its peer range, and neither @pulumi/aws nor @pulumi/cloudflare: the README's offline path,
 * from `npm install` to `pulumi destroy` with the real engine.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ConsumerProject, pulumiVersions, stockPulumiYaml, stockTsconfig, toolVersions } from "./consumer-project";
import { documentedBins, documentedEntries, entriesSource, importPath } from "./entries";
import { runCommand } from "../../scripts/pulumi-offline";
import { packedPackage } from "./pack";
import { childEnv } from "./processes";
import { EmulatorProcess, PulumiCli } from "./user-session";

/** The README's own-project example, on the emulator. */
const program = `import * as pulumi from "@pulumi/pulumi";
import { VerifiedDomain } from "pulumi-sendmailos";

const site = new VerifiedDomain("acme.example", {
    domain: "acme.example",
    dns: { provider: "emulator" },
    wait: { pollIntervalSeconds: 1, timeoutSeconds: 300 },
});

export const domainId = site.domainId;
export const status: pulumi.Output<string> = site.status;
export const records = site.records;
`;

/**
 * A unit test of the program's kind, under Pulumi's mocks: VerifiedDomain declares its six resources on the
 * emulator, and the DNS paths whose packages are not installed fail naming the package. Prints what loaded.
 */
const mockTest = `
const assert = require("node:assert/strict");
const pulumi = require("@pulumi/pulumi");
const declared = [];
pulumi.runtime.setMocks({
  newResource(args) {
    declared.push(args.type + " " + args.name);
    if (args.type !== "pulumi-nodejs:dynamic/sendmailos:Domain") return { id: args.name + "-id", state: { ...args.inputs, status: "verified" } };
    const tokens = ["t0", "t1", "t2"];
    const dnsRecords = tokens.map((t) => ({ type: "CNAME", name: t + "._domainkey." + args.inputs.domain, value: t + ".dkim.amazonses.com" }));
    return { id: "d-1", state: { ...args.inputs, domainId: "d-1", domainName: args.inputs.domain, status: "pending", dkimTokens: tokens, dnsRecords } };
  },
  call(args) { throw new Error("unexpected invoke " + args.token); },
}, "user", "dev", false);
const { VerifiedDomain, MissingDnsProviderError } = require("pulumi-sendmailos");
const site = new VerifiedDomain("acme.example", { domain: "acme.example", dns: { provider: "emulator" } });
pulumi.all([site.status, site.records]).apply(([status, records]) => {
  assert.equal(status, "verified");
  assert.equal(records.length, 3);
  setImmediate(() => {
    assert.deepEqual(declared.sort(), [
      "pulumi-nodejs:dynamic/sendmailos:Domain acme.example",
      "pulumi-nodejs:dynamic/sendmailos:DomainVerification acme.example-verification",
      "pulumi-nodejs:dynamic/sendmailos:EmulatorDnsRecord acme.example-dkim-1",
      "pulumi-nodejs:dynamic/sendmailos:EmulatorDnsRecord acme.example-dkim-2",
      "pulumi-nodejs:dynamic/sendmailos:EmulatorDnsRecord acme.example-dkim-3",
      "sendmailos:index:VerifiedDomain acme.example",
    ]);
    for (const [provider, pkg] of [["route53", "@pulumi/aws"], ["cloudflare", "@pulumi/cloudflare"]]) {
      assert.throws(
        () => new VerifiedDomain("other-" + provider, { domain: provider + ".example", dns: { provider, zoneId: "Z1" } }),
        (error) => error instanceof MissingDnsProviderError && error.packageName === pkg && error.message.includes("npm install " + pkg + "@"),
      );
    }
    const loaded = Object.keys(require.cache);
    const count = (name) => loaded.filter((file) => file.includes("/node_modules/" + name + "/")).length;
    console.log(JSON.stringify({ modules: loaded.length, aws: count("@pulumi/aws"), cloudflare: count("@pulumi/cloudflare") }));
  });
});
`;

/** Loads every documented entry at run time and checks the names each must export. */
const importEverything = `
const entries = ${JSON.stringify(documentedEntries.map((entry) => ({ path: importPath(entry), names: entry.names })))};
for (const entry of entries) {
  const loaded = require(entry.path);
  const absent = entry.names.filter((name) => loaded[name] === undefined);
  if (absent.length > 0) throw new Error(entry.path + " does not export " + absent.join(", "));
}
console.log(require("pulumi-sendmailos/package.json").version);
`;

/**
 * The stock tsconfig with one more file, entries.ts. With other module resolutions, `skipLibCheck` keeps the
 * check to what differs (how each import resolves and what it gives): the declarations themselves are checked
 * once, without it, under the stock options.
 */
function tsconfigWithEntries(compilerOptions: Record<string, string | boolean> = {}): string {
  return JSON.stringify({ extends: "./tsconfig.json", compilerOptions, files: ["index.ts", "entries.ts"] }, null, 4) + "\n";
}

for (const [which, version] of Object.entries(pulumiVersions)) {
  describe(`package: a new TypeScript project on @pulumi/pulumi ${version} (the ${which} of the peer range), without @pulumi/aws or @pulumi/cloudflare`, function () {
    this.timeout(15 * 60 * 1000);
    let project: ConsumerProject;
    let dependencyTree: string;

    before(async () => {
      const { tarball } = await packedPackage();
      project = await ConsumerProject.create(
        "my-domains",
        { dependencies: { "@pulumi/pulumi": version, "pulumi-sendmailos": `file:${tarball}` }, devDependencies: { ...toolVersions } },
        {
          "Pulumi.yaml": stockPulumiYaml("my-domains"),
          "tsconfig.json": JSON.stringify(stockTsconfig, null, 4) + "\n",
          "index.ts": program,
          "entries.ts": entriesSource(["@pulumi/aws", "@pulumi/cloudflare"]),
          "tsconfig.entries.json": tsconfigWithEntries(),
          "tsconfig.node16.json": tsconfigWithEntries({ module: "node16", moduleResolution: "node16", skipLibCheck: true }),
          "tsconfig.bundler.json": tsconfigWithEntries({ module: "preserve", moduleResolution: "bundler", skipLibCheck: true }),
        },
      );
      // `npm ls` fails on a missing or invalid dependency (a peer out of range among them).
      dependencyTree = (await project.npm(["ls", "--all"])).stdout;
    });

    it("installs one copy of @pulumi/pulumi (the project's) and no DNS provider package", () => {
      assert.deepEqual(project.copiesOf("@pulumi/pulumi"), [path.join("node_modules", "@pulumi", "pulumi")]);
      assert.equal(
        JSON.parse(fs.readFileSync(path.join(project.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")).version,
        version,
      );
      assert.deepEqual([...project.copiesOf("@pulumi/aws"), ...project.copiesOf("@pulumi/cloudflare")], [], dependencyTree);
    });

    it("type-checks the program and every entry with the stock tsconfig (moduleResolution node, every declaration checked)", async () => {
      await project.tsc(["--noEmit", "-p", "tsconfig.entries.json"]);
    });

    it("resolves every entry under moduleResolution node16 and bundler", async () => {
      for (const config of ["tsconfig.node16.json", "tsconfig.bundler.json"]) await project.tsc(["--noEmit", "-p", config]);
    });

    it("loads every documented entry (route53 and cloudflare too: they load their package only when used)", async () => {
      const result = await project.node(importEverything);
      assert.equal(
        result.stdout.trim(),
        JSON.parse(fs.readFileSync(path.join(project.dir, "node_modules", "pulumi-sendmailos", "package.json"), "utf8")).version,
      );
    });

    it("installs every bin; the native plugin starts and says on which port it serves", async () => {
      for (const bin of documentedBins)
        assert.ok(fs.existsSync(path.join(project.dir, "node_modules", ".bin", bin)), `node_modules/.bin/${bin}`);
      // The plugin prints its port, then serves until it sees that its engine is gone (here: at once, there is
      // none at that address) or the bound stops it.
      const plugin = await runCommand(path.join(project.dir, "node_modules", ".bin", "pulumi-resource-sendmailos"), ["127.0.0.1:1"], {
        cwd: project.dir,
        env: childEnv(),
        timeoutMs: 30_000,
      });
      assert.match(plugin.stdout, /^\d+\n/, plugin.stderr);
    });

    it("runs a mock test of the program: six resources on the emulator; Route53 and Cloudflare name the package to install", async () => {
      const result = await project.node(mockTest);
      const loaded = JSON.parse(result.stdout.trim().split("\n").pop()!) as { modules: number; aws: number; cloudflare: number };
      assert.deepEqual({ aws: loaded.aws, cloudflare: loaded.cloudflare }, { aws: 0, cloudflare: 0 });
    });

    it("pulumi up, then pulumi destroy, against `npx sendmailos-emulator`, with the real engine", async () => {
      const emulator = await EmulatorProcess.start(project.dir);
      try {
        const cli = await PulumiCli.for(project.dir, path.join(path.dirname(project.dir), "pulumi"));
        await cli.run(["stack", "init", "dev", "--non-interactive"]);
        await cli.run(["config", "set", "--secret", "sendmailos:apiKey"], emulator.printed.apiKey);
        await cli.run(["config", "set", "sendmailos:baseUrl", emulator.printed.baseUrl]);
        const up = await cli.run(["up", "--yes", "--skip-preview", "--non-interactive"]);
        const outputs = JSON.parse((await cli.run(["stack", "output", "--json"])).stdout) as { status: string; records: unknown[] };
        assert.equal(outputs.status, "verified", up.stdout);
        assert.equal(outputs.records.length, 3);
        assert.deepEqual(await emulator.domains().then((domains) => domains.map((d) => [d.domain_name, d.status])), [
          ["acme.example", "verified"],
        ]);
        assert.ok(!up.stdout.includes(emulator.printed.apiKey) && !up.stderr.includes(emulator.printed.apiKey), "the API key was printed");
        await cli.run(["destroy", "--yes", "--skip-preview", "--non-interactive"]);
        assert.deepEqual(await emulator.domains(), []);
      } finally {
        await emulator.stop();
      }
    });
  });
}
