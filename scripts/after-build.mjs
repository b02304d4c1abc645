// After `tsc` (npm run build): makes dist/cli/bin.js executable; writes dist/build-id (a stamp
// of this build: `list` keys its cache by it); and has the built command line load chevrotain as
// the one bundled file its package ships (lib/chevrotain.mjs, ≈30 ms) instead of its package entry, which loads lodash-es as
// hundreds of small modules (≈0.3 s of every start). The bundle is copied to dist/vendor/ and the
// built modules that import "chevrotain" are pointed at the copy. The sources (tests, the editor)
// keep importing "chevrotain"; so do the type declarations.
import { randomUUID } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const bundle = join(dirname(createRequire(join(ROOT, "package.json")).resolve("chevrotain")), "..", "chevrotain.mjs");
const target = join(DIST, "vendor", "chevrotain.mjs");
mkdirSync(dirname(target), { recursive: true });
copyFileSync(bundle, target);

const IMPORT = /(from\s+|import\s*\(\s*)"chevrotain"/g;
let rewritten = 0;
function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== dirname(target)) walk(path);
    } else if (entry.name.endsWith(".js")) {
      const text = readFileSync(path, "utf8");
      if (!text.includes('"chevrotain"')) continue;
      let spec = relative(dirname(path), target).split(sep).join("/");
      if (!spec.startsWith(".")) spec = "./" + spec;
      writeFileSync(path, text.replace(IMPORT, (_, head) => `${head}"${spec}"`));
      rewritten++;
    }
  }
}
walk(DIST);
if (rewritten === 0) throw new Error("no built module imports chevrotain: is dist/ built?");

chmodSync(join(DIST, "cli", "bin.js"), 0o755);
writeFileSync(join(DIST, "build-id"), randomUUID() + "\n");
