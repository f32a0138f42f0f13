import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../../scripts/pulumi-offline";

/**
 * The host is plain JavaScript (it must run before `npm run build`), type-checked by the build: tsconfig.json has
 * `allowJs`, and `// @ts-check` in a file makes tsc check it (strict, like the TypeScript sources). Only for the
 * host's files, so that other scripts' JavaScript is not held to it; this test keeps a new module from slipping out.
 */
describe("language host: every module is type-checked by npm run build", () => {
  const dir = path.join(repoRoot(), "scripts", "language-host");
  const modules = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));

  it("finds the host's modules", () => {
    assert.ok(modules.includes("main.js") && modules.includes("plugin-run.js"), modules.join(", "));
  });

  for (const file of modules) {
    it(`${file} opts in with // @ts-check`, () => {
      const text = fs.readFileSync(path.join(dir, file), "utf8");
      const firstLines = text.split("\n").slice(0, 2);
      assert.ok(firstLines.includes("// @ts-check"), `${file} must start with "// @ts-check" (after a #! line)`);
    });
  }
});
