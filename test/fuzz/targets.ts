// The fuzz targets: fast-check properties over records (one per run, through the JSON Lines
// reader and both engines), batches (JSON Lines, JSON arrays, CSV, read in random pieces) and
// policies (generated from the grammar, or shipped ones mutated). Used by test/fuzz/fuzz.test.ts
// (short runs in npm test) and test/fuzz/run.ts (`npm run fuzz -- --runs N`).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { makeBatchGrader, type BatchSetup } from "../../cli/batch/grade-batch.js";
import { splitLines } from "../../cli/record-stream.js";
import { compilePolicy } from "../../compiler/compile.js";
import { policyRef } from "../../compiler/backends/result-shape.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { formatPolicy } from "../../dsl/print/format.js";
import { parsePolicy } from "../../dsl/parse.js";
import { ROOT } from "../cli/run-cli.js";
import { generatedPolicy, mutatedPolicy, seedTexts } from "./gen-policy.js";
import { arrayCaseArb, csvCaseArb, hostileRecordArb, jsonlCaseArb, mutatedTextArb, recordArb, type BatchCase } from "./gen-records.js";
import { checkBatch, checkEnginesAgree, checkPolicy, FuzzFailure } from "./properties.js";

export const REGRESSIONS = join(ROOT, "test", "fixtures", "fuzz-regressions");
export const DAYS = ["2021-12-31", "2021-10-31", "2022-03-01", "2020-02-29", "2021-01-01"];

/** Counts of what the runs did, for the report. */
export const stats = { records: 0, batches: 0, batchLines: 0, policies: 0, parsed: 0, compiled: 0, gradedPairs: 0 };

interface Seed {
  file: string;
  ir: IRPolicy;
  sha256: string;
}

let seeds: Seed[] | undefined;
/** The shipped policies, compiled once: the graders records and batches run through. */
export function seedPolicies(): Seed[] {
  if (seeds) return seeds;
  seeds = [];
  for (const file of ["policies/pinglu-fgj/pinglu-fgj.policy", "policies/wugang-sfj/wugang-sfj.policy", "policies/yuncheng-kjj/yuncheng-kjj.policy", "policies/changzhi-plan/changzhi-plan.policy", "policies/wugang-credit-plan/wugang-credit-plan.policy", "examples/per-decision/per-decision-example.policy"]) {
    const r = compilePolicy(readFileSync(join(ROOT, file), "utf8"), file);
    if (r.ir) seeds.push({ file, ir: r.ir, sha256: r.sha256 });
  }
  return seeds;
}

function setupFor(seed: Seed, asOf: string): Omit<BatchSetup, "engine" | "format" | "header"> {
  return { ir: seed.ir, ref: policyRef(seed.ir, seed.sha256), asOf };
}

const graders = new Map<string, ReturnType<typeof makeBatchGrader>>();
function grader(seed: Seed, asOf: string, engine: "compiled" | "interpreter") {
  const key = `${seed.file}\u0000${asOf}\u0000${engine}`;
  let g = graders.get(key);
  if (!g) graders.set(key, (g = makeBatchGrader({ ...setupFor(seed, asOf), engine, format: "jsonl" })));
  return g;
}

/** One record line: read as JSON Lines, graded by both engines: the same single line, with a code and a path if an error. */
export function checkRecordLine(text: string, seed: Seed, day: string): void {
  const items = splitLines(Buffer.from(text, "utf8"), 1);
  const expected = /^[ \t\r]*$/.test(text) ? 0 : 1;
  if (items.length !== expected) throw new FuzzFailure(`${items.length} items read from one line`);
  const a = Buffer.from(grader(seed, day, "compiled")(items).bytes).toString("utf8");
  const b = Buffer.from(grader(seed, day, "interpreter")(items).bytes).toString("utf8");
  if (a !== b) throw new FuzzFailure(`engines disagree\n  compiled    ${a}\n  interpreter ${b}`);
  const lines = a.split("\n").filter(Boolean);
  if (lines.length !== expected) throw new FuzzFailure(`${lines.length} lines written for one record`);
  for (const l of lines) {
    if (l.includes("internal error")) throw new FuzzFailure(`internal error: ${l}`);
    const r = JSON.parse(l) as { error?: { code?: string; path?: unknown } };
    if (r.error && (!/^CP-R0\d\d$/.test(r.error.code ?? "") || typeof r.error.path !== "string")) throw new FuzzFailure(`an error line without a code and a path: ${l}`);
  }
  stats.records++;
}

