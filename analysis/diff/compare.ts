// The rule changes between two compiled policies, in the regulation's terms and by article.
// Compared: metadata, grades and their conditions (each condition by the article it cites),
// precedence, default, severity order, disregard rule, measures, notices, record keeping, and any
// other section of the IR generically. Not compared: interpretation notes, test cases, comments,
// formatting, keyword language, the form (DSL or YAML), names of derived values, and order.
import { META_KEYS } from "../../dsl/ast.js";
import { stripSpans } from "../../diagnostics/span.js";
import type { IRClause, IRCondition, IRItemRule, IRMeasureItem, IRParam, IRPolicy } from "../../compiler/ir.js";
import { compareArticles } from "./articles.js";
import { ckey, makeInliner, type CExpr } from "./canonical.js";
import { diffExpr } from "./expr-diff.js";
import type { Change, ChangeKind } from "./model.js";
import { definitions, showExpr, showLit } from "./show.js";
import { KIND_NAMES } from "./labels.js";
import { inlineDiff, textChange, type TextChange } from "./text.js";

/** Each kind's name as "中文 English", as the summary line of a change (JSON) gives it; reports use labels.ts in one language. */
export const KIND_LABEL: Record<ChangeKind, string> = Object.fromEntries(
  Object.entries(KIND_NAMES).map(([kind, w]) => [kind, `${w.zh} ${w.en}`]),
) as Record<ChangeKind, string>;

const ABSENT = "（无）";

/** One line for a change: article, grade, kind, then old → new or the word diff. */
export function summarize(c: Omit<Change, "summary">): string {
  const head = [c.article, c.grade !== undefined ? `等级 ${c.grade}` : undefined, KIND_LABEL[c.kind]].filter(Boolean).join(" ");
  const what = c.key ?? c.subject;
  const body =
    c.old !== undefined || c.new !== undefined
      ? `${what ? `${what}: ` : ""}${c.old ?? ABSENT} → ${c.new ?? ABSENT}`
      : c.text
        ? inlineDiff(c.text.diff)
        : (what ?? "");
  return body ? `${head}: ${body}` : head;
}

function change(c: Omit<Change, "summary">): Change {
  const out: Change = { ...c, summary: summarize(c) };
  // Keep the JSON free of undefined members.
  for (const k of Object.keys(out) as (keyof Change)[]) if (out[k] === undefined) delete out[k];
  return out;
}

function metaText(v: unknown): string | null {
  if (v === undefined) return null;
  if (v === null) return "未载明";
  if (typeof v === "boolean") return v ? "是" : "否";
  return String(v);
}

/** Keys by first seen, `#n` on repeats: a stable name for each of several items citing one article. */
function keyed<T>(items: readonly T[], key: (x: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  const seen = new Map<string, number>();
  for (const x of items) {
    const k = key(x);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    out.set(n === 0 ? k : `${k}#${n}`, x);
  }
  return out;
}

interface Side {
  ir: IRPolicy;
  inline: <T>(x: T) => T;
}

export function compareIr(oldIr: IRPolicy, newIr: IRPolicy, gradeMap: ReadonlyMap<string, string | null>): Change[] {
  const a: Side = { ir: oldIr, inline: makeInliner(oldIr.values, oldIr.itemRules) };
  const b: Side = { ir: newIr, inline: makeInliner(newIr.values, newIr.itemRules) };
  const mapGrade = (g: string): string | null => (gradeMap.has(g) ? (gradeMap.get(g) as string | null) : g);
  const changes: Change[] = [
    ...metadata(oldIr, newIr),
    ...params(oldIr, newIr),
    ...grades(a, b, mapGrade),
    ...categories(a, b),
    ...itemRules(a, b),
    ...ordering(oldIr, newIr, mapGrade),
    ...severityAndDisregard(oldIr, newIr),
    ...measures(oldIr, newIr, mapGrade),
    ...notices(oldIr, newIr, mapGrade),
    ...recordKeeping(oldIr, newIr),
    ...otherSections(a, b),
  ];
  return sortChanges(changes);
}

/** Metadata first, then by article in the regulation's order, then what cites no article. */
export function sortChanges(changes: Change[]): Change[] {
  const rank = (c: Change) => (c.kind === "metadata" ? 0 : c.article !== null ? 1 : 2);
  return changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || (x.c.article && y.c.article ? compareArticles(x.c.article, y.c.article) : 0) || x.i - y.i)
    .map((x) => x.c);
}

