// The evaluator backend: the IR compiled once into closures. Grading a record walks no AST and
// parses nothing; values are computed once per record, in dependency order.
import type { CmpOp } from "../dsl/boundary.js";
import { windowStart } from "../record/dates.js";
import {
  indicator,
  modelOutcome,
  publicCredit,
  publicCreditRecordDate,
  earlierOf,
  laterOf,
  shiftBy,
  snapshotDay as supportSnapshotDay,
  subjectKind,
  type ModelOutcome,
} from "./support.js";
import { parseYuan } from "../record/money.js";
import type { FieldDef, PartId, SubjectFieldId } from "../record/registry.js";
import type {
  IRAggregate,
  IRCategory,
  IRClause,
  IRCondition,
  IRExpr,
  IRItemRule,
  IRModel,
  IRObligation,
  IROutput,
  IRPolicy,
  IRRule,
  IRType,
  IRWindow,
} from "../compiler/ir.js";
import type { BuiltinFn } from "../compiler/builtins.js";
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
  /** Each per-item rule's state for an item, by rule and the item's pointer: computed once. */
  items: Map<string, ItemState>;
}

/** A per-item rule's values and outputs for one item, filled in order as they are computed. */
interface ItemState {
  locals: Val[];
  outputs: Map<string, Val>;
  matched: { output: string; clause: IRClause }[];
  done: boolean;
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

/** One item's results under a per-item rule. */
export interface ItemOutcome {
  rule: IRItemRule;
  element: Elem;
  outputs: Map<string, Val>;
  matched: { output: string; clause: IRClause }[];
  categories: IRCategory[];
  obligations: ObligationOutcome[];
}

export interface Evaluation {
  grade: string | null;
  /** The override that set the grade, if one held. */
  override?: IRRule;
  categories: IRCategory[];
  items: ItemOutcome[];
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
  public_credit_record_date: (f) => publicCreditRecordDate(f.record),
  evaluation_day: (f) => f.evaluationDay,
  data_day: (f) => f.asOf,
  region: (f) => (typeof f.record["region"] === "string" ? f.record["region"] : null),
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

/** How the evaluator reads each built-in function (compiler/builtins.ts). */
const BUILTIN_IMPL: Record<BuiltinFn, (args: Val[]) => Val> = {
  later: (args) => laterOf(...args),
  earlier: (args) => earlierOf(...args),
};

class Compiler {
  private readonly valueIndex = new Map<string, number>();
  /** Each per-item rule's state maker, by rule name (filled as rules are compiled, before any use runs). */
  readonly itemStates = new Map<string, (f: EvalFrame, el: Elem) => ItemState>();

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
        const by = this.expr(e.by);
        const sign = e.sign;
        return (f, el) => shiftBy(date(f, el), by(f, el), sign);
      }
      case "param": {
        const p = this.ir.params.find((x) => x.name === e.name);
        const v = p ? this.literal(p.type, p.value) : null;
        return () => v;
      }
      case "local": {
        const rule = this.ir.itemRules.find((r) => r.name === e.rule);
        const i = rule ? rule.values.findIndex((v) => v.name === e.name) : -1;
        const states = this.itemStates;
        const name = e.rule;
        return (f, el) => (el ? ((states.get(name)?.(f, el).locals[i] ?? null) as Val) : null);
      }
      case "output": {
        const states = this.itemStates;
        const { rule, name } = e;
        return (f, el) => (el ? (states.get(rule)?.(f, el).outputs.get(name) ?? null) : null);
      }
      case "call": {
        const args = e.args.map((a) => this.expr(a));
        const impl = BUILTIN_IMPL[e.fn];
        return (f, el) => impl(args.map((a) => a(f, el)));
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

  /** An obligation's outcome for one element, or none when its window or filter leaves it out. */
  obligation(o: IRObligation): (f: EvalFrame, el: Elem) => ObligationOutcome | undefined {
    const where = o.where ? this.expr(o.where) : undefined;
    const due = o.due ? this.expr(o.due) : undefined;
    return (f, el) => {
      const lo = o.window ? windowStart(f.asOf, o.window.amount, o.window.unit) : undefined;
      if (lo !== undefined && !(el.date !== undefined && el.date > lo)) return undefined;
      if (where && where(f, el) !== true) return undefined;
      const d = due ? due(f, el) : null;
      const dueDay = typeof d === "string" ? d : null;
      return {
        obligation: o.name,
        article: o.article,
        text: o.text,
        source: o.source,
        ref: elementRef(el),
        date: el.date ?? null,
        due: dueDay,
        status: dueDay !== null && dueDay < f.evaluationDay ? "overdue" : "open",
      };
    };
  }

  /** Obligations due for each matching element of their record part. */
  obligations(): ((f: EvalFrame) => ObligationOutcome[])[] {
    return this.ir.obligations.map((o) => {
      const one = this.obligation(o);
      return (f) => partElements(f, o.source).flatMap((el) => one(f, el) ?? []);
    });
  }

  /**
   * A per-item rule: its state for an item (values in order, then outputs, each output's clauses
   * that held), registered for `local` and `output` reads, and its outcome per item.
   */
  itemRule(r: IRItemRule): (f: EvalFrame, el: Elem) => ItemOutcome {
    const locals = r.values.map((v) => this.expr(v.expr));
    type Out = { o: IROutput; single: IRClause; value: Fn } | { o: IROutput; test: ReturnType<Compiler["condition"]> };
    const outputs: Out[] = r.outputs.map((o) =>
      o.condition.kind === "clause" ? { o, single: o.condition, value: this.expr(o.condition.expr) } : { o, test: this.condition(o.condition, o.name) },
    );
    const state = (f: EvalFrame, el: Elem): ItemState => {
      const key = `${r.name}\u0000${el.pointer}`;
      let st = f.items.get(key);
      if (st) return st;
      st = { locals: [], outputs: new Map(), matched: [], done: false };
      f.items.set(key, st);
      locals.forEach((fn, i) => ((st as ItemState).locals[i] = fn(f, el)));
      for (const out of outputs) {
        if ("value" in out) {
          const v = out.value(f, el);
          st.outputs.set(out.o.name, v);
          if (v !== null && v !== false) st.matched.push({ output: out.o.name, clause: out.single });
        } else {
          const held: ClauseOutcome[] = [];
          const holds = out.test(f, held, false, el);
          st.outputs.set(out.o.name, holds);
          // Like a grade, a block explains an output only when it holds: the clauses of a false one
          // that happened to hold do not say why it is false.
          if (holds) st.matched.push(...held.map((h) => ({ output: out.o.name, clause: h.clause })));
        }
      }
      st.done = true;
      return st;
    };
    this.itemStates.set(r.name, state);
    const categories = r.categories.map((c) => ({ c, test: this.condition(c.condition, c.id) }));
    const obligations = r.obligations.map((o) => this.obligation(o));
    return (f, el) => {
      const st = state(f, el);
      return {
        rule: r,
        element: el,
        outputs: st.outputs,
        matched: st.matched,
        categories: categories.filter((x) => x.test(f, null, false, el)).map((x) => x.c),
        obligations: obligations.flatMap((o) => o(f, el) ?? []),
      };
    };
  }

  private aggregate(e: IRAggregate): Fn {
    const where = e.where ? this.expr(e.where) : undefined;
    const of = e.of ? this.expr(e.of) : undefined;
    const { window, source, type, within } = e;
    const fold = FOLDS[e.fn];
    const predicate = AGGREGATES[e.fn].predicate === true;
    return (f, current) => {
      let lo: string | undefined;
      if (window) {
        lo = f.windows.get(window);
        if (lo === undefined) {
          lo = windowStart(f.asOf, window.amount, window.unit);
          f.windows.set(window, lo);
        }
      }
      let acc = fold.init(type);
      // Within an element: its own items only, built for it (they are few).
      const elements = within && current ? elementsOf(f.record, source, f.scope, current) : partElements(f, source);
      for (const el of elements) {
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

  /** A condition, on the subject or (with `el`) on an item; every clause that held is reported to `out`. */
  condition(c: IRCondition, grade: string): (f: EvalFrame, out: ClauseOutcome[] | null, negated: boolean, el?: Elem) => boolean {
    switch (c.kind) {
      case "clause": {
        const test = this.expr(c.expr);
        return (f, out, negated, el) => {
          const held = test(f, el) === true;
          if (out && held !== negated) out.push({ clause: c, grade, negated });
          return held;
        };
      }
      case "not": {
        const inner = this.condition(c.item, grade);
        return (f, out, negated, el) => !inner(f, out, !negated, el);
      }
      case "any":
      case "all": {
        const items = c.items.map((i) => this.condition(i, grade));
        const isAny = c.kind === "any";
        return (f, out, negated, el) => {
          // Evaluate every item (no short cut) so that every rule that held is reported.
          let result = !isAny;
          for (const item of items) {
            const r = item(f, out, negated, el);
            result = isAny ? result || r : result && r;
          }
          return result;
        };
      }
      default:
        return assertNever(c, "IR condition");
    }
  }
}

const NO_STATUSES: ReadonlySet<string> = new Set();

export function compileEvaluator(ir: IRPolicy): CompiledPolicy {
  const c = new Compiler(ir);
  // Item rules first: values and rules read their outputs.
  const itemRules = ir.itemRules.map((r) => ({ part: r.part, run: c.itemRule(r) }));
  const values = ir.values.map((v) => c.expr(v.expr));
  const overrides = ir.overrides.map((o) => ({ rule: o, test: c.expr(o.expr) }));
  const categories = ir.categories.map((x) => ({ category: x, test: c.condition(x.condition, x.id) }));
  const obligations = c.obligations();
  const grades = ir.grades.map((g) => ({ id: g.id, test: c.condition(g.condition, g.id) }));
  const rank = new Map(ir.precedence.map((id, i) => [id, i]));
  const disregarded = new Set(ir.disregard?.statuses ?? []);
  const declared = new Map<PartId, FieldDef[]>();
  for (const f of ir.fields) declared.set(f.part, [...(declared.get(f.part) ?? []), { id: f.name, zh: [], type: f.type as FieldDef["type"], doc: "" }]);
  grades.sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
  return {
    ir,
    evaluate(record, asOf) {
      const dataDay = snapshotDay(asOf, ir.snapshot);
      const scope: ElementScope = { asOf: dataDay, disregarded, severity: ir.severity, declared };
      const f: EvalFrame = {
        record,
        asOf: dataDay,
        evaluationDay: asOf,
        models: new Map(),
        values: new Array(values.length),
        sources: {},
        windows: new Map(),
        items: new Map(),
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
        categories: categories.filter((x) => x.test(f, null, false)).map((x) => x.category),
        models: [...f.models.values()],
        obligations: obligations.flatMap((o) => o(f)),
        // Every item on the data day, whatever its status: the rules read the status themselves.
        // Computed last, as the generated code does, so a record that cannot be graded fails at the same place in both.
        items: itemRules.flatMap((r) => elementsOf(record, r.part, { ...scope, disregarded: NO_STATUSES }).map((el) => r.run(f, el))),
        dataDay,
      };
    },
  };
}
