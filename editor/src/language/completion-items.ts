// What completion offers, as plain data: the keywords of both languages, boundary words with
// their legal reading, units, the built-in functions (compiler/builtins.ts), the credit record's
// parts, fields and enumeration values in English and Chinese (record/registry.ts), and from the
// policy itself its derived values, parameters, named filters, per-item outputs (fields of their
// part's items) and per-item values, grade ids and the articles it quotes. The Monaco adapter
// (providers.ts) maps `kind` to an icon.
import { BUILTINS } from "../../../compiler/builtins.js";
import { BOUNDARY_WORDS } from "../../../dsl/boundary.js";
import { KEYWORDS } from "../../../dsl/tokens.js";
import { UNITS } from "../../../dsl/units.js";
import { ENUMS, PARTS, SUBJECT_FIELDS } from "../../../record/registry.js";
import type { Summary } from "../analysis/types.js";

export type ItemKind = "keyword" | "boundary" | "unit" | "source" | "field" | "function" | "enum" | "value" | "grade" | "article";

export interface Item {
  label: string;
  kind: ItemKind;
  /** One line next to the label. */
  detail: string;
  /** Markdown shown beside the list. */
  documentation?: string;
  insertText: string;
  sortText: string;
}

const OP_TEXT: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠" };

// Lower sorts first: what the policy defines, then the record's facts, then the language.
const ORDER: Record<ItemKind, number> = { value: 0, source: 1, field: 1, function: 1, enum: 2, grade: 3, keyword: 4, boundary: 4, unit: 5, article: 6 };

function item(kind: ItemKind, label: string, detail: string, documentation?: string, preferred = true): Item {
  return { label, kind, detail, ...(documentation ? { documentation } : {}), insertText: label, sortText: `${ORDER[kind]}${preferred ? 0 : 1}${label}` };
}

/** The items that do not depend on the policy: built once. */
export function staticItems(lang: "zh" | "en"): Item[] {
  const out: Item[] = [];
  for (const k of KEYWORDS) {
    for (const s of k.zh) out.push(item("keyword", s, `关键字 keyword · ${k.en.join(" / ") || k.zh.join(" / ")}`, undefined, lang === "zh"));
    for (const s of k.en) out.push(item("keyword", s, `keyword 关键字 · ${k.zh.join(" / ")}`, undefined, lang === "en"));
  }
  for (const w of BOUNDARY_WORDS) {
    const doc = `**${w.zh.join("、")}** / ${w.en.join(", ")}: x ${OP_TEXT[w.op]} n\n\n${w.basis}`;
    for (const s of w.zh) out.push(item("boundary", s, `边界用语 x ${OP_TEXT[w.op]} n · ${w.en[0]}`, doc, lang === "zh"));
    for (const s of w.en) out.push(item("boundary", s, `boundary word x ${OP_TEXT[w.op]} n · ${w.zh[0]}`, doc, lang === "en"));
  }
  for (const u of UNITS) {
    for (const s of u.zh) out.push(item("unit", s, `单位 unit · ${u.type}${u.yuanFactor && u.yuanFactor !== "1" ? ` ×${u.yuanFactor}` : ""}`, undefined, lang === "zh"));
    for (const s of u.en) out.push(item("unit", s, `unit 单位 · ${u.type}`, undefined, lang === "en"));
  }
  for (const b of Object.values(BUILTINS)) {
    const doc = builtinDoc(b.fn);
    for (const s of b.names.zh) out.push(item("function", s, `内置函数 built-in · ${b.names.en.join("/")}`, doc, lang === "zh"));
    for (const s of b.names.en) out.push(item("function", s, `built-in 内置函数 · ${b.names.zh.join("/")}`, doc, lang === "en"));
  }
  for (const src of Object.values(PARTS)) {
    const fields = src.fields.map((f) => `\`${f.id}\` ${f.zh.join("/")}`).join(", ");
    const doc = `${src.doc}\n\n字段 fields: ${fields}`;
    out.push(item("source", src.id, `记录部分 record part · ${src.zh.join("/")}`, doc, lang === "en"));
    for (const z of src.zh) out.push(item("source", z, `记录部分 record part · ${src.id}`, doc, lang === "zh"));
    for (const fn of src.functions ?? []) {
      const fdoc = `${src.id}: ${fn.doc}`;
      out.push(item("function", fn.id, `函数 function of ${src.id} · ${fn.zh.join("/")}`, fdoc, lang === "en"));
      for (const z of fn.zh) out.push(item("function", z, `函数 function of ${src.zh[0]} · ${fn.id}`, fdoc, lang === "zh"));
    }
  }
  // A field name may belong to several parts (date, status …): one item listing them all.
  const fields = new Map<string, { other: Set<string>; where: string[] }>();
  const addField = (label: string, other: string[], where: string) => {
    const f = fields.get(label) ?? { other: new Set<string>(), where: [] };
    other.forEach((o) => f.other.add(o));
    f.where.push(where);
    fields.set(label, f);
  };
  for (const src of Object.values(PARTS)) {
    for (const f of src.fields) {
      const where = `${src.id}.${f.id} — ${f.doc}`;
      addField(f.id, f.zh, where);
      for (const z of f.zh) addField(z, [f.id], where);
    }
  }
  for (const f of SUBJECT_FIELDS) {
    addField(f.id, f.zh, `subject.${f.id} — ${f.doc}`);
    for (const z of f.zh) addField(z, [f.id], `subject.${f.id} — ${f.doc}`);
  }
  for (const [label, f] of fields) {
    const zh = /^[^A-Za-z]/.test(label);
    out.push(item("field", label, `字段 field · ${[...f.other].join("/")}`, f.where.join("\n\n"), zh === (lang === "zh")));
  }
  for (const e of Object.values(ENUMS)) {
    for (const v of e.values) {
      out.push(item("enum", v.id, `${e.zh} ${e.id} · ${v.zh.join("/")}`, undefined, lang === "en"));
      for (const z of v.zh) out.push(item("enum", z, `${e.zh} ${e.id} · ${v.id}`, undefined, lang === "zh"));
    }
  }
  return out;
}