function metadata(oldIr: IRPolicy, newIr: IRPolicy): Change[] {
  const out: Change[] = [];
  if (oldIr.id !== newIr.id) out.push(change({ kind: "metadata", article: null, key: "id", old: oldIr.id, new: newIr.id }));
  const keys = [...new Set([...META_KEYS, ...Object.keys(oldIr.meta), ...Object.keys(newIr.meta)])];
  for (const k of keys) {
    const x = oldIr.meta[k];
    const y = newIr.meta[k];
    if (x === y) continue;
    out.push(change({ kind: "metadata", article: null, key: k, old: metaText(x), new: metaText(y) }));
  }
  return out;
}

/** A parameter by name: its value in the regulation's terms (3万元, 6个月), old and new. */
function params(oldIr: IRPolicy, newIr: IRPolicy): Change[] {
  const out: Change[] = [];
  const shown = (p: IRParam) => showLit(p.type, p.value);
  const news = new Map(newIr.params.map((p) => [p.name, p]));
  for (const po of oldIr.params) {
    const pn = news.get(po.name);
    const article = pn?.article ?? po.article ?? null;
    if (!pn) out.push(change({ kind: "parameter", article, key: po.name, old: shown(po), new: null }));
    else if (ckey([po.type, po.value]) !== ckey([pn.type, pn.value])) {
      out.push(change({ kind: "parameter", article, key: po.name, old: shown(po), new: shown(pn), detail: { old: po.value, new: pn.value, type: pn.type.t } }));
    }
  }
  for (const pn of newIr.params) {
    if (!oldIr.params.some((p) => p.name === pn.name)) out.push(change({ kind: "parameter", article: pn.article ?? null, key: pn.name, old: null, new: shown(pn) }));
  }
  return out;
}

/** Categories by id, each condition by the article it cites, as grades are compared. */
function categories(a: Side, b: Side): Change[] {
  const out: Change[] = [];
  const news = new Map(b.ir.categories.map((c) => [c.id, c]));
  for (const co of a.ir.categories) {
    const cn = news.get(co.id);
    if (!cn) out.push(change({ kind: "grade-removed", article: co.article || null, grade: co.id, old: `${co.id} ${co.label}`, new: null }));
    else out.push(...conditions(a, b, co.condition, cn.condition, cn.id, cn.article || null));
  }
  for (const cn of b.ir.categories) {
    if (!a.ir.categories.some((c) => c.id === cn.id)) out.push(change({ kind: "grade-added", article: cn.article || null, grade: cn.id, old: null, new: `${cn.id} ${cn.label}` }));
  }
  return out;
}

/**
 * Per-item rules by name: each output's and category's conditions by article (as grades are), the
 * rest of the rule (its duties, measures) item by item.
 */
