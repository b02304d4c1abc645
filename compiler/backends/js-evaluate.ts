// The body of a generated evaluate(record, asOf), in the evaluator's order: derived values (plain
// aggregates over one record part share a loop), every grade's rules (each rule that held is
// reported, grades strongest first), overrides, categories, score outcomes, obligations, then the
// result shaped as runtime/evaluate.ts shapes it.
import type { IRCondition, IRExpr } from "../ir.js";
import { assertNever } from "../../diagnostics/never.js";
import { irValueReads } from "../ir-walk.js";
import { condition, genExpr } from "./js-expr.js";
import type { Gen, Kind } from "./js-gen.js";
import { commentText, mangle, str } from "./js-literals.js";
import { conditionCode as conditionCode2, initial, sourceLoops, type Accumulator, type ElementCx } from "./js-sources.js";
import { gradesByPrecedence } from "./result-shape.js";

/** Expressions inside a loop over a part, in its element's context. */
function genIn(gen: Gen): (e: IRExpr, el: ElementCx) => ReturnType<typeof genExpr> {
  return (e, el) => genExpr(e, { gen, el });
}

/** An object key for a literal: `"__proto__"` must be computed to be an own property. */
export function key(k: string): string {
  return k === "__proto__" ? `[${str(k)}]` : str(k);
}

function valueLines(gen: Gen): string[] {
  const ir = gen.ir;
  const lines: string[] = [];
  const accs: Accumulator[] = [];
  const later: { id: string; i: number }[] = [];
  ir.values.forEach((v, i) => {
    const id = mangle("v", i, v.name);
    const e = v.expr;
    if (e.op === "agg" && irValueReads(e).length === 0) {
      const init = initial(e);
      gen.values.set(v.name, { id, kind: init.kind, money: v.type.t === "money" });
      lines.push(`  let ${id}${gen.ann(init.type)} = ${init.code};`);
      accs.push({ e, target: id });
    } else {
      later.push({ id, i });
    }
  });
  lines.push(...sourceLoops(gen, accs, "  ", genIn(gen)));
  for (const { id, i } of later) {
    const v = ir.values[i]!;
    const c = genExpr(v.expr, { gen });
    const kind: Kind = { t: c.kind.t, nullable: c.kind.nullable };
    gen.values.set(v.name, { id, kind, money: v.type.t === "money" });
    lines.push(`  const ${id}${gen.ann(gen.tsType(kind))} = ${c.code};`);
  }
  return lines;
}

/** A derived value as the result's "values" shows it (runtime/evaluate.ts jsonValue). */
function valueJson(gen: Gen, name: string): string {
  const v = gen.values.get(name);
  if (!v) return "null";
  const { id, kind, money } = v;
  if (kind.t === "bigint") {
    const shown = money ? `${gen.use("formatYuan")}(${id})` : `${id}.toString()`;
    return kind.nullable ? `(${id} === null ? null : ${shown})` : shown;
  }
  if (kind.t === "unknown") return `${gen.use("jsonValue")}(${id}, ${money})`;
  return id;
}

/** The "values" object of a matched rule: the derived values it read. */
function valuesObject(gen: Gen, reads: string[]): string {
  if (reads.length === 0) return "{}";
  const code = `{ ${reads.map((name) => `${key(name)}: ${valueJson(gen, name)}`).join(", ")} }`;
  const loose = reads.some((n) => {
    const v = gen.values.get(n);
    return !v || v.kind.t === "unknown" || v.kind.t === "null" || v.kind.nullable;
  });
  return gen.ts && loose ? `(${code} as unknown as MatchedValues)` : code;
}

/**
 * Emits the tests of a condition's clauses (each tested once) and returns the expression combining
 * them; `entries` gets, for each clause, the statement reporting it when it held (or, under an odd
 * number of `not`s, when it did not), as the evaluator reports it.
 */
function conditionCode(gen: Gen, c: IRCondition, grade: string, negated: boolean, lines: string[], entries: string[]): string {
  switch (c.kind) {
    case "clause": {
      const v = gen.fresh("c");
      lines.push(`    const ${v} = ${condition(c.expr, { gen })};`);
      const entry = `{ grade: ${str(grade)}, article: ${str(c.article)}, text: ${str(c.text)}, values: ${valuesObject(gen, c.reads)}${negated ? ", negated: true" : ""} }`;
      entries.push(`      if (${negated ? "!" : ""}${v}) matched.push(${entry});`);
      return v;
    }
    case "not":
      return `!${conditionCode(gen, c.item, grade, !negated, lines, entries)}`;
    case "any":
    case "all": {
      if (c.items.length === 0) return c.kind === "any" ? "false" : "true";
      const parts = c.items.map((i) => conditionCode(gen, i, grade, negated, lines, entries));
      return `(${parts.join(c.kind === "any" ? " || " : " && ")})`;
    }
    default:
      return assertNever(c, "IR condition");
  }
}

