// Why and why not: for a record as of a day, every grade's conditions with the values they read
// and whether each holds; for the grade given, the clauses that decided it; for each grade not
// given, the clauses that failed (or, under 非 / not, the ones that held and so excluded it). Data,
// not prose: the editor and the language server render it in their language (formatExplained), and
// the spans point into the policy text so an editor can highlight the deciding clauses.
import type { CmpOp } from "../dsl/boundary.js";
import type { Span } from "../diagnostics/span.js";
import type { IRClause, IRCondition, IRExpr, IRPolicy, IRType } from "../compiler/ir.js";
import { assertNever } from "../diagnostics/never.js";
import { formatYuan } from "../record/money.js";
import { ENUMS } from "../record/registry.js";
import { probeEvaluator, type EvalFrame, type Val } from "./evaluator.js";

/** A value as JSON: money a decimal string of yuan, a class the penalty kinds of its rank, no value null. */
export type ExplainedRaw = string | number | boolean | string[] | null;

export interface ExplainedValue {
  /** The IR type's tag (money, count, date, enum …); "rank" for a violation's class. */
  type: IRType["t"];
  /** For an enumeration: which. */
  enum?: string;
  value: ExplainedRaw;
  /** Where the expression is written. */
  span: Span;
}

/** One test inside a clause: a comparison, a membership, or a yes/no value. */
export interface ExplainedTest {
  kind: "cmp" | "in" | "bool";
  holds: boolean;
  span: Span;
  left: ExplainedValue;
  op?: CmpOp;
  /** The boundary word as the regulation wrote it (dsl/boundary.ts id). */
  word?: string;
  right?: ExplainedValue[];
}

export interface ExplainedClause {
  article: string;
  text: string;
  span: Span;
  holds: boolean;
  /** Under an odd number of 非 / not: the grade needs it to fail. */
  negated: boolean;
  /** Among the reasons: for the grade given, a clause that held; for a grade not given, one that stood in its way. */
  deciding: boolean;
  tests: ExplainedTest[];
  /** The derived values it reads, by name. */
  values: { name: string; value: ExplainedValue }[];
}

export interface GradeExplanation {
  grade: string;
  label: string;
  /** Its condition holds for the record. */
  holds: boolean;
  /** It is the grade the record gets. */
  given: boolean;
  clauses: ExplainedClause[];
}

export interface Explanation {
  grade: string | null;
  /** The day the data was read as of (the snapshot day, for a plan evaluated yearly). */
  dataDay: string;
  /** An override (直接评定) that set the grade. */
  override?: { grade: string; article: string; text: string; span: Span; tests: ExplainedTest[] };
  /** Every grade, strongest first. */
  grades: GradeExplanation[];
}

function typeOf(e: IRExpr): IRType {
  switch (e.op) {
    case "lit":
    case "value":
    case "field":
    case "subject":
    case "param":
    case "local":
    case "output":
    case "call":
    case "add":
    case "sub":
    case "agg":
      return e.type;
    case "amount":
      return { t: "money" };
    case "indicator":
      return { t: "number" };
    case "model":
      return { t: "score" };
    case "shift":
      return { t: "date" };
    case "and":
    case "or":
    case "not":
    case "cmp":
    case "in":
      return { t: "bool" };
    default:
      return assertNever(e);
  }
}

/** A runtime value as JSON, by its type. */
function raw(v: Val, type: IRType, severity: Record<string, number>): ExplainedRaw {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return type.t === "money" ? formatYuan(v) : v.toString();
  if (type.t === "rank" && typeof v === "number") {
    const kinds = Object.entries(severity)
      .filter(([, r]) => r === v)
      .map(([k]) => k);
    return kinds.length ? kinds : null;
  }
  return v as ExplainedRaw;
}

class Explainer {
  private readonly probe;

  constructor(private readonly ir: IRPolicy) {
    this.probe = probeEvaluator(ir);
  }

  private value(e: IRExpr, f: EvalFrame): ExplainedValue {
    const type = typeOf(e);
    return {
      type: type.t,
      ...(type.t === "enum" ? { enum: type.enum } : {}),
      value: raw(this.probe.value(e, f), type, this.ir.severity),
      span: e.span,
    };
  }

  /** The tests of a clause's expression: the leaves under its and / or / not. */
  tests(e: IRExpr, f: EvalFrame, out: ExplainedTest[] = []): ExplainedTest[] {
    switch (e.op) {
      case "and":
      case "or":
        e.args.forEach((a) => this.tests(a, f, out));
        return out;
      case "not":
        return this.tests(e.arg, f, out);
      case "cmp":
        out.push({
          kind: "cmp",
          holds: this.probe.value(e, f) === true,
          span: e.span,
          left: this.value(e.left, f),
          op: e.cmp,
          ...(e.word ? { word: e.word } : {}),
          right: [this.value(e.right, f)],
        });
        return out;
      case "in":
        out.push({ kind: "in", holds: this.probe.value(e, f) === true, span: e.span, left: this.value(e.left, f), right: e.items.map((i) => this.value(i, f)) });
        return out;
      default:
        out.push({ kind: "bool", holds: this.probe.value(e, f) === true, span: e.span, left: this.value(e, f) });
        return out;
    }
  }

