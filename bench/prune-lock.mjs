// The npm registry this project uses holds @gorules/zen-engine's native package for linux-x64
// only; npm records every platform's optional package in the lockfile, and `npm ci` then fails on
// the ones it cannot find. After `npm install` in bench/, run `node prune-lock.mjs` to drop the
// optional entries that have no package in the lockfile.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("./package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
for (const pkg of Object.values(lock.packages)) {
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    if (!lock.packages[`node_modules/${name}`]) {
      delete pkg.optionalDependencies[name];
      console.log(`pruned ${name}`);
    }
  }
}
writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