function gradeLines(gen: Gen): string[] {
  const ir = gen.ir;
  // No array per record until a rule is reported: most subjects have none.
  const lines = [`  let matched${gen.ann("MatchedRule[]")} = NO_MATCH;`, `  let chosen${gen.ann("GradeId | null")} = null;`];
  for (const g of gradesByPrecedence(ir)) {
    lines.push(`  // grade ${commentText(str(g.id))} ${commentText(str(g.label))}`, `  {`);
    const entries: string[] = [];
    const holds = conditionCode(gen, g.condition, g.id, false, lines, entries);
    lines.push(`    if (${holds}) {`, `      if (chosen === null) chosen = ${str(g.id)};`);
    if (entries.length) lines.push(`      if (matched === NO_MATCH) matched = [];`, ...entries);
    lines.push(`    }`, `  }`);
  }
  if (ir.default !== null) lines.push(`  if (chosen === null) chosen = ${str(ir.default)};`);
  // The first override that holds sets the grade and is reported first.
  ir.overrides.forEach((o, i) => {
    const test = condition(o.expr, { gen });
    const entry = `{ grade: ${str(o.id)}, article: ${str(o.article)}, text: ${str(o.text)}, values: ${valuesObject(gen, o.reads)}, override: true }`;
    lines.push(`  ${i ? "else " : ""}if (${test}) {`, `    chosen = ${str(o.id)};`, `    matched = [${entry}, ...matched];`, `  }`);
  });
  return lines;
}

/** The lines of evaluate() after `const r = …`. */
export function evaluateBody(gen: Gen): string[] {
  const ir = gen.ir;
  const lines = [...valueLines(gen), ...gradeLines(gen)];
  const hasCategories = ir.categories.length > 0;
  if (hasCategories) {
    lines.push(`  const holding${gen.ann("Category[]")} = [];`);
    ir.categories.forEach((c, i) => lines.push(`  if (${conditionCode2(c.condition, undefined, (x) => genExpr(x, { gen }))}) holding.push(CATEGORY${i});`));
  }
  if (ir.models.length) lines.push(`  const scored = scores.slice();`);
  if (ir.obligations.length) {
    lines.push(`  const obligations${gen.ann("Obligation[]")} = [];`);
    for (const o of ir.obligations) lines.push(...sourceLoops(gen, [{ obligation: o, target: "obligations" }], "  ", genIn(gen)));
  }
  if (ir.itemRules.length) {
    // Every item dated on or before the data day, whatever its status, rule by rule.
    lines.push(`  const items${gen.ann("ItemResult[]")} = [];`);
    for (const r of ir.itemRules) lines.push(...sourceLoops(gen, [{ item: r, target: "items" }], "  ", genIn(gen)));
  }
  const base = (what: string) => `(info ? info.${what} : NONE)`;
  const withCategories = (what: string) =>
    hasCategories ? `holding.length ? [...${base(what)}, ...holding.flatMap((c) => BY_GRADE.get(c.id)?.${what} ?? [])] : ${base(what)}` : base(what);
  lines.push(
    `  const info = chosen === null ? undefined : BY_GRADE.get(chosen);`,
    `  const id = r["id"];`,
    `  return {`,
    `    id: typeof id === "string" ? id : null,`,
    `    as_of: asOf,`,
    `    policy,`,
    `    grade: chosen,`,
    `    label: info ? info.label : null,`,
    `    matched,`,
    `    measures: ${withCategories("measures")},`,
    `    notifications: ${withCategories("notifications")},`,
    ...(hasCategories ? [`    categories: holding,`] : []),
    ...(ir.models.length ? [`    scores: scored,`] : []),
    ...(ir.obligations.length ? [`    obligations,`] : []),
    ...(ir.snapshot ? [`    data_as_of: day,`] : []),
    ...(ir.itemRules.length ? [`    items,`] : []),
    `  };`,
  );
  const top = [...(ir.models.length ? [`  const scores${gen.ann("ModelOutcome[]")} = [];`] : []), ...gen.evalDecls];
  if (gen.ts && ir.models.length) gen.use("type ModelOutcome");
  return [...top, ...lines];
}
