// What a name means, as Markdown in one language: record parts, fields, enumeration values, units,
// tags, boundary words, built-in functions, aggregates, and the policy's own names. Hover shows
// these; completion shows them beside the list. The record's vocabulary comes from
// record/registry.ts (the one source), tags from dsl/tags.ts, units from dsl/units.ts.
import { BUILTINS } from "../../compiler/builtins.js";
import { AGGREGATE_LIST, type AggregateDef } from "../../dsl/aggregates.js";
import { BOUNDARY_WORDS, type BoundaryWord } from "../../dsl/boundary.js";
import { findTag } from "../../dsl/tags.js";
import { KEYWORDS } from "../../dsl/tokens.js";
import type { UnitDef } from "../../dsl/units.js";
import { COMPUTED_READS, ENUMS, fieldPaths, partPath, PARTS, type EnumId, type FieldDef, type FieldType, type PartDef, type PartId, type SubjectFieldDef } from "../../record/registry.js";
import { joinList, say, typeText, type Lang } from "./messages.js";
import { targetKey, type Target } from "./names.js";
import type { ItemValueSymbol, OutputSymbol, ParamSymbol, Symbols } from "./types.js";

export const OP_TEXT: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠" };

const code = (s: string): string => "```\n" + s + "\n```";

/** A name as the interface language writes it: its Chinese name, or its English id. */
export function spelled(item: { id: string; zh: readonly string[] }, lang: Lang): string {
  return lang === "zh" ? (item.zh[0] ?? item.id) : item.id;
}

/** "第八条（二）1、第八条（二）2" — the articles that read a name, in the regulation's order of appearance. */
export function readersLine(readers: ReadonlyMap<string, ReadonlySet<string>> | undefined, target: Target, lang: Lang): string {
  const set = readers?.get(targetKey(target));
  return set && set.size ? say(lang, "readBy", joinList([...set], lang)) : say(lang, "readByNone");
}

function fieldTypeText(type: FieldType, lang: Lang): string {
  if (type.t === "enum") return lang === "zh" ? ENUMS[type.enum].zh : ENUMS[type.enum].en;
  return typeText(type.t, lang);
}

/** The values of an enumeration as the language writes them. */
export function enumValuesText(enumId: EnumId, lang: Lang): string {
  return joinList(
    ENUMS[enumId].values.map((v) => (lang === "zh" ? `${v.zh[0]}（\`${v.id}\`）` : `\`${v.id}\` (${v.zh[0]})`)),
    lang,
  );
}

export function partDoc(p: PartDef, lang: Lang): string {
  const fields = joinList(
    p.fields.map((f) => spelled(f, lang)),
    lang,
  );
  return [`**${say(lang, "part")} ${spelled(p, lang)}**（${lang === "zh" ? `\`${p.id}\`` : p.zh.join("/")}）`, lang === "zh" ? p.docZh : p.doc, say(lang, "recordPath", `\`${partPath(p.id)}\``), say(lang, "fields", fields)].join("\n\n");
}

export function fieldDoc(part: PartDef, f: FieldDef, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  const enumId = f.type.t === "enum" ? f.type.enum : f.type.t === "rank" ? ("penalty_kind" as const) : undefined;
  const where = f.computed ? say(lang, "computed", joinList(COMPUTED_READS[f.computed].map((x) => `\`${x}\``), lang)) : say(lang, "recordPath", fieldPaths(part, f).map((x) => `\`${x}\``).join(", "));
  return [
    `**${say(lang, "field")} ${spelled(f, lang)}**（${spelled(part, lang)} · \`${part.id}.${f.id}\`${lang === "zh" ? "" : `, ${f.zh.join("/")}`}）`,
    lang === "zh" ? f.docZh : f.doc,
    say(lang, "type", fieldTypeText(f.type, lang)),
    ...(enumId ? [say(lang, "values", enumValuesText(enumId, lang))] : []),
    where,
    ...(readers ? [readersLine(readers, { kind: "field", part: part.id, field: f.id }, lang)] : []),
  ].join("\n\n");
}

export function subjectFieldDoc(f: SubjectFieldDef, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [
    `**${say(lang, "subjectField")} ${spelled(f, lang)}**（\`${f.id}\`${lang === "zh" ? "" : `, ${f.zh.join("/")}`}）`,
    lang === "zh" ? f.docZh : f.doc,
    say(lang, "type", fieldTypeText(f.type, lang)),
    ...(f.type.t === "enum" ? [say(lang, "values", enumValuesText(f.type.enum, lang))] : []),
    ...(readers ? [readersLine(readers, { kind: "subject", field: f.id }, lang)] : []),
  ].join("\n\n");
}

