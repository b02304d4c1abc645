// `credit-policy eval` end to end, as a user runs it: the same records as JSON Lines, a JSON array
// and CSV (nested parts as JSON cells), graded by the CLI in a child process into a file, against
// the floor (bench/floor.mjs: JSON.parse + JSON.stringify of the same lines, one thread). Also the
// worker break-even: the same command with and without worker threads at several input sizes.
import { createReadStream, createWriteStream } from "node:fs";
import { join } from "node:path";
import { AS_OF, records } from "./dataset.js";
import { CLI, measuredNode, ROOT } from "./children.js";
import type { Row } from "./harness.js";

export interface Inputs {
  jsonl: string;
  array: string;
  csv: string;
  n: number;
  mb: number;
}

const CSV_COLUMNS = ["id", "name", "kind", "honors", "ratings", "sanctions", "commitment_breaches", "determinations", "lists", "public_credit"];
const cell = (v: unknown): string => {
  if (v === undefined) return "";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeFile(path: string, chunks: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf = "";
  for (const c of chunks) {
    buf += c;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once("drain", () => res()));
      buf = "";
    }
  }
  await new Promise<void>((res) => out.end(buf, () => res()));
}

/** The same `n` records (seed 77) as JSON Lines, a JSON array and CSV in `dir`. */
export async function writeInputs(dir: string, n: number): Promise<Inputs> {
  const jsonl = join(dir, `records-${n}.jsonl`);
  const array = join(dir, `records-${n}.json`);
  const csv = join(dir, `records-${n}.csv`);
  await writeFile(jsonl, (function* () {
    for (const r of records(n, 77)) yield JSON.stringify(r) + "\n";
  })());
  await writeFile(array, (function* () {
    let first = true;
    yield "[\n";
    for (const r of records(n, 77)) {
      yield (first ? "  " : ",\n  ") + JSON.stringify(r);
      first = false;
    }
    yield "\n]\n";
  })());
  await writeFile(csv, (function* () {
    yield CSV_COLUMNS.join(",") + "\r\n";
    for (const r of records(n, 77)) yield CSV_COLUMNS.map((c) => cell(r[c])).join(",") + "\r\n";
  })());
  const { size } = await import("node:fs").then((fs) => fs.statSync(jsonl));
  return { jsonl, array, csv, n, mb: Math.round(size / 2 ** 20) };
}

export async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path)) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
  }
  return lines;
}

/** A row running `eval` (or the floor) in a child process; the output lines are counted on the first run. */
function child(name: string, label: string, args: string[], output: string, tmp: string, expectLines: number): Row {
  let counted = false;
  return {
    name,
    label,
    async run() {
      const s = await measuredNode({ args }, tmp);
      if (!counted) {
        const lines = await countLines(output);
        // A CSV output has a header row.
        if (lines !== expectLines + (output.endsWith(".csv") ? 1 : 0)) throw new Error(`${name}: ${lines} output lines for ${expectLines} records`);
        counted = true;
      }
      return { ...s, extra: { ...s.extra, lines: expectLines } };
    },
  };
}

const evalArgs = (input: string, output: string, extra: string[]) => [CLI, "eval", "pinglu-fgj", "--input", input, "--as-of", AS_OF, "--output", output, "--quiet", ...extra];

/** The end-to-end rows; "floor" is the reference. */
export function e2eRows(inp: Inputs, tmp: string): Row[] {
  const out = (name: string, ext = "jsonl") => join(tmp, `out-${name}.${ext}`);
  return [
    child("floor", "floor: JSON.parse + JSON.stringify of each line (bench/floor.mjs)", [join(ROOT, "bench", "floor.mjs"), inp.jsonl, out("floor")], out("floor"), tmp, inp.n),
    child("jsonl-w0", "`eval` JSON Lines → JSON Lines, `--workers 0`", evalArgs(inp.jsonl, out("jsonl-w0"), ["--workers", "0"]), out("jsonl-w0"), tmp, inp.n),
    child("jsonl-w2", "`eval` JSON Lines → JSON Lines, `--workers 2`", evalArgs(inp.jsonl, out("jsonl-w2"), ["--workers", "2"]), out("jsonl-w2"), tmp, inp.n),
    child("jsonl", "`eval` JSON Lines → JSON Lines, default workers", evalArgs(inp.jsonl, out("jsonl"), []), out("jsonl"), tmp, inp.n),
    child("csv-out-w0", "`eval` JSON Lines → CSV, `--workers 0`", evalArgs(inp.jsonl, out("csv-out-w0", "csv"), ["--workers", "0"]), out("csv-out-w0", "csv"), tmp, inp.n),
    child("csv-in-w0", "`eval` CSV → JSON Lines, `--workers 0`", evalArgs(inp.csv, out("csv-in-w0"), ["--workers", "0"]), out("csv-in-w0"), tmp, inp.n),
    child("array-w0", "`eval` JSON array → JSON Lines, `--workers 0`", evalArgs(inp.array, out("array-w0"), ["--workers", "0"]), out("array-w0"), tmp, inp.n),
  ];
}

/** Worker break-even rows: `--workers 0` and `--workers 2` at each size (the reference is the same size's `--workers 0`). */
export function breakEvenRows(inputs: Inputs[], tmp: string): Row[] {
  return inputs.flatMap((inp) =>
    ["0", "1", "2"].map((w) => {
      const o = join(tmp, `out-be-${inp.n}-${w}.jsonl`);
      return child(`be-${inp.n}-w${w}`, `${inp.n.toLocaleString("en-US")} records, --workers ${w}`, evalArgs(inp.jsonl, o, ["--workers", w]), o, tmp, inp.n);
    }),
  );
}