function itemRules(a: Side, b: Side): Change[] {
  const out: Change[] = [];
  const news = new Map(b.ir.itemRules.map((r) => [r.name, r]));
  for (const ro of a.ir.itemRules) {
    const rn = news.get(ro.name);
    if (!rn) {
      out.push(change({ kind: "other", article: ro.article ?? null, key: `逐项 ${ro.name}`, old: `${ro.name} 针对 ${ro.part}`, new: null }));
      continue;
    }
    const pairs = <T extends { condition: IRCondition }>(xs: T[], ys: T[], id: (t: T) => string, what: string) => {
      const yb = new Map(ys.map((y) => [id(y), y]));
      for (const x of xs) {
        const y = yb.get(id(x));
        if (!y) out.push(change({ kind: "condition-removed", article: null, grade: `${ro.name}·${id(x)}`, key: what, old: id(x), new: null }));
        else out.push(...conditions(a, b, x.condition, y.condition, `${rn.name}·${id(y)}`, rn.article ?? null));
      }
      for (const y of ys) if (!xs.some((x) => id(x) === id(y))) out.push(change({ kind: "condition-added", article: null, grade: `${rn.name}·${id(y)}`, key: what, old: null, new: id(y) }));
    };
    pairs(ro.outputs, rn.outputs, (o) => o.name, "输出 output");
    pairs(ro.categories, rn.categories, (c) => c.id, "类别 category");
    const rest = (r: IRItemRule, side: Side) => side.inline({ part: r.part, obligations: r.obligations, measures: r.measures });
    if (ckey(rest(ro, a)) !== ckey(rest(rn, b))) out.push(change({ kind: "other", article: rn.article ?? null, key: `逐项 ${rn.name}`, old: brief(rest(ro, a)), new: brief(rest(rn, b)) }));
  }
  for (const rn of b.ir.itemRules) {
    if (!a.ir.itemRules.some((r) => r.name === rn.name)) out.push(change({ kind: "other", article: rn.article ?? null, key: `逐项 ${rn.name}`, old: null, new: `${rn.name} 针对 ${rn.part}` }));
  }
  return out;
}

interface FlatClause {
  key: string;
  clause: IRClause;
}

function clausesOf(c: IRCondition): IRClause[] {
  if (c.kind === "clause") return [c];
  if (c.kind === "not") return clausesOf(c.item);
  return c.items.flatMap(clausesOf);
}

/** any(第八条（一）1, not(…)), with only the kept clauses and one-item lists unwrapped. */
function skeleton(c: IRCondition, keyOf: Map<IRClause, string>, keep: Set<string>): string | null {
  if (c.kind === "clause") {
    const k = keyOf.get(c) as string;
    return keep.has(k) ? k : null;
  }
  if (c.kind === "not") {
    const inner = skeleton(c.item, keyOf, keep);
    return inner === null ? null : `非(${inner})`;
  }
  // Order inside 任一/全部 does not matter.
  const items = c.items
    .map((i) => skeleton(i, keyOf, keep))
    .filter((x): x is string => x !== null)
    .sort(compareArticles);
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] as string;
  return `${c.kind === "any" ? "任一" : "全部"}(${items.join(", ")})`;
}

function grades(a: Side, b: Side, mapGrade: (g: string) => string | null): Change[] {
  const out: Change[] = [];
  const newById = new Map(b.ir.grades.map((g) => [g.id, g]));
  const matched = new Set<string>();
  for (const og of a.ir.grades) {
    const id = mapGrade(og.id);
    const ng = id === null ? undefined : newById.get(id);
    if (!ng) {
      const articles = clausesOf(og.condition).map((c) => c.article);
      out.push(change({ kind: "grade-removed", article: og.article ?? null, grade: og.id, old: `${og.id} ${og.label}（${articles.join("、")}）`, new: null }));
      continue;
    }
    matched.add(ng.id);
    if (og.label !== ng.label || (og.article ?? null) !== (ng.article ?? null)) {
      out.push(
        change({
          kind: "grade-heading",
          article: ng.article ?? og.article ?? null,
          grade: ng.id,
          old: `${og.id} ${og.label}${og.article ? ` ${og.article}` : ""}`,
          new: `${ng.id} ${ng.label}${ng.article ? ` ${ng.article}` : ""}`,
        }),
      );
    }
    out.push(...conditions(a, b, og.condition, ng.condition, ng.id, ng.article ?? null));
  }
  for (const ng of b.ir.grades) {
    if (matched.has(ng.id)) continue;
    const articles = clausesOf(ng.condition).map((c) => c.article);
    out.push(change({ kind: "grade-added", article: ng.article ?? null, grade: ng.id, old: null, new: `${ng.id} ${ng.label}（${articles.join("、")}）` }));
  }
  return out;
}

