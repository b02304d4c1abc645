// Grading one batch of input items into output text: the same code runs in the main thread and in
// every worker. Each item yields exactly one result (an error result when it holds no readable or
// valid record), in the order of the items.
import { instantiate } from "../../runtime/instantiate.js";
import { CodegenUnsupported } from "../../compiler/backends/js-gen.js";
import type { IRPolicy } from "../../compiler/ir.js";
import type { MessageRef } from "../../diagnostics/catalogue.js";
import { makeGrader, type EvalOutput, type PolicyRef } from "../../runtime/evaluate.js";
import { recordErrorText } from "../../runtime/support.js";
import { DEFAULT_MAX_RECORD_BYTES, guessId, splitLines } from "../record-stream.js";
import { recordFromRow, rowItem } from "./csv-input.js";
import { splitRows } from "./csv-rows.js";
import { makeCsvRow } from "./csv-output.js";
import type { GradeItem, Item, OutputFormat } from "./items.js";
import { ByteWriter, makeResultBytes, resultExtras } from "./result-json.js";

export type Engine = "compiled" | "interpreter";

/** What a grading thread needs: sent to each worker as plain data (the IR is JSON). */
export interface BatchSetup {
  ir: IRPolicy;
  ref: PolicyRef;
  asOf: string;
  format: OutputFormat;
  engine: Engine;
  /** The CSV input's header row. */
  header?: string[];
  /** Records longer than this many bytes are refused (CP-R010). */
  maxRecordBytes?: number;
}

export interface BatchStats {
  records: number;
  errors: number;
  /** Graded records per grade; "" for no grade. */
  grades: Map<string, number>;
}

export interface BatchOutput {
  /** The output lines as UTF-8 (from a worker: handed over, not copied). */
  bytes: Uint8Array;
  stats: BatchStats;
}

/** The grading function for a run: the generated module, or the in-process evaluator when asked for (or when the generator cannot translate the policy). */
export function makeGrade(setup: Pick<BatchSetup, "ir" | "ref" | "engine">): { engine: Engine; note?: string; grade: (record: unknown, asOf: string) => EvalOutput } {
  if (setup.engine === "compiled") {
    try {
      const mod = instantiate(setup.ir, setup.ref);
      return { engine: "compiled", grade: (r, d) => mod.grade(r, d) as EvalOutput };
    } catch (e) {
      if (!(e instanceof CodegenUnsupported)) throw e;
      const g = makeGrader(setup.ir, setup.ref.sha256);
      return { engine: "interpreter", note: e.message, grade: (r, d) => g.grade(r, d) };
    }
  }
  const g = makeGrader(setup.ir, setup.ref.sha256);
  return { engine: "interpreter", grade: (r, d) => g.grade(r, d) };
}

export { guessId };

export function makeBatchGrader(setup: BatchSetup): (items: GradeItem[]) => BatchOutput {
  const { grade } = makeGrade(setup);
  const { ref, asOf } = setup;
  const header = setup.header ?? [];
  const max = setup.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  // CP-R000: input that holds no record (CP-R010: one over the size limit); the message is a
  // catalogue entry, in English.
  const unreadable = (id: string | null, path: string, message: MessageRef, code: "CP-R000" | "CP-R010" = "CP-R000"): EvalOutput => ({
    id,
    as_of: asOf,
    policy: ref,
    error: recordErrorText({ path, code, key: message.key, args: message.args ?? [] }),
  });
  const one = (item: Item): EvalOutput => {
    if ("unreadable" in item) return unreadable(item.id ?? null, "", item.unreadable, item.code);
    if ("chunk" in item) throw new Error("line chunks are split before grading");
    if ("cells" in item) {
      const row = recordFromRow(header, item.cells, item.line);
      if (row.error) {
        const idAt = header.indexOf("id");
        const id = idAt >= 0 && item.cells[idAt] ? (item.cells[idAt] as string) : null;
        return unreadable(id, row.error.path, row.error.message);
      }
      return grade(row.record, asOf);
    }
    if (item.notUtf8) return unreadable(null, "", { key: "CP-R000/not-utf8", args: [String(item.line)] });
    let record: unknown;
    try {
      record = JSON.parse(item.text);
    } catch (e) {
      return unreadable(guessId(item.text), "", { key: "CP-R000", args: [String(item.line), (e as Error).message] });
    }
    return grade(record, asOf);
  };
  const extras = resultExtras(setup.ir);
  const csvRow = setup.format === "csv" ? makeCsvRow(extras) : null;
  const jsonLine = makeResultBytes(extras);
  const out = new ByteWriter(1 << 20);
  return (batch) => {
    const items: Item[] = [];
    for (const item of batch) {
      if ("chunk" in item) for (const raw of splitLines(item.chunk, item.line, max)) items.push(raw);
      else if ("csv" in item) splitRows(item.csv, item.line, item.eol, (row) => items.push(rowItem(row)));
      else items.push(item);
    }
    const stats: BatchStats = { records: 0, errors: 0, grades: new Map() };
    // The batch's bytes are written in place: the constant parts of a result are copied as bytes
    // encoded once, the rest encoded as it is written (result-json.ts).
    let csv = "";
    for (let i = 0; i < items.length; i++) {
      const r = one(items[i] as Item);
      if (csvRow) csv += csvRow(r);
      else jsonLine(r, out);
      stats.records++;
      if ("error" in r) stats.errors++;
      else {
        const g = r.grade ?? "";
        stats.grades.set(g, (stats.grades.get(g) ?? 0) + 1);
      }
    }
    if (csvRow) out.text(csv);
    return { bytes: out.take(), stats };
  };
}
