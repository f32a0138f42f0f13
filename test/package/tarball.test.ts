/**
 * The tarball `npm pack` makes on a fresh clone (see pack.ts): what it ships and what its package.json says.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/pulumi-offline";
import { documentedBins, documentedEntries, importPath } from "./entries";
import { packedPackage, type Packed } from "./pack";

/** Every file under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix + entry.name;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

interface Manifest {
  name: string;
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

describe("package: the tarball npm pack makes on a fresh clone", function () {
  this.timeout(10 * 60 * 1000);
  let packed: Packed;
  let files: string[];
  let manifest: Manifest;

  before(async () => {
    packed = await packedPackage();
    files = filesUnder(packed.packageDir);
    manifest = JSON.parse(fs.readFileSync(path.join(packed.packageDir, "package.json"), "utf8")) as Manifest;
  });

  const exists = (file: string) => files.includes(path.posix.normalize(file.replace(/^\.\//, "")));

  it("ships the build: every documented entry's code and types, and every bin", () => {
    assert.ok(exists(manifest.main) && exists(manifest.types), `${manifest.main}, ${manifest.types}`);
    for (const entry of documentedEntries) {
      const target = manifest.exports[entry.subpath];
      assert.ok(target && typeof target === "object", `exports has no ${entry.subpath}`);
      assert.ok(exists(target.types), `${entry.subpath}: ${target.types} is not in the tarball`);
      assert.ok(exists(target.default), `${entry.subpath}: ${target.default} is not in the tarball`);
    }
    assert.deepEqual(Object.keys(manifest.bin).sort(), [...documentedBins].sort());
    for (const [name, file] of Object.entries(manifest.bin)) {
      assert.ok(exists(file), `bin ${name}: ${file} is not in the tarball`);
      assert.match(
        fs.readFileSync(path.join(packed.packageDir, file), "utf8"),
        /^#!\/usr\/bin\/env node\n/,
        `bin ${name} has no node shebang`,
      );
    }
    assert.ok(exists("plugin/PulumiPlugin.yaml") && exists("plugin/index.js"), "the plugin folder is incomplete");
  });

  it("maps every documented subpath for moduleResolution node (typesVersions) to the same types as exports", () => {
    const mapping = manifest.typesVersions["*"] ?? {};
    for (const entry of documentedEntries.filter((e) => e.subpath !== ".")) {
      const target = manifest.exports[entry.subpath] as { types: string };
      assert.deepEqual(mapping[entry.subpath.slice(2)], [target.types.replace(/^\.\//, "")], `typesVersions for ${importPath(entry)}`);
    }
  });

  it("ships nothing else: no tests, fixtures, TypeScript sources or development files", () => {
    const allowed =
      /^(package\.json|README\.md|LICENSE|bin\/(pulumi-resource-sendmailos|sendmailos-emulator|sendmailos-review)|(plugin|policy-pack)\/(PulumiPlugin\.yaml|PulumiPolicy\.yaml|index\.js|package\.json)|dist\/(sdk|provider|emulator|review|policy)\/.+\.(js|d\.ts|js\.map))$/;
    const unexpected = files.filter((file) => !allowed.test(file) || /(^|\/)(test|tests|fixtures|__tests__)\//.test(file));
    assert.deepEqual(unexpected, []);
  });

  it("has source maps that carry their sources (the .ts files are not shipped) and no map that is missing", () => {
    const maps = files.filter((file) => file.endsWith(".js.map"));
    assert.ok(maps.length > 50, `${maps.length} maps`);
    for (const file of maps) {
      const map = JSON.parse(fs.readFileSync(path.join(packed.packageDir, file), "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      map.sources.forEach((source, i) => {
        const shipped = exists(path.posix.join(path.posix.dirname(file), source));
        assert.ok(shipped || typeof map.sourcesContent?.[i] === "string", `${file}: source ${source} is neither shipped nor inlined`);
      });
    }
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(path.join(packed.packageDir, file), "utf8"))?.[1];
      if (url !== undefined) assert.ok(exists(path.posix.join(path.posix.dirname(file), url)), `${file} points at a missing map ${url}`);
    }
  });

  it("requires, from its own files, only files it ships", () => {
    for (const file of files.filter((f) => f.endsWith(".js") || f.startsWith("bin/"))) {
      const text = fs.readFileSync(path.join(packed.packageDir, file), "utf8");
      for (const [, request] of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), request!));
        assert.ok([target, `${target}.js`, `${target}/index.js`].some(exists), `${file} requires ${request}, which is not in the tarball`);
      }
    }
  });

  it("keeps what users install clean: no self-link, @pulumi packages as peers with a tested range", () => {
    assert.equal(manifest.devDependencies?.[manifest.name], undefined, "the dev self-link file:. is in the packed package.json");
    const specs = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.devDependencies };
    assert.deepEqual(
      Object.entries(specs).filter(([, spec]) => /^(file|link|git|https?):/.test(spec)),
      [],
    );
    assert.deepEqual(
      Object.keys(manifest.dependencies).filter((name) => name.startsWith("@pulumi/")),
      [],
    );
    assert.deepEqual(manifest.peerDependencies, {
      "@pulumi/pulumi": "^3.216.0",
      "@pulumi/aws": "^7.0.0",
      "@pulumi/cloudflare": "^6.0.0",
      "@pulumi/policy": "^1.21.0",
    });
    assert.deepEqual(manifest.peerDependenciesMeta, {
      "@pulumi/aws": { optional: true },
      "@pulumi/cloudflare": { optional: true },
      "@pulumi/policy": { optional: true },
    });
    assert.equal(manifest.engines["node"], ">=22");
  });

  it("left the repository's package.json as it was (the self-link is put back after packing)", () => {
    const own = JSON.parse(fs.readFileSync(path.join(repoRoot(), "package.json"), "utf8")) as Manifest;
    assert.equal(own.devDependencies?.["pulumi-sendmailos"], "file:.");
    const copied = JSON.parse(fs.readFileSync(path.join(packed.workDir, "source", "package.json"), "utf8")) as Manifest;
    assert.equal(copied.devDependencies?.["pulumi-sendmailos"], "file:.", "postpack did not restore package.json in the packed copy");
  });

  it("is documented: the README names every entry a user may import", () => {
    const readme = fs.readFileSync(path.join(packed.packageDir, "README.md"), "utf8");
    for (const entry of documentedEntries) assert.ok(readme.includes(importPath(entry)), `README does not mention ${importPath(entry)}`);
  });
});
