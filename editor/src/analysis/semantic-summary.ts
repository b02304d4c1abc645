// The editor's own summary of what changed between two compiled policies, used when the project's
// semantic diff (compiler/diff, the versions issue) is not there. It compares the IRs — canonical
// ids, money in fen, comparisons after the boundary-word rules — so a change of keyword language or
// of 50万元 vs 500000元 is no change, and it reads each clause's comparisons with the IR printer so
// a moved threshold shows as "x < 3次 → x < 5次" under its article.
import type { IRCondition, IRClause, IRExpr, IRMeasureItem, IRPolicy } from "../../../compiler/ir.js";
import { printIrExpr } from "../../../compiler/print-ir.js";
import { stripSpans } from "../../../dsl/span.js";
import type { SemanticChange } from "./types.js";

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(stripSpans(a)) === JSON.stringify(stripSpans(b));
}

function clauses(c: IRCondition, out: IRClause[]): IRClause[] {
  if (c.kind === "clause") out.push(c);
  else if (c.kind === "not") clauses(c.item, out);
  else c.items.forEach((i) => clauses(i, out));
  return out;
}

/** The comparisons of an expression, in order. */
function comparisons(e: IRExpr, out: Extract<IRExpr, { op: "cmp" }>[] = []): Extract<IRExpr, { op: "cmp" }>[] {
  switch (e.op) {
    case "cmp":
      out.push(e);
      comparisons(e.left, out);
      comparisons(e.right, out);
      break;
    case "and":
    case "or":
      e.args.forEach((a) => comparisons(a, out));
      break;
    case "not":
      comparisons(e.arg, out);
      break;
    case "in":
      comparisons(e.left, out);
      break;
    case "add":
    case "sub":
      comparisons(e.left, out);
      comparisons(e.right, out);
      break;
    case "count":
    case "exists":
      if (e.where) comparisons(e.where, out);
      break;
    case "sum":
      comparisons(e.of, out);
      if (e.where) comparisons(e.where, out);
      break;
    default:
      break;
  }
  return out;
}

