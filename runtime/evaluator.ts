// The evaluator backend: the IR compiled once into closures. Grading a record walks no AST and
// parses nothing; values are computed once per record, in dependency order.
import type { CmpOp } from "../dsl/boundary.js";
import { windowStart } from "../record/dates.js";
import {
  indicator,
  modelOutcome,
  publicCredit,
  shiftDate,
  snapshotDay as supportSnapshotDay,
  subjectKind,
  type ModelOutcome,
} from "./support.js";
import { parseYuan } from "../record/money.js";
import type { PartId, SubjectFieldId } from "../record/registry.js";
import type { IRAggregate, IRClause, IRCondition, IRExpr, IRModel, IRPolicy, IRRule, IRType, IRWindow } from "../compiler/ir.js";
import { assertNever } from "../diagnostics/never.js";
import { AGGREGATES } from "../dsl/aggregates.js";
import { FOLDS, type Val } from "./aggregates.js";
import { elementRef, elementsOf, type Elem, type ElementScope } from "./elements.js";

export type { Val };

export interface EvalFrame {
  record: Record<string, unknown>;
  /** The data day: windows and the "not yet happened" cut-off use it (the snapshot day if any). */
  asOf: string;
  /** The day asked for (--as-of). */
  evaluationDay: string;
  /** Each model's total and its items' contributions, once computed. */
  models: Map<string, ModelOutcome>;
  values: Val[];
  sources: Partial<Record<PartId, Elem[]>>;
  /** What building a part's elements needs: the data day, disregarded statuses, severity ranks. */
  scope: ElementScope;
  /** A memo of window lower bounds per window, per record evaluation. */
  windows: Map<IRWindow, string>;
}

type Fn = (f: EvalFrame, elem?: Elem) => Val;

/** A part's elements for this record evaluation, built once. */
function partElements(f: EvalFrame, id: PartId): Elem[] {
  let all = f.sources[id];
  if (!all) {
    all = elementsOf(f.record, id, f.scope);
    f.sources[id] = all;
  }
  return all;
}

export type { ModelOutcome };

export interface ObligationOutcome {
  obligation: string;
  article: string;
  text: string;
  source: string;
  ref: string;
  date: string | null;
  due: string | null;
  status: "open" | "overdue";
}

export interface ClauseOutcome {
  clause: IRClause;
  grade: string;
  negated: boolean;
}

export interface Evaluation {
  grade: string | null;
  /** The override that set the grade, if one held. */
  override?: IRRule;
  categories: IRRule[];
  models: ModelOutcome[];
  obligations: ObligationOutcome[];
  dataDay: string;
  /** Grades that hold, in precedence order. */
  holding: string[];
  matched: ClauseOutcome[];
  values: Map<string, Val>;
}

export interface CompiledPolicy {
  ir: IRPolicy;
  evaluate(record: Record<string, unknown>, asOf: string): Evaluation;
}

const SUBJECT: Record<SubjectFieldId, Fn> = {
  subject_kind: (f) => subjectKind(f.record),
  public_credit_score: (f) => publicCredit(f.record, "score", f.asOf),
  public_credit_date: (f) => publicCredit(f.record, "date", f.asOf),
  evaluation_day: (f) => f.evaluationDay,
};

function subjectField(field: string): Fn {
  return SUBJECT[field as SubjectFieldId] ?? ((f) => (f.record[field] ?? null) as Val);
}

/** The data day under a yearly snapshot: the latest month-day on or before the day asked for. */
export function snapshotDay(asOf: string, snapshot: { month: number; day: number } | null): string {
  return snapshot ? supportSnapshotDay(asOf, snapshot.month, snapshot.day) : asOf;
}

const CMP: Record<CmpOp, (a: number | bigint | string, b: number | bigint | string) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "=": (a, b) => a === b,
  "!=": (a, b) => a !== b,
};

class Compiler {
  private readonly valueIndex = new Map<string, number>();

  constructor(private readonly ir: IRPolicy) {
    ir.values.forEach((v, i) => this.valueIndex.set(v.name, i));
  }

  /** Literal values in their runtime representation. */
  private literal(type: IRType, value: string | boolean | null): Val {
    if (value === null) return null;
    switch (type.t) {
      case "money":
        return BigInt(value as string);
      case "count":
      case "score":
      case "number":
        return Number(value);
      case "rank":
        return this.ir.severity[value as string] ?? 0;
      default:
        return value;
    }
  }

