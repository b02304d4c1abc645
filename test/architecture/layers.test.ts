// The dependency rule (.dependency-cruiser.cjs): layers import only downward, no import cycles,
// no Node builtins in the browser-safe core. Runs the real config over the real source folders
// and expects no violation; then over small fixture trees (test/fixtures/layers/) to show that each
// kind of rule does fire. `npm run lint:deps` prints the same check as a report.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const FIXTURES = join(ROOT, "test", "fixtures", "layers");

/** The folders under the rule, bottom layer first. `lint:deps` in package.json names the same. */
const SOURCE_FOLDERS = ["diagnostics", "record", "dsl", "compiler", "ingest", "runtime", "analysis", "cli", "editor"];
/** Top-level folders with TypeScript that stand outside the rule (examples/: sample data and its generators, with their declarations). */
const OUTSIDE = ["test", "bench", "examples", "dist", "node_modules"];

/** Cruises `folders` (relative to `baseDir`) with the project's config and tsconfig. */
async function cruiseTree(baseDir: string, folders: string[]): Promise<ICruiseResult> {
  // The config names tsconfig.json relative to the working directory (as the CLI reads it); here
  // both the file (for path aliases) and its parsed options are given from the project root.
  const tsConfigFile = join(ROOT, "tsconfig.json");
  const options: ICruiseOptions = {
    ...(await extractDepcruiseOptions(CONFIG)),
    baseDir,
    tsConfig: { fileName: tsConfigFile },
  };
  const tsConfig = extractTSConfig(tsConfigFile);
  const { output } = await cruise(folders, options, {}, { tsConfig });
  if (typeof output === "string") throw new Error(`expected a cruise result, got a report: ${output.slice(0, 200)}`);
  return output;
}

/** One line a developer can act on: `rule: from → to`, and the whole loop for a cycle. */
function describeViolation(v: IViolation): string {
  const path = v.cycle?.length ? [v.from, ...v.cycle.map((step) => step.name)].join(" → ") : `${v.from} → ${v.to}`;
  return `${v.rule.name}: ${path}`;
}

function violationsOf(result: ICruiseResult): string[] {
  return (result.summary.violations ?? []).map(describeViolation).sort();
}

function hasTypeScript(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? entry.name !== "node_modules" && hasTypeScript(join(dir, entry.name)) : /\.[cm]?ts$/.test(entry.name),
  );
}

function fixtureFolders(tree: string): string[] {
  const dir = join(FIXTURES, tree);
  return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
}

describe("the source tree keeps the dependency rule", () => {
  let result: ICruiseResult;
  beforeAll(async () => {
    result = await cruiseTree(ROOT, SOURCE_FOLDERS);
  }, 120_000);

  it("has no violation (layers import downward only, no cycles, no Node builtins in the core)", () => {
    const found = violationsOf(result);
    expect(
      found,
      `${found.length} dependency violation(s); fix each (see .dependency-cruiser.cjs, or run npm run lint:deps):\n  ` +
        found.join("\n  "),
    ).toEqual([]);
  });

  it("cruises every source folder, following .js specifiers to .ts sources", () => {
    const sources = result.modules.map((m) => m.source);
    for (const folder of SOURCE_FOLDERS) {
      expect(sources.some((s) => s.startsWith(`${folder}/`) && s.endsWith(".ts")), folder).toBe(true);
    }
    const local = result.modules.flatMap((m) => m.dependencies).filter((d) => d.module.startsWith("."));
    expect(local.length).toBeGreaterThan(100);
    expect(local.filter((d) => d.couldNotResolve).map((d) => d.module)).toEqual([]);
  });

  it("counts `import type` edges and follows JSON imports", () => {
    const deps = result.modules.flatMap((m) => m.dependencies);
    expect(deps.some((d) => d.dependencyTypes.includes("type-only"))).toBe(true);
    expect(deps.some((d) => d.resolved.endsWith(".json") && !d.couldNotResolve)).toBe(true);
  });

  it("covers every top-level folder of TypeScript sources, and lint:deps cruises the same folders", () => {
    const topLevel = readdirSync(ROOT).filter(
      (name) =>
        !name.startsWith(".") &&
        !OUTSIDE.includes(name) &&
        statSync(join(ROOT, name)).isDirectory() &&
        hasTypeScript(join(ROOT, name)),
    );
    expect(topLevel.sort()).toEqual([...SOURCE_FOLDERS].sort());
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["lint:deps"]).toContain(`--config .dependency-cruiser.cjs ${SOURCE_FOLDERS.join(" ")}`);
  });
});

describe("the dependency rule fires on trees that break it (test/fixtures/layers)", () => {
  it("has the fixture trees", () => {
    for (const tree of ["upward", "cycle", "node-builtin", "unresolved", "clean"]) {
      expect(existsSync(join(FIXTURES, tree)), tree).toBe(true);
    }
  });

  it("reports an upward import, a sideways type-only import, and page code calling the dev server", async () => {
    expect(violationsOf(await cruiseTree(join(FIXTURES, "upward"), fixtureFolders("upward")))).toEqual([
      "browser-editor-no-node-side: editor/src/page.ts → editor/server/api.ts",
      "layer-compiler: compiler/x.ts → cli/y.ts",
      "layer-dsl: dsl/units.ts → record/money.ts",
      "layer-ingest: ingest/rows.ts → compiler/x.ts",
    ]);
  });

  it("reports a two-file cycle (once)", async () => {
    expect(violationsOf(await cruiseTree(join(FIXTURES, "cycle"), fixtureFolders("cycle")))).toEqual([
      "no-circular: compiler/a.ts → compiler/b.ts → compiler/a.ts",
    ]);
  });

  it("reports Node builtins in the browser-safe core (not in cli/)", async () => {
    expect(violationsOf(await cruiseTree(join(FIXTURES, "node-builtin"), fixtureFolders("node-builtin")))).toEqual([
      "browser-core-no-node-builtins: dsl/lazy.ts → os",
      "browser-core-no-node-builtins: editor/src/page.ts → path",
      "browser-core-no-node-builtins: ingest/read.ts → fs",
      "browser-core-no-node-builtins: record/types.ts → fs",
      "browser-core-no-node-builtins: runtime/io.ts → fs",
    ]);
  });

  it("reports a relative import it cannot resolve (which no other rule could check)", async () => {
    expect(violationsOf(await cruiseTree(join(FIXTURES, "unresolved"), fixtureFolders("unresolved")))).toEqual([
      "no-unresolvable-relative: compiler/x.ts → ./moved-away.js",
    ]);
  });

  it("accepts a tree that keeps it: downward imports, a JSON import, shared types from the dev server", async () => {
    const result = await cruiseTree(join(FIXTURES, "clean"), fixtureFolders("clean"));
    expect(violationsOf(result)).toEqual([]);
    const dates = result.modules.find((m) => m.source === "record/dates.ts");
    expect(dates?.dependencies.map((d) => d.resolved).sort()).toEqual(["diagnostics/span.ts", "record/data/holidays.json"]);
  });
});