function conditions(a: Side, b: Side, oc: IRCondition, nc: IRCondition, grade: string, gradeArticle: string | null): Change[] {
  const out: Change[] = [];
  const olds = keyed(clausesOf(oc), (c) => c.article);
  const news = keyed(clausesOf(nc), (c) => c.article);
  const oldKey = new Map([...olds].map(([k, c]) => [c, k]));
  const newKey = new Map([...news].map(([k, c]) => [c, k]));
  for (const [k, oc2] of olds) {
    const nc2 = news.get(k);
    const eo = a.inline(oc2.expr) as CExpr;
    if (!nc2) {
      out.push(
        change({
          kind: "condition-removed",
          article: oc2.article,
          grade,
          old: showExpr(eo),
          new: null,
          detail: { definitions: definitions(eo) },
          ...(oc2.text ? { text: wholeText(oc2.text, "delete") } : {}),
        }),
      );
      continue;
    }
    const en = b.inline(nc2.expr) as CExpr;
    const text = textChange(oc2.text, nc2.text);
    // A value read twice in a clause (1次 以上 3次（不含）以内) changes once.
    const seen = new Set<string>();
    const details = diffExpr(eo, en).filter((d) => !seen.has(JSON.stringify(d)) && !!seen.add(JSON.stringify(d)));
    if (details.length === 0) {
      if (text) out.push(change({ kind: "condition-reworded", article: nc2.article, grade, text }));
      continue;
    }
    details.forEach((d, i) => {
      out.push(
        change({
          kind: d.kind,
          article: nc2.article,
          grade,
          ...(d.subject !== undefined ? { subject: d.subject } : {}),
          old: d.old,
          new: d.new,
          ...("detail" in d ? { detail: d.detail } : {}),
          ...(i === 0 && text ? { text } : {}),
        }),
      );
    });
  }
  for (const [k, nc2] of news) {
    if (olds.has(k)) continue;
    const en = b.inline(nc2.expr) as CExpr;
    out.push(
      change({
        kind: "condition-added",
        article: nc2.article,
        grade,
        old: null,
        new: showExpr(en),
        detail: { definitions: definitions(en) },
        ...(nc2.text ? { text: wholeText(nc2.text, "insert") } : {}),
      }),
    );
  }
  const common = new Set([...olds.keys()].filter((k) => news.has(k)));
  const so = skeleton(oc, oldKey, common);
  const sn = skeleton(nc, newKey, common);
  if (so !== sn) out.push(change({ kind: "conditions-combined", article: gradeArticle, grade, old: so, new: sn }));
  return out;
}

function wholeText(text: string, op: "insert" | "delete"): TextChange {
  return op === "insert" ? { old: "", new: text, diff: [{ op, text }] } : { old: text, new: "", diff: [{ op, text }] };
}

function ordering(oldIr: IRPolicy, newIr: IRPolicy, mapGrade: (g: string) => string | null): Change[] {
  const out: Change[] = [];
  const newIds = new Set(newIr.grades.map((g) => g.id));
  const mapped = oldIr.precedence.map(mapGrade).filter((g): g is string => g !== null && newIds.has(g));
  const common = new Set(mapped);
  const kept = newIr.precedence.filter((g) => common.has(g));
  if (mapped.join(">") !== kept.join(">")) {
    out.push(change({ kind: "precedence", article: null, old: oldIr.precedence.join(" > "), new: newIr.precedence.join(" > ") }));
  }
  const oldDefault = oldIr.default === null ? null : mapGrade(oldIr.default);
  if (oldDefault !== newIr.default) {
    out.push(change({ kind: "default", article: null, old: oldIr.default ?? "无", new: newIr.default ?? "无" }));
  }
  return out;
}

function severityChain(sev: Record<string, number>): string {
  const ranks = new Map<number, string[]>();
  for (const [kind, r] of Object.entries(sev)) ranks.set(r, [...(ranks.get(r) ?? []), kind]);
  return [...ranks.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([, ks]) => ks.sort().join(" = "))
    .join(" < ");
}

