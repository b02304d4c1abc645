// The editor's Vite configuration as a function, so `npm start`, the browser tests and the latency
// benchmark all serve the same app; the tests point it at a temporary copy of policies/.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { UserConfig } from "vite";
import { fileApiPlugin, newToken } from "./file-api.js";

export const EDITOR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO_ROOT = resolve(EDITOR_DIR, "..");

export interface EditorServerOptions {
  /** Default: the repository's policies/ (or CREDIT_POLICY_EDITOR_POLICIES). */
  policiesDir?: string;
  /** Default: the repository's examples/. */
  examplesDir?: string;
  /** Where Vite keeps its pre-bundled dependencies (default node_modules/.vite/editor). */
  cacheDir?: string;
  /** The session token the file API requires (default: a new random one; CREDIT_POLICY_EDITOR_TOKEN). */
  token?: string;
}

export function editorConfig(opts: EditorServerOptions = {}): UserConfig {
  const token = opts.token ?? process.env["CREDIT_POLICY_EDITOR_TOKEN"] ?? newToken();
  const policiesDir = resolve(opts.policiesDir ?? process.env["CREDIT_POLICY_EDITOR_POLICIES"] ?? join(REPO_ROOT, "policies"));
  const examplesDir = resolve(opts.examplesDir ?? join(REPO_ROOT, "examples"));
  return {
    root: EDITOR_DIR,
    cacheDir: opts.cacheDir ?? join(REPO_ROOT, "node_modules", ".vite", "editor"),
    clearScreen: false,
    plugins: [fileApiPlugin({ policiesDir, examplesDir, token })],
    server: {
      host: "localhost",
      // The app imports the core (dsl/, compiler/, runtime/) from the repository root.
      fs: { allow: [REPO_ROOT] },
      // No CORS at all: only the editor's own page may read from this server (security.ts).
      cors: false,
    },
    preview: { host: "localhost", cors: false },
    worker: { format: "es" },
    optimizeDeps: {
      // Pre-bundle the big dependencies up front: no reload while a test or a user is typing.
      entries: ["index.html", "bench.html"],
      include: ["monaco-editor/editor/editor.main", "chevrotain", "ajv/dist/2020.js", "ajv-formats", "yaml", "jsonc-parser", "diff"],
    },
    build: {
      outDir: join(REPO_ROOT, "dist", "editor"),
      emptyOutDir: true,
      chunkSizeWarningLimit: 8000,
      rolldownOptions: { input: { index: join(EDITOR_DIR, "index.html"), bench: join(EDITOR_DIR, "bench.html") } },
    },
  };
}
