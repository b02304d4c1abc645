// Every place a policy cites its source: each construct's article and, where it quotes the text,
// the quote. The fidelity pass checks them against the source; the coverage table groups them by
// article. Quotes inside interpretation notes are the parts written in 「…」: a note's “…” marks
// a term or a paraphrase, 「…」 the regulation's own words.
import type { Condition, MeasureItem, Note, Policy, ValueDecl } from "../../dsl/ast.js";
import type { Span } from "../../diagnostics/span.js";

/** Which column of the coverage table a citation counts in. */
export type CitationRole = "grades" | "measures" | "notes" | "tests" | "other";

export interface Citation {
  /** The article as written (full-width parentheses); absent for a quote that cites none (a note's). */
  article?: string;
  /** The verbatim text, where the construct quotes one. */
  quote?: string;
  role: CitationRole;
  /** What cites it, for the coverage table: "等级 B", "措施 C", "解释说明", "测试 …". */
  label: string;
  span: Span;
  /** A quote that may come from anywhere in the source, not only the cited article (notes' 「…」). */
  anywhere?: boolean;
}

/** The 「…」 quotes of a note's text. */
export function noteQuotes(text: string): string[] {
  return [...text.matchAll(/「([^」]*)」/g)].map((m) => m[1] as string).filter((q) => q.length > 0);
}

/** Every citation of the policy, in no particular order. Claims cite the parent plan, so they are left out. */
export function policyCitations(p: Policy): Citation[] {
  const out: Citation[] = [];
  const cite = (role: CitationRole, label: string, span: Span, article?: string, quote?: string): void => {
    out.push({ role, label, span, ...(article !== undefined && article !== "" ? { article } : {}), ...(quote ? { quote } : {}) });
  };
  // A note is named by its first words: several notes on one article stay apart in the table.
  const notes = (ns: readonly Note[], _owner: string): void => {
    for (const n of ns) {
      const label = [...n.text].length > 16 ? `${[...n.text].slice(0, 16).join("")}…` : n.text;
      cite("notes", label, n.span, n.article);
      for (const q of noteQuotes(n.text)) out.push({ role: "notes", label, span: n.span, quote: q, anywhere: true, ...(n.article ? { article: n.article } : {}) });
    }
  };
  const condition = (c: Condition, role: CitationRole, label: string): void => {
    if (c.kind === "AnyOf" || c.kind === "AllOf") c.items.forEach((i) => condition(i, role, label));
    else if (c.kind === "NotCond") condition(c.item, role, label);
    else {
      cite(role, label, c.span, c.article, c.text);
      notes(c.notes, label);
    }
  };
  const measureItems = (items: readonly MeasureItem[], label: string): void => {
    for (const i of items) {
      cite("measures", label, i.span, i.article, i.text);
      measureItems(i.items, label);
    }
  };
  const values = (vs: readonly ValueDecl[]): void => vs.forEach((v) => notes(v.notes, `定义 ${v.name}`));

  notes(p.notes, "解释说明");
  if (p.severity) cite("other", "严重程度", p.severity.span, p.severity.article);
  if (p.disregard) cite("other", "不予计入", p.disregard.span, p.disregard.article, p.disregard.text);
  values(p.values);
  for (const g of p.grades) {
    cite("grades", `等级 ${g.id}`, g.span, g.article);
    condition(g.condition, "grades", `等级 ${g.id}`);
  }
  for (const m of p.measures) {
    cite("measures", `措施 ${m.grade}`, m.span, m.article, m.text);
    measureItems(m.items, `措施 ${m.grade}`);
  }
  for (const n of p.notices) cite("measures", `告知 ${n.grade}`, n.span, n.article, n.text);
  for (const r of p.recordKeeping) cite("measures", "登记留存", r.span, r.article, r.text);
  for (const t of p.tests) {
    for (const a of [...(t.expect.matched ?? []), ...(t.expect.measures ?? [])]) cite("tests", `测试 ${t.name}`, t.span, a);
  }
  for (const b of p.bands ?? []) {
    cite("grades", `分档 ${b.name}`, b.span, b.article);
    for (const i of b.items) cite("grades", `分档 ${b.name} ${i.grade}`, i.span, i.article, i.text);
  }
  for (const o of p.overrides ?? []) cite("grades", `直接评定 ${o.grade}`, o.span, o.article, o.text);
  for (const c of p.categories ?? []) {
    cite("grades", `类别 ${c.id}`, c.span, c.article);
    condition(c.condition, "grades", `类别 ${c.id}`);
  }
  for (const m of p.models ?? []) cite("grades", `评价模型 ${m.name}`, m.span, m.article, m.text);
  for (const o of p.obligations ?? []) cite("measures", `义务 ${o.name}`, o.span, o.article, o.text);
  if (p.snapshot) cite("other", "评价时点", p.snapshot.span, p.snapshot.article, p.snapshot.text);
  if (p.period) cite("other", "评价周期", p.period.span, p.period.article, p.period.text);
  if (p.collects) {
    cite("other", "归集范围", p.collects.span, p.collects.article);
    for (const i of p.collects.items) cite("other", "归集范围", i.span, p.collects.article, i.text);
  }
  if (p.requires) {
    cite("other", "部门要求", p.requires.span, p.requires.article, p.requires.text);
    for (const x of p.requires.exceptions ?? []) cite("other", "部门要求 例外", x.span, x.article, x.text);
  }
  for (const a of p.annexes ?? []) {
    cite("other", `附件 ${a.title}`, a.span, a.article ?? "附件");
    for (const r of a.rows) cite("other", `附件 ${a.title}`, r.span, "附件", `${r.unit}：${r.domain}`);
  }
  for (const x of p.params ?? []) cite("other", `参数 ${x.name}`, x.span, x.article, x.text);
  for (const r of p.itemRules ?? []) {
    const label = `逐项 ${r.name}`;
    cite("grades", label, r.span, r.article, r.text);
    notes(r.notes, label);
    values(r.values);
    for (const o of r.outputs) {
      cite("grades", `${label} 输出 ${o.name}`, o.span, o.article);
      condition(o.condition, "grades", `${label} 输出 ${o.name}`);
    }
    for (const c of r.categories) {
      cite("grades", `${label} 类别 ${c.id}`, c.span, c.article);
      condition(c.condition, "grades", `${label} 类别 ${c.id}`);
    }
    for (const m of r.measures) {
      cite("measures", `${label} 措施 ${m.grade}`, m.span, m.article, m.text);
      measureItems(m.items, `${label} 措施 ${m.grade}`);
    }
    for (const o of r.obligations) cite("measures", `${label} 义务 ${o.name}`, o.span, o.article, o.text);
  }
  return out;
}
