// A policy's IR as solver terms over a symbolic record (record-model.ts), with exactly the meaning
// runtime/evaluator.ts gives it: windows by the calendar (record/dates.ts windowStart on the data
// day), a violation's class as its most severe penalty, disregarded statuses read on the day,
// money in fen, the boundary words as the comparisons lowering made of them, bands (lowered to
// grades), overrides first, then precedence, then the default; categories; per-item rules' values
// and outputs for the items a grade reads them on; parameters at their values; weighted models in
// the support module's micro-point arithmetic. What is not encoded is listed in `unsupported` with
// its place, never approximated: obligations (they give no grade), a date moved by months or working
// days compared with anything but a fixed day, orderings of text.
import { dayNumber, windowStart } from "../../record/dates.js";
import { ENUMS, PARTS, type EnumId, type FieldDef, type PartId } from "../../record/registry.js";
import { snapshotDay } from "../../runtime/evaluator.js";
import { assertNever } from "../../diagnostics/never.js";
import type { Span } from "../../diagnostics/span.js";
import type { IRAggregate, IRClause, IRCondition, IRExpr, IRGrade, IRModel, IRPolicy, IRType, IRCategory } from "../../compiler/ir.js";
import { gradesByPrecedence, overrideClauses, policyLeaves, type LeafRef } from "./leaves.js";
import { STATUS_CODES, type Slot, type SymRecord } from "./record-model.js";
import type { Bx, Ix, Terms } from "./terms.js";
import { NULL_VAL, Unsupported, ValueOps, dateConst, type SVal } from "./values.js";

export type Leaf = LeafRef;

export interface UnsupportedUse {
  what: string;
  span?: Span;
}

/** What a policy decides, as terms: leaves' truth, each outcome (grade id or null), each category. */
export interface Decision {
  outcome: Map<string | null, Bx>;
  categories: Map<string, Bx>;
  /** Each grade's condition. */
  grades: Map<string, Bx>;
  overrides: Bx[];
}

const MICRO = 1_000_000n;

function decimalToScaled(s: string, scale: bigint): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const digits = scale.toString().length - 1;
  const frac = m[3] ?? "";
  if (frac.replace(/0+$/, "").length > digits) return undefined;
  const v = BigInt(m[2] as string) * scale + BigInt((frac + "0".repeat(digits)).slice(0, digits) || "0");
  return m[1] ? -v : v;
}

export class PolicyEncoding {
  readonly dataDay: string;
  readonly leaves: Leaf[] = [];
  readonly leafOf = new Map<IRClause, Leaf>();
  readonly unsupported: UnsupportedUse[] = [];
  /** Grades in precedence order (strongest first), as the evaluator sorts them. */
  readonly sortedGrades: IRGrade[];
  readonly overrideClauses: IRClause[];
  private readonly values = new Map<string, SVal | Unsupported>();
  private readonly memo = new Map<IRExpr, Map<Slot | undefined, SVal>>();
  private readonly leafTerms = new Map<Leaf, Bx>();
  readonly ops: ValueOps;
  private readonly dataDayN: number;
  private readonly disregarded: number[];

  constructor(
    readonly t: Terms,
    readonly rec: SymRecord,
    readonly ir: IRPolicy,
    readonly evaluationDay: string,
  ) {
    this.dataDay = snapshotDay(evaluationDay, ir.snapshot);
    this.dataDayN = dayNumber(this.dataDay);
    this.ops = new ValueOps(t, rec.opts.days);
    this.disregarded = (ir.disregard?.statuses ?? []).map((s) => STATUS_CODES.indexOf(s as (typeof STATUS_CODES)[number])).filter((c) => c >= 0);
    this.sortedGrades = gradesByPrecedence(ir);
    this.overrideClauses = overrideClauses(ir);
    for (const l of policyLeaves(ir, this.overrideClauses)) {
      this.leaves.push(l);
      this.leafOf.set(l.clause, l);
    }
    for (const v of ir.values) {
      try {
        this.values.set(v.name, this.expr(v.expr));
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        this.values.set(v.name, e);
      }
    }
  }