export function declaredFieldDoc(part: PartId, name: string, type: string, description: string | undefined, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [
    `**${say(lang, "field")} ${name}**（${spelled(PARTS[part], lang)} · \`${part}.${name}\`）`,
    say(lang, "declaredField"),
    ...(description ? [description] : []),
    say(lang, "type", typeText(type, lang)),
    ...(readers ? [readersLine(readers, { kind: "field", part, field: name }, lang)] : []),
  ].join("\n\n");
}

export function enumValueDoc(enumId: EnumId, id: string, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  const e = ENUMS[enumId];
  const v = e.values.find((x) => x.id === id);
  const name = v ? spelled(v, lang) : id;
  return [
    `**${name}**（${lang === "zh" ? e.zh : e.en} · \`${enumId}: ${id}\`${lang === "zh" || !v ? "" : `, ${v.zh.join("/")}`}）`,
    ...(lang === "zh" && v && v.zh.length > 1 ? [`${v.zh.join("、")}`] : []),
    say(lang, "values", enumValuesText(enumId, lang)),
    ...(readers ? [readersLine(readers, { kind: "enum", enum: enumId, value: id }, lang)] : []),
  ].join("\n\n");
}

export function unitDoc(u: UnitDef, spelling: string, lang: Lang): string {
  const line =
    u.type === "money"
      ? say(lang, "unit/money", spelling, u.yuanFactor ?? "1")
      : u.type === "count"
        ? say(lang, "unit/count")
        : u.type === "duration"
          ? say(lang, "unit/duration")
          : u.type === "workdays"
            ? say(lang, "unit/workdays")
            : say(lang, "unit/score");
  const other = lang === "zh" ? u.en.map((x) => `\`${x}\``).join(", ") : u.zh.join("、");
  return [`**${say(lang, "unit")} ${spelling}**（${other}）`, line, say(lang, "type", typeText(u.type, lang))].join("\n\n");
}

export function tagDoc(key: string, value: string | undefined, lang: Lang, carriedBy: readonly string[]): string {
  const tag = findTag(key);
  const v = tag && value !== undefined ? tag.values.find((x) => x.id === value) : undefined;
  return [
    `**${say(lang, "tag")}** \`${key}${value !== undefined ? ` = ${value}` : ""}\``,
    ...(tag ? [`\`${key}\`: ${tag[lang]}`] : [say(lang, "tagOwn")]),
    ...(v ? [`\`${value}\`: ${v[lang]}`] : []),
    ...(tag && value === undefined ? [say(lang, "tagValues", joinList(tag.values.map((x) => `\`${x.id}\`（${x[lang]}）`), lang))] : []),
    ...(carriedBy.length ? [say(lang, "tagCarriedBy", joinList(carriedBy, lang))] : []),
  ].join("\n\n");
}

export function boundaryDoc(w: BoundaryWord, lang: Lang): string {
  return [`**${say(lang, "boundaryWord")} ${w.zh.join("、")}** / \`${w.en.join(", ")}\``, code(`x ${OP_TEXT[w.op]} n`), say(lang, "basis", lang === "zh" ? w.basis : w.basisEn)].join("\n\n");
}

/** A bound as the compiler reads it: the word, its marker, the comparison made, and why. */
export function boundDoc(b: { word?: string; marker?: "incl" | "excl"; reading: string }, lang: Lang): string {
  const w = BOUNDARY_WORDS.find((x) => x.id === b.word);
  const marker = b.marker === "incl" ? (lang === "zh" ? "（含）" : " (inclusive)") : b.marker === "excl" ? (lang === "zh" ? "（不含）" : " (exclusive)") : "";
  const basis = [w ? (lang === "zh" ? w.basis : w.basisEn) : undefined, b.marker ? say(lang, b.marker === "incl" ? "markerIncl" : "markerExcl") : undefined].filter(Boolean);
  return [
    `**${w ? w.zh.join("、") : say(lang, "comparison")}${marker}**${w ? ` / \`${w.en.join(", ")}\`` : ""}`,
    code(b.reading),
    ...(basis.length ? [say(lang, "basis", basis.join(lang === "zh" ? "；" : "; "))] : []),
  ].join("\n\n");
}

export function builtinDoc(fn: keyof typeof BUILTINS, lang: Lang): string {
  const b = BUILTINS[fn];
  const arg = typeText(b.arg, lang);
  const name = lang === "zh" ? b.names.zh[0] : b.names.en[0];
  return [`**${say(lang, "builtin")} ${b.names.zh.join("/")}** / \`${b.names.en.join("/")}\``, code(`${name}(${arg}, ${arg}, …)`), b.doc[lang]].join("\n\n");
}

