// Two revisions of a policy compared for the diff view: both compiled by the real compiler, then
// the project's semantic diff (compiler/diff: changes by article, behavioural witnesses) and its
// impact counter over the example records (the grade transition matrix).
import { compilePolicy } from "../../../compiler/compile.js";
import { diffPolicies, impactCounter } from "../../../analysis/diff/index.js";
import { renderText } from "../../../diagnostics/catalogue.js";
import { makeGrader } from "../../../runtime/evaluate.js";
import { diagnosticView } from "../../../analysis/lsp/symbols.js";
import { jsonLines } from "./jsonl.js";
import type { DiffResult } from "./types.js";

export interface DiffSide {
  file: string;
  text: string;
  /** Where it came from, for the report (a path, disk:…, git REV:PATH). */
  source?: string;
}

/** Compare `left` (old) with `right` (new) as of `asOf`, with the impact on `recordsText` (JSON Lines). */
export function diffSources(left: DiffSide, right: DiffSide, recordsText: string, asOf: string | undefined, recordsName = "examples/records.jsonl"): DiffResult {
  const a = compilePolicy(left.text, left.file);
  const b = compilePolicy(right.text, right.file);
  const errors = (r: typeof a) => r.diagnostics.filter((d) => d.severity === "error").map(diagnosticView);
  const result: DiffResult = { leftErrors: errors(a), rightErrors: errors(b) };
  if (!a.ir || !b.ir) return result;
  const graders = { old: makeGrader(a.ir, a.sha256), new: makeGrader(b.ir, b.sha256) };
  const report = diffPolicies(a.ir, b.ir, {
    ...(asOf ? { asOf } : {}),
    old: { sha256: a.sha256, source: left.source ?? left.file },
    new: { sha256: b.sha256, source: right.source ?? right.file },
    graders,
  });
  if (recordsText.trim()) {
    const counter = impactCounter(report, graders, recordsName);
    for (const l of jsonLines(recordsText)) {
      // The report's messages are the English of eval's lines, as `credit-policy diff --cases` writes them.
      if (l.error !== undefined) counter.addUnreadable(l.line, null, renderText("CP-R000/json", [l.error], "en"));
      else counter.add(l.line, l.value);
    }
    report.impact = counter.done();
  }
  result.report = report;
  return result;
}
