// The outline: the policy's declarations in source order — parameters, derived values, filters,
// grades with their clauses by article, bands, categories, obligations, per-item rules with their
// values and outputs, measures, test cases — for the editor's outline view and breadcrumbs.
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { Condition, MeasureItem, Policy } from "../../dsl/ast.js";
import type { Span } from "../../diagnostics/span.js";
import { say, type Lang } from "./messages.js";
import { spanRange } from "./symbols.js";
import type { Range, Symbols } from "./types.js";

function lsp(r: Range): DocumentSymbol["range"] {
  return { start: { line: r.line - 1, character: r.col - 1 }, end: { line: r.endLine - 1, character: r.endCol - 1 } };
}

function sym(name: string, kind: SymbolKind, span: Span, select: Range | undefined, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const range = spanRange(span);
  return {
    name: name || "—",
    kind,
    range: lsp(range),
    selectionRange: lsp(select ?? range),
    ...(detail ? { detail } : {}),
    ...(children && children.length ? { children } : {}),
  };
}

function clauses(c: Condition): DocumentSymbol[] {
  if (c.kind === "Clause") return [sym(c.article, SymbolKind.Key, c.span, undefined, c.text)];
  if (c.kind === "NotCond") return clauses(c.item);
  return c.items.flatMap(clauses);
}

function measureItems(items: readonly MeasureItem[]): DocumentSymbol[] {
  return items.map((m) => sym(m.article, SymbolKind.EnumMember, m.span, undefined, m.text, measureItems(m.items)));
}

export function outlineOf(policy: Policy, symbols: Symbols, ui: Lang): DocumentSymbol[] {
  const name = (list: { name: string; nameRange: Range }[], n: string) => list.find((x) => x.name === n)?.nameRange;
  const out: { at: number; symbol: DocumentSymbol }[] = [];
  const add = (span: Span, symbol: DocumentSymbol) => out.push({ at: span.start, symbol });
  for (const p of policy.params ?? []) add(p.span, sym(p.name, SymbolKind.Constant, p.span, name(symbols.params, p.name), p.article));
  for (const v of policy.values) add(v.span, sym(v.name, SymbolKind.Variable, v.span, name(symbols.values, v.name), say(ui, "derivedValue")));
  for (const f of policy.filters ?? []) add(f.span, sym(f.name, SymbolKind.Function, f.span, name(symbols.filters, f.name), say(ui, "filter")));
  for (const g of policy.grades) {
    const id = symbols.grades.find((x) => x.id === g.id)?.idRange;
    add(g.span, sym(`${say(ui, "grade")} ${g.id}`, SymbolKind.Class, g.span, id, g.label, clauses(g.condition)));
  }
  for (const b of policy.bands ?? []) {
    add(b.span, sym(b.name, SymbolKind.Enum, b.span, undefined, b.article, b.items.map((i) => sym(`${i.grade} ${i.label}`, SymbolKind.EnumMember, i.span, undefined, i.article))));
  }
  for (const o of policy.overrides ?? []) add(o.span, sym(`${o.grade} ${o.article}`, SymbolKind.Event, o.span, undefined, o.text));
  for (const c of policy.categories ?? []) add(c.span, sym(c.id, SymbolKind.Interface, c.span, undefined, c.label, clauses(c.condition)));
  for (const m of policy.models ?? []) add(m.span, sym(m.name, SymbolKind.Struct, m.span, undefined, m.article, m.items.map((i) => sym(i.name, SymbolKind.Field, i.span, undefined))));
  for (const o of policy.obligations ?? []) add(o.span, sym(o.name, SymbolKind.Event, o.span, undefined, o.article));
  for (const r of policy.itemRules ?? []) {
    const children = [
      ...r.values.map((v) => sym(v.name, SymbolKind.Variable, v.span, symbols.itemValues.find((x) => x.rule === r.name && x.name === v.name)?.nameRange)),
      ...r.outputs.map((o) => sym(o.name, SymbolKind.Property, o.span, symbols.outputs.find((x) => x.rule === r.name && x.name === o.name)?.nameRange, o.article)),
      ...r.obligations.map((o) => sym(o.name, SymbolKind.Event, o.span, undefined, o.article)),
    ];
    add(r.span, sym(r.name, SymbolKind.Module, r.span, undefined, r.part, children));
  }
  for (const m of policy.measures) add(m.span, sym(`${say(ui, "outline/measures")} ${m.grade} ${m.article}`, SymbolKind.Namespace, m.span, undefined, m.text, measureItems(m.items)));
  for (const t of policy.tests) add(t.span, sym(t.name, SymbolKind.Method, t.span, undefined, t.asOf));
  return out.sort((a, b) => a.at - b.at).map((x) => x.symbol);
}