  /** Whether a leaf holds (its expression is `true`); an unsupported one is a free variable, and listed. */
  leaf(l: Leaf): Bx {
    let x = this.leafTerms.get(l);
    if (x === undefined) {
      try {
        x = this.ops.isTrue(this.expr(l.clause.expr));
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        this.unsupported.push({ what: e.what, ...(e.span ?? l.clause.span ? { span: (e.span ?? l.clause.span) as Span } : {}) });
        x = this.t.z.Bool.const(`unsupported.${l.index}`);
      }
      this.leafTerms.set(l, x);
    }
    return x;
  }

  /** A condition over leaves; `value` gives each leaf's term (the leaf itself, or flipped). */
  condition(c: IRCondition, value: (l: Leaf) => Bx): Bx {
    switch (c.kind) {
      case "clause": {
        const l = this.leafOf.get(c);
        return l ? value(l) : this.ops.isTrue(this.expr(c.expr));
      }
      case "not":
        return this.t.not(this.condition(c.item, value));
      case "any":
        return this.t.or(...c.items.map((i) => this.condition(i, value)));
      case "all":
        return this.t.and(...c.items.map((i) => this.condition(i, value)));
      default:
        return assertNever(c, "IR condition");
    }
  }

  /** What the policy decides, with each leaf's value from `value` (default: the leaf as it is). */
  decide(value: (l: Leaf) => Bx = (l) => this.leaf(l)): Decision {
    const t = this.t;
    const outcome = new Map<string | null, Bx>();
    const add = (id: string | null, x: Bx) => outcome.set(id, t.or(outcome.get(id) ?? false, x));
    const overrides = this.overrideClauses.map((c) => value(this.leafOf.get(c) as Leaf));
    let before: Bx = false;
    this.ir.overrides.forEach((o, i) => {
      const holds = overrides[i] as Bx;
      add(o.id, t.and(holds, t.not(before)));
      before = t.or(before, holds);
    });
    const noOverride = t.not(before);
    const grades = new Map<string, Bx>();
    let earlier: Bx = false;
    for (const g of this.sortedGrades) {
      const holds = this.condition(g.condition, value);
      grades.set(g.id, holds);
      add(g.id, t.and(noOverride, holds, t.not(earlier)));
      earlier = t.or(earlier, holds);
    }
    add(this.ir.default, t.and(noOverride, t.not(earlier)));
    for (const g of this.ir.grades) if (!outcome.has(g.id)) outcome.set(g.id, false);
    const categories = new Map<string, Bx>();
    for (const c of this.ir.categories) categories.set(c.id, this.condition(c.condition, value));
    return { outcome, categories, grades, overrides };
  }

  category(c: IRCategory): Bx {
    return this.condition(c.condition, (l) => this.leaf(l));
  }

  // --- expressions -------------------------------------------------------------------------------

  expr(e: IRExpr, el?: Slot): SVal {
    let byEl = this.memo.get(e);
    if (!byEl) this.memo.set(e, (byEl = new Map()));
    let v = byEl.get(el);
    if (!v) {
      v = this.compute(e, el);
      byEl.set(el, v);
    }
    return v;
  }

  private literal(type: IRType, value: string | boolean | null, span?: Span): SVal {
    if (value === null) return NULL_VAL;
    switch (type.t) {
      case "money":
        return { k: "num", t: "money", v: BigInt(value as string), nul: false, scale: 1n };
      case "count":
      case "score":
      case "number": {
        const scale = type.t === "count" && /^\d+$/.test(String(value)) ? 1n : this.rec.opts.scale;
        const v = decimalToScaled(String(value), scale);
        if (v === undefined) throw new Unsupported(`the number ${String(value)} at more decimals than the encoding's precision`, span);
        return { k: "num", t: type.t, v, nul: false, scale };
      }
      case "rank":
        return { k: "num", t: "rank", v: BigInt(this.ir.severity[value as string] ?? 0), nul: false, scale: 1n };
      case "date":
        return dateConst(value as string);
      case "bool":
        return { k: "bool", v: value === true, nul: false };
      case "enum": {
        const i = ENUMS[type.enum].values.findIndex((x) => x.id === value);
        return { k: "code", dom: type.enum, v: BigInt(i < 0 ? 1_000_000 : i), nul: false };
      }
      case "string":
        return { k: "code", dom: "string", v: BigInt(this.rec.opts.strings.code(String(value))), nul: false };
      case "duration":
      case "workdays":
        return { k: "dur", s: String(value) };
      case "null":
        return NULL_VAL;
      default:
        return assertNever(type, "IR type");
    }
  }