function severityAndDisregard(oldIr: IRPolicy, newIr: IRPolicy): Change[] {
  const out: Change[] = [];
  const so = severityChain(oldIr.severity);
  const sn = severityChain(newIr.severity);
  if (so !== sn) out.push(change({ kind: "severity", article: newIr.severityArticle ?? oldIr.severityArticle ?? null, old: so || null, new: sn || null }));
  const x = oldIr.disregard;
  const y = newIr.disregard;
  const article = y?.article ?? x?.article ?? null;
  const statuses = (d: typeof x) => (d ? [...d.statuses].sort().join("、") : null);
  if (statuses(x) !== statuses(y)) {
    const text = textChange(x?.text, y?.text);
    out.push(change({ kind: "disregard", article, old: statuses(x), new: statuses(y), ...(text ? { text } : {}) }));
  } else {
    const text = textChange(x?.text, y?.text);
    if (text) out.push(change({ kind: "disregard", article, text }));
  }
  return out;
}

interface FlatMeasure {
  item: IRMeasureItem;
  grade: string;
}

function flatMeasures(ir: IRPolicy, mapGrade: (g: string) => string | null): Map<string, FlatMeasure> {
  const all: FlatMeasure[] = [];
  const walk = (items: IRMeasureItem[], grade: string) => {
    for (const item of items) {
      all.push({ item, grade });
      walk(item.items, grade);
    }
  };
  for (const g of ir.measures) walk(g.items, mapGrade(g.grade) ?? g.grade);
  return keyed(all, (m) => `${m.grade}\u0000${m.item.article}`);
}

function tagsText(tags: Record<string, string>): string {
  const entries = Object.entries(tags).sort(([p], [q]) => p.localeCompare(q));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(", ") : ABSENT;
}

function measures(oldIr: IRPolicy, newIr: IRPolicy, mapGrade: (g: string) => string | null): Change[] {
  const out: Change[] = [];
  const groupsOld = keyed(oldIr.measures, (g) => `${mapGrade(g.grade) ?? g.grade}\u0000${g.article}`);
  const groupsNew = keyed(newIr.measures, (g) => `${g.grade}\u0000${g.article}`);
  for (const [k, go] of groupsOld) {
    const gn = groupsNew.get(k);
    if (!gn) continue;
    const text = textChange(go.text, gn.text);
    if (go.kind !== gn.kind || text) {
      out.push(
        change({
          kind: "measure-group",
          article: gn.article,
          grade: gn.grade,
          ...(go.kind !== gn.kind ? { old: go.kind, new: gn.kind } : {}),
          ...(text ? { text } : {}),
        }),
      );
    }
  }
  const olds = flatMeasures(oldIr, mapGrade);
  const news = flatMeasures(newIr, (g) => g);
  for (const [k, mo] of olds) {
    const mn = news.get(k);
    if (!mn) {
      out.push(change({ kind: "measure-removed", article: mo.item.article, grade: mo.grade, text: wholeText(mo.item.text, "delete") }));
      continue;
    }
    const text = textChange(mo.item.text, mn.item.text);
    if (text) out.push(change({ kind: "measure-reworded", article: mn.item.article, grade: mn.grade, text }));
    if (ckey(mo.item.tags) !== ckey(mn.item.tags)) {
      out.push(
        change({
          kind: "measure-tags",
          article: mn.item.article,
          grade: mn.grade,
          old: tagsText(mo.item.tags),
          new: tagsText(mn.item.tags),
          detail: { old: mo.item.tags, new: mn.item.tags },
        }),
      );
    }
  }
  for (const [k, mn] of news) {
    if (!olds.has(k)) out.push(change({ kind: "measure-added", article: mn.item.article, grade: mn.grade, text: wholeText(mn.item.text, "insert") }));
  }
  return out;
}

