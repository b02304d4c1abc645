// What must hold for every input the fuzzer makes (issue 12): shared by the short runs in
// `npm test`, the long runs of `npm run fuzz`, and the regression cases kept in
// test/fixtures/fuzz-regressions/. Each check throws a FuzzFailure saying what broke.
import { isDeepStrictEqual } from "node:util";
import { Readable } from "node:stream";
import { compilePolicy, formOf, parseAny, type SourceForm } from "../../compiler/compile.js";
import { convertSource, formatAnySource } from "../../compiler/convert.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { policyRef } from "../../compiler/backends/result-shape.js";
import { CodegenUnsupported } from "../../compiler/backends/js-gen.js";
import { hasErrors, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { stripSpans } from "../../diagnostics/span.js";
import { parsePolicy } from "../../dsl/parse.js";
import { detectLang, formatPolicy } from "../../dsl/print/format.js";
import { makeBatchGrader, type BatchSetup } from "../../cli/batch/grade-batch.js";
import { csvChunks } from "../../cli/batch/csv-input.js";
import type { GradeItem, Item } from "../../cli/batch/items.js";
import { jsonBatches } from "../../cli/record-stream.js";
import { instantiate } from "../../runtime/instantiate.js";
import { makeGrader } from "../../runtime/evaluate.js";

export class FuzzFailure extends Error {}

function fail(what: string, detail = ""): never {
  throw new FuzzFailure(detail ? `${what}: ${detail.slice(0, 2000)}` : what);
}

/** Every diagnostic: a catalogue code, a place with a line and a column, never an internal error. */
function checkDiagnostics(ds: readonly Diagnostic[], stage: string): void {
  for (const d of ds) {
    if (!/^CP-[EW]\d{4}$/.test(d.code)) fail(`${stage}: a diagnostic without a code`, JSON.stringify(d));
    if (!d.span || !(d.span.line >= 1) || !(d.span.col >= 1)) fail(`${stage}: ${d.code} without a position`, JSON.stringify(d));
    if (JSON.stringify(d.args).includes("internal error")) fail(`${stage}: internal error`, JSON.stringify(d));
  }
}

/** The structure of an AST, positions aside (record positions included). */
function shape(policy: unknown): unknown {
  return stripSpans(policy);
}

export interface PolicyOutcome {
  parsed: boolean;
  compiled: boolean;
  ir?: IRPolicy;
  sha256?: string;
}

/**
 * A policy text (either form): compiles or reports without throwing, every diagnostic with a code
 * and position; when it parses, fmt is idempotent and keeps the AST, the other form and the other
 * keyword language give the same AST.
 */
export function checkPolicy(text: string, file: string): PolicyOutcome {
  const form: SourceForm = formOf(file);
  let compiled: ReturnType<typeof compilePolicy>;
  try {
    compiled = compilePolicy(text, file);
  } catch (e) {
    fail("compile threw", (e as Error).stack ?? String(e));
  }
  checkDiagnostics(compiled.diagnostics, "compile");
  const parsed = parseAny(text, file, form);
  if (!parsed.policy || hasErrors(parsed.diagnostics)) return { parsed: false, compiled: false };
  const ast = shape(parsed.policy);

  const f1 = formatAnySource(text, file);
  checkDiagnostics(f1.diagnostics, "fmt");
  if (f1.text === undefined) fail("fmt refused a policy that parses", JSON.stringify(f1.diagnostics));
  const f2 = formatAnySource(f1.text, file);
  if (f2.text !== f1.text) fail("fmt is not idempotent", `${f1.text}\n----\n${f2.text ?? JSON.stringify(f2.diagnostics)}`);
  const re = parseAny(f1.text, file, form);
  if (hasErrors(re.diagnostics) || !isDeepStrictEqual(shape(re.policy), ast)) fail("fmt changed the AST", f1.text);

  const other: SourceForm = form === "dsl" ? "yaml" : "dsl";
  const otherFile = form === "dsl" ? file.replace(/\.policy$/, ".policy.yaml") : file.replace(/\.policy\.ya?ml$/, ".policy");
  const converted = convertSource(text, file, other);
  if (converted.text === undefined) fail(`convert to ${other} refused a policy that parses`, JSON.stringify(converted.diagnostics));
  const back = parseAny(converted.text, otherFile, other);
  checkDiagnostics(back.diagnostics, `parse ${other}`);
  if (hasErrors(back.diagnostics) || !isDeepStrictEqual(shape(back.policy), ast)) fail(`${form} → ${other} → AST differs`, converted.text);

  if (form === "dsl") {
    const lang = detectLang(parsePolicy(text, file).tokens) === "zh" ? "en" : "zh";
    const translated = formatPolicy(parsed.policy, { lang });
    const tr = parsePolicy(translated, file);
    if (hasErrors(tr.diagnostics) || !isDeepStrictEqual(shape(tr.policy), ast)) fail(`keywords in ${lang} change the AST`, translated);
  }
  return compiled.ir ? { parsed: true, compiled: true, ir: compiled.ir, sha256: compiled.sha256 } : { parsed: true, compiled: false };
}

/** The interpreter and the generated module give the same line for each record and day. */
export function checkEnginesAgree(ir: IRPolicy, sha256: string, records: readonly unknown[], days: readonly string[]): void {
  const interpreter = makeGrader(ir, sha256);
  let module;
  try {
    module = instantiate(ir, policyRef(ir, sha256));
  } catch (e) {
    if (e instanceof CodegenUnsupported) return;
    fail("the generated module does not load", (e as Error).stack ?? String(e));
  }
  for (const record of records) {
    for (const day of days) {
      let a: string;
      let b: string;
      try {
        a = JSON.stringify(interpreter.grade(record, day));
        b = JSON.stringify(module.grade(record, day));
      } catch (e) {
        fail("grading threw", (e as Error).stack ?? String(e));
      }
      if (a !== b) fail("interpreter and generated module disagree", `${day} ${JSON.stringify(record)}\n  interpreter ${a}\n  generated   ${b}`);
      const line = JSON.parse(a) as { error?: { code?: string; path?: unknown; message?: string } };
      if (line.error && (!/^CP-R0\d\d$/.test(line.error.code ?? "") || typeof line.error.path !== "string")) fail("an error line without a code and a path", a);
      if (a.includes("internal error")) fail("internal error in a result", a);
    }
  }
}

/** A batch input as the reader gets it: the bytes cut into reads of the given sizes, in turn. */
function readsOf(bytes: Buffer, sizes: readonly number[]): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  return Readable.from(chunks);
}