  private compute(e: IRExpr, el: Slot | undefined): SVal {
    const t = this.t;
    const ops = this.ops;
    switch (e.op) {
      case "lit":
        return this.literal(e.type, e.value, e.span);
      case "value": {
        const v = this.values.get(e.name);
        if (v instanceof Unsupported) throw v;
        if (!v) throw new Unsupported(`the value ${e.name} before its definition`, e.span);
        return v;
      }
      case "param": {
        const p = this.ir.params.find((x) => x.name === e.name);
        return p ? this.literal(p.type, p.value, e.span) : NULL_VAL;
      }
      case "field":
        if (!el) return NULL_VAL;
        return this.field(el, e.field, e.span);
      case "subject":
        return this.subject(e.field, e.span);
      case "indicator":
        return this.rec.indicator(e.key);
      case "amount":
        return this.amount(el, e.kinds);
      case "and":
        return { k: "bool", v: t.and(...e.args.map((a) => ops.isTrue(this.expr(a, el)))), nul: false };
      case "or":
        return { k: "bool", v: t.or(...e.args.map((a) => ops.isTrue(this.expr(a, el)))), nul: false };
      case "not":
        return { k: "bool", v: t.not(ops.isTrue(this.expr(e.arg, el))), nul: false };
      case "cmp":
        return { k: "bool", v: this.withSpan(e.span, () => ops.cmp(e.cmp, this.expr(e.left, el), this.expr(e.right, el))), nul: false };
      case "in": {
        const left = this.expr(e.left, el);
        return { k: "bool", v: t.or(...e.items.map((i) => this.withSpan(e.span, () => ops.strictEq(this.expr(i, el), left)))), nul: false };
      }
      case "add":
      case "sub": {
        const a = this.expr(e.left, el);
        const b = this.expr(e.right, el);
        if (a.k !== "num" || b.k !== "num" || a.t === "date" || b.t === "date") throw new Unsupported(`${e.op} of these values`, e.span);
        const scale = a.scale > b.scale ? a.scale : b.scale;
        const x = t.mul(a.v, scale / a.scale);
        const y = t.mul(b.v, scale / b.scale);
        return { k: "num", t: a.t, v: t.add(x, e.op === "add" ? y : t.neg(y)), nul: t.or(a.nul, b.nul), scale };
      }
      case "shift":
        return this.withSpan(e.span, () => ops.shift(this.expr(e.date, el), this.expr(e.by, el), e.sign));
      case "call":
        return this.withSpan(e.span, () => ops.pick(e.fn, e.args.map((a) => this.expr(a, el))));
      case "local":
        return this.itemValue(e.rule, e.name, el, e.span);
      case "output":
        return this.itemOutput(e.rule, e.name, el, e.span);
      case "model": {
        const m = this.ir.models.find((x) => x.name === e.model);
        return m ? this.model(m) : NULL_VAL;
      }
      case "agg":
        return this.aggregate(e, el);
      default:
        return assertNever(e);
    }
  }

  private withSpan<T>(span: Span | undefined, f: () => T): T {
    try {
      return f();
    } catch (x) {
      if (x instanceof Unsupported && !x.span && span) throw new Unsupported(x.what, span);
      throw x;
    }
  }

  private subject(field: string, span: Span | undefined): SVal {
    const t = this.t;
    switch (field) {
      case "subject_kind":
        return this.rec.subjectKind();
      case "evaluation_day":
        return dateConst(this.evaluationDay);
      case "region":
        return this.rec.region();
      case "public_credit_score":
      case "public_credit_date": {
        const pc = this.rec.publicCredit();
        // A score dated after the data day did not exist yet (support.publicCredit).
        const nul = t.not(t.and(pc.has, t.cmp("<=", pc.date.v, BigInt(this.dataDayN))));
        return { ...(field === "public_credit_score" ? pc.score : pc.date), nul };
      }
      case "public_credit_record_date": {
        // The date as the record holds it, also when after the data day (support.publicCreditRecordDate).
        const pc = this.rec.publicCredit();
        return { ...pc.date, nul: t.not(pc.has) };
      }
      case "data_day":
        return dateConst(this.dataDay);
      default:
        throw new Unsupported(`the subject field ${field}`, span);
    }
  }

