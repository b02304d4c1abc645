// The output writers' fast path (the text of a grade's constant parts made once and spliced, or
// their bytes encoded once and copied) must give exactly what JSON.stringify gives for a JSON line
// (and its UTF-8 bytes), and exactly csv-stringify's row of the
// column table for a CSV row: over every policy of the differential corpus, both engines, several
// days, error results included, in an order that switches grades and days from record to record.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvColumns, csvHeader, makeCsvRow } from "../../cli/batch/csv-output.js";
import { ByteWriter, makeResultBytes, makeResultJson, resultExtras } from "../../cli/batch/result-json.js";
import { policyRef } from "../../compiler/backends/result-shape.js";
import { makeGrader, type EvalOutput } from "../../runtime/evaluate.js";
import { instantiate } from "../../runtime/instantiate.js";
import { CORPUS_DAYS, ROOT, seedPolicies } from "../codegen/generated.js";
import { randomRecords } from "../codegen/random-records.js";

const examples = readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as unknown);
const generated = randomRecords(400);

describe.each(seedPolicies())("$file: output lines", (seed) => {
  const cases: [unknown, string][] = [
    ...seed.ir.tests.map((t) => [t.record, t.asOf] as [unknown, string]),
    ...examples.map((r, i) => [r, CORPUS_DAYS[i % 2] as string] as [unknown, string]),
    ...generated.map((r, i) => [r, CORPUS_DAYS[i % CORPUS_DAYS.length] as string] as [unknown, string]),
    ["not a record", "2021-12-31"],
  ];
  const extras = resultExtras(seed.ir);
  const interpreter = makeGrader(seed.ir, seed.sha256);
  const module = instantiate(seed.ir, policyRef(seed.ir, seed.sha256));
  const engines: [string, (r: unknown, d: string) => EvalOutput][] = [
    ["interpreter", (r, d) => interpreter.grade(r, d)],
    ["generated module", (r, d) => module.grade(r, d) as EvalOutput],
  ];

  it.each(engines)("%s: JSON lines are JSON.stringify's, CSV rows csv-stringify's", (_name, grade) => {
    const toJson = makeResultJson(extras);
    const toBytes = makeResultBytes(extras);
    const writer = new ByteWriter(64);
    const toCsv = makeCsvRow(extras);
    const columns = csvColumns(extras);
    const results = cases.map(([r, d]) => grade(r, d));
    // Graded and error results, and more than one grade, so the cache is filled and switched.
    expect(results.some((r) => "error" in r)).toBe(true);
    expect(new Set(results.map((r) => ("grade" in r ? r.grade : "error"))).size).toBeGreaterThanOrEqual(2);
    let expected = "";
    for (const r of results) {
      expect(toJson(r)).toBe(JSON.stringify(r));
      toBytes(r, writer);
      expected += JSON.stringify(r) + "\n";
      const cells = columns.map(([, cell]) => cell(r as unknown as Record<string, unknown>));
      expect(toCsv(r)).toBe(stringify([cells], { record_delimiter: "\r\n" }));
    }
    // The bytes of all the lines (the writer grows from 64 bytes as it goes).
    expect(Buffer.from(writer.take()).toString("utf8")).toBe(expected);
    expect(csvHeader(columns)).toBe("\ufeff" + stringify([columns.map(([name]) => name)], { record_delimiter: "\r\n" }));
  });
});

describe("the byte writer on results laid out otherwise", () => {
  it("writes what JSON.stringify writes for odd matched entries, missing ids and other key orders", () => {
    const base = { id: "x", as_of: "2021-12-31", policy: Object.freeze({ id: "p", version: "1", sha256: "s" }), grade: "B", label: "一般失信" };
    const shared = Object.freeze([Object.freeze({ article: "第十二条", text: "措施" })]);
    const odd = [
      { ...base, matched: [{ grade: "B", article: "一", text: "文", values: { 次数: 1 } }], measures: shared, notifications: shared },
      { ...base, matched: [{ article: "一", grade: "B", text: "文", values: {} }], measures: shared, notifications: shared },
      { ...base, matched: [{ grade: "B", article: "一", text: "文", values: { a: 1 }, negated: true }], measures: shared, notifications: shared },
      { ...base, matched: [{ grade: "B", article: "二", text: "文", values: { a: "500000.00" }, override: true }], measures: shared, notifications: shared },
      { ...base, matched: [{ grade: "B", article: "一", text: "文" }], measures: shared, notifications: shared },
      { ...base, matched: [null, 3], measures: [...shared], notifications: shared },
      { ...base, id: undefined, matched: [], measures: shared, notifications: shared },
      { ...base, matched: "none", measures: shared, notifications: shared },
      { id: null, error: { path: "", message: "m", code: "CP-R001" } },
    ] as unknown as EvalOutput[];
    const w = new ByteWriter(8);
    const write = makeResultBytes({ categories: false, scores: false, obligations: false, snapshot: false });
    for (const r of odd) write(r, w);
    expect(Buffer.from(w.take()).toString("utf8")).toBe(odd.map((r) => JSON.stringify(r) + "\n").join(""));
  });
});
