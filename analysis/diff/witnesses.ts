// Behavioural witnesses: for each grade, a small concrete credit record that the old policy and
// the new one grade differently, so an auditor sees a case and not only a formula. Candidates are
// derived from the boundaries of both policies: every aggregate (计数/合计/存在 over a record part)
// gets records whose count or sum sits at each threshold of either policy and one unit (1次, 1分钱)
// either side, records at its window's edges, and pairs of grade-triggering records (for
// precedence). Every candidate is graded by both policies; only real differences are reported, so
// the search can be heuristic without ever being wrong. Browser-safe.
import type { Json } from "../../dsl/ast.js";
import { addDays, windowStart } from "../../record/dates.js";
import { isError, type Grader } from "../../runtime/evaluate.js";
import { formatYuan } from "../../record/money.js";
import { ENUMS, partChain, PARTS, type ComputedId, type PartDef, type PartId } from "../../record/registry.js";
import type { AggFn } from "../../dsl/aggregates.js";
import type { IRPolicy, IRWindow } from "../../compiler/ir.js";
import { ckey, makeInliner, withParamValues, type CExpr } from "./canonical.js";
import type { Outcome, Witness } from "./model.js";

/** Field values of one element of a record part. */
type Elem = Record<string, string | boolean>;

interface Aggregate {
  fn: AggFn;
  source: PartId;
  where?: CExpr;
  of?: CExpr;
  window?: IRWindow;
  severity: Record<string, number>;
}

interface Candidate {
  record: Record<string, unknown>;
  /** Elements in the record: smaller witnesses read better. */
  size: number;
}

const MAX_ALTERNATIVES = 6;
const MAX_COUNT = 12;

function walk(x: unknown, visit: (e: CExpr) => void): void {
  if (Array.isArray(x)) x.forEach((y) => walk(y, visit));
  else if (x && typeof x === "object") {
    if (typeof (x as { op?: unknown }).op === "string") visit(x as CExpr);
    for (const v of Object.values(x)) if (v && typeof v === "object") walk(v, visit);
  }
}

function isAggregate(e: CExpr): e is Extract<CExpr, { op: "agg" }> {
  return e.op === "agg";
}

/** Every aggregate of a policy and the numbers it is compared with. */
function collect(ir: IRPolicy, aggregates: Map<string, Aggregate>, thresholds: Map<string, Set<string>>): void {
  const values = withParamValues(ir.params);
  const inline = <T>(x: T): T => values(makeInliner(ir.values, ir.itemRules)(x));
  const skip = new Set(["tests", "values", "grades", "notes", "measures", "notices", "recordKeeping", "meta"]);
  const extras = Object.fromEntries(Object.entries(ir).filter(([k]) => !skip.has(k)));
  const everything = inline({ values: ir.values.map((v) => v.expr), grades: ir.grades.map((g) => g.condition), extras });
  walk(everything, (e) => {
    if (isAggregate(e)) {
      const k = ckey(e);
      if (!aggregates.has(k)) {
        aggregates.set(k, {
          fn: e.fn,
          source: e.source,
          ...(e.where ? { where: e.where } : {}),
          ...(e.of ? { of: e.of } : {}),
          ...(e.window ? { window: e.window } : {}),
          severity: ir.severity,
        });
      }
    }
    if (e.op === "cmp" && isAggregate(e.left) && e.right.op === "lit" && typeof e.right.value === "string" && /^-?\d+$/.test(e.right.value)) {
      const k = ckey(e.left);
      thresholds.set(k, (thresholds.get(k) ?? new Set()).add(e.right.value));
    }
  });
}

function product(lists: Elem[][]): Elem[] {
  let acc: Elem[] = [{}];
  for (const list of lists) {
    const next: Elem[] = [];
    for (const a of acc) {
      for (const b of list) {
        if (Object.keys(b).some((k) => k in a && a[k] !== b[k])) continue;
        next.push({ ...a, ...b });
        if (next.length >= MAX_ALTERNATIVES) break;
      }
    }
    acc = next;
  }
  return acc;
}

const NEGATE: Record<string, string> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "=" };

function holds(op: string, x: number, y: number): boolean {
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : op === ">=" ? x >= y : op === "=" ? x === y : x !== y;
}