  /** Whether `slot` is one of the elements the evaluator builds for the whole record (runtime/elements.ts). */
  private visible(slot: Slot): Bx {
    const t = this.t;
    const def = PARTS[slot.part];
    const dateOwner = def.fields.find((f) => f.id === def.dateField)?.owner ?? slot.part;
    const parts: Bx[] = [slot.present];
    if (this.dataDayN < this.rec.opts.maxDataDay) {
      const date = this.select(this.rec.ancestors(slot, dateOwner), (s) => this.rec.date(s));
      parts.push(t.cmp("<=", (date as SVal & { k: "num" }).v, BigInt(this.dataDayN)));
    }
    if (def.statusField && this.disregarded.length) {
      const owner = def.fields.find((f) => f.id === def.statusField)?.owner ?? slot.part;
      for (const a of this.rec.ancestors(slot, owner)) {
        const st = this.rec.status(a.slot);
        parts.push(t.implies(a.when, t.and(...this.disregarded.map((c) => t.not(t.cmp("=", st, BigInt(c)))))));
      }
    }
    return t.and(...parts);
  }

  /** The value of one of several slots, whichever `when` holds (exactly one does for a present element). */
  private select(alts: { slot: Slot; when: Bx }[], get: (s: Slot) => SVal): SVal {
    const t = this.t;
    if (alts.length === 0) return NULL_VAL;
    const vals = alts.map((a) => ({ when: a.when, v: get(a.slot) }));
    const first = vals[0] as { when: Bx; v: SVal };
    if (vals.length === 1) return first.v;
    let acc = first.v;
    for (const { when, v } of vals.slice(1)) {
      if (v.k === "num" && acc.k === "num") acc = { ...v, v: t.ite(when, v.v, acc.v), nul: t.iteB(when, v.nul, acc.nul) };
      else if (v.k === "bool" && acc.k === "bool") acc = { k: "bool", v: t.iteB(when, v.v, acc.v), nul: t.iteB(when, v.nul, acc.nul) };
      else if (v.k === "code" && acc.k === "code") acc = { ...v, v: t.ite(when, v.v, acc.v), nul: t.iteB(when, v.nul, acc.nul) };
      else throw new Unsupported("a field of mixed kinds");
    }
    return acc;
  }

  private fieldDef(part: PartId, id: string): FieldDef | undefined {
    const f = PARTS[part].fields.find((x) => x.id === id);
    if (f) return f;
    const d = this.ir.fields.find((x) => x.part === part && x.name === id);
    return d ? { id: d.name, zh: [], type: d.type as FieldDef["type"], doc: "", docZh: "" } : undefined;
  }

  /** A field of an element as the evaluator reads it (runtime/elements.ts `read`). */
  private field(el: Slot, id: string, span: Span | undefined): SVal {
    const t = this.t;
    const f = this.fieldDef(el.part, id);
    if (!f) throw new Unsupported(`the field ${id} of ${el.part}`, span);
    const owner = f.owner ?? el.part;
    const alts = this.rec.ancestors(el, owner);
    switch (f.computed) {
      case "status":
        return this.select(alts, (s) => ({ k: "code", dom: "status", v: this.rec.status(s), nul: false }));
      case "active": {
        const until = this.select(alts, (s) => this.rec.own(s, "until", { t: "date" }));
        if (until.k !== "num") return NULL_VAL;
        return { k: "bool", v: t.or(until.nul, t.cmp("<=", BigInt(this.dataDayN), until.v)), nul: false };
      }
      case "class":
        return this.select(alts, (s) => this.classOf(s));
      case undefined:
        break;
      default:
        return assertNever(f.computed, "computed field");
    }
    const tag: string = f.type.t;
    if (tag === "duration" || tag === "workdays") throw new Unsupported(`the duration field ${id}`, span);
    return this.select(alts, (s) => this.rec.own(s, f.key ?? f.id, f.type));
  }

  /** The penalties of a violation: every penalty slot that is present and under it. */
  private children(el: Slot, part: PartId): { slot: Slot; when: Bx }[] {
    const out: { slot: Slot; when: Bx }[] = [];
    for (const s of this.rec.slots(part)) {
      for (const a of this.rec.ancestors(s, el.part)) if (a.slot === el) out.push({ slot: s, when: this.t.and(s.present, a.when) });
    }
    return out;
  }

