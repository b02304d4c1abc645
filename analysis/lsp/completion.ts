// Completion, by where the cursor is (context.ts): a record part after an aggregate, that part's
// fields after 满足, a field's values after the field and an operator, the units a number's type
// allows, tags after 标记, grades where a grade is due; elsewhere everything, the policy's own names
// first. Spellings in the policy's keyword language come first; labels and documentation are in
// the interface language.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import { BUILTINS } from "../../compiler/builtins.js";
import { BOUNDARY_WORDS } from "../../dsl/boundary.js";
import { MEASURE_TAGS } from "../../dsl/tags.js";
import { KEYWORDS } from "../../dsl/tokens.js";
import { UNITS, type QuantityType } from "../../dsl/units.js";
import { ENUMS, findField, findPart, findSubjectField, PARTS, SUBJECT_FIELDS, type EnumId, type FieldDef, type PartDef, type PartId } from "../../record/registry.js";
import { FIELD_TYPES } from "../../compiler/passes/check-expr.js";
import type { DocumentAnalysis } from "./analyze.js";
import { completionContext, type CompletionContext } from "./context.js";
import {
  boundaryDoc,
  builtinDoc,
  declaredFieldDoc,
  enumValueDoc,
  fieldDoc,
  filterDoc,
  gradeDoc,
  itemValueDoc,
  keywordDoc,
  OP_TEXT,
  outputDoc,
  paramDoc,
  partDoc,
  subjectFieldDoc,
  tagDoc,
  unitDoc,
  valueDoc,
  articleDoc,
} from "./docs.js";
import { say, typeText, type Lang } from "./messages.js";
import { offsetAt, positionAt } from "./symbols.js";
import { enumOfField } from "./names.js";

type Kind = "value" | "field" | "part" | "enum" | "function" | "grade" | "keyword" | "boundary" | "unit" | "article" | "tag";

const LSP_KIND: Record<Kind, CompletionItemKind> = {
  value: CompletionItemKind.Variable,
  field: CompletionItemKind.Field,
  part: CompletionItemKind.Module,
  enum: CompletionItemKind.EnumMember,
  function: CompletionItemKind.Function,
  grade: CompletionItemKind.Constant,
  keyword: CompletionItemKind.Keyword,
  boundary: CompletionItemKind.Operator,
  unit: CompletionItemKind.Unit,
  article: CompletionItemKind.Reference,
  tag: CompletionItemKind.Property,
};

// In the general list: what the policy defines, then the record's facts, then the language.
const ORDER: Record<Kind, number> = { value: 0, part: 1, field: 1, function: 1, enum: 2, grade: 3, tag: 3, keyword: 4, boundary: 4, unit: 5, article: 6 };