/** Values of `field` that satisfy `field op value`, a few. */
function assign(field: string, op: string, lit: Extract<CExpr, { op: "lit" }>, severity: Record<string, number>): Elem[] {
  const t = lit.type;
  if (t.t === "rank") {
    const target = severity[String(lit.value)] ?? 0;
    const byRank = new Map<number, string>();
    for (const [kind, r] of Object.entries(severity).sort((a, b) => a[1] - b[1])) if (holds(op, r, target) && !byRank.has(r)) byRank.set(r, kind);
    return [...byRank.values()].slice(0, 3).map((k) => ({ [field]: k }));
  }
  if (t.t === "enum") {
    const values = ENUMS[t.enum].values.map((v) => v.id);
    const ok = op === "=" ? [String(lit.value)] : op === "!=" ? values.filter((v) => v !== lit.value) : [];
    return ok.length ? ok.slice(0, 2).map((v) => ({ [field]: v })) : [{}];
  }
  if (t.t === "bool" && (op === "=" || op === "!=")) return [{ [field]: op === "=" ? lit.value === true : lit.value !== true }];
  return [{}];
}

/** Element field values under which `e` holds (or, with `negated`, fails), as alternatives. */
function solve(e: CExpr | undefined, severity: Record<string, number>, negated = false): Elem[] {
  if (!e) return [{}];
  switch (e.op) {
    case "and":
    case "or": {
      const conj = (e.op === "and") !== negated;
      const parts = e.args.map((a) => solve(a, severity, negated));
      return conj ? product(parts) : parts.flat().slice(0, MAX_ALTERNATIVES);
    }
    case "not":
      return solve(e.arg, severity, !negated);
    case "field":
      return [{ [e.field]: !negated }];
    case "cmp":
      if (e.left.op === "field" && e.right.op === "lit") return assign(e.left.field, negated ? (NEGATE[e.cmp] as string) : e.cmp, e.right, severity);
      return [{}];
    case "in":
      if (e.left.op === "field") {
        const items = e.items.filter((i): i is Extract<CExpr, { op: "lit" }> => i.op === "lit");
        if (!negated) return items.slice(0, MAX_ALTERNATIVES).map((i) => ({ [(e.left as { field: string }).field]: String(i.value) }));
        const t = items[0]?.type;
        if (t?.t === "enum") {
          const other = ENUMS[t.enum].values.find((v) => !items.some((i) => i.value === v.id));
          return other ? [{ [e.left.field]: other.id }] : [{}];
        }
        if (t?.t === "rank") {
          const other = Object.keys(severity).find((k) => !items.some((i) => i.value === k));
          return other ? [{ [e.left.field]: other }] : [{}];
        }
      }
      return [{}];
    default:
      return [{}];
  }
}

/**
 * One element as it sits in a credit record, dated `date`: the chain of objects from the top of the
 * record down through its family (a sanction needs a violation, a violation a penalty), each field
 * written at the part that owns it, and the registry's example values where the record needs one.
 */