  /** A violation's class: the largest severity rank of its penalties' kinds (0 when none). */
  private classOf(v: Slot): SVal {
    const t = this.t;
    let rank: Ix = 0n;
    const kinds = ENUMS.penalty_kind.values;
    for (const p of this.children(v, "penalties")) {
      const kind = this.rec.own(p.slot, "kind", { t: "enum", enum: "penalty_kind" as EnumId });
      let r: Ix = 0n;
      kinds.forEach((k, i) => {
        const rk = BigInt(this.ir.severity[k.id] ?? 0);
        if (rk !== 0n) r = t.ite(t.cmp("=", (kind as SVal & { k: "code" }).v, BigInt(i)), rk, r);
      });
      rank = t.max(rank, t.ite(p.when, r, 0n));
    }
    return { k: "num", t: "rank", v: rank, nul: false, scale: 1n };
  }

  /** amount(kinds) of a violation: the sum of its penalties' amounts of those kinds (absent: 0). */
  private amount(el: Slot | undefined, kinds: string[]): SVal {
    const t = this.t;
    if (!el || el.part !== "violations") return { k: "num", t: "money", v: 0n, nul: false, scale: 1n };
    const codes = kinds.map((k) => ENUMS.penalty_kind.values.findIndex((v) => v.id === k)).filter((i) => i >= 0);
    const terms: Ix[] = [];
    for (const p of this.children(el, "penalties")) {
      const kind = this.rec.own(p.slot, "kind", { t: "enum", enum: "penalty_kind" }) as SVal & { k: "code" };
      const amount = this.rec.own(p.slot, "amount", { t: "money" }) as SVal & { k: "num" };
      const counted = t.and(p.when, t.or(...codes.map((c) => t.cmp("=", kind.v, BigInt(c)))), t.not(amount.nul));
      terms.push(t.ite(counted, amount.v, 0n));
    }
    return { k: "num", t: "money", v: t.add(...terms), nul: false, scale: 1n };
  }

  private aggregate(e: IRAggregate, current: Slot | undefined): SVal {
    const t = this.t;
    const ops = this.ops;
    let lo: number | undefined;
    if (e.window) lo = dayNumber(windowStart(this.dataDay, e.window.amount, e.window.unit));
    const def = PARTS[e.source];
    const elements =
      e.within && current ? this.children(current, e.source) : this.rec.slots(e.source).map((slot) => ({ slot, when: this.visible(slot) }));
    const parts = elements.map(({ slot, when }) => {
      let inWindow: Bx = true;
      if (lo !== undefined) {
        const dateOwner = def.fields.find((f) => f.id === def.dateField)?.owner ?? e.source;
        const date = this.select(this.rec.ancestors(slot, dateOwner), (s) => this.rec.date(s));
        inWindow = t.cmp(">", (date as SVal & { k: "num" }).v, BigInt(lo));
      }
      return { slot, counted: t.and(when, inWindow) };
    });
    const where = (slot: Slot): Bx => (e.where ? ops.isTrue(this.expr(e.where, slot)) : true);
    switch (e.fn) {
      case "count":
        return { k: "num", t: "count", v: t.add(...parts.map((p) => t.ite(t.and(p.counted, where(p.slot)), 1n, 0n))), nul: false, scale: 1n };
      case "exists":
        return { k: "bool", v: t.or(...parts.map((p) => t.and(p.counted, where(p.slot)))), nul: false };
      case "every":
        return { k: "bool", v: t.and(...parts.map((p) => t.implies(p.counted, where(p.slot)))), nul: false };
      case "sum":
      case "max": {
        if (!e.of) throw new Unsupported(`${e.fn} without a value`, e.span);
        const type = e.type.t;
        const kind = type === "money" ? "money" : type === "date" ? "date" : type === "count" ? "count" : type === "score" ? "score" : "number";
        const xs = parts.map((p) => ({ p, x: this.expr(e.of as IRExpr, p.slot) }));
        let scale = kind === "money" || kind === "date" || kind === "count" ? 1n : this.rec.opts.scale;
        for (const { x } of xs) if (x.k === "num" && x.scale > scale) scale = x.scale;
        let acc: Ix = 0n;
        let nul: Bx = e.fn === "max";
        for (const { p, x } of xs) {
          // A value of another runtime type (an absent field: null) is skipped, as the folds do.
          if (x.k !== "num") continue;
          const v = t.mul(x.v, scale / x.scale);
          const take = t.and(p.counted, where(p.slot), t.not(x.nul));
          if (e.fn === "sum") acc = t.add(acc, t.ite(take, v, 0n));
          else {
            acc = t.ite(t.and(take, t.or(nul, t.cmp(">", v, acc))), v, acc);
            nul = t.and(nul, t.not(take));
          }
        }
        return { k: "num", t: kind, v: acc, nul: e.fn === "sum" ? false : nul, scale };
      }
      default:
        return assertNever(e.fn, "aggregate");
    }
  }

