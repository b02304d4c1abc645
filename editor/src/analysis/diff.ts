// Two revisions of a policy compared for the diff view: both compiled by the real compiler, the
// semantic changes (the project's compiler/diff when given, else the editor's IR summary), and
// the transition matrix over the example records.
import { compilePolicy } from "../../../compiler/compile.js";
import type { IRPolicy } from "../../../compiler/ir.js";
import { makeGrader } from "../../../runtime/evaluate.js";
import { diagnosticView } from "./analyze.js";
import { semanticSummary } from "./semantic-summary.js";
import { transitionMatrix } from "./transitions.js";
import type { DiffResult, SemanticChange } from "./types.js";

export interface DiffSide {
  file: string;
  text: string;
}

/** The project's semantic diff, adapted to the editor's change list (see diff-engine.ts). */
export interface SemanticDiffEngine {
  name: "compiler/diff";
  diff(before: IRPolicy, after: IRPolicy): { changes: SemanticChange[]; rendered?: string };
}

export function diffSources(left: DiffSide, right: DiffSide, records: readonly unknown[], asOf: string, engine?: SemanticDiffEngine): DiffResult {
  const a = compilePolicy(left.text, left.file);
  const b = compilePolicy(right.text, right.file);
  const errors = (r: typeof a) => r.diagnostics.filter((d) => d.severity === "error").map(diagnosticView);
  const result: DiffResult = { leftErrors: errors(a), rightErrors: errors(b), engine: engine ? engine.name : "editor-summary", changes: [] };
  if (!a.ir || !b.ir) return result;
  if (engine) {
    const d = engine.diff(a.ir, b.ir);
    result.changes = d.changes;
    if (d.rendered !== undefined) result.rendered = d.rendered;
  } else result.changes = semanticSummary(a.ir, b.ir);
  if (records.length > 0) result.matrix = transitionMatrix(makeGrader(a.ir, a.sha256), makeGrader(b.ir, b.sha256), records, asOf);
  return result;
}
