// The concrete side of every finding: a record is graded by the real evaluator (runtime/), and each
// leaf's truth is read by a second evaluator compiled from the same IR with one "grade" per leaf.
// A solver witness is shown only when this probe confirms what the solver claimed about it.
// Browser-safe.
import type { IRPolicy } from "../../compiler/ir.js";
import { compileEvaluator, type CompiledPolicy } from "../../runtime/evaluator.js";
import { isError, makeGrader, type GradeResult, type Grader } from "../../runtime/evaluate.js";
import { overrideClauses, policyLeaves, type LeafRef } from "./leaves.js";

export interface Probed {
  output: GradeResult;
  grade: string | null;
  /** Grades whose condition holds. */
  holding: Set<string>;
  categories: Set<string>;
  /** Each leaf's truth, by leaf index. */
  leaves: boolean[];
}

export class Probe {
  readonly leaves: LeafRef[];
  readonly grader: Grader;
  readonly compiled: CompiledPolicy;
  private readonly leafEval: CompiledPolicy;

  constructor(
    readonly ir: IRPolicy,
    sha256 = "",
  ) {
    const overrides = overrideClauses(ir);
    this.leaves = policyLeaves(ir, overrides);
    this.grader = makeGrader(ir, sha256);
    this.compiled = compileEvaluator(ir);
    const probeIr: IRPolicy = {
      ...ir,
      grades: this.leaves.map((l) => ({ id: `#${l.index}`, label: "", condition: l.clause, span: l.clause.span })),
      precedence: [],
      default: null,
      overrides: [],
      categories: [],
      obligations: [],
      measures: [],
      notices: [],
    };
    this.leafEval = compileEvaluator(probeIr);
  }

  /** The record graded as of `asOf`, with every leaf's truth; an error line (a record that is not valid) as such. */
  run(record: unknown, asOf: string): Probed | { error: { path: string; code: string; message: string } } {
    const output = this.grader.grade(record, asOf);
    if (isError(output)) return { error: output.error };
    const rec = record as Record<string, unknown>;
    const ev = this.compiled.evaluate(rec, asOf);
    const held = new Set(this.leafEval.evaluate(rec, asOf).holding);
    return {
      output,
      grade: output.grade,
      holding: new Set(ev.holding),
      categories: new Set(ev.categories.map((c) => c.id)),
      leaves: this.leaves.map((l) => held.has(`#${l.index}`)),
    };
  }
}