  expr(e: IRExpr): Fn {
    switch (e.op) {
      case "lit": {
        const v = this.literal(e.type, e.value);
        return () => v;
      }
      case "value": {
        const i = this.valueIndex.get(e.name) ?? -1;
        return (f) => f.values[i] ?? null;
      }
      case "field": {
        const name = e.field;
        if (e.type.t === "bool") return (_f, el) => el?.fields[name] === true;
        if (e.type.t === "money") return (_f, el) => (typeof el?.fields[name] === "bigint" ? (el.fields[name] as bigint) : null);
        return (_f, el) => (el?.fields[name] ?? null) as Val;
      }
      case "subject":
        return subjectField(e.field);
      case "indicator": {
        const key = e.key;
        return (f) => indicator(f.record, key);
      }
      case "shift": {
        const date = this.expr(e.date);
        const { amount, unit } = e;
        return (f, el) => shiftDate(date(f, el), amount, unit);
      }
      case "model": {
        const model = this.ir.models.find((m) => m.name === e.model);
        if (!model) return () => null;
        const run = this.model(model);
        return (f) => {
          let out = f.models.get(model.name);
          if (!out) {
            out = run(f);
            f.models.set(model.name, out);
          }
          return out.total;
        };
      }
      case "amount": {
        const kinds = new Set(e.kinds);
        return (_f, el) => {
          let total = 0n;
          const pens = el?.object["penalties"];
          for (const p of Array.isArray(pens) ? pens : []) {
            if (!p || typeof p !== "object") continue;
            const kind = (p as Record<string, unknown>)["kind"];
            if (kinds.has(typeof kind === "string" ? kind : "")) total += parseYuan((p as Record<string, unknown>)["amount"]) ?? 0n;
          }
          return total;
        };
      }
      case "and": {
        const args = e.args.map((a) => this.expr(a));
        return (f, el) => args.every((a) => a(f, el) === true);
      }
      case "or": {
        const args = e.args.map((a) => this.expr(a));
        return (f, el) => args.some((a) => a(f, el) === true);
      }
      case "not": {
        const arg = this.expr(e.arg);
        return (f, el) => arg(f, el) !== true;
      }
      case "cmp": {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        const test = CMP[e.cmp];
        return (f, el) => {
          const a = l(f, el);
          const b = r(f, el);
          if (a === null || b === null || typeof a === "boolean" || typeof b === "boolean") {
            return e.cmp === "=" ? a === b : e.cmp === "!=" ? a !== b : false;
          }
          return test(a, b);
        };
      }
      case "in": {
        const l = this.expr(e.left);
        const items = e.items.map((i) => this.expr(i));
        return (f, el) => {
          const a = l(f, el);
          return items.some((i) => i(f, el) === a);
        };
      }
      case "add":
      case "sub": {
        const l = this.expr(e.left);
        const r = this.expr(e.right);
        const sign = e.op === "add" ? 1 : -1;
        return (f, el) => {
          const a = l(f, el);
          const b = r(f, el);
          if (typeof a === "bigint" && typeof b === "bigint") return sign > 0 ? a + b : a - b;
          if (typeof a === "number" && typeof b === "number") return a + sign * b;
          return null;
        };
      }
      case "agg":
        return this.aggregate(e);
      default:
        return assertNever(e);
    }
  }

  /** A weighted model: the arithmetic is the support module's, shared with generated code. */
  model(m: IRModel): (f: EvalFrame) => ModelOutcome {
    const items = m.items.map((i) => this.expr(i.value));
    return (f) => modelOutcome(m, items.map((v) => v(f)));
  }

  /** Obligations due for each matching element of their record part. */
  obligations(): ((f: EvalFrame) => ObligationOutcome[])[] {
    return this.ir.obligations.map((o) => {
      const where = o.where ? this.expr(o.where) : undefined;
      const due = this.expr(o.due);
      return (f) => {
        const lo = o.window ? windowStart(f.asOf, o.window.amount, o.window.unit) : undefined;
        const out: ObligationOutcome[] = [];
        for (const el of partElements(f, o.source)) {
          if (lo !== undefined && !(el.date !== undefined && el.date > lo)) continue;
          if (where && where(f, el) !== true) continue;
          const d = due(f, el);
          const dueDay = typeof d === "string" ? d : null;
          out.push({
            obligation: o.name,
            article: o.article,
            text: o.text,
            source: o.source,
            ref: elementRef(el),
            date: el.date ?? null,
            due: dueDay,
            status: dueDay !== null && dueDay < f.evaluationDay ? "overdue" : "open",
          });
        }
        return out;
      };
    });
  }