function fragment(source: PartId, el: Elem, date: string, asOf: string, amount?: { fen: bigint; kinds: string[] }): Record<string, unknown[]> {
  const chain = partChain(source);
  // Down to the bottom of the family: every sub-part whose parent is the last one so far.
  for (let next = childOf(chain[chain.length - 1] as PartDef); next; next = childOf(next)) chain.push(next);
  const part = PARTS[source];
  const objs = chain.map(() => ({}) as Record<string, unknown>);
  chain.forEach((level, depth) => {
    const obj = objs[depth] as Record<string, unknown>;
    for (const f of level.fields) {
      if (f.owner && f.owner !== level.id) continue;
      const key = f.key ?? f.id;
      const asked = part.fields.find((x) => x.id === f.id && (x.owner ?? part.id) === level.id);
      const given = asked ? el[f.id] : undefined;
      if (f.computed) WRITE_COMPUTED[f.computed](obj, given, f.example, asOf);
      else if (f.id === level.dateField && level.id === ownerOfDate(part)) obj[key] = date;
      else if (given !== undefined && given !== false) obj[key] = given;
      else if (f.example === "@date") obj[key] = date;
      else if (f.example !== undefined) obj[key] = f.example;
    }
  });
  // A violation's class is the kind of its penalty; a sum of amounts puts the money on a penalty of a kind summed.
  const fn = chain.flatMap((p) => p.functions ?? []).find((f) => f.id === "amount");
  const bottom = objs[objs.length - 1] as Record<string, unknown>;
  const penalties: Record<string, unknown>[] = [bottom];
  if (fn && chain[chain.length - 1]?.id === fn.over.part) {
    const kind = String(el["class"] ?? el["kind"] ?? amount?.kinds[0] ?? bottom[fn.over.match] ?? "warning");
    bottom[fn.over.match] = kind;
    if (amount) {
      const yuan = formatYuan(amount.fen);
      if (amount.kinds.includes(kind)) bottom[fn.over.sum] = yuan;
      else penalties.push({ [fn.over.match]: amount.kinds[0] ?? "fine", [fn.over.sum]: yuan });
    }
  }
  for (let depth = chain.length - 1; depth > 0; depth--) {
    const child = chain[depth] as PartDef;
    (objs[depth - 1] as Record<string, unknown>)[child.key] = depth === chain.length - 1 ? penalties : [objs[depth]];
  }
  return { [(chain[0] as PartDef).key]: [objs[0]] };
}

/** How a witness writes a computed field's wanted value back into the record. */
const WRITE_COMPUTED: Record<ComputedId, (obj: Record<string, unknown>, value: unknown, example: unknown, asOf: string) => void> = {
  // The class of a violation is the kind of its penalty, written with the penalty below.
  class: () => undefined,
  active: (obj, value, _example, asOf) => {
    if (value === false) Object.assign(obj, { from: addDays(asOf, -30), until: addDays(asOf, -1) });
  },
  // A status without a history holds on every day.
  status: (obj, value, example) => {
    if (value !== undefined) obj["status"] = value;
    else if (example !== undefined) obj["status"] = example;
  },
};

function childOf(p: PartDef): PartDef | undefined {
  return Object.values(PARTS).find((c) => c.parent === p.id);
}

function ownerOfDate(p: PartDef): PartId {
  return p.fields.find((f) => f.id === p.dateField)?.owner ?? p.id;
}

function merge(parts: Record<string, unknown[]>[]): Record<string, unknown> {
  const record: Record<string, unknown> = { id: "witness" };
  for (const p of parts) for (const [k, v] of Object.entries(p)) record[k] = [...((record[k] as unknown[] | undefined) ?? []), ...v];
  return record;
}

function candidatesFor(agg: Aggregate, thresholds: Set<string> | undefined, asOf: string): Candidate[] {
  const out: Candidate[] = [];
  const elems = solve(agg.where, agg.severity);
  const kinds = agg.of?.op === "amount" ? agg.of.kinds : undefined;
  // A sum of amounts: one variant per kind summed, so each kind's money is tried.
  const variants: { el: Elem; kinds?: string[] }[] = kinds
    ? elems.flatMap((el) => [{ el, kinds }, ...kinds.filter((k) => el["class"] !== k).map((k) => ({ el: { ...el, class: k }, kinds: [k] }))])
    : elems.map((el) => ({ el }));
  const edges = agg.window ? [windowStart(asOf, agg.window.amount, agg.window.unit)] : [];
  if (edges[0]) edges.push(addDays(edges[0], 1));
  const numbers = [...(thresholds ?? [])].map((t) => BigInt(t));
  for (const { el, kinds: ks } of variants.slice(0, MAX_ALTERNATIVES)) {
    if (agg.fn === "sum" || (agg.fn === "max" && kinds)) {
      const amounts = new Set<bigint>(numbers.length ? numbers.flatMap((t) => [t - 1n, t, t + 1n]) : [100000n]);
      for (const fen of amounts) {
        if (fen < 1n) continue;
        out.push({ record: merge([fragment(agg.source, el, asOf, asOf, { fen, kinds: ks ?? ["fine"] })]), size: 1 });
      }
      for (const d of edges) out.push({ record: merge([fragment(agg.source, el, d, asOf, { fen: numbers[0] ?? 100000n, kinds: ks ?? ["fine"] })]), size: 1 });
      continue;
    }
    const counts = new Set<number>([1]);
    for (const t of numbers) for (const n of [t - 1n, t, t + 1n]) if (n >= 1n && n <= BigInt(MAX_COUNT)) counts.add(Number(n));
    for (const n of counts) out.push({ record: merge(Array.from({ length: n }, () => fragment(agg.source, el, asOf, asOf))), size: n });
    for (const d of edges) out.push({ record: merge([fragment(agg.source, el, d, asOf)]), size: 1 });
  }
  return out;
}