interface Ctx {
  a: DocumentAnalysis;
  /** The interface language. */
  ui: Lang;
  /** The policy's keyword language: its spellings come first. */
  kw: Lang;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function item(c: Ctx, kind: Kind, label: string, detail: string, documentation: string | undefined, preferred: boolean, rank = ORDER[kind]): CompletionItem {
  return {
    label,
    kind: LSP_KIND[kind],
    detail,
    ...(documentation ? { documentation: { kind: "markdown", value: documentation } } : {}),
    sortText: `${rank}${preferred ? 0 : 1}${label}`,
    textEdit: { range: c.range, newText: label },
    insertTextFormat: InsertTextFormat.PlainText,
  };
}

/** Both spellings of a registry entry: its English id and its Chinese names, the policy's language first. */
function spellings(entry: { id: string; zh: readonly string[] }, kw: Lang): { text: string; preferred: boolean }[] {
  return [{ text: entry.id, preferred: kw === "en" }, ...entry.zh.map((z) => ({ text: z, preferred: kw === "zh" }))];
}

function partItems(c: Ctx, parts: readonly PartDef[], rank?: number): CompletionItem[] {
  return parts.flatMap((p) => spellings(p, c.kw).map((s) => item(c, "part", s.text, say(c.ui, "detail/part", s.text === p.id ? p.zh.join("/") : p.id), partDoc(p, c.ui), s.preferred, rank)));
}

function fieldItems(c: Ctx, part: PartDef, rank?: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  const owner = c.ui === "zh" ? (part.zh[0] ?? part.id) : part.id;
  for (const f of part.fields) {
    for (const s of spellings(f, c.kw)) out.push(item(c, "field", s.text, say(c.ui, "detail/field", owner, typeText(f.type.t === "enum" ? "enum" : f.type.t, c.ui)), fieldDoc(part, f, c.ui, c.a.readers), s.preferred, rank));
  }
  for (const fn of part.functions ?? []) {
    for (const s of spellings(fn, c.kw)) out.push(item(c, "function", s.text, say(c.ui, "detail/function", owner, fn.zh.join("/")), c.ui === "zh" ? fn.docZh : fn.doc, s.preferred, rank));
  }
  for (const f of c.a.ast?.fields ?? []) {
    if (findPart(f.part)?.id !== part.id) continue;
    const type = FIELD_TYPES.find((t) => t.names.includes(f.type))?.type.t ?? f.type;
    out.push(item(c, "field", f.name, say(c.ui, "detail/field", owner, typeText(type, c.ui)), declaredFieldDoc(part.id, f.name, type, f.description, c.ui, c.a.readers), true, rank));
  }
  for (const o of c.a.symbols.outputs) {
    if (o.partId === part.id) out.push(item(c, "field", o.name, say(c.ui, "detail/output", o.part, o.rule), outputDoc(o, c.ui, c.a.readers), true, rank));
  }
  return out;
}

function subjectItems(c: Ctx, rank?: number): CompletionItem[] {
  return SUBJECT_FIELDS.flatMap((f) => spellings(f, c.kw).map((s) => item(c, "field", s.text, say(c.ui, "detail/subject", typeText(f.type.t === "enum" ? "enum" : f.type.t, c.ui)), subjectFieldDoc(f, c.ui, c.a.readers), s.preferred, rank)));
}

function enumItems(c: Ctx, enumId: EnumId, rank?: number): CompletionItem[] {
  const e = ENUMS[enumId];
  return e.values.flatMap((v) =>
    spellings(v, c.kw).map((s) => item(c, "enum", s.text, say(c.ui, "detail/enum", c.ui === "zh" ? e.zh : e.en, s.text === v.id ? v.zh.join("/") : v.id), enumValueDoc(enumId, v.id, c.ui, c.a.readers), s.preferred, rank)),
  );
}

function keywordItems(c: Ctx, names?: ReadonlySet<string>, rank?: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const k of KEYWORDS) {
    if (names && !names.has(k.name)) continue;
    const doc = keywordDoc(k, c.ui);
    for (const s of k.zh) out.push(item(c, "keyword", s, say(c.ui, "detail/keyword", k.en.join(" / ") || k.zh.join(" / ")), doc, c.kw === "zh", rank));
    for (const s of k.en) out.push(item(c, "keyword", s, say(c.ui, "detail/keyword", k.zh.join(" / ")), doc, c.kw === "en", rank));
  }
  return out;
}

function boundaryItems(c: Ctx): CompletionItem[] {
  return BOUNDARY_WORDS.flatMap((w) => {
    const doc = boundaryDoc(w, c.ui);
    const detail = say(c.ui, "detail/boundary", `x ${OP_TEXT[w.op]} n`);
    return [...w.zh.map((s) => item(c, "boundary", s, detail, doc, c.kw === "zh")), ...w.en.map((s) => item(c, "boundary", s, detail, doc, c.kw === "en"))];
  });
}

function unitItems(c: Ctx, types?: readonly QuantityType[], rank?: number): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const u of UNITS) {
    if (types && !types.includes(u.type)) continue;
    const detail = say(c.ui, "detail/unit", typeText(u.type, c.ui));
    for (const s of u.zh) out.push(item(c, "unit", s, detail, unitDoc(u, s, c.ui), c.kw === "zh", rank));
    // English units follow the number after a space.
    for (const s of u.en) out.push(item(c, "unit", s, detail, unitDoc(u, s, c.ui), c.kw === "en", rank));
  }
  return out;
}

