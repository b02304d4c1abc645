// Every name written in a policy and what it stands for: the declarations of derived values,
// parameters, named filters, per-item outputs and values and grades, and each use of a name in an
// expression — a value, a parameter, a filter, an output, a per-item value, a record field, a
// subject field or an enumeration value — with the article of the clause it is read in. References,
// rename, hover ("the articles that read it") and semantic tokens read this index.
//
// A use is resolved as the checker resolved it when the checker got that far (its `resolved` map);
// otherwise by the checker's own order of scopes (compiler/passes/check-expr.ts checkName), so a
// policy with errors still has its references.
import type { CompileContext, Resolution } from "../../compiler/context.js";
import type { Condition, Expr, ItemRuleDecl, Policy } from "../../dsl/ast.js";
import { walkExpr } from "../../dsl/walk.js";
import { findEnumValue, findField, findPart, findSubjectField, type EnumId, type PartId } from "../../record/registry.js";
import { offsetRange, spanRange } from "./symbols.js";
import type { Range, Symbols } from "./types.js";

export type Target =
  | { kind: "value"; name: string }
  | { kind: "param"; name: string }
  | { kind: "filter"; name: string }
  | { kind: "output"; rule: string; name: string }
  | { kind: "local"; rule: string; name: string }
  | { kind: "grade"; id: string }
  | { kind: "field"; part: PartId; field: string }
  | { kind: "subject"; field: string }
  | { kind: "enum"; enum: EnumId; value: string };

export interface Occurrence {
  target: Target;
  range: Range;
  /** The declaration itself (its name). */
  decl?: boolean;
  /** The article of the clause it is read in, if any. */
  article?: string;
  /** The grade (or category) whose condition reads it. */
  grade?: string;
  /** The declaration it is read in, outside a clause (a derived value, a filter, a per-item value), by targetKey. */
  owner?: string;
}

export function targetKey(t: Target): string {
  switch (t.kind) {
    case "output":
    case "local":
      return `${t.kind}:${t.rule}:${t.name}`;
    case "field":
      return `field:${t.part}:${t.field}`;
    case "enum":
      return `enum:${t.enum}:${t.value}`;
    case "grade":
      return `grade:${t.id}`;
    case "subject":
      return `subject:${t.field}`;
    default:
      return `${t.kind}:${t.name}`;
  }
}

interface Scope {
  part?: PartId;
  rule?: ItemRuleDecl;
  article?: string;
  grade?: string;
  owner?: string;
}

/** The enumeration a field's values come from: its type's, or penalty kinds for a violation's class. */
export function enumOfField(part: PartId | undefined, name: string): EnumId | undefined {
  const field = part ? findField(findPart(part), name) : undefined;
  const subject = findSubjectField(name);
  const type = field?.type ?? subject?.type;
  if (!type) return undefined;
  return type.t === "enum" ? type.enum : type.t === "rank" ? "penalty_kind" : undefined;
}

class Indexer {
  readonly out: Occurrence[] = [];
  /** The part a named filter is used over: its body's names are that part's fields. */
  private readonly filterParts = new Map<string, PartId>();

  constructor(
    private readonly policy: Policy,
    private readonly resolved: ReadonlyMap<Expr, Resolution> | undefined,
  ) {}

  private push(target: Target, range: Range, scope: Scope, decl = false): void {
    this.out.push({
      target,
      range,
      ...(decl ? { decl } : {}),
      ...(scope.article ? { article: scope.article } : {}),
      ...(scope.grade ? { grade: scope.grade } : {}),
      ...(scope.owner ? { owner: scope.owner } : {}),
    });
  }

