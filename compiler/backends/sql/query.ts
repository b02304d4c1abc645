// A policy's IR → one SQL query (CTEs) that grades every subject of the relational layout
// (record/relational.ts) as of the day bound to $1, and returns per subject its sequence number,
// id, grade and the `eval` result line as JSON text, byte for byte what the evaluator writes
// (runtime/evaluate.ts) — plus `fallback`, true where the query cannot vouch for that (a working
// day outside the calendar, a number JavaScript writes with an exponent, a declared field of the
// wrong type): the caller then grades that subject's record with the evaluator, as a batch does.
//
// The query's parts: cp_p (the days: as-of, data day, window starts); the element sets of the
// parts the policy reads (elements.ts); per-item rules (cp_r*: one row per item, its values and
// outputs as columns; cp_rj*: the item's result as JSON); grouped aggregates (cp_g*: one row per
// subject); aggregates within an element (cp_w*: one row per element); the subject layers cp_s*
// (ctes.ts); the subject's obligations (cp_ob*) and items (cp_items) as JSON arrays; cp_out with
// the grade; and the final SELECT writing the line. Texts of the policy (articles, quotations,
// measures, labels) enter only as JSON made by JSON.stringify, written as SQL string literals.
import { assertNever } from "../../../diagnostics/never.js";
import { AGGREGATES, type AggFn } from "../../../dsl/aggregates.js";
import type { PartId, SubjectFieldId } from "../../../record/registry.js";
import { indexColumn } from "../../../record/relational.js";
import { clausesOf, irChildren, policyExprs } from "../../ir-walk.js";
import type { IRAggregate, IRCategory, IRClause, IRCondition, IRExpr, IRItemRule, IRObligation, IRPolicy, IRType, IRWindow } from "../../ir.js";
import { gradeIds, gradesByPrecedence, measuresOf, noticesOf, type MeasureOut, type PolicyRef } from "../result-shape.js";
import { calendarDays } from "./calendar.js";
import { joinPieces, orderCtes, orderJoins, s, type Cte, type Join, type S } from "./ctes.js";
import { DIALECTS, ident, plainNumber, type Dialect, type DialectId } from "./dialect.js";
import { COUNTED, ElementHelpers, ElementSet, ITEMS, type Variant } from "./elements.js";
import { expr, truth, type Cx, type Host } from "./expr.js";
import { json, str, SqlUnsupported } from "./literals.js";
import { commentText } from "../js-literals.js";

export { SqlUnsupported } from "./literals.js";

export interface SqlQueryOptions {
  dialect: DialectId;
  ref: PolicyRef;
}

/** The columns every generated query returns, in order. */
export const RESULT_COLUMNS = ["seq", "id", "grade", "line", "fallback"] as const;

interface Layer {
  index: number;
  cols: { name: string; sql: string }[];
  joins: Map<string, Join>;
  fb: string[];
}

/** A grouped aggregate CTE: one row per subject (or per element, within one), several aggregates of one element set. */
interface Group {
  name: string;
  alias: string;
  set: ElementSet;
  /** The part whose element the rows are per (an aggregate within an element); absent: per subject. */
  within?: PartId;
  m: number;
  cols: string[];
  joins: Map<string, Join>;
  fb: string[];
}

interface RuleState {
  rule: IRItemRule;
  index: number;
  set: ElementSet;
  /** Built when first read, then complete. */
  locals: S[];
  outputs: S[];
  /** Each block output's clause flags (columns of cp_r), in clause order. */
  built: boolean;
  cte?: string;
  m: number;
}

const ID_FIELD = { id: "id", zh: [], type: { t: "string" as const }, doc: "the element's own id", docZh: "该项自身的编号" };

const INIT: Record<AggFn, (type: IRType, d: Dialect) => string> = {
  count: () => "0",
  exists: () => "FALSE",
  every: () => "TRUE",
  sum: (type, d) => (type.t === "money" ? `CAST(0 AS ${d.types.money})` : "0"),
  max: () => "NULL",
};