function builtinItems(c: Ctx): CompletionItem[] {
  return Object.values(BUILTINS).flatMap((b) => {
    const doc = builtinDoc(b.fn, c.ui);
    return [
      ...b.names.zh.map((s) => item(c, "function", s, say(c.ui, "detail/builtin", b.names.en.join("/")), doc, c.kw === "zh")),
      ...b.names.en.map((s) => item(c, "function", s, say(c.ui, "detail/builtin", b.names.zh.join("/")), doc, c.kw === "en")),
    ];
  });
}

function gradeItems(c: Ctx, rank?: number): CompletionItem[] {
  const decided = (id: string) => [...new Set((c.a.coverage?.articles ?? []).filter((x) => x.grade === id).map((x) => x.article))];
  return c.a.symbols.grades.map((g) => item(c, "grade", g.id, say(c.ui, "detail/grade", g.label), gradeDoc(g, c.ui, decided(g.id)), true, rank));
}

/** The policy's own names: derived values, parameters, filters, outputs, per-item values, grades, quoted articles. */
function policyItems(c: Ctx, only?: (type: string | undefined) => boolean): CompletionItem[] {
  const s = c.a.symbols;
  const types = c.a.ctx;
  const out: CompletionItem[] = [];
  const ok = (t: string | undefined) => !only || only(t);
  for (const v of s.values) if (ok(types?.valueTypes.get(v.name)?.t)) out.push(item(c, "value", v.name, say(c.ui, "detail/value"), valueDoc(v, c.ui, c.a.readers), true));
  for (const p of s.params) if (ok(p.type)) out.push(item(c, "value", p.name, say(c.ui, "detail/param", p.value), paramDoc(p, c.ui, c.a.readers), true));
  if (only) return out;
  for (const f of s.filters) out.push(item(c, "value", f.name, say(c.ui, "detail/filter"), filterDoc(f, c.ui, c.a.readers), true));
  for (const o of s.outputs) out.push(item(c, "field", o.name, say(c.ui, "detail/output", o.part, o.rule), outputDoc(o, c.ui, c.a.readers), true));
  const locals = new Map<string, (typeof s.itemValues)[number]>();
  for (const v of s.itemValues) if (!locals.has(v.name)) locals.set(v.name, v);
  for (const v of locals.values()) out.push(item(c, "value", v.name, say(c.ui, "detail/itemValue", v.rule), itemValueDoc(v, c.ui, c.a.readers), true));
  out.push(...gradeItems(c));
  for (const article of new Set(s.articles.map((a) => a.article))) out.push(item(c, "article", article, say(c.ui, "detail/article"), articleDoc(s, article, c.ui), true));
  return out;
}

/** The registry's fields of every part, one item per spelling (a name shared by parts lists each). */
function allFieldItems(c: Ctx): CompletionItem[] {
  const seen = new Map<string, CompletionItem>();
  for (const p of Object.values(PARTS)) {
    for (const it of fieldItems(c, p)) {
      const prev = seen.get(it.label);
      if (!prev) seen.set(it.label, it);
      else if (prev.documentation && it.documentation && typeof prev.documentation === "object" && typeof it.documentation === "object") {
        prev.documentation = { kind: "markdown", value: `${prev.documentation.value}\n\n---\n\n${it.documentation.value}` };
      }
    }
  }
  return [...seen.values()];
}

/** The type tag of a name the policy or the record defines, in a part's scope. */
function typeOfName(a: DocumentAnalysis, name: string, part: PartId | undefined): string | undefined {
  const ctx = a.ctx;
  const v = ctx?.valueTypes.get(name) ?? ctx?.paramTypes.get(name);
  if (v) return v.t;
  const p = a.symbols.params.find((x) => x.name === name);
  if (p?.type) return p.type;
  const f = (part ? findField(findPart(part), name) : undefined) ?? Object.values(PARTS).map((x) => findField(x, name)).find(Boolean) ?? findSubjectField(name);
  return (f as FieldDef | undefined)?.type.t;
}

const UNIT_TYPES: Record<string, QuantityType[]> = {
  money: ["money"],
  count: ["count"],
  score: ["score"],
  duration: ["duration"],
  workdays: ["workdays"],
  window: ["duration"],
  shift: ["duration", "workdays"],
  number: ["count", "score"],
};