  /** What a bare name means in a scope, in the checker's order: field, declared field, output, rule value, value, parameter, filter, subject field. */
  private resolveName(name: string, scope: Scope): Target | undefined {
    const p = this.policy;
    if (scope.part) {
      const field = findField(findPart(scope.part), name);
      if (field) return { kind: "field", part: scope.part, field: field.id };
      if ((p.fields ?? []).some((f) => f.name === name && findPart(f.part)?.id === scope.part)) return { kind: "field", part: scope.part, field: name };
      for (const r of p.itemRules ?? []) {
        if (findPart(r.part)?.id === scope.part && r.outputs.some((o) => o.name === name)) return { kind: "output", rule: r.name, name };
      }
    }
    if (scope.rule?.values.some((v) => v.name === name)) return { kind: "local", rule: scope.rule.name, name };
    if (p.values.some((v) => v.name === name)) return { kind: "value", name };
    if ((p.params ?? []).some((x) => x.name === name)) return { kind: "param", name };
    if ((p.filters ?? []).some((x) => x.name === name)) return { kind: "filter", name };
    const subject = findSubjectField(name);
    if (subject) return { kind: "subject", field: subject.id };
    return undefined;
  }

  private fromResolution(r: Resolution, scope: Scope): Target | undefined {
    switch (r.kind) {
      case "field":
        return scope.part ? { kind: "field", part: scope.part, field: r.field } : undefined;
      case "value":
      case "param":
      case "filter":
        return { kind: r.kind, name: r.name };
      case "local":
      case "output":
        return { kind: r.kind, rule: r.rule, name: r.name };
      case "subject":
        return { kind: "subject", field: r.field };
      case "enum":
        return { kind: "enum", enum: r.type.t === "enum" ? r.type.enum : "penalty_kind", value: r.id };
      default:
        return undefined;
    }
  }

  /** A name where the enumeration `enumId` is expected (the right of a comparison with an enum field). */
  private nameAsEnum(e: Extract<Expr, { kind: "Name" }>, enumId: EnumId | undefined, scope: Scope): boolean {
    if (!enumId) return false;
    const id = findEnumValue(enumId, e.name);
    if (!id) return false;
    this.push({ kind: "enum", enum: enumId, value: id }, spanRange(e.span), scope);
    return true;
  }

  /** The enumeration an expression's values are of, when it is a name of an enumerated field. */
  private enumOf(e: Expr, scope: Scope): EnumId | undefined {
    if (e.kind !== "Name") return undefined;
    const r = this.resolved?.get(e);
    if (r?.kind === "field" || r?.kind === "subject") {
      const t = r.type;
      return t.t === "enum" ? t.enum : t.t === "rank" ? "penalty_kind" : undefined;
    }
    return enumOfField(scope.part, e.name);
  }

  expr(root: Expr | undefined, scope: Scope): void {
    walkExpr(root, (e) => {
      switch (e.kind) {
        case "Aggregate": {
          const part = findPart(e.source)?.id;
          const inner = part ? { ...scope, part } : scope;
          this.expr(e.of, inner);
          this.expr(e.where, inner);
          return false;
        }
        case "Compare": {
          this.expr(e.left, scope);
          const enumId = this.enumOf(e.left, scope);
          for (const b of e.bounds) if (!(b.right.kind === "Name" && !this.resolved?.get(b.right) && this.nameAsEnum(b.right, enumId, scope))) this.expr(b.right, scope);
          return false;
        }
        case "In": {
          this.expr(e.left, scope);
          const enumId = this.enumOf(e.left, scope);
          for (const i of e.items) if (!(i.kind === "Name" && !this.resolved?.get(i) && this.nameAsEnum(i, enumId, scope))) this.expr(i, scope);
          return false;
        }
        case "Call": {
          // A part's function (金额(罚款, 没收)): its arguments are values of the function's enumeration.
          const fn = scope.part ? findPart(scope.part)?.functions?.find((f) => f.id === e.callee || f.zh.includes(e.callee)) : undefined;
          if (!fn) return true;
          for (const a of e.args) if (!(a.kind === "Name" && this.nameAsEnum(a, fn.args, scope))) this.expr(a, scope);
          return false;
        }
        case "Name": {
          const r = this.resolved?.get(e);
          const t = r ? this.fromResolution(r, scope) : this.resolveName(e.name, scope);
          if (t) this.push(t, spanRange(e.span), scope);
          if (t?.kind === "filter" && scope.part && !this.filterParts.has(t.name)) this.filterParts.set(t.name, scope.part);
          return false;
        }
        default:
          return true;
      }
    });
  }