function notices(oldIr: IRPolicy, newIr: IRPolicy, mapGrade: (g: string) => string | null): Change[] {
  const out: Change[] = [];
  const olds = keyed(oldIr.notices, (n) => `${mapGrade(n.grade) ?? n.grade}\u0000${n.article}`);
  const news = keyed(newIr.notices, (n) => `${n.grade}\u0000${n.article}`);
  for (const [k, no] of olds) {
    const nn = news.get(k);
    if (!nn) {
      out.push(change({ kind: "notice-removed", article: no.article, grade: no.grade, old: no.options.join("、"), new: null, text: wholeText(no.text, "delete") }));
      continue;
    }
    const text = textChange(no.text, nn.text);
    const options = [...no.options].sort().join("、") !== [...nn.options].sort().join("、");
    if (text || options) {
      out.push(
        change({
          kind: "notice-changed",
          article: nn.article,
          grade: nn.grade,
          ...(options ? { old: no.options.join("、"), new: nn.options.join("、"), detail: { old: no.options, new: nn.options } } : {}),
          ...(text ? { text } : {}),
        }),
      );
    }
  }
  for (const [k, nn] of news) {
    if (!olds.has(k)) out.push(change({ kind: "notice-added", article: nn.article, grade: nn.grade, old: null, new: nn.options.join("、"), text: wholeText(nn.text, "insert") }));
  }
  return out;
}

function recordKeeping(oldIr: IRPolicy, newIr: IRPolicy): Change[] {
  const out: Change[] = [];
  const olds = keyed(oldIr.recordKeeping, (r) => r.article);
  const news = keyed(newIr.recordKeeping, (r) => r.article);
  for (const [k, ro] of olds) {
    const rn = news.get(k);
    if (!rn) out.push(change({ kind: "record-keeping-removed", article: ro.article, text: wholeText(ro.text, "delete") }));
    else {
      const text = textChange(ro.text, rn.text);
      if (text) out.push(change({ kind: "record-keeping-reworded", article: rn.article, text }));
    }
  }
  for (const [k, rn] of news) if (!olds.has(k)) out.push(change({ kind: "record-keeping-added", article: rn.article, text: wholeText(rn.text, "insert") }));
  return out;
}

/** IR sections compared above or not compared at all (explanations, tests, bookkeeping). */
const HANDLED = new Set([
  "irVersion",
  "id",
  "meta",
  "notes",
  "severity",
  "severityArticle",
  "disregard",
  "values",
  "grades",
  "precedence",
  "default",
  "measures",
  "notices",
  "recordKeeping",
  "gradeMaps",
  "tests",
  "span",
  "params",
  "categories",
  "itemRules",
]);

function itemName(x: unknown, i: number): string {
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    for (const k of ["name", "id", "article", "grade", "title"]) if (typeof o[k] === "string") return o[k] as string;
  }
  return String(i);
}

function brief(x: unknown): string {
  const s = JSON.stringify(stripSpans(x));
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/** Sections this module does not know by name: item by item, compared with values inlined. */
function otherSections(a: Side, b: Side): Change[] {
  const out: Change[] = [];
  const keys = [...new Set([...Object.keys(a.ir), ...Object.keys(b.ir)])].filter((k) => !HANDLED.has(k));
  for (const key of keys) {
    const x = a.inline((a.ir as unknown as Record<string, unknown>)[key]);
    const y = b.inline((b.ir as unknown as Record<string, unknown>)[key]);
    if (ckey(x ?? null) === ckey(y ?? null)) continue;
    if (!Array.isArray(x) || !Array.isArray(y)) {
      out.push(change({ kind: "other", article: null, key, old: x == null ? null : brief(x), new: y == null ? null : brief(y) }));
      continue;
    }
    const xs = keyed(x.map((v, i) => ({ v, name: itemName(v, i) })), (e) => e.name);
    const ys = keyed(y.map((v, i) => ({ v, name: itemName(v, i) })), (e) => e.name);
    const articleOf = (v: unknown) => (v && typeof v === "object" && typeof (v as { article?: unknown }).article === "string" ? ((v as { article: string }).article) : null);
    for (const [k, e] of xs) {
      const f = ys.get(k);
      if (!f) out.push(change({ kind: "other", article: articleOf(e.v), key: `${key} ${k}`, old: brief(e.v), new: null }));
      else if (ckey(e.v) !== ckey(f.v)) out.push(change({ kind: "other", article: articleOf(f.v), key: `${key} ${k}`, old: brief(e.v), new: brief(f.v) }));
    }
    for (const [k, f] of ys) if (!xs.has(k)) out.push(change({ kind: "other", article: articleOf(f.v), key: `${key} ${k}`, old: null, new: brief(f.v) }));
  }
  return out;
}