/** Clauses keyed by grade and article (a second clause citing the same article gets #2). */
function keyedClauses(ir: IRPolicy): Map<string, { grade: string; clause: IRClause }> {
  const out = new Map<string, { grade: string; clause: IRClause }>();
  for (const g of ir.grades) {
    const seen = new Map<string, number>();
    for (const c of clauses(g.condition, [])) {
      const n = (seen.get(c.article) ?? 0) + 1;
      seen.set(c.article, n);
      out.set(`${g.id}\u0000${c.article}${n > 1 ? `#${n}` : ""}`, { grade: g.id, clause: c });
    }
  }
  return out;
}

function clauseChanges(before: IRPolicy, after: IRPolicy, out: SemanticChange[]): void {
  const a = keyedClauses(before);
  const b = keyedClauses(after);
  for (const [key, { grade, clause }] of a) {
    const next = b.get(key);
    const subject = `等级 ${grade} · ${clause.article}`;
    if (!next) {
      out.push({ article: clause.article, kind: "removed", what: "clause", subject, before: printIrExpr(clause.expr) });
      continue;
    }
    const n = next.clause;
    if (same(clause.expr, n.expr)) {
      if (clause.text !== n.text) out.push({ article: clause.article, kind: "changed", what: "clause", subject: `${subject} 条款原文 text`, before: clause.text, after: n.text });
      continue;
    }
    const ca = comparisons(clause.expr);
    const cb = comparisons(n.expr);
    const sameShape = ca.length === cb.length && ca.every((x, i) => same(x.left, cb[i]?.left));
    if (sameShape) {
      // Same comparisons of the same quantities: report each moved bound as a threshold change.
      ca.forEach((x, i) => {
        const y = cb[i] as (typeof cb)[number];
        if (!same(x, y)) out.push({ article: clause.article, kind: "changed", what: "threshold", subject, before: printIrExpr(x), after: printIrExpr(y) });
      });
      if (ca.every((x, i) => same(x, cb[i]))) {
        out.push({ article: clause.article, kind: "changed", what: "clause", subject, before: printIrExpr(clause.expr), after: printIrExpr(n.expr) });
      }
    } else {
      out.push({ article: clause.article, kind: "changed", what: "clause", subject, before: printIrExpr(clause.expr), after: printIrExpr(n.expr) });
    }
  }
  for (const [key, { grade, clause }] of b) {
    if (!a.has(key)) out.push({ article: clause.article, kind: "added", what: "clause", subject: `等级 ${grade} · ${clause.article}`, after: printIrExpr(clause.expr) });
  }
}

function flatMeasures(items: IRMeasureItem[], grade: string, out: Map<string, string>): Map<string, string> {
  for (const m of items) {
    const tags = Object.entries(m.tags).map(([k, v]) => ` [${k}=${v}]`).join("");
    out.set(`${grade}\u0000${m.article}`, `${m.text}${tags}`);
    flatMeasures(m.items, grade, out);
  }
  return out;
}

/** What changed from `before` to `after`, article by article. */
export function semanticSummary(before: IRPolicy, after: IRPolicy): SemanticChange[] {
  const out: SemanticChange[] = [];
  const keys = new Set([...Object.keys(before.meta), ...Object.keys(after.meta)]);
  for (const k of keys) {
    const x = before.meta[k];
    const y = after.meta[k];
    if (x !== y) out.push({ article: null, kind: x === undefined ? "added" : y === undefined ? "removed" : "changed", what: "meta", subject: k, before: String(x ?? ""), after: String(y ?? "") });
  }
  if (!same(before.severity, after.severity)) {
    out.push({ article: after.severityArticle ?? before.severityArticle ?? null, kind: "changed", what: "severity", subject: "严重程度 severity", before: JSON.stringify(before.severity), after: JSON.stringify(after.severity) });
  }
  if (!same(before.disregard, after.disregard)) {
    out.push({ article: after.disregard?.article ?? before.disregard?.article ?? null, kind: "changed", what: "disregard", subject: "不予计入 disregard", before: before.disregard?.statuses.join(", ") ?? "—", after: after.disregard?.statuses.join(", ") ?? "—" });
  }
  // Derived values: a changed definition is listed under the articles of the clauses reading it.
  const va = new Map(before.values.map((v) => [v.name, v]));
  const vb = new Map(after.values.map((v) => [v.name, v]));
  const readers = (name: string) => [
    ...new Set([...keyedClauses(after).values(), ...keyedClauses(before).values()].filter((c) => c.clause.reads.includes(name)).map((c) => c.clause.article)),
  ];
  for (const [name, v] of va) {
    const w = vb.get(name);
    if (!w) out.push({ article: null, kind: "removed", what: "value", subject: name, before: printIrExpr(v.expr) });
    else if (!same(v.expr, w.expr)) {
      const arts = readers(name);
      const change = { kind: "changed" as const, what: "value" as const, subject: name, before: printIrExpr(v.expr), after: printIrExpr(w.expr) };
      if (arts.length === 0) out.push({ article: null, ...change });
      for (const art of arts) out.push({ article: art, ...change });
    }
  }
  for (const [name, w] of vb) if (!va.has(name)) out.push({ article: null, kind: "added", what: "value", subject: name, after: printIrExpr(w.expr) });
  const ga = new Map(before.grades.map((g) => [g.id, g]));
  const gb = new Map(after.grades.map((g) => [g.id, g]));
  for (const [id, g] of ga) if (!gb.has(id)) out.push({ article: g.article ?? null, kind: "removed", what: "grade", subject: `${id} ${g.label}` });
  for (const [id, g] of gb) {
    const old = ga.get(id);
    if (!old) out.push({ article: g.article ?? null, kind: "added", what: "grade", subject: `${id} ${g.label}` });
    else if (old.label !== g.label) out.push({ article: g.article ?? null, kind: "changed", what: "grade", subject: id, before: old.label, after: g.label });
  }
  clauseChanges(before, after, out);
  if (before.precedence.join(">") !== after.precedence.join(">")) {
    out.push({ article: null, kind: "changed", what: "precedence", subject: "优先顺序 precedence", before: before.precedence.join(" > "), after: after.precedence.join(" > ") });
  }
  if (before.default !== after.default) {
    out.push({ article: null, kind: "changed", what: "default", subject: "默认等级 default", before: String(before.default), after: String(after.default) });
  }
  const ma = new Map<string, string>();
  const mb = new Map<string, string>();
  for (const m of before.measures) flatMeasures(m.items, m.grade, ma);
  for (const m of after.measures) flatMeasures(m.items, m.grade, mb);
  for (const [k, t] of ma) {
    const [grade, article] = k.split("\u0000") as [string, string];
    const u = mb.get(k);
    if (u === undefined) out.push({ article, kind: "removed", what: "measure", subject: `等级 ${grade} 措施`, before: t });
    else if (u !== t) out.push({ article, kind: "changed", what: "measure", subject: `等级 ${grade} 措施`, before: t, after: u });
  }
  for (const [k, u] of mb) {
    const [grade, article] = k.split("\u0000") as [string, string];
    if (!ma.has(k)) out.push({ article, kind: "added", what: "measure", subject: `等级 ${grade} 措施`, after: u });
  }
  const na = new Map(before.notices.map((n) => [`${n.grade}\u0000${n.article}`, n]));
  const nb = new Map(after.notices.map((n) => [`${n.grade}\u0000${n.article}`, n]));
  for (const [k, n] of na) {
    const m = nb.get(k);
    if (!m) out.push({ article: n.article, kind: "removed", what: "notice", subject: `告知 ${n.grade}`, before: n.options.join("、") });
    else if (!same(n, m)) out.push({ article: n.article, kind: "changed", what: "notice", subject: `告知 ${n.grade}`, before: `${n.options.join("、")}：${n.text}`, after: `${m.options.join("、")}：${m.text}` });
  }
  for (const [k, m] of nb) if (!na.has(k)) out.push({ article: m.article, kind: "added", what: "notice", subject: `告知 ${m.grade}`, after: m.options.join("、") });
  const ta = new Set(before.tests.map((t) => t.name));
  const tb = new Set(after.tests.map((t) => t.name));
  for (const t of after.tests) if (!ta.has(t.name)) out.push({ article: null, kind: "added", what: "test", subject: t.name });
  for (const t of before.tests) if (!tb.has(t.name)) out.push({ article: null, kind: "removed", what: "test", subject: t.name });
  return out;
}