/** A built-in function's signature and what it gives, in both languages (hover and completion). */
export function builtinDoc(fn: keyof typeof BUILTINS): string {
  const b = BUILTINS[fn];
  const arg = b.arg === "date" ? "日期 date" : b.arg;
  return ["```\n" + `${b.names.zh[0]}(${arg}, ${arg}, …) / ${b.names.en[0]}(…)` + "\n```", b.doc.zh, b.doc.en].join("\n\n");
}

/** A parameter's value, article and quoted basis, as hover and completion show it. */
export function paramDoc(p: Summary["params"][number]): string {
  return ["```\n" + `${p.name} = ${p.value}` + "\n```", ...(p.type ? [`类型 type: ${p.type}`] : []), ...(p.article ? [`**${p.article}**`] : []), ...(p.text ? [`> ${p.text}`] : [])].join("\n\n");
}

/** A per-item output's rule, part, article and type. */
export function outputDoc(o: Summary["outputs"][number]): string {
  const part = o.partId && o.partId !== o.part ? `${o.part} (${o.partId})` : o.part;
  return [
    `逐项 item rule **${o.rule}** 针对 for each **${part}**`,
    ...(o.article ? [`条款 article: ${o.article}`] : []),
    ...(o.type ? [`类型 type: ${o.type}`] : []),
  ].join("\n\n");
}

/** The items the policy itself defines: derived values, parameters, filters, per-item outputs and values, grade ids, quoted articles. */
export function policyItems(summary: Summary): Item[] {
  const out: Item[] = [];
  for (const v of summary.values) {
    const doc = ["```\n" + v.source + "\n```", ...v.notes].join("\n\n");
    out.push(item("value", v.name, `定义 derived value`, doc));
  }
  for (const p of summary.params) out.push(item("value", p.name, `参数 parameter · ${p.value}`, paramDoc(p)));
  for (const f of summary.filters) out.push(item("value", f.name, `条件 filter`, "```\n" + f.source + "\n```"));
  for (const o of summary.outputs) out.push(item("field", o.name, `输出 output of ${o.part} · 逐项 ${o.rule}`, outputDoc(o)));
  // A name may be defined in several rules: one item, listing them.
  const locals = new Map<string, Summary["itemValues"]>();
  for (const v of summary.itemValues) locals.set(v.name, [...(locals.get(v.name) ?? []), v]);
  for (const [name, vs] of locals) {
    const doc = vs.map((v) => [`逐项 item rule **${v.rule}**`, "```\n" + v.source + "\n```", ...v.notes].join("\n\n")).join("\n\n");
    out.push(item("value", name, `定义 per-item value · 逐项 ${vs.map((v) => v.rule).join(", ")}`, doc));
  }
  for (const g of summary.grades) out.push(item("grade", g.id, `等级 grade · ${g.label}`));
  const seen = new Map<string, string[]>();
  for (const a of summary.articles) seen.set(a.article, [...(seen.get(a.article) ?? []), a.text]);
  for (const [article, texts] of seen) out.push(item("article", article, `条款 article`, texts.map((t) => `> ${t}`).join("\n\n")));
  return out;
}