  // --- per-item rules ----------------------------------------------------------------------------

  private itemValue(rule: string, name: string, el: Slot | undefined, span: Span | undefined): SVal {
    const r = this.ir.itemRules.find((x) => x.name === rule);
    const v = r?.values.find((x) => x.name === name);
    if (!el || !r || !v || el.part !== r.part) return NULL_VAL;
    return this.withSpan(span, () => this.expr(v.expr, el));
  }

  private itemOutput(rule: string, name: string, el: Slot | undefined, span: Span | undefined): SVal {
    const r = this.ir.itemRules.find((x) => x.name === rule);
    const o = r?.outputs.find((x) => x.name === name);
    if (!el || !r || !o || el.part !== r.part) return NULL_VAL;
    return this.withSpan(span, () => {
      if (o.condition.kind === "clause") return this.expr(o.condition.expr, el);
      return { k: "bool", v: this.itemCondition(o.condition, el), nul: false };
    });
  }

  private itemCondition(c: IRCondition, el: Slot): Bx {
    switch (c.kind) {
      case "clause":
        return this.ops.isTrue(this.expr(c.expr, el));
      case "not":
        return this.t.not(this.itemCondition(c.item, el));
      case "any":
        return this.t.or(...c.items.map((i) => this.itemCondition(i, el)));
      case "all":
        return this.t.and(...c.items.map((i) => this.itemCondition(i, el)));
      default:
        return assertNever(c, "IR condition");
    }
  }

  // --- weighted models (runtime/support.ts modelOutcome, in micro-points) -------------------------

  private model(m: IRModel): SVal {
    const t = this.t;
    const micro = (d: string): bigint => decimalToScaled(d, MICRO) ?? 0n;
    const truncDiv = (x: Ix, k: bigint): Ix => t.ite(t.cmp(">=", x, 0n), t.div(x, k), t.neg(t.div(t.neg(x), k)));
    const clamp = (x: Ix, lo: bigint, hi: bigint): Ix => t.max(lo, t.min(x, hi));
    let sum: Ix = 0n;
    for (const item of m.items) {
      const raw = this.expr(item.value);
      // Only JS numbers count (support.modelOutcome): money (a bigint) is "missing" there.
      const isNumber = raw.k === "num" && raw.t !== "money" && raw.t !== "date";
      if (isNumber && MICRO % raw.scale !== 0n) throw new Unsupported("a model item at a finer precision than micro-points", item.span);
      const nul: Bx = isNumber ? raw.nul : true;
      const v: Ix = isNumber ? t.mul(raw.v, MICRO / raw.scale) : 0n;
      let c: Ix;
      if (item.kind === "indicator") {
        const sub = t.ite(nul, micro(m.missing), clamp(v, 0n, 100n * MICRO));
        c = truncDiv(t.mul(sub, micro(item.weight ?? "0")), 100n * MICRO);
      } else {
        const n = t.ite(nul, 0n, v);
        c = truncDiv(t.mul(n, micro(item.each ?? "0")), MICRO);
        if (item.max !== undefined) c = t.min(c, micro(item.max));
        if (item.kind === "deduct") c = t.neg(c);
      }
      sum = t.add(sum, c);
    }
    return { k: "num", t: "score", v: clamp(sum, 0n, micro(m.total)), nul: false, scale: MICRO };
  }

  /** `v === true` */
  truth(v: SVal): Bx {
    return this.ops.isTrue(v);
  }

  /** The unsupported constructs met while encoding `e` (values included), without failing. */
  tryExpr(e: IRExpr, el?: Slot): SVal | Unsupported {
    try {
      return this.expr(e, el);
    } catch (x) {
      if (x instanceof Unsupported) return x;
      throw x;
    }
  }
}