  private aggregate(e: IRAggregate): Fn {
    const where = e.where ? this.expr(e.where) : undefined;
    const of = e.of ? this.expr(e.of) : undefined;
    const { window, source, type } = e;
    const fold = FOLDS[e.fn];
    const predicate = AGGREGATES[e.fn].predicate === true;
    return (f) => {
      let lo: string | undefined;
      if (window) {
        lo = f.windows.get(window);
        if (lo === undefined) {
          lo = windowStart(f.asOf, window.amount, window.unit);
          f.windows.set(window, lo);
        }
      }
      let acc = fold.init(type);
      for (const el of partElements(f, source)) {
        if (lo !== undefined && !(el.date !== undefined && el.date > lo)) continue;
        if (predicate) {
          acc = fold.step(acc, where ? where(f, el) === true : true, type);
          continue;
        }
        if (where && where(f, el) !== true) continue;
        acc = fold.step(acc, of ? of(f, el) : undefined, type);
      }
      return acc;
    };
  }

  condition(c: IRCondition, grade: string): (f: EvalFrame, out: ClauseOutcome[] | null, negated: boolean) => boolean {
    switch (c.kind) {
      case "clause": {
        const test = this.expr(c.expr);
        return (f, out, negated) => {
          const held = test(f) === true;
          if (out && held !== negated) out.push({ clause: c, grade, negated });
          return held;
        };
      }
      case "not": {
        const inner = this.condition(c.item, grade);
        return (f, out, negated) => !inner(f, out, !negated);
      }
      case "any":
      case "all": {
        const items = c.items.map((i) => this.condition(i, grade));
        const isAny = c.kind === "any";
        return (f, out, negated) => {
          // Evaluate every item (no short cut) so that every rule that held is reported.
          let result = !isAny;
          for (const item of items) {
            const r = item(f, out, negated);
            result = isAny ? result || r : result && r;
          }
          return result;
        };
      }
    }
  }
}

export function compileEvaluator(ir: IRPolicy): CompiledPolicy {
  const c = new Compiler(ir);
  const values = ir.values.map((v) => c.expr(v.expr));
  const overrides = ir.overrides.map((o) => ({ rule: o, test: c.expr(o.expr) }));
  const categories = ir.categories.map((o) => ({ rule: o, test: c.expr(o.expr) }));
  const obligations = c.obligations();
  const grades = ir.grades.map((g) => ({ id: g.id, test: c.condition(g.condition, g.id) }));
  const rank = new Map(ir.precedence.map((id, i) => [id, i]));
  const disregarded = new Set(ir.disregard?.statuses ?? []);
  grades.sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
  return {
    ir,
    evaluate(record, asOf) {
      const dataDay = snapshotDay(asOf, ir.snapshot);
      const scope: ElementScope = { asOf: dataDay, disregarded, severity: ir.severity };
      const f: EvalFrame = {
        record,
        asOf: dataDay,
        evaluationDay: asOf,
        models: new Map(),
        values: new Array(values.length),
        sources: {},
        windows: new Map(),
        scope,
      };
      for (let i = 0; i < values.length; i++) f.values[i] = (values[i] as Fn)(f);
      const holding: string[] = [];
      const matched: ClauseOutcome[] = [];
      for (const g of grades) {
        const out: ClauseOutcome[] = [];
        if (g.test(f, out, false)) {
          holding.push(g.id);
          matched.push(...out);
        }
      }
      const valueMap = new Map<string, Val>();
      ir.values.forEach((v, i) => valueMap.set(v.name, f.values[i] ?? null));
      const override = overrides.find((o) => o.test(f) === true)?.rule;
      return {
        grade: override ? override.id : (holding[0] ?? ir.default),
        ...(override ? { override } : {}),
        holding,
        matched,
        values: valueMap,
        categories: categories.filter((x) => x.test(f) === true).map((x) => x.rule),
        models: [...f.models.values()],
        obligations: obligations.flatMap((o) => o(f)),
        dataDay,
      };
    },
  };
}