export interface BatchExpectation {
  /** One entry per output line the input must give, in order: the id a valid record has (its line names it), or null for any other line. */
  lines: (string | null)[];
}

/**
 * A batch (JSON Lines, a JSON array or CSV) read in the given reads and graded by both engines,
 * as eval does: the two outputs are the same bytes; there is one line per expected line, in order,
 * each valid record's line carrying its id; every error line has a code and a path.
 */
export async function checkBatch(
  input: Buffer,
  format: "json" | "jsonl" | "csv",
  sizes: readonly number[],
  setup: Omit<BatchSetup, "engine" | "format" | "header">,
  expected: BatchExpectation | undefined,
  opts: { maxRecordBytes?: number } = {},
): Promise<void> {
  const outputs: string[] = [];
  for (const engine of ["compiled", "interpreter"] as const) {
    const items: GradeItem[] = [];
    let header: string[] = [];
    try {
      if (format === "csv") {
        for await (const batch of csvChunks(readsOf(input, sizes), (h) => (header = h), opts)) items.push(...batch);
      } else {
        for await (const batch of jsonBatches(readsOf(input, sizes), true, { ...opts, lines: format === "jsonl" })) items.push(...(batch as Item[]));
      }
    } catch (e) {
      // A CSV header naming a column twice refuses the whole input by design (exit 2).
      if (format === "csv" && /twice/.test((e as Error).message)) return;
      fail("reading threw", (e as Error).stack ?? String(e));
    }
    const grade = makeBatchGrader({ ...setup, engine, format: "jsonl", header, ...(opts.maxRecordBytes ? { maxRecordBytes: opts.maxRecordBytes } : {}) });
    let out: string;
    try {
      out = Buffer.from(grade(items).bytes).toString("utf8");
    } catch (e) {
      fail("grading a batch threw", (e as Error).stack ?? String(e));
    }
    outputs.push(out);
  }
  if (outputs[0] !== outputs[1]) fail("engines disagree on a batch", `${outputs[0]}\n----\n${outputs[1]}`);
  const lines = (outputs[0] as string).split("\n").filter(Boolean);
  for (const l of lines) {
    if (l.includes("internal error")) fail("internal error in a batch", l);
    const r = JSON.parse(l) as { id?: unknown; error?: { code?: string; path?: unknown }; grade?: unknown };
    if (r.error && (!/^CP-R0\d\d$/.test(r.error.code ?? "") || typeof r.error.path !== "string")) fail("an error line without a code and a path", l);
  }
  if (expected) {
    if (lines.length !== expected.lines.length) fail(`${expected.lines.length} lines expected, ${lines.length} written`, `${input.toString("utf8").slice(0, 1500)}\n----\n${lines.join("\n").slice(0, 1500)}`);
    expected.lines.forEach((id, i) => {
      if (id === null) return;
      // A valid record may still be refused (CP-R008: a due date beyond the working-day calendar).
      const r = JSON.parse(lines[i] as string) as { id?: unknown; error?: { code?: string } };
      if (r.id !== id || (r.error !== undefined && r.error.code !== "CP-R008")) fail(`line ${i + 1} should grade record ${id}`, lines[i] as string);
    });
  }
}