function byContext(c: Ctx, context: CompletionContext): CompletionItem[] {
  switch (context.kind) {
    case "none":
      return [];
    case "part": {
      const within = context.within;
      const parts = Object.values(PARTS);
      // Inside an item rule, the item's own sub-parts first (全部 处罚 满足 …).
      const sub = within ? parts.filter((p) => p.parent === within || (p.parent && PARTS[p.parent].parent === within)) : [];
      return [...partItems(c, sub, 0), ...partItems(c, parts.filter((p) => !sub.includes(p)), 1)];
    }
    case "of":
      return [...allFieldItems(c).filter((i) => i.kind === CompletionItemKind.Field || i.kind === CompletionItemKind.Function), ...policyItems(c, (t) => t === "money" || t === "count" || t === "date")];
    case "fields": {
      const part = PARTS[context.part];
      return [...fieldItems(c, part, 0), ...subjectItems(c, 1), ...policyItems(c).map((i) => ({ ...i, sortText: `2${i.sortText}` })), ...keywordItems(c, new Set(["Not", "In", "None", "True", "False"]), 3)];
    }
    case "values": {
      const enumId = context.enum ?? enumOfField(context.part, context.name) ?? enumOfAnyPart(context.name);
      if (enumId) return enumItems(c, enumId, 0);
      const type = typeOfName(c.a, context.name, context.part);
      if (type === "bool") return keywordItems(c, new Set(["True", "False"]), 0);
      const same = policyItems(c, (t) => t === type);
      if (type === "date") {
        const today = SUBJECT_FIELDS.find((f) => f.id === "evaluation_day");
        return [...(today ? spellings(today, c.kw).map((s) => item(c, "field", s.text, say(c.ui, "detail/evaluationDay"), subjectFieldDoc(today, c.ui), s.preferred, 0)) : []), ...same, ...keywordItems(c, new Set(["None"]), 2)];
      }
      return [...same, ...keywordItems(c, new Set(["None"]), 2)];
    }
    case "units": {
      const type = context.type ?? (context.name ? typeOfName(c.a, context.name, undefined) : undefined);
      const types = type ? UNIT_TYPES[type] : undefined;
      return unitItems(c, types, 0);
    }
    case "grades":
      return [...gradeItems(c, 0), ...(context.orNone ? keywordItems(c, new Set(["None"]), 1) : [])];
    case "tagKeys":
      return MEASURE_TAGS.map((t) => item(c, "tag", t.key, t[c.ui], tagDoc(t.key, undefined, c.ui, []), true, 0));
    case "tagValues": {
      const tag = MEASURE_TAGS.find((t) => t.key === context.key);
      return (tag?.values ?? []).map((v) => item(c, "tag", v.id, v[c.ui], tagDoc(context.key, v.id, c.ui, []), true, 0));
    }
    case "general":
      return [...policyItems(c), ...partItems(c, Object.values(PARTS)), ...allFieldItems(c), ...subjectItems(c), ...builtinItems(c), ...enumItemsAll(c), ...keywordItems(c), ...boundaryItems(c), ...unitItems(c)];
  }
}

function enumOfAnyPart(name: string): EnumId | undefined {
  for (const p of Object.values(PARTS)) {
    const e = enumOfField(p.id, name);
    if (e) return e;
  }
  return enumOfField(undefined, name);
}

function enumItemsAll(c: Ctx): CompletionItem[] {
  return (Object.keys(ENUMS) as EnumId[]).flatMap((e) => enumItems(c, e));
}

/**
 * The completion items at a 1-based line and column of the analysed text. With `onlyInContext`
 * (a completion triggered by typing a space), nothing is offered where no context calls for it.
 */
export function completeAt(a: DocumentAnalysis, line: number, col: number, ui: Lang, onlyInContext = false): { items: CompletionItem[]; context: CompletionContext } {
  const offset = offsetAt(a.text, line, col);
  const at = completionContext(a.text, offset, a.form);
  if (onlyInContext && at.context.kind === "general") return { items: [], context: at.context };
  const start = positionAt(a.text, at.wordStart);
  const c: Ctx = {
    a,
    ui,
    kw: a.lang,
    range: { start: { line: start.line - 1, character: start.col - 1 }, end: { line: line - 1, character: col - 1 } },
  };
  return { items: byContext(c, at.context), context: at.context };
}
