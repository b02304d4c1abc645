// After `tsc` (npm run build): the runtime support module that generated policy modules import
// ("credit-policy/support"), bundled into one file per module system — dist/support/index.js (ES
// module) and dist/support/index.cjs (CommonJS, for `compile --module cjs`). One file loads in a
// few milliseconds and pulls in nothing else: calendar days, money, the precompiled record
// validator and the record-error messages, no compiler. Its types are tsc's
// dist/runtime/support.d.ts. The CLI keeps importing runtime/support.js itself.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(ROOT, "dist", "runtime", "support.js");
const out = join(ROOT, "dist", "support");
mkdirSync(out, { recursive: true });

const banner = "// credit-policy runtime support for generated policy modules (bundled from runtime/support.ts; do not edit).";
for (const [format, file] of [
  ["esm", "index.js"],
  ["cjs", "index.cjs"],
]) {
  await build({
    entryPoints: [entry],
    outfile: join(out, file),
    bundle: true,
    format,
    // Browser-safe: the bundle must run in a browser and in Node alike.
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    // Whitespace and syntax only (names stay, for readable stack traces): the precompiled validators
    // are most of the file, and parsing less text is most of loading it.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "inline",
    banner: { js: banner },
    logLevel: "warning",
  });
}