const recordText = fc.oneof(
  { weight: 3, arbitrary: recordArb.map((r) => JSON.stringify(r)) },
  { weight: 3, arbitrary: hostileRecordArb.map((r) => JSON.stringify(r) ?? "null") },
  { weight: 3, arbitrary: mutatedTextArb.map((t) => t.replace(/\n/g, "\\n")) },
);

export function recordProperty(): fc.IProperty<[string, number, string]> {
  const n = seedPolicies().length;
  return fc.property(recordText, fc.nat(n - 1), fc.constantFrom(...DAYS), (text, i, day) => checkRecordLine(text, seedPolicies()[i] as Seed, day));
}

export function batchProperty(): fc.IAsyncProperty<[BatchCase, number, string]> {
  const n = seedPolicies().length;
  return fc.asyncProperty(fc.oneof(jsonlCaseArb, arrayCaseArb, csvCaseArb), fc.nat(n - 1), fc.constantFrom(...DAYS), async (c, i, day) => {
    await checkBatchCase(c, seedPolicies()[i] as Seed, day);
    stats.batches++;
    stats.batchLines += c.lines.length;
  });
}

/** A policy from the grammar, in English keywords or, half the time, Chinese (the printer's translation). */
const grammarPolicy = fc.tuple(generatedPolicy, fc.boolean()).map(([text, zh]) => {
  if (!zh) return { file: "fuzz.policy", text };
  const p = parsePolicy(text, "fuzz.policy");
  return { file: "fuzz.policy", text: p.policy && !p.diagnostics.some((d) => d.severity === "error") ? formatPolicy(p.policy, { lang: "zh" }) : text };
});

export function policyProperty(): fc.IProperty<[{ file: string; text: string }, unknown[]]> {
  const mutated = mutatedPolicy(seedTexts());
  return fc.property(fc.oneof({ weight: 3, arbitrary: grammarPolicy }, { weight: 2, arbitrary: mutated }), fc.array(fc.oneof(recordArb, hostileRecordArb), { minLength: 1, maxLength: 3 }), (p, records) =>
    checkPolicyCase(p.text, p.file, records),
  );
}

export function checkPolicyCase(text: string, file: string, records: readonly unknown[]): void {
  const out = checkPolicy(text, file);
  stats.policies++;
  if (out.parsed) stats.parsed++;
  if (out.ir && out.sha256) {
    stats.compiled++;
    checkEnginesAgree(out.ir, out.sha256, [...records, ...out.ir.tests.map((t) => t.record)], DAYS.slice(0, 2));
    stats.gradedPairs += (records.length + out.ir.tests.length) * 2;
  }
}

export function checkBatchCase(c: BatchCase, seed: Seed, day: string): Promise<void> {
  return checkBatch(c.input, c.format, c.sizes, setupFor(seed, day), { lines: c.lines }, c.maxRecordBytes ? { maxRecordBytes: c.maxRecordBytes } : {});
}

export function seedByFile(file: string | undefined): Seed {
  return seedPolicies().find((s) => s.file === file) ?? (seedPolicies()[0] as Seed);
}

/**
 * A failing case of a target as a regression case file in test/fixtures/fuzz-regressions (named by
 * a hash of its content): a policy as its own file, a record or batch as JSON. Returns its name.
 */
export function keepCase(target: "records" | "batches" | "policies", counterexample: readonly unknown[]): string {
  mkdirSync(REGRESSIONS, { recursive: true });
  let name: string;
  let body: string;
  const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 12);
  if (target === "policies") {
    const p = counterexample[0] as { file: string; text: string };
    body = p.text;
    name = `policy-${hash(body)}${/\.ya?ml$/.test(p.file) ? ".policy.yaml" : ".policy"}`;
  } else if (target === "records") {
    const [text, i, day] = counterexample as [string, number, string];
    body = JSON.stringify({ text, policy: seedPolicies()[i]?.file, day }, null, 1);
    name = `record-${hash(body)}.case.json`;
  } else {
    const [c, i, day] = counterexample as [BatchCase, number, string];
    body = JSON.stringify({ ...c, input: c.input.toString("base64"), policy: seedPolicies()[i]?.file, day }, null, 1);
    name = `batch-${hash(body)}.case.json`;
  }
  writeFileSync(join(REGRESSIONS, name), body);
  return name;
}
