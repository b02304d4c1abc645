// The dependency rule: the project's folders are layers that may only import downward.
//
//   6  cli/   editor/   api/   the command line; the browser editor (+ its Node dev server); the
//                              package's public API (`import … from "credit-policy"`)
//   5  analysis/               semantic diff, solver-based analysis
//   4  runtime/                evaluation: evaluator, grader, generated-code support, test runner
//   3  compiler/   ingest/     checker passes, IR, code generation | rows of offices' files → records (not each other)
//   2  record/   dsl/          the credit record model | the policy language (not each other)
//   1  diagnostics/            spans, the diagnostics catalogue
//
// A layer may import any layer below it, never one above or beside it. test/ and bench/ sit
// outside the rules (they may import anything); nothing in the layers may import them.
// No import cycles, and the browser-safe core (layers 1-5 and editor/src) imports no Node builtin.
//
// Run it with `npm run lint:deps`; test/architecture/layers.test.ts runs the same config through
// the JS API and fails on any violation. Paths are relative to the base dir (the project root, or a
// fixture tree under test/fixtures/layers/ whose folders are named like the real ones).

/** @param {string[]} folders */
const under = (folders) => `^(${folders.join("|")})/`;

const LAYERS = ["diagnostics", "record", "dsl", "compiler", "ingest", "runtime", "analysis", "cli", "editor", "api"];
/** The folders that must run unchanged in a browser. */
const BROWSER_CORE = ["diagnostics", "record", "dsl", "compiler", "ingest", "runtime", "analysis", "editor/src", "api"];
/** Node-only files inside the browser-safe folders: build scripts run by `node`, never imported by the core. */
const NODE_SCRIPTS_IN_CORE = ["^record/generate-types\\.mjs$", "^record/generate-validator\\.mjs$", "^record/write-generated\\.mjs$"];

/**
 * One rule per layer: what it must not import.
 * @type {Array<[name: string, from: string, forbidden: string[], why: string]>}
 */
const LAYER_RULES = [
  ["layer-diagnostics", "diagnostics", ["record", "dsl", "compiler", "ingest", "runtime", "analysis", "cli", "editor", "api"],
    "diagnostics/ is the ground floor: it imports nothing of ours."],
  ["layer-record", "record", ["dsl", "compiler", "ingest", "runtime", "analysis", "cli", "editor", "api"],
    "record/ may import only diagnostics/ (and not dsl/, its sibling)."],
  ["layer-dsl", "dsl", ["record", "compiler", "ingest", "runtime", "analysis", "cli", "editor", "api"],
    "dsl/ may import only diagnostics/ (and not record/, its sibling)."],
  ["layer-compiler", "compiler", ["ingest", "runtime", "analysis", "cli", "editor", "api"],
    "compiler/ may import dsl/, record/ and diagnostics/ only (not ingest/, its sibling)."],
  ["layer-ingest", "ingest", ["dsl", "compiler", "runtime", "analysis", "cli", "editor", "api"],
    "ingest/ may import record/ and diagnostics/ only (not compiler/, its sibling): it maps rows to records, it grades nothing."],
  ["layer-runtime", "runtime", ["analysis", "cli", "editor", "api"],
    "runtime/ may import compiler/ and below only."],
  ["layer-analysis", "analysis", ["cli", "editor", "api"],
    "analysis/ may import runtime/ and below only."],
  ["layer-cli", "cli", ["editor"],
    "cli/ and editor/ are both top-floor: they must not import each other."],
  ["layer-editor", "editor", ["cli", "api"],
    "cli/ and editor/ are both top-floor: they must not import each other."],
  ["layer-api", "api", ["cli", "editor"],
    "api/ is top-floor beside cli/ and editor/: the public API is text in, data out, and loads neither."],
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYER_RULES.map(([name, from, forbidden, comment]) => ({
      name,
      comment,
      severity: "error",
      from: { path: under([from]) },
      to: { path: under(forbidden) },
    })),
    {
      name: "no-test-or-bench-imports",
      comment: "test/ and bench/ may import the layers, never the other way round.",
      severity: "error",
      from: { path: under(LAYERS) },
      to: { path: under(["test", "bench"]) },
    },
    {
      name: "no-circular",
      comment: "No import cycles between files (type-only imports count too).",
      severity: "error",
      from: { path: under(LAYERS) },
      to: { circular: true },
    },
    {
      name: "browser-core-no-node-builtins",
      comment:
        "The browser-safe core (diagnostics, record, dsl, compiler, runtime, analysis, editor/src, api) " +
        "must not import node:* or Node builtins (fs, path, os, url, util, worker_threads, ...).",
      severity: "error",
      from: { path: under(BROWSER_CORE), pathNot: NODE_SCRIPTS_IN_CORE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "browser-editor-no-node-side",
      comment:
        "editor/src runs in the browser: it must not import code from the Node side of the editor " +
        "(server, bench, vite config). Types are fine (editor/src/api.ts shares the file API's wire types): " +
        "they are erased before the page runs.",
      severity: "error",
      from: { path: "^editor/src/" },
      to: { path: "^editor/(server/|bench/|vite\\.config\\.ts$)", preCompilationOnly: false },
    },
    {
      name: "no-unresolvable-relative",
      comment:
        "A relative import the cruiser cannot resolve would slip past every rule above " +
        "(e.g. a .js specifier with no .ts beside it): every relative import must resolve.",
      severity: "error",
      from: { path: under(LAYERS) },
      to: { couldNotResolve: true, path: "^\\.\\.?/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["(^|/)node_modules/", "(^|/)dist/", "\\.d\\.ts$"] },
    // `import type` (and imports TypeScript erases) are dependencies too; "specify" also marks them
    // (preCompilationOnly), so a rule can tell a type from a value when that matters.
    tsPreCompilationDeps: "specify",
    // NodeNext: `./x.js` resolves to `./x.ts` (dependency-cruiser retries .js as .ts/.tsx/.d.ts).
    tsConfig: { fileName: "tsconfig.json" },
    moduleSystems: ["es6", "cjs"],
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
