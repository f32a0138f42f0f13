/**
 * `npm run generate`: writes every file that derives from the resource input schemas (see
 * `generated-files.ts`): the `Args` types, the README's input tables. Prints what changed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { staleFiles } from "./generated-files";
import { repoRoot } from "./pulumi-offline";

const root = repoRoot();
const stale = staleFiles(root);
for (const file of stale) {
  fs.writeFileSync(path.join(root, file.path), file.expected);
  console.log(`wrote ${file.path}`);
}
console.log(stale.length === 0 ? "every generated file is up to date" : `${stale.length} file(s) regenerated; run npm run build again`);
