// Policy folders copied to a temporary directory, with their source text, so a test can change a
// character of a policy (or use an earlier revision kept in test/fidelity/old/) and run the
// command line on it.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { cli, ROOT } from "../cli/run-cli.js";

export const SEEDS = ["pinglu-fgj", "wugang-sfj", "yuncheng-kjj", "wugang-credit-plan", "changzhi-plan"] as const;
export type SeedId = (typeof SEEDS)[number];

/**
 * The folder policies/<id> copied (policy and source text), the policy text passed through `edit`;
 * `from: "old"` takes the policy as it was before issue 11 (test/fidelity/old/), and `source: false`
 * leaves the source text out (the fidelity checks then only warn).
 */
export function copyPolicy(id: SeedId, edit: (text: string) => string = (t) => t, from: "current" | "old" = "current", source = true): string {
  const dir = mkdtempSync(join(tmpdir(), `cp-fidelity-${id}-`));
  const src = join(ROOT, "policies", id);
  if (source) for (const f of readdirSync(src)) if (f.endsWith(".txt")) copyFileSync(join(src, f), join(dir, f));
  const policy = from === "old" ? join(ROOT, "test", "fidelity", "old", `${id}.policy`) : join(src, `${id}.policy`);
  writeFileSync(join(dir, `${id}.policy`), edit(readFileSync(policy, "utf8")));
  return dir;
}

/** `text` with `from` replaced once; fails the test when `from` is not there (the edit would be a no-op). */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  expect(changed, `edit not applied: ${String(from)}`).not.toBe(text);
  return changed;
}

/** 1-based line and column where `fragment` starts in `text` (at the start of a line, with `lineStart`). */
export function positionOf(text: string, fragment: string, lineStart = false): { line: number; col: number } {
  const at = lineStart ? (`\n${text}`).indexOf(`\n${fragment}`) : text.indexOf(fragment);
  expect(at, fragment).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, col: (before[before.length - 1] as string).length + 1 };
}

export interface CoverageJson {
  policy: string;
  articles: number;
  accounted: number;
  percent: number;
  rows: { article: string; cited: Record<"grades" | "measures" | "notes" | "tests" | "other", string[]>; not_encoded: { reason: string; quote?: string }[]; uncovered: string[]; accounted: boolean }[];
  quotes: { article: string | null; quote: string; problem: string; closest?: string }[];
  unknown: { article: string; line: number }[];
}

export function coverageJson(policy: string): { code: number | null; report: CoverageJson } {
  const r = cli(["coverage", policy, "--json"]);
  expect(r.stderr).toBe("");
  return { code: r.code, report: JSON.parse(r.stdout) as CoverageJson };
}

/** The diagnostic lines of `check` with their code: [line, col, code]. */
export function diagnosticsOf(stdout: string): [number, number, string][] {
  return [...stdout.matchAll(/^[^\n]*?:(\d+):(\d+): (?:error|warning) (CP-[EWR]\d+):/gm)].map((m) => [Number(m[1]), Number(m[2]), m[3] as string]);
}