export class SqlQuery implements Host {
  readonly d: Dialect;
  private readonly helpers: ElementHelpers;
  private readonly sets = new Map<string, ElementSet>();
  private readonly ctes: Cte[] = [];
  private readonly layers: Layer[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly valueCols = new Map<string, S>();
  private readonly rules = new Map<string, RuleState>();
  private readonly windows = new Map<string, string>();
  private readonly indicators = new Map<string, string>();
  private calendar = false;
  /** The text after the id every line starts with, and the rest of a line that lists nothing (computed once, in cp_p). */
  private headText = "''";
  private emptyText = "''";
  private counter = 0;
  private readonly valueTypes: Map<string, IRType>;
  private readonly disregarded: string[];
  /** The models a result's `scores` lists, in the order the evaluator first computes them. */
  private readonly modelOrder: string[];
  private readonly models = new Map<string, { total: S; items: { value: string; contribution: string; type: IRType }[] }>();

  constructor(
    readonly ir: IRPolicy,
    readonly opts: SqlQueryOptions,
  ) {
    this.d = DIALECTS[opts.dialect];
    this.helpers = new ElementHelpers(opts.dialect, ir.severity);
    this.valueTypes = new Map(ir.values.map((v) => [v.name, v.type]));
    this.disregarded = [...(ir.disregard?.statuses ?? [])];
    if (ir.snapshot && ir.snapshot.month === 2 && ir.snapshot.day === 29) throw new SqlUnsupported("a yearly data day on 29 February", ir.snapshot.span);
    this.modelOrder = modelOrder(ir);
  }

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  // ── element sets ────────────────────────────────────────────────────────────────────────────

  private set(part: PartId, variant: Variant): ElementSet {
    const key = `${part}:${variant.from}:${variant.disregard}`;
    let set = this.sets.get(key);
    if (!set) {
      set = new ElementSet(part, variant, this.helpers, this.disregarded);
      this.sets.set(key, set);
      this.ctes.push(set);
    }
    return set;
  }

  // ── subject layers ──────────────────────────────────────────────────────────────────────────

  private layer(index: number): Layer {
    while (this.layers.length <= index) {
      const l: Layer = { index: this.layers.length + 1, cols: [], joins: new Map(), fb: [] };
      this.layers.push(l);
      const prev = l.index - 1;
      this.ctes.push({
        name: `cp_s${l.index}`,
        deps: () => [`cp_s${prev}`, "cp_p", ...[...l.joins.values()].flatMap((j) => j.deps)],
        text: () => {
          const cols = ["s.*", ...l.cols.map((c) => `${c.sql} AS ${c.name}`), `${l.fb.length ? `(${l.fb.join(" OR ")})` : "FALSE"} AS fb${l.index}`];
          return `SELECT ${cols.join(",\n    ")}\n  FROM cp_s${prev} s CROSS JOIN cp_p p${l.joins.size ? "\n  " + orderJoins(l.joins.values()).map((j) => j.text).join("\n  ") : ""}`;
        },
      });
    }
    return this.layers[index] as Layer;
  }

  /** A subject-level expression as a column of the first layer where its inputs exist. */
  private column(x: S, prefix = "c"): S {
    if (/^s\.[a-z]\w*$/.test(x.sql) && x.joins.length === 0 && x.fb.length === 0) return x;
    const index = Math.max(x.need + 1, 1);
    const l = this.layer(index - 1);
    const name = this.fresh(prefix);
    l.cols.push({ name, sql: x.sql });
    for (const j of x.joins) l.joins.set(j.alias, j);
    for (const f of x.fb) if (!l.fb.includes(f)) l.fb.push(f);
    return { sql: `s.${name}`, nullable: x.nullable, need: index, ref: index, joins: [], fb: [] };
  }

  private get lastLayer(): number {
    return this.layers.length;
  }

  // ── Host: what expressions read ─────────────────────────────────────────────────────────────

  value(name: string): S {
    const known = this.valueCols.get(name);
    if (known) return known;
    const v = this.ir.values.find((x) => x.name === name);
    if (!v) return s("NULL", true);
    const col = this.column(expr(this, v.expr, {}), "v");
    this.valueCols.set(name, col);
    return col;
  }

  subject(field: SubjectFieldId): S {
    const SUBJECT: Record<SubjectFieldId, () => S> = {
      subject_kind: () => s("s.cp_kind", false, [], { ref: 0 }),
      public_credit_score: () => s("s.cp_pcs", true, [], { ref: 0 }),
      public_credit_date: () => s("s.cp_pcd", true, [], { ref: 0 }),
      public_credit_record_date: () => s("s.public_credit_date", true, [], { ref: 0 }),
      evaluation_day: () => s("p.asof", false),
      data_day: () => s("p.day", false),
      region: () => s("s.region", true, [], { ref: 0 }),
    };
    return SUBJECT[field]();
  }

  indicator(key: string): S {
    let col = this.indicators.get(key);
    if (!col) {
      col = `cp_x${this.indicators.size}`;
      this.indicators.set(key, col);
    }
    return s(`s.${col}`, true, [], { ref: 0 });
  }

  /**
   * A weighted model's total, with each item's value and contribution as columns, computed as
   * runtime/support.ts modelOutcome computes them: in exact micro-points (10⁻⁶), an indicator
   * weight × value / 100 (the value clamped to 0–100, missing: the model's `missing`), a deduction
   * or bonus `each` per unit up to `max`, the total clamped to [0, total].
   */
  model(name: string): S {
    const known = this.models.get(name);
    if (known) return known.total;
    const m = this.ir.models.find((x) => x.name === name);
    if (!m) return s("NULL", true);
    const d = this.d;
    const items = m.items.map((item) => {
      const x = expr(this, item.value, {});
      const numeric = ["count", "score", "number", "rank"].includes(itemType(this.ir, item.value));
      // A value as the evaluator sees it: numbers only (money or yes/no count as missing).
      const v = this.column(numeric ? s(`CAST(${x.sql} AS ${d.types.number})`, true, [x]) : s(`CAST(NULL AS ${d.types.number})`, true), "mv");
      // micro(v): v rounded half up at six decimals (Number.toFixed); a value whose product with
      // 10^6 lands within 10^-6 of a tie, or too large for exact integers, is left to the evaluator.
      const scaled = `(${v.sql} * 1000000.0)`;
      const awkward = `(${v.sql} IS NOT NULL AND (ABS(${v.sql}) >= 1000000 OR ABS(${scaled} - FLOOR(${scaled}) - 0.5) < 0.000001))`;
      const microV = `CAST(FLOOR(${scaled} + 0.5) AS BIGINT)`;
      let c: string;
      if (item.kind === "indicator") {
        const sub = `CASE WHEN ${v.sql} IS NULL THEN ${micro(m.missing)} WHEN ${microV} < 0 THEN 0 WHEN ${microV} > 100000000 THEN 100000000 ELSE ${microV} END`;
        c = d.intDiv(`${micro(item.weight ?? "0")} * (${sub})`, "100000000");
      } else {
        const n = `CASE WHEN ${v.sql} IS NULL THEN 0 ELSE ${microV} END`;
        let raw = d.intDiv(`${micro(item.each ?? "0")} * (${n})`, "1000000");
        if (item.max !== undefined) raw = `CASE WHEN ${raw} > ${micro(item.max)} THEN ${micro(item.max)} ELSE ${raw} END`;
        c = item.kind === "deduct" ? `(-(${raw}))` : raw;
      }
      const col = this.column(s(c, false, [v], { fb: [awkward] }), "mc");
      return { value: v.sql, contribution: col.sql, type: item.value.op === "lit" ? item.value.type : { t: "number" as const }, need: col.need };
    });
    const sum = items.length ? items.map((i) => i.contribution).join(" + ") : "0";
    const total = this.column(
      s(`CAST(CASE WHEN ${sum} < 0 THEN 0 WHEN ${sum} > ${micro(m.total)} THEN ${micro(m.total)} ELSE ${sum} END AS ${d.types.number}) / 1000000.0`, false, [], {
        need: Math.max(...items.map((i) => i.need), 0),
        ref: Math.max(...items.map((i) => i.need), 0),
      }),
      "mt",
    );
    this.models.set(name, { total, items: items.map((i) => ({ value: i.value, contribution: i.contribution, type: i.type })) });
    return total;
  }

  workdays(date: S, n: number): S {
    this.calendar = true;
    if (n < 0) {
      // The evaluator refuses to count working days backwards: that record is its error line.
      return s("CAST(NULL AS DATE)", true, [date], { fb: [`(${date.sql} IS NOT NULL)`] });
    }
    const a = this.fresh("cd");
    const b = this.fresh("cw");
    const from: Join = { alias: a, text: `LEFT JOIN cp_cal ${a} ON ${a}.day = ${date.sql}`, deps: ["cp_cal"], need: date.need, after: date.joins };
    const target = n === 0 ? `${a}.cum + CASE WHEN ${a}.work THEN 0 ELSE 1 END` : `${a}.cum + ${n}`;
    const to: Join = { alias: b, text: `LEFT JOIN cp_cal ${b} ON ${b}.work AND ${b}.cum = ${target}`, deps: ["cp_cal"], need: date.need, after: [from] };
    // A day outside the calendar, or a count past its end, is the evaluator's error (CP-R008).
    return s(`${b}.day`, true, [date], { joins: [from, to], fb: [`(${date.sql} IS NOT NULL AND ${b}.day IS NULL)`] });
  }

  private window(w: IRWindow): string {
    const key = `${w.amount} ${w.unit}`;
    let col = this.windows.get(key);
    if (!col) {
      col = `w${this.windows.size}`;
      this.windows.set(key, col);
    }
    return `p.${col}`;
  }

  aggregate(e: IRAggregate, cx: Cx): S {
    if (e.within && cx.el) {
      if (cx.el.set.id !== e.within) throw new SqlUnsupported(`an aggregate within ${e.within} read on ${cx.el.set.id}`, e.span);
      const level = cx.el.set.chain.findIndex((p) => p.id === e.within);
      return this.grouped(e, this.set(e.source, { from: level + 1, disregard: true }), e.within, cx);
    }
    const col = this.grouped(e, this.set(e.source, COUNTED), undefined, cx);
    return this.column(col, "a");
  }

  /** An aggregate as a column of a grouped CTE, and how its consumer reads it. */
  private grouped(e: IRAggregate, set: ElementSet, within: PartId | undefined, outer: Cx): S {
    if (e.fn === "sum" && e.of && !["money", "count"].includes(e.type.t)) throw new SqlUnsupported(`a sum of ${e.type.t} values (its rounding depends on the order of addition)`, e.span);
    const inner: Cx = { el: { set } };
    const parts: S[] = [];
    const cond: string[] = [];
    if (e.window) cond.push(`e.${set.date()} > ${this.window(e.window)}`);
    const where = e.where ? truth(expr(this, e.where, inner)) : undefined;
    const of = e.of ? expr(this, e.of, inner) : undefined;
    if (where) parts.push(where);
    if (of) parts.push(of);
    const predicate = AGGREGATES[e.fn].predicate === true;
    const inWindow = cond.length ? cond.join(" AND ") : "TRUE";
    const when = [...cond, ...(!predicate && where ? [where.sql] : [])].join(" AND ") || "TRUE";
    const FOLD: Record<AggFn, () => string> = {
      count: () => `COUNT(CASE WHEN ${when} THEN 1 END)`,
      exists: () => `MAX(CASE WHEN ${when} THEN 1 ELSE 0 END)`,
      every: () => `MIN(CASE WHEN ${inWindow} THEN ${where ? `CASE WHEN ${where.sql} THEN 1 ELSE 0 END` : "1"} END)`,
      sum: () => `SUM(CASE WHEN ${when} THEN ${of?.sql ?? "NULL"} END)`,
      max: () => `MAX(CASE WHEN ${when} THEN ${of?.sql ?? "NULL"} END)`,
    };
    const whole = s("", false, parts);
    const m = whole.need;
    const key = `${set.name}|${within ?? ""}|${m}`;
    let g = this.groups.get(key);
    if (!g) {
      const n = this.groups.size;
      g = { name: `cp_${within ? "w" : "g"}${n}`, alias: `${within ? "w" : "g"}${n}`, set, ...(within ? { within } : {}), m, cols: [], joins: new Map(), fb: [] };
      this.groups.set(key, g);
      this.ctes.push(this.groupCte(g));
    }
    for (const j of whole.joins) g.joins.set(j.alias, j);
    for (const f of whole.fb) if (!g.fb.includes(f)) g.fb.push(f);
    const c = `c${g.cols.length}`;
    g.cols.push(`${FOLD[e.fn]()} AS ${c}`);
    const init = INIT[e.fn](e.type, this.d);
    const read = e.fn === "exists" ? `(COALESCE(${g.alias}.${c}, 0) = 1)` : e.fn === "every" ? `(COALESCE(${g.alias}.${c}, 1) = 1)` : `COALESCE(${g.alias}.${c}, ${init})`;
    const keys = within ? set.keys.slice(0, set.chain.findIndex((p) => p.id === within) + 2) : ["subject"];
    const on = within
      ? keys.map((k) => `${g!.alias}.${ident(k)} = e.${ident(k)}`).join(" AND ")
      : `${g.alias}.subject = s.seq`;
    const join: Join = { alias: g.alias, text: `LEFT JOIN ${g.name} ${g.alias} ON ${on}`, deps: [g.name], need: g.m };
    const fb = g.fb.length ? [`COALESCE(${g.alias}.fb, 0) = 1`] : [];
    void outer;
    return s(read, e.fn === "max", [], { joins: [join], need: g.m, fb });
  }

  private groupCte(g: Group): Cte {
    return {
      name: g.name,
      deps: () => [g.set.name, "cp_p", ...(g.m >= 0 ? [`cp_s${g.m}`] : []), ...[...g.joins.values()].flatMap((j) => j.deps)],
      text: () => {
        const keys = g.within ? g.set.keys.slice(0, g.set.chain.findIndex((p) => p.id === g.within) + 2) : ["subject"];
        const keyCols = keys.map((k) => `e.${ident(k)}`);
        const fb = g.fb.length ? [`MAX(CASE WHEN ${g.fb.join(" OR ")} THEN 1 ELSE 0 END) AS fb`] : [];
        return (
          `SELECT ${[...keyCols, ...g.cols, ...fb].join(",\n    ")}\n  FROM ${g.set.name} e CROSS JOIN cp_p p` +
          (g.m >= 0 ? `\n  LEFT JOIN cp_s${g.m} s ON s.seq = e.subject` : "") +
          (g.joins.size ? "\n  " + orderJoins(g.joins.values()).map((j) => j.text).join("\n  ") : "") +
          `\n  GROUP BY ${keyCols.join(", ")}`
        );
      },
    };
  }

  // ── per-item rules ──────────────────────────────────────────────────────────────────────────

  itemRead(kind: "local" | "output", rule: string, name: string, cx: Cx): S {
    const r = this.ir.itemRules.find((x) => x.name === rule);
    if (!r || !cx.el) return s("NULL", true);
    if (cx.el.set.id !== r.part) throw new SqlUnsupported(`the per-item rule ${JSON.stringify(rule)} read on ${cx.el.set.id}`);
    const list = kind === "local" ? r.values : r.outputs;
    const i = list.findIndex((x) => x.name === name);
    const type = list[i]?.type;
    // Inside the rule's own row: what the evaluator has filled in so far, else none.
    if (cx.el.rule === rule) {
      const st = this.rules.get(rule) as RuleState;
      const phase = cx.el.phase ?? { locals: Infinity, outputs: Infinity };
      const ready = kind === "local" ? i < phase.locals : i < phase.outputs;
      const known = kind === "local" ? st.locals[i] : st.outputs[i];
      if (!ready || !known) return s("NULL", true);
      return known;
    }
    const st = this.rule(r);
    const keys = st.set.keys;
    const alias = `r${st.index}`;
    const join: Join = {
      alias,
      text: `LEFT JOIN ${st.cte} ${alias} ON ${keys.map((k) => `${alias}.${ident(k)} = e.${ident(k)}`).join(" AND ")}`,
      deps: [st.cte as string],
      need: st.m,
    };
    return s(`${alias}.${kind === "local" ? "l" : "o"}${i}`, type?.t !== "bool" || kind === "local", [], { joins: [join], need: st.m });
  }

  /** A per-item rule's CTE: every item on the data day (any status), its values and outputs. */
  private rule(r: IRItemRule): RuleState {
    let st = this.rules.get(r.name);
    if (st?.built) return st;
    if (st) throw new SqlUnsupported(`per-item rules that read each other in a circle (${r.name})`, r.span);
    st = { rule: r, index: this.rules.size, set: this.set(r.part, ITEMS), locals: [], outputs: [], built: false, m: -1 };
    this.rules.set(r.name, st);
    const set = st.set;
    const cols: string[] = [];
    const all: S[] = [];
    r.values.forEach((v, i) => {
      const x = expr(this, v.expr, { el: { set, rule: r.name, phase: { locals: i, outputs: 0 } } });
      st!.locals[i] = x;
      all.push(x);
      cols.push(`${x.sql} AS l${i}`);
    });
    const flags: string[] = [];
    r.outputs.forEach((o, i) => {
      const cx: Cx = { el: { set, rule: r.name, phase: { locals: Infinity, outputs: i } } };
      let x: S;
      if (o.condition.kind === "clause") x = expr(this, o.condition.expr, cx);
      else {
        const c = this.condition(o.condition, cx, false);
        c.clauses.forEach((k, j) => flags.push(`${k.held.sql} AS k${i}_${j}`));
        x = c.holds;
        all.push(...c.clauses.map((k) => k.held));
      }
      st!.outputs[i] = x;
      all.push(x);
      cols.push(`${x.sql} AS o${i}`);
    });
    const done: Cx = { el: { set, rule: r.name } };
    const cats = r.categories.map((c) => truth(this.condition(c.condition, done, false).holds));
    cats.forEach((c, i) => cols.push(`${c.sql} AS cat${i}`));
    all.push(...cats);
    const obs = r.obligations.map((o) => this.obligationParts(o, done));
    obs.forEach((o, i) => {
      cols.push(`${o.applies.sql} AS ob${i}`, `${o.due ? o.due.sql : "CAST(NULL AS DATE)"} AS due${i}`);
      all.push(o.applies, ...(o.due ? [o.due] : []));
    });
    cols.push(...flags);
    const whole = s("", false, all);
    st.m = whole.need;
    const idCol = set.date();
    const name = `cp_r${st.index}`;
    st.cte = name;
    this.ctes.push({
      name,
      deps: () => [set.name, "cp_p", ...(whole.ref >= 0 ? [`cp_s${whole.ref}`] : []), ...whole.joins.flatMap((j) => j.deps)],
      text: () =>
        `SELECT ${[...set.keys.map((k) => `e.${ident(k)}`), `e.${idCol} AS cp_date`, ...cols, `${whole.fb.length ? `(${whole.fb.join(" OR ")})` : "FALSE"} AS fb`].join(",\n    ")}` +
        `\n  FROM ${set.name} e CROSS JOIN cp_p p` +
        (whole.ref >= 0 ? `\n  LEFT JOIN cp_s${whole.ref} s ON s.seq = e.subject` : "") +
        (whole.joins.length ? "\n  " + orderJoins(whole.joins).map((j) => j.text).join("\n  ") : ""),
    });
    st.built = true;
    return st;
  }

  // ── conditions ──────────────────────────────────────────────────────────────────────────────

  /**
   * A condition: whether it holds, and each clause with whether it held and under how many
   * negations (a clause is reported when held ≠ negated), in clause order.
   */
  private condition(c: IRCondition, cx: Cx, negated: boolean): { holds: S; clauses: { clause: IRClause; held: S; negated: boolean }[] } {
    switch (c.kind) {
      case "clause": {
        const held = truth(expr(this, c.expr, cx));
        return { holds: held, clauses: [{ clause: c, held, negated }] };
      }
      case "not": {
        const inner = this.condition(c.item, cx, !negated);
        return { holds: s(`(NOT ${inner.holds.sql})`, false, [inner.holds]), clauses: inner.clauses };
      }
      case "any":
      case "all": {
        const items = c.items.map((i) => this.condition(i, cx, negated));
        if (items.length === 0) return { holds: s(c.kind === "all" ? "TRUE" : "FALSE", false), clauses: [] };
        const holds = s(`(${items.map((i) => i.holds.sql).join(c.kind === "any" ? " OR " : " AND ")})`, false, items.map((i) => i.holds));
        return { holds, clauses: items.flatMap((i) => i.clauses) };
      }
      default:
        return assertNever(c, "IR condition");
    }
  }

  /** A subject-level condition with its clause flags as layer columns. */
  private subjectCondition(c: IRCondition): { holds: string; clauses: { clause: IRClause; held: string; negated: boolean }[]; need: number } {
    const cond = this.condition(c, {}, false);
    const clauses = cond.clauses.map((k) => ({ clause: k.clause, held: this.column(k.held, "k").sql, negated: k.negated }));
    // Rebuild the combination over the clause columns, in the condition's shape.
    let i = 0;
    const combine = (x: IRCondition): string => {
      switch (x.kind) {
        case "clause":
          return (clauses[i++] as { held: string }).held;
        case "not":
          return `(NOT ${combine(x.item)})`;
        case "any":
        case "all":
          return x.items.length ? `(${x.items.map(combine).join(x.kind === "any" ? " OR " : " AND ")})` : x.kind === "all" ? "TRUE" : "FALSE";
        default:
          return assertNever(x, "IR condition");
      }
    };
    return { holds: combine(c), clauses, need: 0 };
  }

  // ── obligations ─────────────────────────────────────────────────────────────────────────────

  private obligationParts(o: IRObligation, cx: Cx): { applies: S; due?: S } {
    const set = (cx.el as { set: ElementSet }).set;
    const conds: S[] = [];
    if (o.window) conds.push(s(`(e.${set.date()} > ${this.window(o.window)})`, false));
    if (o.where) conds.push(truth(expr(this, o.where, cx)));
    const applies = conds.length ? s(`(${conds.map((c) => c.sql).join(" AND ")})`, false, conds) : s("TRUE", false);
    if (!o.due) return { applies };
    const due = expr(this, o.due, cx);
    // The evaluator computes the due day only where the obligation applies: so do its fallbacks.
    return { applies, due: { ...due, fb: due.fb.map((f) => `(${applies.sql} AND ${f})`) } };
  }

  /** An obligation's JSON object for an element, given its due day column. */
  private obligationJson(o: IRObligation, set: ElementSet, due: string, date: string, idCol: string, alias: string): string {
    const d = this.d;
    const head = JSON.stringify({ obligation: o.name, article: o.article, text: o.text, source: o.source }).slice(0, -1);
    return (
      `${str(head + ',"ref":')} || ${this.refJson(set, idCol, alias)} || ',"date":' || ` +
      `CASE WHEN ${date} IS NULL THEN 'null' ELSE '"' || ${d.dateText(date)} || '"' END || ',"due":' || ` +
      `CASE WHEN ${due} IS NULL THEN 'null' ELSE '"' || ${d.dateText(due)} || '"' END || ',"status":' || ` +
      `CASE WHEN ${due} < p.asof THEN '"overdue"' ELSE '"open"' END || '}'`
    );
  }

  /** An element's reference as JSON: its own id, else its JSON Pointer. */
  private refJson(set: ElementSet, idCol: string, alias: string): string {
    return `COALESCE(${this.d.jsonString(idCol)}, '"' || ${this.pointer(set, alias)} || '"')`;
  }

  private pointer(set: ElementSet, alias: string): string {
    return set.chain.map((p) => `'/${p.key}/' || CAST(${alias}.${ident(indexColumn(p.id))} AS ${this.d.types.text})`).join(" || ");
  }

  // ── JSON of values ──────────────────────────────────────────────────────────────────────────

  /** A value of an IR type as JSON text, as runtime/evaluate.ts jsonValue writes it; with the condition where that needs the evaluator. */
  valueJson(x: string, type: IRType): { sql: string; fb?: string } {
    const d = this.d;
    const orNull = (v: string) => `CASE WHEN ${x} IS NULL THEN 'null' ELSE ${v} END`;
    switch (type.t) {
      case "money":
        return { sql: orNull(`'"' || ${d.moneyText(x)} || '"'`) };
      case "count":
      case "rank":
        return { sql: orNull(`CAST(${x} AS ${d.types.text})`) };
      case "score":
      case "number":
        return { sql: orNull(d.numberText(x)), fb: `(${x} IS NOT NULL AND NOT ${plainNumber(x)})` };
      case "bool":
        return { sql: `CASE WHEN ${x} IS NULL THEN 'null' WHEN ${x} THEN 'true' ELSE 'false' END` };
      case "date":
        return { sql: orNull(`'"' || ${d.dateText(x)} || '"'`) };
      case "string":
      case "enum":
      case "duration":
      case "workdays":
        return { sql: orNull(d.jsonString(x)) };
      case "null":
        return { sql: "'null'" };
      default:
        return assertNever(type, "IR type");
    }
  }

  // ── the query ───────────────────────────────────────────────────────────────────────────────

  build(): string {
    const ir = this.ir;
    const d = this.d;
    const fbs: string[] = [];
    // Values are computed in order, as the evaluator computes them.
    for (const v of ir.values) this.value(v.name);
    // Per-item rules: every item is reported, so every rule's CTE exists.
    for (const r of ir.itemRules) this.rule(r);
    const grades = gradesByPrecedence(ir).map((g) => ({ g, c: this.subjectCondition(g.condition) }));
    const overrides = ir.overrides.map((o) => ({ o, held: this.column(truth(expr(this, o.expr, {})), "ov").sql }));
    const categories = ir.categories.map((c) => ({ c, held: this.column(truth(this.condition(c.condition, {}, false).holds), "cat").sql }));
    const obligations = ir.obligations.map((o, i) => this.subjectObligation(o, i));
    const last = this.lastLayer;

    const valueRead = (name: string) => {
      const col = this.valueCols.get(name);
      const { sql, fb } = this.valueJson(col ? col.sql : "NULL", this.valueTypes.get(name) ?? { t: "null" });
      if (fb) fbs.push(fb);
      return sql;
    };
    const valuesJson = (reads: readonly string[]) =>
      reads.length ? reads.map((n, i) => `${str((i ? "," : "") + JSON.stringify(n) + ":")} || ${valueRead(n)}`).join(" || ") : "''";

    // The grade: the first override that holds, else the strongest grade that holds, else the default.
    const arms = [...overrides.map(({ o, held }) => `WHEN ${held} THEN ${str(o.id)}`), ...grades.map(({ g, c }) => `WHEN ${c.holds} THEN ${str(g.id)}`)];
    const fallbackGrade = ir.default === null ? `CAST(NULL AS ${d.types.text})` : str(ir.default);
    const gradeCase = arms.length ? `CASE ${arms.join(" ")} ELSE ${fallbackGrade} END` : fallbackGrade;
    const matched: string[] = [];
    if (overrides.length) {
      matched.push(
        `CASE ${overrides
          .map(({ o, held }) => `WHEN ${held} THEN ${str(`,${JSON.stringify({ grade: o.id, article: o.article, text: o.text }).slice(0, -1)},"values":{`)} || ${valuesJson(o.reads)} || '},"override":true}'`)
          .join(" ")} ELSE '' END`,
      );
    }
    for (const { g, c } of grades) {
      for (const k of c.clauses) {
        const head = JSON.stringify({ grade: g.id, article: k.clause.article, text: k.clause.text }).slice(0, -1);
        const reported = k.negated ? `NOT ${k.held}` : k.held;
        matched.push(`CASE WHEN ${c.holds} AND ${reported} THEN ${str(`,${head},"values":{`)} || ${valuesJson(k.clause.reads)} || ${str(`}${k.negated ? ',"negated":true' : ""}}`)} ELSE '' END`);
      }
    }
    const gradeIdsWithInfo = [...ir.grades.map((g) => g.id), ...ir.categories.map((c) => c.id)];
    const listOf = (id: string, what: "measures" | "notifications") => {
      if (!gradeIdsWithInfo.includes(id)) return [];
      return what === "measures" ? measuresOf(ir, id) : noticesOf(ir, id);
    };
    const byGrade = (what: "measures" | "notifications") => {
      const arms = [...new Set(gradeIdsWithInfo)]
        .map((id) => ({ id, items: listOf(id, what) }))
        .filter((x) => x.items.length)
        .map((x) => `WHEN ${str(x.id)} THEN ${json(x.items).replace(/^'\[/, "',").replace(/\]'$/, "'")}`);
      return arms.length ? [`CASE o.grade ${arms.join(" ")} ELSE '' END`] : [];
    };
    const byCategory = (what: "measures" | "notifications") =>
      categories
        .map(({ c }, i) => ({ i, items: listOf(c.id, what) }))
        .filter((x) => x.items.length)
        .map((x) => `CASE WHEN o.cat_${x.i} THEN ${json(x.items).replace(/^'\[/, "',").replace(/\]'$/, "'")} ELSE '' END`);
    const policyJson = JSON.stringify(this.opts.ref);
    const labels = ir.grades.map((g) => `WHEN ${str(g.id)} THEN ${json(g.label)}`);

    // Whether any clause is reported: most subjects have none, and skip building `matched`.
    const anyMatched = [
      ...overrides.map(({ held }) => held),
      ...grades.flatMap(({ c }) => c.clauses.map((k) => `(${c.holds} AND ${k.negated ? `NOT ${k.held}` : k.held})`)),
    ];
    const outCols = [
      "s.*",
      `${gradeCase} AS grade`,
      ...categories.map(({ held }, i) => `${held} AS cat_${i}`),
      `${anyMatched.length ? `(${anyMatched.join(" OR ")})` : "FALSE"} AS any_matched`,
      `${anyMatched.length ? `CASE WHEN ${anyMatched.join(" OR ")} THEN ${joinPieces(matched)} ELSE '' END` : "''"} AS matched`,
      `${d.jsonString("s.id")} AS id_json`,
    ];
    const measuresAndNotices = (what: "measures" | "notifications") => joinPieces([...byGrade(what), ...byCategory(what)]);
    // The grade, its label and the opening of `matched`: one text per grade, written once.
    const gradeHead = caseOf(
      "o.grade",
      gradeIds(ir).map((g) => `WHEN ${str(g)} THEN ${str(`${JSON.stringify(g)},"label":${JSON.stringify(ir.grades.find((x) => x.id === g)?.label ?? null)},"matched":[`)}`),
      `'null,"label":null,"matched":['`,
    );
    const line: string[] = [
      `'{"id":' || o.id_json || p.head || ${gradeHead}`,
      `o.matched || '],"measures":[' || ${measuresAndNotices("measures")} || '],"notifications":[' || ${measuresAndNotices("notifications")} || ']'`,
    ];
    // A subject with no grade, no rule that held and nothing else to list: one constant tail.
    const emptyTail = [
      `'null,"label":null,"matched":[],"measures":[],"notifications":[]'`,
      ...(ir.categories.length ? [`',"categories":[]'`] : []),
      ...(ir.obligations.length ? [`',"obligations":[]'`] : []),
      ...(ir.snapshot ? [`',"data_as_of":"' || ${d.dateText("b.day")} || '"'`] : []),
      ...(ir.itemRules.length ? [`',"items":[]'`] : []),
      `'}'`,
    ].join(" || ");
    const quiet = ir.models.length
      ? null
      : [
          "o.grade IS NULL",
          "NOT o.any_matched",
          ...categories.map((_, i) => `NOT o.cat_${i}`),
          ...(ir.obligations.length ? ["ob.j IS NULL"] : []),
          ...(ir.itemRules.length ? ["it.j IS NULL"] : []),
        ].join(" AND ");
    this.headText = `',"as_of":"' || ${d.dateText("b.asof")} || '","policy":' || ${str(policyJson)} || ',"grade":'`;
    this.emptyText = `${this.headText} || ${emptyTail}`;
    if (ir.categories.length) {
      line.push(`',"categories":[' || ${joinPieces(categories.map(({ c }, i) => `CASE WHEN o.cat_${i} THEN ${str("," + JSON.stringify({ id: c.id, label: c.label, article: c.article, text: c.text }))} ELSE '' END`))} || ']'`);
    }
    if (ir.models.length) {
      for (const name of this.modelOrder) this.model(name);
      const scores = this.modelOrder.map((name, k) => {
        const m = this.models.get(name) as { total: S; items: { value: string; contribution: string }[] };
        const def = this.ir.models.find((x) => x.name === name) as IRPolicy["models"][number];
        const num = (x: string) => {
          const v = this.valueJson(x, { t: "number" });
          if (v.fb) fbs.push(v.fb);
          // The line is written from cp_out (alias o), which carries every layer's columns.
          return v.sql.replace(/\bs\./g, "o.");
        };
        const items = def.items.map(
          (item, i) =>
            `${str(`${i ? "," : ""}${JSON.stringify({ kind: item.kind, name: item.name }).slice(0, -1)},"value":`)} || ${num((m.items[i] as { value: string }).value)} || ',"contribution":' || ${num(`(CAST(${(m.items[i] as { contribution: string }).contribution} AS ${d.types.number}) / 1000000.0)`)} || '}'`,
        );
        return `${str(`${k ? "," : ""}{"model":${JSON.stringify(name)},"total":`)} || ${num(m.total.sql)} || ',"items":[' || ${items.length ? items.join(" || ") : "''"} || ']}'`;
      });
      line.push(`',"scores":[' || ${scores.length ? scores.join(" || ") : "''"} || ']'`);
    }
    if (ir.obligations.length) line.push(`',"obligations":[' || COALESCE(ob.j, '') || ']'`);
    if (ir.snapshot) line.push(`',"data_as_of":"' || p.day_text || '"'`);
    if (ir.itemRules.length) line.push(`',"items":[' || COALESCE(it.j, '') || ']'`);

    const extraJoins: string[] = [];
    const extraFb: string[] = [];
    if (obligations.length) {
      this.ctes.push(this.collect("cp_obs", obligations.map((o) => ({ cte: o.cte, set: o.set }))));
      extraJoins.push("LEFT JOIN cp_obs ob ON ob.subject = o.seq");
      if (obligations.some((o) => o.fb)) extraFb.push("COALESCE(ob.fb, 0) = 1");
    }
    if (ir.itemRules.length) {
      const items = ir.itemRules.map((r) => this.itemJson(this.rule(r)));
      this.ctes.push(this.collect("cp_items", items));
      extraJoins.push("LEFT JOIN cp_items it ON it.subject = o.seq");
      extraFb.push("COALESCE(it.fb, 0) = 1");
    }
    const declared = this.declaredChecks();
    if (declared) {
      extraJoins.push("LEFT JOIN cp_decl dc ON dc.subject = o.seq");
      extraFb.push("dc.subject IS NOT NULL");
    }
    const layerFb = Array.from({ length: last + 1 }, (_, i) => (i === 0 ? null : `o.fb${i}`)).filter((x): x is string => x !== null);
    const fallback = [...layerFb, ...extraFb, ...fbs.map((f) => f.replace(/\bs\./g, "o."))];
    this.ctes.push({
      name: "cp_out",
      deps: () => [`cp_s${last}`, "cp_p"],
      text: () => `SELECT ${outCols.join(",\n    ")}\n  FROM cp_s${last} s CROSS JOIN cp_p p`,
    });
    this.ctes.push(...this.helpers.ctes);
    const head = this.headCtes();
    const body = orderCtes([...head, ...this.ctes]);
    const withs = body.map((c) => `${c.name} AS (\n  ${c.text()}\n)`).join(",\n");
    return (
      `-- Policy ${commentText(JSON.stringify(ir.id))} version ${commentText(JSON.stringify(String(ir.meta["version"] ?? "")))}, SQL dialect ${d.id}.\n` +
      `-- Parameter ${d.param}: the day to grade as of (YYYY-MM-DD). Columns: ${RESULT_COLUMNS.join(", ")}.\n` +
      `WITH ${withs}\n` +
      `SELECT o.seq, o.id, o.grade,\n  ${quiet ? `CASE WHEN ${quiet} THEN '{"id":' || o.id_json || p.empty ELSE ` : ""}${line.join(" ||\n  ")} || '}'${quiet ? " END" : ""} AS line,\n` +
      `  (${fallback.length ? fallback.map((f) => `COALESCE(${f}, FALSE)`).join(" OR ") : "FALSE"}) AS fallback\n` +
      `FROM cp_out o CROSS JOIN cp_p p${extraJoins.length ? "\n" + extraJoins.join("\n") : ""}${declared ? "" : ""}\nORDER BY o.seq`
    );
  }

  /** The subject's obligations of one kind: a row per element it applies to, with its JSON. */
  private subjectObligation(o: IRObligation, index: number): { cte: string; set: ElementSet; fb: boolean } {
    const set = this.set(o.source, COUNTED);
    const cx: Cx = { el: { set } };
    const parts = this.obligationParts(o, cx);
    const date = set.date();
    const idCol = set.field({ def: ID_FIELD });
    const all = s("", false, [parts.applies, ...(parts.due ? [parts.due] : [])]);
    const name = `cp_ob${index}`;
    const fb = all.fb.length > 0;
    const keys = set.keys.map((k) => ident(k));
    this.ctes.push({
      name,
      deps: () => [set.name, "cp_p", ...(all.ref >= 0 ? [`cp_s${all.ref}`] : []), ...all.joins.flatMap((j) => j.deps)],
      text: () =>
        `SELECT ${[...keys.map((k) => `x.${k}`), `${this.obligationJson(o, set, "x.cp_due", "x.cp_date", "x.cp_id", "x")} AS j`, "x.fb"].join(",\n    ")}\n  FROM (` +
        `SELECT ${[...keys.map((k) => `e.${k}`), `e.${date} AS cp_date`, `e.${idCol} AS cp_id`, `${parts.due ? parts.due.sql : "CAST(NULL AS DATE)"} AS cp_due`, `${fb ? `(${all.fb.join(" OR ")})` : "FALSE"} AS fb`].join(", ")}` +
        `\n    FROM ${set.name} e CROSS JOIN cp_p p` +
        (all.ref >= 0 ? `\n    LEFT JOIN cp_s${all.ref} s ON s.seq = e.subject` : "") +
        (all.joins.length ? "\n    " + orderJoins(all.joins).map((j) => j.text).join("\n    ") : "") +
        `\n    WHERE ${parts.applies.sql}) x CROSS JOIN cp_p p`,
    });
    return { cte: name, set, fb };
  }

  /** A per-item rule's items as JSON, one row per item. */
  private itemJson(st: RuleState): { cte: string; set: ElementSet } {
    const r = st.rule;
    const set = st.set;
    const idCol = set.field({ def: ID_FIELD });
    const name = `cp_rj${st.index}`;
    const fbs: string[] = [];
    const outputs = r.outputs.map((o, i) => {
      const v = this.valueJson(`x.o${i}`, o.type);
      if (v.fb) fbs.push(v.fb);
      return `${str((i ? "," : "") + JSON.stringify(o.name) + ":")} || ${v.sql}`;
    });
    const matched: string[] = [];
    r.outputs.forEach((o, i) => {
      if (o.condition.kind === "clause") {
        const c = o.condition;
        const holds = o.type.t === "bool" ? `COALESCE(x.o${i}, FALSE)` : `x.o${i} IS NOT NULL`;
        matched.push(`CASE WHEN ${holds} THEN ${json({ output: o.name, article: c.article, text: c.text }).replace(/^'/, "',")} ELSE '' END`);
      } else {
        clausesOf(o.condition).forEach((c, j) => {
          // A block explains its output only when it holds, by each clause that held (under its negations).
          const negated = this.negatedAt(o.condition, j);
          matched.push(`CASE WHEN x.o${i} AND ${negated ? "NOT " : ""}x.k${i}_${j} THEN ${json({ output: o.name, article: c.article, text: c.text }).replace(/^'/, "',")} ELSE '' END`);
        });
      }
    });
    const pieces = [
      `${str(JSON.stringify({ rule: r.name, part: r.part }).slice(0, -1) + ',"ref":')} || ${this.refJson(set, `e.${idCol}`, "e")}`,
      `',"pointer":"' || ${this.pointer(set, "e")} || '","outputs":{' || ${outputs.length ? outputs.join(" || ") : "''"} || '},"matched":[' || ${joinPieces(matched)} || ']'`,
    ];
    if (r.categories.length) {
      const cats = r.categories.map((c, i) => `CASE WHEN x.cat${i} THEN ${json({ id: c.id, label: c.label, article: c.article, text: c.text }).replace(/^'/, "',")} ELSE '' END`);
      pieces.push(`',"categories":[' || ${joinPieces(cats)} || ']'`);
    }
    if (r.measures.length) {
      const ms = r.categories
        .map((c, i) => ({ i, items: itemMeasures(r, c) }))
        .filter((x) => x.items.length)
        .map((x) => `CASE WHEN x.cat${x.i} THEN ${json(x.items).replace(/^'\[/, "',").replace(/\]'$/, "'")} ELSE '' END`);
      pieces.push(`',"measures":[' || ${joinPieces(ms)} || ']'`);
    }
    if (r.obligations.length) {
      const obs = r.obligations.map((o, i) => `CASE WHEN x.ob${i} THEN ',' || ${this.obligationJson(o, set, `x.due${i}`, "x.cp_date", `e.${idCol}`, "e")} ELSE '' END`);
      pieces.push(`',"obligations":[' || ${joinPieces(obs)} || ']'`);
    }
    const keys = set.keys.map((k) => ident(k));
    this.ctes.push({
      name,
      deps: () => [st.cte as string, set.name, "cp_p"],
      text: () =>
        `SELECT ${[...keys.map((k) => `x.${k}`), `${pieces.join(" || ")} || '}' AS j`, `(x.fb${fbs.length ? ` OR ${fbs.join(" OR ")}` : ""}) AS fb`].join(",\n    ")}` +
        `\n  FROM ${st.cte} x JOIN ${set.name} e ON ${keys.map((k) => `e.${k} = x.${k}`).join(" AND ")} CROSS JOIN cp_p p`,
    });
    return { cte: name, set };
  }

  /** Whether the j-th clause of a condition sits under an odd number of negations. */
  private negatedAt(c: IRCondition, j: number): boolean {
    const flags: boolean[] = [];
    const walk = (x: IRCondition, neg: boolean): void => {
      switch (x.kind) {
        case "clause":
          flags.push(neg);
          return;
        case "not":
          return walk(x.item, !neg);
        case "any":
        case "all":
          for (const i of x.items) walk(i, neg);
          return;
        default:
          return assertNever(x, "IR condition");
      }
    };
    walk(c, false);
    return flags[j] ?? false;
  }

  /** Rows of several per-element CTEs as one JSON array per subject, in CTE order then element order. */
  private collect(name: string, parts: { cte: string; set: ElementSet }[]): Cte {
    const depth = Math.max(...parts.map((p) => p.set.chain.length));
    return {
      name,
      deps: () => parts.map((p) => p.cte),
      text: () => {
        const rows = parts.map((p, i) => {
          const ks = p.set.chain.map((c) => ident(indexColumn(c.id)));
          const padded = Array.from({ length: depth }, (_, k) => (ks[k] ? `${ks[k]} AS k${k}` : `0 AS k${k}`));
          return `SELECT subject, ${i} AS kind, ${padded.join(", ")}, j, CASE WHEN fb THEN 1 ELSE 0 END AS fb FROM ${p.cte}`;
        });
        const order = ["kind", ...Array.from({ length: depth }, (_, k) => `k${k}`)].join(", ");
        return `SELECT subject, ${this.d.orderedConcat("j", "','", order)} AS j, MAX(fb) AS fb\n  FROM (${rows.join("\n    UNION ALL ")}) u\n  GROUP BY subject`;
      },
    };
  }

  /** Records whose declared fields the evaluator would refuse (a value of another type): graded by it. */
  private declaredChecks(): boolean {
    const ir = this.ir;
    if (!ir.fields.length) return false;
    const d = this.d;
    const selects = ir.fields.map((f) => {
      const t = `t`;
      const key = str(f.name);
      const type = d.jsonType(`${t}.extra`, key);
      const ok: Record<string, string> = {
        string: `${type} = 'string'`,
        bool: `${type} = 'boolean'`,
        score: `${type} = 'number'`,
        number: `${type} = 'number'`,
      };
      const bad = `${type} IS NOT NULL AND ${type} <> 'null' AND NOT (${ok[f.type.t] ?? "FALSE"})`;
      return `SELECT DISTINCT ${t}.subject FROM ${ident(f.part)} ${t} WHERE ${t}.extra IS NOT NULL AND ${bad}`;
    });
    this.ctes.push({ name: "cp_decl", deps: () => [], text: () => `SELECT DISTINCT subject FROM (${selects.join("\n    UNION ALL ")}) u` });
    return true;
  }

  /** cp_p (the days), cp_cal (working days) and cp_s0 (the subjects with what every expression may read). */
  private headCtes(): Cte[] {
    const d = this.d;
    const ir = this.ir;
    const snap = ir.snapshot;
    const dayExpr = snap
      ? `CASE WHEN ${d.makeDate(d.year("a.asof"), snap.month, snap.day)} <= a.asof THEN ${d.makeDate(d.year("a.asof"), snap.month, snap.day)} ELSE ${d.makeDate(`${d.year("a.asof")} - 1`, snap.month, snap.day)} END`
      : "a.asof";
    const windows = [...this.windows.entries()].map(([key, col]) => {
      const [n, unit] = key.split(" ") as [string, IRWindow["unit"]];
      const moved = unit === "day" ? d.addDays("b.day", -Number(n)) : d.addMonths("b.day", -(unit === "year" ? 12 : 1) * Number(n));
      return `${moved} AS ${col}`;
    });
    const head: Cte[] = [
      {
        name: "cp_p",
        deps: () => [],
        text: () =>
          `SELECT b.asof, b.day, ${d.dateText("b.day")} AS day_text, ${this.headText} AS head, ${this.emptyText} AS empty${windows.length ? ", " + windows.join(", ") : ""}\n` +
          `  FROM (SELECT a.asof, ${dayExpr} AS day FROM (SELECT CAST(${d.param} AS DATE) AS asof) a) b`,
      },
    ];
    if (this.calendar) {
      const days = calendarDays();
      head.push({
        name: "cp_cal",
        deps: () => [],
        text: () => `SELECT CAST(day AS DATE) AS day, work, cum FROM (VALUES\n    ${days.map((x) => `('${x.day}', ${x.work ? "TRUE" : "FALSE"}, ${x.cum})`).join(",\n    ")}) cp_days(day, work, cum)`,
      });
    }
    const ind = [...this.indicators.entries()];
    if (ind.length) {
      head.push({
        name: "cp_ind",
        deps: () => [],
        text: () =>
          `SELECT subject, ${ind.map(([k, c]) => `MAX(CASE WHEN "key" = ${str(k)} AND "value" BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308 THEN "value" END) AS ${c}`).join(", ")} FROM indicators GROUP BY subject`,
      });
    }
    head.push({
      name: "cp_s0",
      deps: () => ["cp_p", ...(ind.length ? ["cp_ind"] : [])],
      text: () =>
        `SELECT t.*, COALESCE(t.kind, 'legal_person') AS cp_kind,\n` +
        `    CASE WHEN t.public_credit_date > p.day THEN NULL ELSE t.public_credit_score END AS cp_pcs,\n` +
        `    CASE WHEN t.public_credit_date > p.day THEN NULL ELSE t.public_credit_date END AS cp_pcd` +
        `${ind.map(([, c]) => `,\n    x.${c}`).join("")}\n  FROM subjects t CROSS JOIN cp_p p${ind.length ? "\n  LEFT JOIN cp_ind x ON x.subject = t.seq" : ""}`,
    });
    return head;
  }
}

/** A decimal string of points as integer micro-points (10⁻⁶), as runtime/support.ts micro reads it. */
function micro(d: string): string {
  const neg = d.startsWith("-");
  const [int = "0", frac = ""] = (neg ? d.slice(1) : d).split(".");
  if (!/^\d+$/.test(int) || !/^\d*$/.test(frac)) throw new SqlUnsupported(`the number of points ${JSON.stringify(d)}`);
  const v = BigInt(int) * 1000000n + BigInt((frac + "000000").slice(0, 6));
  return String(neg ? -v : v);
}

/** The IR type of a model item's value, for whether the evaluator sees a number. */
function itemType(ir: IRPolicy, e: IRExpr): string {
  if (e.op === "indicator") return "number";
  if (e.op === "agg" || e.op === "value" || e.op === "lit" || e.op === "param" || e.op === "add" || e.op === "sub" || e.op === "local" || e.op === "output" || e.op === "call") {
    return e.op === "value" ? (ir.values.find((v) => v.name === e.name)?.type.t ?? "null") : "type" in e ? e.type.t : "null";
  }
  if (e.op === "subject" || e.op === "field") return e.type.t;
  if (e.op === "model") return "score";
  return "bool";
}

/**
 * The models in the order the evaluator first computes them (values in order, grades strongest
 * first, overrides, categories), which is the order of a result's `scores`. A model the evaluator
 * would compute only sometimes first (after an `and` or `or` decided, for some elements, inside an
 * obligation or per-item rule) would make `scores` depend on the record: not translated.
 */
function modelOrder(ir: IRPolicy): string[] {
  const order: string[] = [];
  const visit = (e: IRExpr | undefined, conditional: boolean): void => {
    if (!e) return;
    switch (e.op) {
      case "model": {
        if (order.includes(e.model)) return;
        if (conditional) throw new SqlUnsupported(`the score model ${JSON.stringify(e.model)} first read where the evaluator does not always compute it`, e.span);
        for (const item of ir.models.find((m) => m.name === e.model)?.items ?? []) visit(item.value, false);
        order.push(e.model);
        return;
      }
      case "and":
      case "or":
        e.args.forEach((a, i) => visit(a, conditional || i > 0));
        return;
      case "agg":
        visit(e.of, true);
        visit(e.where, true);
        return;
      default:
        for (const c of irChildren(e, undefined)) visit(c.expr, conditional);
    }
  };
  for (const v of ir.values) visit(v.expr, false);
  for (const g of gradesByPrecedence(ir)) for (const c of clausesOf(g.condition)) visit(c.expr, false);
  ir.overrides.forEach((o, i) => visit(o.expr, i > 0));
  for (const c of ir.categories) for (const k of clausesOf(c.condition)) visit(k.expr, false);
  for (const o of ir.obligations) {
    visit(o.where, true);
    visit(o.due, true);
  }
  for (const r of ir.itemRules) {
    for (const e of policyExprs({ ...ir, itemRules: [r], values: [], grades: [], overrides: [], categories: [], models: [], bands: [], obligations: [] })) visit(e.expr, true);
  }
  return order;
}

/** CASE x WHEN … END, or just the default when there is no arm. */
function caseOf(subject: string, arms: readonly string[], otherwise: string): string {
  return arms.length ? `CASE ${subject} ${arms.join(" ")} ELSE ${otherwise} END` : otherwise;
}

function itemMeasures(r: IRItemRule, c: IRCategory): MeasureOut[] {
  const out: MeasureOut[] = [];
  const flatten = (items: IRItemRule["measures"][number]["items"], kind: string | undefined) => {
    for (const item of items) {
      out.push({ article: item.article, text: item.text, grade: c.id, ...(kind ? { kind } : {}), ...(Object.keys(item.tags).length ? { tags: item.tags } : {}) });
      flatten(item.items, kind);
    }
  };
  for (const g of r.measures.filter((m) => m.grade === c.id)) flatten(g.items, g.kind);
  return out;
}

/** The policy as one SQL query in a dialect (throws SqlUnsupported naming what it cannot translate). */
export function compileSqlQuery(ir: IRPolicy, opts: SqlQueryOptions): string {
  return new SqlQuery(ir, opts).build();
}
