// The analysis worker: compiles the policy being edited with the real compiler and runs its test
// cases off the page's thread, so typing never waits for it. It keeps the last compiled grader of
// each file to grade records pasted into the cases panel.
import { analyze } from "../analysis/analyze.js";
import { diffSources } from "../analysis/diff.js";
import { checkRecordText } from "../analysis/record-check.js";
import type { RecordCheck } from "../analysis/types.js";
import type { RecordErrorCode } from "../../../diagnostics/catalogue.js";
import { isIsoDate } from "../../../record/dates.js";
import type { Grader } from "../../../runtime/evaluate.js";
import { isError } from "../../../runtime/evaluate.js";
import type { Request, Response } from "./protocol.js";

const graders = new Map<string, Grader | undefined>();

function checkRecord(file: string, recordText: string, asOf: string): RecordCheck {
  const parsed = checkRecordText(recordText);
  if (parsed.problems.length > 0) return { problems: parsed.problems };
  const grader = graders.get(file);
  if (!grader) return { problems: [], policyBroken: true };
  const top = { line: 1, col: 1, endLine: 1, endCol: 2 };
  // The record was valid above: what is left is the as-of day, or a record that cannot be evaluated.
  if (!isIsoDate(asOf)) return { problems: [{ path: "", code: "CP-R004", key: "CP-R004/as-of", args: [JSON.stringify(asOf)], range: top }] };
  const out = grader.grade(parsed.value, asOf);
  if (isError(out)) return { problems: [{ path: out.error.path, code: out.error.code as RecordErrorCode, key: "text", args: [out.error.message], range: top }] };
  return {
    problems: [],
    result: {
      grade: out.grade,
      label: out.label,
      matched: out.matched.map((m) => ({ grade: m.grade, article: m.article, text: m.text, ...(m.negated ? { negated: true } : {}) })),
      measures: out.measures.map((m) => ({ article: m.article, text: m.text })),
    },
  };
}

function handle(req: Request): Response {
  switch (req.kind) {
    case "analyze": {
      const a = analyze(req.text, req.file, req.version);
      graders.set(req.file, a.grader);
      return { kind: "analyze", id: req.id, summary: a.summary };
    }
    case "check-record":
      return { kind: "check-record", id: req.id, check: checkRecord(req.file, req.recordText, req.asOf) };
    case "diff":
      return { kind: "diff", id: req.id, diff: diffSources(req.left, req.right, req.records, req.asOf || undefined) };
  }
}

self.onmessage = (e: MessageEvent<Request>) => {
  let res: Response;
  try {
    res = handle(e.data);
  } catch (err) {
    res = { kind: "failed", id: e.data.id, message: err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err) };
  }
  (self as unknown as Worker).postMessage(res);
};
