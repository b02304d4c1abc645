// Validation time against the number of bad elements in one record (issue 12, D1): the record
// validator collects at most MAX_ERRORS errors and so takes flat time per record however many of its
// elements are bad, where Ajv's allErrors through $ref took time growing with their square (160,000
// bad list entries: 27 s). Self-contained: `npm run bench:validation` (or `node --import tsx
// bench/validation-linear.ts [--rounds N]`); prints a Markdown table, RELIABILITY.md quotes it.
//
// Rows are interleaved round by round in one process (the machine is shared and noisy); each cell
// is the CPU time per record, median and minimum over the rounds. "Before" is the same schema
// compiled as it was before (allErrors, one validator through $ref), up to 10,000 bad elements.
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import schema from "../record/record.schema.json" with { type: "json" };
import { validateRecord } from "../record/validate.js";
import { makeGrader } from "../runtime/evaluate.js";
import { compilePolicy } from "../compiler/compile.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" } } });
const rounds = Number(values.rounds);
const SIZES = [0, 10, 100, 1_000, 10_000, 100_000];
const BEFORE_MAX = 10_000;

const Ajv2020 = Ajv2020Module.default;
const before = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
addFormatsModule.default(before);
before.addKeyword({ keyword: "x-money", type: ["number", "string"], schemaType: "boolean", errors: false, validate: () => true });
const beforeValidate = before.compile(schema);

const root = join(import.meta.dirname, "..");
const file = join(root, "policies", "pinglu-fgj", "pinglu-fgj.policy");
const compiled = compilePolicy(readFileSync(file, "utf8"), file);
if (!compiled.ir) throw new Error("pinglu-fgj does not compile");
const grader = makeGrader(compiled.ir, compiled.sha256);

/** A record whose `lists` holds n elements that are not list entries (numbers), as in D1. */
const record = (n: number) => ({ id: "x", lists: Array(n).fill(1) });
const line = (n: number) => JSON.stringify(record(n));

/** CPU time of `fn`, repeated until at least 50 ms, per call, in microseconds. */
function cpuPerCall(fn: () => void): number {
  let calls = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < 50_000 || calls < 3) {
    fn();
    calls++;
    const d = process.cpuUsage(start);
    used = d.user + d.system;
  }
  return used / calls;
}

type Row = { what: string; n: number; run: () => void };
const rows: Row[] = [];
for (const n of SIZES) {
  const r = record(n);
  const text = line(n);
  rows.push({ what: "validateRecord", n, run: () => validateRecord(r) });
  rows.push({ what: "eval line (JSON.parse + validate + grade)", n, run: () => grader.grade(JSON.parse(text), "2021-12-31") });
  if (n <= BEFORE_MAX) rows.push({ what: "before: Ajv allErrors through $ref", n, run: () => beforeValidate(r) });
}

const times = new Map<Row, number[]>(rows.map((r) => [r, []]));
const loadStart = loadavg();
for (let k = 0; k < rounds; k++) for (const r of rows) (times.get(r) as number[]).push(cpuPerCall(r.run));
const loadEnd = loadavg();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(us >= 100_000 ? 0 : 1)} ms` : `${us.toFixed(us >= 10 ? 0 : 1)} µs`);

console.log(`Validation time per record against bad elements (CPU time, median / minimum of ${rounds} interleaved rounds; load ${loadStart.map((l) => l.toFixed(2)).join(" ")} → ${loadEnd.map((l) => l.toFixed(2)).join(" ")}; Node ${process.version})`);
console.log("");
console.log(`| bad elements | ${SIZES.map((n) => n.toLocaleString("en")).join(" | ")} |`);
console.log(`|---|${SIZES.map(() => "---:").join("|")}|`);
for (const what of [...new Set(rows.map((r) => r.what))]) {
  const cells = SIZES.map((n) => {
    const r = rows.find((x) => x.what === what && x.n === n);
    if (!r) return "—";
    const t = times.get(r) as number[];
    return `${fmt(median(t))} / ${fmt(Math.min(...t))}`;
  });
  console.log(`| ${what} | ${cells.join(" | ")} |`);
}
const v = (n: number) => median(times.get(rows.find((x) => x.what === "validateRecord" && x.n === n) as Row) as number[]);
console.log("");
console.log(`validateRecord at 100,000 bad elements ÷ at 100: ${(v(100_000) / v(100)).toFixed(1)}× (elements × 1,000); errors kept: ${validateRecord(record(100_000)).length} (truncated: ${validateRecord(record(100_000)).truncated === true}).`);