  condition(c: Condition, scope: Scope): void {
    if (c.kind === "Clause") this.expr(c.when, { ...scope, article: c.article });
    else if (c.kind === "NotCond") this.condition(c.item, scope);
    else c.items.forEach((i) => this.condition(i, scope));
  }

  run(): void {
    const p = this.policy;
    for (const v of p.values) this.expr(v.value, { owner: targetKey({ kind: "value", name: v.name }) });
    for (const x of p.params ?? []) this.expr(x.value, {});
    for (const g of p.grades) this.condition(g.condition, { grade: g.id });
    for (const o of p.overrides ?? []) this.expr(o.when, { article: o.article, grade: o.grade });
    for (const c of p.categories ?? []) this.condition(c.condition, { grade: c.id });
    for (const b of p.bands ?? []) {
      this.expr(b.subject, { ...(b.article ? { article: b.article } : {}) });
      for (const i of b.items) for (const bound of i.bounds) this.expr(bound.right, { article: i.article, grade: i.grade });
    }
    for (const m of p.models ?? []) for (const i of m.items) this.expr(i.value, { ...(m.article ? { article: m.article } : {}) });
    for (const o of p.obligations ?? []) {
      const part = o.source ? findPart(o.source)?.id : undefined;
      const scope: Scope = { article: o.article, ...(part ? { part } : {}) };
      this.expr(o.where, scope);
      this.expr(o.due, scope);
    }
    for (const r of p.itemRules ?? []) {
      const part = findPart(r.part)?.id;
      const scope: Scope = { rule: r, ...(part ? { part } : {}) };
      for (const v of r.values) this.expr(v.value, { ...scope, owner: targetKey({ kind: "local", rule: r.name, name: v.name }) });
      for (const o of r.outputs) this.condition(o.condition, scope);
      for (const c of r.categories) this.condition(c.condition, { ...scope, grade: c.id });
      for (const o of r.obligations) {
        const op = o.source ? findPart(o.source)?.id : part;
        this.expr(o.where, { ...scope, article: o.article, ...(op ? { part: op } : {}) });
        this.expr(o.due, { ...scope, article: o.article, ...(op ? { part: op } : {}) });
      }
    }
    // Last: a filter's body reads the fields of the part it is used over.
    for (const f of p.filters ?? []) {
      const part = this.filterParts.get(f.name);
      this.expr(f.when, { owner: targetKey({ kind: "filter", name: f.name }), ...(part ? { part } : {}) });
    }
  }
}

/** The declarations of the names a policy defines, as occurrences. */
function declarations(symbols: Symbols): Occurrence[] {
  return [
    ...symbols.values.map((v) => ({ target: { kind: "value", name: v.name } as Target, range: v.nameRange, decl: true })),
    ...symbols.params.map((v) => ({ target: { kind: "param", name: v.name } as Target, range: v.nameRange, decl: true })),
    ...symbols.filters.map((v) => ({ target: { kind: "filter", name: v.name } as Target, range: v.nameRange, decl: true })),
    ...symbols.outputs.map((v) => ({ target: { kind: "output", rule: v.rule, name: v.name } as Target, range: v.nameRange, decl: true })),
    ...symbols.itemValues.map((v) => ({ target: { kind: "local", rule: v.rule, name: v.name } as Target, range: v.nameRange, decl: true })),
    ...symbols.grades.map((g) => ({ target: { kind: "grade", id: g.id } as Target, range: g.idRange, decl: true })),
  ];
}

