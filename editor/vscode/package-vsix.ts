// `npm run vscode:package`: the VS Code extension as a .vsix, from a clean clone. Vite (Rolldown)
// bundles the client (src/extension.ts → dist/extension.cjs, vscode-languageclient inside) and the
// language server (cli/lsp/main.ts → dist/server.mjs, the whole analysis core inside), both for
// Node; the manifest, language configuration, grammars (generated afresh), README and LICENSE are
// staged beside them; @vscode/vsce packs the folder. The .vsix needs nothing installed but VS Code.
//   npm run vscode:package -- [--out FILE]
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createVSIX } from "@vscode/vsce";
import { build } from "vite";
import { grammarFiles } from "./generate-grammar.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** One entry bundled for Node with its dependencies inside (but vscode, which the editor provides). */
async function bundle(entry: string, outDir: string, fileName: string, format: "cjs" | "es"): Promise<void> {
  await build({
    configFile: false,
    logLevel: "warn",
    root: ROOT,
    ssr: { noExternal: true, target: "node" },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      target: "node20",
      rolldownOptions: {
        external: ["vscode", ...NODE_BUILTINS],
        output: { format, entryFileNames: fileName, inlineDynamicImports: true },
      },
    },
  });
}

export async function packageVsix(out: string): Promise<string> {
  const rootPkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  const stage = mkdtempSync(join(tmpdir(), "credit-policy-vsix-"));
  try {
    const dist = join(stage, "dist");
    mkdirSync(dist, { recursive: true });
    await bundle(join(HERE, "src", "extension.ts"), dist, "extension.cjs", "cjs");
    await bundle(join(ROOT, "cli", "lsp", "main.ts"), dist, "server.mjs", "es");
    const manifest = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(stage, "package.json"), `${JSON.stringify({ ...manifest, version: rootPkg.version }, null, 2)}\n`);
    for (const f of ["language-configuration.json", "README.md", "LICENSE"]) cpSync(join(HERE, f), join(stage, f));
    mkdirSync(join(stage, "syntaxes"));
    for (const g of grammarFiles()) writeFileSync(join(stage, "syntaxes", g.file.split(/[\\/]/).pop() as string), g.text);
    mkdirSync(dirname(out), { recursive: true });
    await createVSIX({ cwd: stage, packagePath: out, dependencies: false, allowMissingRepository: true });
    return out;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf("--out");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const out = resolve(i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : join(ROOT, "dist", `credit-policy-${version}.vsix`));
  packageVsix(out).then(
    (file) => console.log(`wrote ${file}`),
    (e: unknown) => {
      console.error(`vscode:package: ${(e as Error).message ?? e}`);
      process.exit(1);
    },
  );
}