export function aggregateDoc(a: AggregateDef, lang: Lang): string {
  const spelled = (name: string, l: "zh" | "en") => KEYWORDS.find((k) => k.name === name)?.[l][0] ?? "";
  const head = `${spelled(a.keyword, "zh")}** / \`${spelled(a.enKeyword ?? a.keyword, "en")}\``;
  const form =
    lang === "zh"
      ? a.of
        ? `${spelled(a.keyword, "zh")} X 来自 记录部分 满足 … 近 N年`
        : `${spelled(a.keyword, "zh")} 记录部分 满足 … 近 N年`
      : a.of
        ? `${spelled(a.enKeyword ?? a.keyword, "en")} X of PART where … in last N years`
        : `${spelled(a.keyword, "en")} PART where … in last N years`;
  return [`**${say(lang, "aggregate")} ${head}`, code(form), a.doc[lang]].join("\n\n");
}

export function keywordDoc(k: (typeof KEYWORDS)[number], lang: Lang): string {
  const agg = AGGREGATE_LIST.find((a) => a.keyword === k.name || a.enKeyword === k.name);
  if (agg && !(k.name === "Max" && lang === "zh")) return aggregateDoc(agg, lang);
  const own = lang === "zh" ? k.zh : k.en;
  const other = lang === "zh" ? k.en : k.zh;
  return `**${say(lang, "keyword")} ${(own.length ? own : other).join(" / ")}**${other.length && own.length ? `（${say(lang, "otherSpelling", other.map((x) => `\`${x}\``).join(" / "))}）` : ""}`;
}

export function valueDoc(v: { name: string; source: string; notes: string[] }, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [`**${say(lang, "derivedValue")} ${v.name}**`, code(v.source), ...v.notes, ...(readers ? [readersLine(readers, { kind: "value", name: v.name }, lang)] : [])].join("\n\n");
}

export function itemValueDoc(v: ItemValueSymbol, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [
    `**${say(lang, "itemValue")} ${v.name}** · ${say(lang, "inItemRule", v.rule)}`,
    code(v.source),
    ...v.notes,
    ...(readers ? [readersLine(readers, { kind: "local", rule: v.rule, name: v.name }, lang)] : []),
  ].join("\n\n");
}

export function paramDoc(p: ParamSymbol, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [
    `**${say(lang, "param")} ${p.name}**`,
    code(`${p.name} = ${p.value}`),
    ...(p.type ? [say(lang, "type", typeText(p.type, lang))] : []),
    ...(p.article ? [`**${p.article}**`] : []),
    ...(p.text ? [`> ${p.text}`] : []),
    ...(readers ? [readersLine(readers, { kind: "param", name: p.name }, lang)] : []),
  ].join("\n\n");
}

export function filterDoc(f: { name: string; source: string }, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  return [`**${say(lang, "filter")} ${f.name}**`, code(f.source), ...(readers ? [readersLine(readers, { kind: "filter", name: f.name }, lang)] : [])].join("\n\n");
}

export function outputDoc(o: OutputSymbol, lang: Lang, readers?: ReadonlyMap<string, ReadonlySet<string>>): string {
  const part = o.partId ? spelled(PARTS[o.partId as PartId], lang) : o.part;
  return [
    `**${say(lang, "output")} ${o.name}**`,
    say(lang, "itemRuleOf", o.rule, part),
    ...(o.article ? [`${say(lang, "article")}: ${o.article}`] : []),
    ...(o.type ? [say(lang, "type", typeText(o.type, lang))] : []),
    ...(readers ? [readersLine(readers, { kind: "output", rule: o.rule, name: o.name }, lang)] : []),
  ].join("\n\n");
}

export function gradeDoc(g: { id: string; label: string }, lang: Lang, articles: readonly string[]): string {
  return [`**${say(lang, "grade")} ${g.id}** ${g.label}`, ...(articles.length ? [say(lang, "decidedBy", joinList(articles, lang))] : [])].join("\n\n");
}

/** The quoted texts of an article, each with where the policy quotes it. */
export function articleDoc(symbols: Symbols | undefined, article: string, lang: Lang): string {
  const quotes = (symbols?.articles ?? []).filter((a) => a.article === article);
  if (quotes.length === 0) return [`**${article}**`, say(lang, "noQuote")].join("\n\n");
  const seen = new Set<string>();
  const parts = quotes.filter((q) => !seen.has(`${q.kind}${q.text}`) && seen.add(`${q.kind}${q.text}`));
  return [`**${article}**`, ...parts.map((q) => `*${say(lang, `quote/${q.kind}`)}*\n\n> ${q.text}`)].join("\n\n");
}


