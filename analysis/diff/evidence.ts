// Evidence for a record whose grade moved between two policies: the values that decided it under
// each (the derived values its deciding clauses read, and those a change to them bounds), each
// computed by both policies, and the changes that concern those clauses. An auditor reads from it
// why this subject moved without re-running anything. Browser-safe.
import type { IRPolicy } from "../../compiler/ir.js";
import type { Json } from "../../dsl/ast.js";
import { compileEvaluator, type CompiledPolicy, type Val } from "../../runtime/evaluator.js";
import type { GradeResult } from "../../runtime/evaluate.js";
import { formatYuan } from "../../record/money.js";
import type { Change, ChangeKind, DecidingValue } from "./model.js";

/** Changes that can move a grade wherever they are: they are linked to every moved record. */
const GLOBAL: ReadonlySet<ChangeKind> = new Set<ChangeKind>(["precedence", "default", "severity", "disregard"]);
/** Changes that cannot move a grade (what follows from a grade, or the document's data). */
const INERT: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  "metadata",
  "measure-added",
  "measure-removed",
  "measure-reworded",
  "measure-tags",
  "measure-group",
  "notice-added",
  "notice-removed",
  "notice-changed",
  "record-keeping-added",
  "record-keeping-removed",
  "record-keeping-reworded",
  "condition-reworded",
  "grade-heading",
]);

/** a is b, or one cites a part of the other (第八条（二） and 第八条（二）2). */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(b) || b.startsWith(a);
}

function jsonOf(v: Val, type: string | undefined): Json {
  if (typeof v === "bigint") return type === "money" ? formatYuan(v) : v.toString();
  return v as Json;
}

export interface MovedEvidence {
  name: string | null;
  values: DecidingValue[];
  changes: number[];
}

export class Evidence {
  private compiled?: { old: CompiledPolicy; new: CompiledPolicy };

  constructor(
    private readonly oldIr: IRPolicy,
    private readonly newIr: IRPolicy,
    private readonly changes: readonly Change[],
  ) {}

  /** What decided `record` (valid, graded `o` and `n` as of `asOf`) under each policy, and which changes concern it. */
  of(record: Record<string, unknown>, o: GradeResult, n: GradeResult, asOf: string): MovedEvidence {
    const deciding = (r: GradeResult) => r.matched.filter((m) => m.grade === r.grade);
    const articles = [...deciding(o), ...deciding(n)].map((m) => m.article);
    const names: string[] = [];
    const add = (name: string) => {
      if (!names.includes(name)) names.push(name);
    };
    for (const m of [...deciding(o), ...deciding(n)]) for (const name of Object.keys(m.values)) add(name);
    const grades = new Set([o.grade, n.grade].filter((g): g is string => g !== null));
    const changes: number[] = [];
    this.changes.forEach((c, i) => {
      if (INERT.has(c.kind)) return;
      const concerns =
        GLOBAL.has(c.kind) ||
        (c.article !== null && articles.some((a) => related(a, c.article as string))) ||
        ((c.kind === "grade-added" || c.kind === "grade-removed") && c.grade !== undefined && grades.has(c.grade)) ||
        (c.kind === "parameter" && c.key !== undefined && names.includes(c.key));
      if (!concerns) return;
      changes.push(i);
      // The quantity a changed threshold, boundary, window or sum bounds is evidence too.
      if (c.subject !== undefined && (this.oldIr.values.some((v) => v.name === c.subject) || this.newIr.values.some((v) => v.name === c.subject))) add(c.subject);
    });
    this.compiled ??= { old: compileEvaluator(this.oldIr), new: compileEvaluator(this.newIr) };
    const before = this.compiled.old.evaluate(record, asOf).values;
    const after = this.compiled.new.evaluate(record, asOf).values;
    const typeIn = (ir: IRPolicy, name: string) => ir.values.find((v) => v.name === name)?.type.t;
    const values = names.map((name): DecidingValue => ({
      name,
      ...(before.has(name) ? { old: jsonOf(before.get(name) ?? null, typeIn(this.oldIr, name)) } : {}),
      ...(after.has(name) ? { new: jsonOf(after.get(name) ?? null, typeIn(this.newIr, name)) } : {}),
    }));
    return { name: typeof record["name"] === "string" ? record["name"] : null, values, changes };
  }
}