  private clause(c: IRClause, f: EvalFrame, negated: boolean): ExplainedClause {
    const holds = this.probe.value(c.expr, f) === true;
    const values = c.reads.flatMap((name) => {
      const v = this.ir.values.find((x) => x.name === name);
      return v ? [{ name, value: this.value({ op: "value", name, type: v.type, span: v.span }, f) }] : [];
    });
    return { article: c.article, text: c.text, span: c.span, holds, negated, deciding: false, tests: this.tests(c.expr, f), values };
  }

  /**
   * A condition's clauses in order, and whether it holds. `reasons` collects the clauses that
   * decide its outcome: for a condition that holds, those that held (as `matched` reports them);
   * for one that fails, those that made it fail (every alternative of an any, the failing items of
   * an all, the held clauses under a not).
   */
  condition(c: IRCondition, f: EvalFrame, negated: boolean, all: ExplainedClause[]): { holds: boolean; reasons: ExplainedClause[] } {
    switch (c.kind) {
      case "clause": {
        const x = this.clause(c, f, negated);
        all.push(x);
        // A clause holding under a not makes the not fail: either way it is the reason for its outcome.
        return { holds: x.holds, reasons: [x] };
      }
      case "not": {
        const inner = this.condition(c.item, f, !negated, all);
        return { holds: !inner.holds, reasons: inner.reasons };
      }
      case "any":
      case "all": {
        const items = c.items.map((i) => this.condition(i, f, negated, all));
        const holds = c.kind === "any" ? items.some((i) => i.holds) : items.every((i) => i.holds);
        // Holding: the items that held (every one for all); failing: the items that failed (every one for any).
        const reasons = items.filter((i) => i.holds === holds).flatMap((i) => i.reasons);
        return { holds, reasons };
      }
      default:
        return assertNever(c, "IR condition");
    }
  }

  explain(record: Record<string, unknown>, asOf: string, given: string | null): Explanation {
    const f = this.probe.frame(record, asOf);
    const override = this.ir.overrides.find((o) => this.probe.value(o.expr, f) === true);
    const order = new Map(this.ir.precedence.map((g, i) => [g, i]));
    const grades = [...this.ir.grades].sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9));
    return {
      grade: given,
      dataDay: f.asOf,
      ...(override
        ? { override: { grade: override.id, article: override.article, text: override.text, span: override.span, tests: this.tests(override.expr, f) } }
        : {}),
      grades: grades.map((g) => {
        const clauses: ExplainedClause[] = [];
        const { holds, reasons } = this.condition(g.condition, f, false, clauses);
        const isGiven = g.id === given && !override;
        // The reasons of the grade given, and of each grade that did not hold; a grade that holds
        // but yields to a stronger one has no deciding clause of its own.
        if (isGiven || !holds) for (const r of reasons) r.deciding = true;
        return { grade: g.id, label: g.label, holds, given: isGiven, clauses };
      }),
    };
  }
}

/** An explainer for a compiled policy: build once, explain many records. */
export function makeExplainer(ir: IRPolicy): { explain(record: Record<string, unknown>, asOf: string, grade: string | null): Explanation } {
  const e = new Explainer(ir);
  return { explain: (record, asOf, grade) => e.explain(record, asOf, grade) };
}

// ---- Rendering a value for people ------------------------------------------------------------

const UNIT_TEXT: Record<string, { zh: string; en: string }> = {
  money: { zh: "元", en: " yuan" },
  count: { zh: "次", en: " times" },
  score: { zh: "分", en: " points" },
};

const DURATION_TEXT: Record<string, { zh: string; en: string }> = {
  year: { zh: "年", en: " year(s)" },
  month: { zh: "个月", en: " month(s)" },
  day: { zh: "日", en: " day(s)" },
  workday: { zh: "个工作日", en: " working day(s)" },
};

/** A value as a clerk reads it: 500000.50元, 3次, 是, 罚款, 无 (or in English). */
export function formatExplained(v: Pick<ExplainedValue, "type" | "enum" | "value">, lang: "zh" | "en"): string {
  const x = v.value;
  if (x === null) return lang === "zh" ? "无" : "none";
  if (typeof x === "boolean") return lang === "zh" ? (x ? "是" : "否") : x ? "yes" : "no";
  if (Array.isArray(x)) return x.map((k) => enumName("penalty_kind", k, lang)).join(lang === "zh" ? "、" : ", ");
  const unit = UNIT_TEXT[v.type];
  if (unit) return `${x}${unit[lang]}`;
  if ((v.type === "duration" || v.type === "workdays") && typeof x === "string") {
    const [n, u] = x.split(" ");
    const d = DURATION_TEXT[u ?? ""];
    return d ? `${n}${d[lang]}` : x;
  }
  if (v.type === "enum" && v.enum && typeof x === "string") return enumName(v.enum, x, lang);
  return String(x);
}

function enumName(enumId: string, id: string, lang: "zh" | "en"): string {
  const e = ENUMS[enumId as keyof typeof ENUMS];
  const value = e?.values.find((x) => x.id === id);
  return lang === "zh" ? (value?.zh[0] ?? id) : id;
}