function outcome(grader: Grader, record: unknown, asOf: string): Outcome | undefined {
  const r = grader.grade(record, asOf);
  if (isError(r)) return undefined;
  return { grade: r.grade, articles: r.matched.filter((m) => m.grade === r.grade).map((m) => m.article) };
}

interface Graded {
  c: Candidate;
  old: Outcome;
  new: Outcome;
}

/**
 * For each grade (the new policy's ids, then old grades the new policy maps to none), the smallest
 * candidate whose holding of that grade differs between the two policies.
 */
export function findWitnesses(
  oldIr: IRPolicy,
  newIr: IRPolicy,
  graders: { old: Grader; new: Grader },
  gradeMap: ReadonlyMap<string, string | null>,
  asOf: string,
): Witness[] {
  const aggregates = new Map<string, Aggregate>();
  const thresholds = new Map<string, Set<string>>();
  collect(oldIr, aggregates, thresholds);
  collect(newIr, aggregates, thresholds);
  const mapOld = (g: string | null) => (g === null ? null : gradeMap.has(g) ? (gradeMap.get(g) as string | null) : g);

  const graded: Graded[] = [];
  const seen = new Set<string>();
  const grade = (c: Candidate) => {
    const key = JSON.stringify(c.record);
    if (seen.has(key)) return;
    seen.add(key);
    const o = outcome(graders.old, c.record, asOf);
    const n = outcome(graders.new, c.record, asOf);
    if (o && n) graded.push({ c, old: o, new: n });
  };
  grade({ record: { id: "witness" }, size: 0 });
  for (const [k, agg] of aggregates) for (const c of candidatesFor(agg, thresholds.get(k), asOf)) grade(c);

  // Two grades holding at once: where precedence decides.
  const trigger = new Map<string, Candidate>();
  for (const g of graded) {
    for (const id of [g.old.grade, g.new.grade]) {
      if (id === null) continue;
      const best = trigger.get(id);
      if (!best || g.c.size < best.size) trigger.set(id, g.c);
    }
  }
  const triggers = [...trigger.values()];
  for (let i = 0; i < triggers.length; i++) {
    for (let j = i + 1; j < triggers.length; j++) {
      const x = triggers[i] as Candidate;
      const y = triggers[j] as Candidate;
      const parts = [x.record, y.record].map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== "id")) as Record<string, unknown[]>);
      grade({ record: merge(parts), size: x.size + y.size });
    }
  }

  const differs = graded.filter((g) => mapOld(g.old.grade) !== g.new.grade);
  const smallest = (list: Graded[]) =>
    list.reduce<Graded | undefined>((best, g) => {
      if (!best) return g;
      // Fewest elements, then shortest; ties go to the first generated (threshold cases before window edges).
      const d = g.c.size - best.c.size || JSON.stringify(g.c.record).length - JSON.stringify(best.c.record).length;
      return d < 0 ? g : best;
    }, undefined);
  const out: Witness[] = [];
  const grades = [
    ...newIr.grades.map((g) => ({ id: g.id, inOld: (o: string | null) => mapOld(o) === g.id, inNew: (n: string | null) => n === g.id })),
    ...oldIr.grades.filter((g) => mapOld(g.id) === null).map((g) => ({ id: g.id, inOld: (o: string | null) => o === g.id, inNew: () => false })),
  ];
  const done = new Set<string>();
  for (const g of grades) {
    if (done.has(g.id)) continue;
    done.add(g.id);
    const best = smallest(differs.filter((d) => g.inOld(d.old.grade) !== g.inNew(d.new.grade)));
    if (best) out.push({ grade: g.id, asOf, record: best.c.record as Json, old: best.old, new: best.new });
  }
  return out;
}