/** Every declaration and use of a name in the policy, in source order. */
export function indexNames(policy: Policy, symbols: Symbols, text: string, form: "dsl" | "yaml", ctx?: CompileContext): Occurrence[] {
  const ix = new Indexer(policy, ctx?.resolved);
  ix.run();
  const all = [...declarations(symbols), ...ix.out, ...(form === "dsl" ? gradeUses(policy, text) : [])];
  return all.sort((a, b) => a.range.line - b.range.line || a.range.col - b.range.col);
}

/**
 * The articles of the clauses that read each name (by targetKey), directly or through the derived
 * values, filters and per-item values that read it: 一年内罚款累计 reads 处罚.金额, and 第八条（二）2
 * reads 一年内罚款累计, so 第八条（二）2 reads 处罚.金额.
 */
export function readersOf(occurrences: readonly Occurrence[]): Map<string, Set<string>> {
  const direct = new Map<string, Set<string>>();
  const via = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, key: string, item: string) => {
    let set = m.get(key);
    if (!set) m.set(key, (set = new Set()));
    set.add(item);
  };
  for (const o of occurrences) {
    if (o.decl) continue;
    const key = targetKey(o.target);
    if (o.article) add(direct, key, o.article);
    else if (o.owner) add(via, key, o.owner);
  }
  const memo = new Map<string, Set<string>>();
  const readers = (key: string, seen: Set<string>): Set<string> => {
    const done = memo.get(key);
    if (done) return done;
    const out = new Set(direct.get(key) ?? []);
    if (!seen.has(key)) {
      seen.add(key);
      for (const owner of via.get(key) ?? []) for (const a of readers(owner, seen)) out.add(a);
      seen.delete(key);
    }
    memo.set(key, out);
    return out;
  };
  const keys = new Set([...direct.keys(), ...via.keys()]);
  return new Map([...keys].map((k) => [k, readers(k, new Set())]));
}

/** A whole-word occurrence of `word` at or after `from` and before `to`, as a range. */
function wordIn(text: string, word: string, from: number, to: number): Range | undefined {
  const re = new RegExp(`(?<![A-Za-z0-9_\\u3400-\\u9fff])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z0-9_\\u3400-\\u9fff])`, "g");
  re.lastIndex = from;
  const m = re.exec(text);
  return m && m.index < to ? offsetRange(text, m.index, m.index + word.length) : undefined;
}

/**
 * Where the text form writes a grade id besides its declaration: the precedence, the default, the
 * measures and notices of the grade, overrides, grade maps and test expectations (预期 等级 B).
 */
export function gradeUses(policy: Policy, text: string): Occurrence[] {
  const out: Occurrence[] = [];
  const grades = new Set([...policy.grades.map((g) => g.id), ...(policy.bands ?? []).flatMap((b) => b.items.map((i) => i.grade))]);
  const use = (id: string | null | undefined, from: number, to: number) => {
    if (!id || !grades.has(id)) return;
    const range = wordIn(text, id, from, to);
    if (range) out.push({ target: { kind: "grade", id }, range });
  };
  for (const o of policy.precedence?.order ?? []) use(o.id, o.span.start, o.span.end);
  if (policy.default) use(policy.default.grade, policy.default.span.start, policy.default.span.end);
  for (const m of policy.measures) use(m.grade, m.span.start, m.span.end);
  for (const n of policy.notices) use(n.grade, n.span.start, n.span.end);
  for (const o of policy.overrides ?? []) use(o.grade, o.span.start, o.span.end);
  for (const g of policy.gradeMaps ?? []) for (const p of g.pairs) use(p.to, p.span.start, p.span.end);
  for (const t of policy.tests) {
    const expect = /(?:预期\s*等级|expect\s+grade)\s+/g;
    expect.lastIndex = t.span.start;
    const m = expect.exec(text);
    if (m && m.index < t.span.end) use(t.expect.grade, m.index + m[0].length, t.span.end);
  }
  return out;
}
