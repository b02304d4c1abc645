// The IR printer: a policy as its mathematical reading, for auditors and for checking that a
// boundary word means what the regulation says ("3次（不含）以内" prints as "< 3").
import { BOUNDARY_BY_ID } from "../dsl/boundary.js";
import { formatYuan } from "../record/money.js";
import type { IRCondition, IRExpr, IRMeasureItem, IRPolicy, IRType, IRWindow } from "./ir.js";
import { assertNever } from "../diagnostics/never.js";

const OP: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠" };
const UNIT: Record<string, string> = { year: "年", month: "个月", day: "日" };

function fen(value: string): string {
  return `${formatYuan(BigInt(value))}元`;
}

function literal(type: IRType, value: string | boolean | null): string {
  if (value === null) return "null";
  switch (type.t) {
    case "money":
      return fen(String(value));
    case "count":
      return `${value}次`;
    case "score":
      return `${value}分`;
    case "string":
    case "date":
      return JSON.stringify(value);
    case "duration":
    case "workdays": {
      const [n, unit] = String(value).split(" ");
      return `${n}${unit === "workday" ? "个工作日" : (UNIT[unit ?? ""] ?? unit)}`;
    }
    default:
      return String(value);
  }
}

function windowText(w: IRWindow | undefined): string {
  return w ? `; date ∈ (D − ${w.amount}${UNIT[w.unit]}, D]` : "; date ≤ D";
}

/** One expression, fully parenthesised where operators mix. */
export function printIrExpr(e: IRExpr): string {
  switch (e.op) {
    case "lit":
      return literal(e.type, e.value);
    case "value":
      return e.name;
    case "field":
      return `.${e.field}`;
    case "subject":
      return `subject.${e.field}`;
    case "amount":
      return `amount(${e.kinds.join(" + ")})`;
    case "indicator":
      return `indicators.${e.key}`;
    case "shift":
      return `${printIrExpr(e.date)} ${e.sign < 0 ? "−" : "+"} ${printIrExpr(e.by)}`;
    case "param":
      return `param(${e.name})`;
    case "local":
      return `${e.rule}.${e.name}`;
    case "output":
      return `.${e.name}⟨${e.rule}⟩`;
    case "call":
      return `${e.fn}(${e.args.map(printIrExpr).join(", ")})`;
    case "model":
      return `model(${e.model})`;
    case "and":
    case "or":
      return e.args.map((a) => (a.op === "and" || a.op === "or" ? `(${printIrExpr(a)})` : printIrExpr(a))).join(e.op === "and" ? " ∧ " : " ∨ ");
    case "not":
      return `¬(${printIrExpr(e.arg)})`;
    case "cmp": {
      const word = e.word ? BOUNDARY_BY_ID.get(e.word)?.zh[0] : undefined;
      const marker = e.marker ? (e.marker === "incl" ? "（含）" : "（不含）") : "";
      const note = word ? `  ‹${word}${marker}›` : "";
      return `${printIrExpr(e.left)} ${OP[e.cmp]} ${printIrExpr(e.right)}${note}`;
    }
    case "in":
      return `${printIrExpr(e.left)} ∈ {${e.items.map(printIrExpr).join(", ")}}`;
    case "add":
    case "sub":
      return `(${printIrExpr(e.left)} ${e.op === "add" ? "+" : "−"} ${printIrExpr(e.right)})`;
    case "agg": {
      const of = e.of ? `${printIrExpr(e.of)} over ` : "";
      const within = e.within ? ` within the ${e.within} item` : "";
      return `${e.fn}(${of}${e.source}${within}${e.where ? ` | ${printIrExpr(e.where)}` : ""}${windowText(e.window)})`;
    }
    default:
      return assertNever(e);
  }
}

function printCondition(c: IRCondition, indent: string, out: string[]): void {
  switch (c.kind) {
    case "clause":
      out.push(`${indent}${c.article}: ${printIrExpr(c.expr)}`);
      return;
    case "not":
      out.push(`${indent}not:`);
      printCondition(c.item, indent + "  ", out);
      return;
    case "any":
    case "all":
      out.push(`${indent}${c.kind} of:`);
      for (const i of c.items) printCondition(i, indent + "  ", out);
      return;
    default:
      assertNever(c, "IR condition");
  }
}

function printMeasures(items: IRMeasureItem[], indent: string, out: string[]): void {
  for (const m of items) {
    const tags = Object.entries(m.tags).map(([k, v]) => ` [${k}=${v}]`).join("");
    out.push(`${indent}${m.article}${tags}`);
    printMeasures(m.items, indent + "  ", out);
  }
}

/** The whole policy, readable: what a reviewer checks against the regulation. */
export function printIr(ir: IRPolicy): string {
  const out: string[] = [];
  out.push(`policy ${ir.id} (IR v${ir.irVersion})`);
  for (const [k, v] of Object.entries(ir.meta)) out.push(`  ${k}: ${v === null ? "unstated" : String(v)}`);
  if (Object.keys(ir.severity).length) {
    const ranks = new Map<number, string[]>();
    for (const [kind, r] of Object.entries(ir.severity)) ranks.set(r, [...(ranks.get(r) ?? []), kind]);
    const chain = [...ranks.entries()].sort((a, b) => a[0] - b[0]).map(([, ks]) => ks.join(" = "));
    out.push(`severity${ir.severityArticle ? ` ${ir.severityArticle}` : ""}: ${chain.join(" < ")}`);
  }
  if (ir.disregard) out.push(`disregard ${ir.disregard.statuses.join(", ")} (${ir.disregard.article})`);
  out.push("values (D = the evaluation day):");
  for (const v of ir.values) out.push(`  ${v.name} : ${v.type.t} = ${printIrExpr(v.expr)}`);
  out.push(`grades (first that holds wins: ${ir.precedence.join(" > ")}; none → ${ir.default ?? "null"}):`);
  for (const g of ir.grades) {
    out.push(`  ${g.id} ${g.label}${g.article ? ` (${g.article})` : ""}`);
    printCondition(g.condition, "    ", out);
  }
  for (const m of ir.gradeMaps ?? []) {
    out.push(`grades of revision ${m.from}: ${Object.entries(m.map).map(([a, b]) => `${a} → ${b ?? "null"}`).join(", ")}`);
  }
  if (ir.measures.length) out.push("measures:");
  for (const m of ir.measures) {
    out.push(`  ${m.grade} ${m.kind} ${m.article}`);
    printMeasures(m.items, "    ", out);
  }
  for (const n of ir.notices) out.push(`notice ${n.grade} ${n.article}: ${n.options.join(" | ")}`);
  for (const m of ir.models) {
    out.push(`model ${m.name}${m.article ? ` (${m.article})` : ""}: total ${m.total}, missing indicators count as ${m.missing}`);
    for (const i of m.items) {
      const how = i.kind === "indicator" ? `weight ${i.weight} × value / 100` : `${i.kind === "deduct" ? "−" : "+"}${i.each} each${i.max ? `, at most ${i.max}` : ""}`;
      out.push(`  ${i.kind} ${i.name}: ${how}; value = ${printIrExpr(i.value)}`);
    }
  }
  for (const b of ir.bands) {
    out.push(`bands ${b.name} on ${printIrExpr(b.subject)}, range [${b.min}, ${b.max}]:`);
    for (const x of b.bands) {
      out.push(`  ${x.grade}: ${x.lo === null ? "(−∞" : `${x.loIncl ? "[" : "("}${x.lo}`}, ${x.hi === null ? "+∞)" : `${x.hi}${x.hiIncl ? "]" : ")"}`}`);
    }
  }
  for (const o of ir.overrides) out.push(`override → ${o.id} (${o.article}): ${printIrExpr(o.expr)}`);
  for (const c of ir.categories) {
    out.push(`category ${c.id} ${c.label}${c.article ? ` (${c.article})` : ""}:`);
    printCondition(c.condition, "  ", out);
  }
  const obligation = (o: IRPolicy["obligations"][number], indent: string) =>
    out.push(`${indent}obligation ${o.name} (${o.article}) for each ${o.source}${o.where ? ` | ${printIrExpr(o.where)}` : ""}: ${o.due ? `due ${printIrExpr(o.due)}` : "open, no due day"}`);
  for (const o of ir.obligations) obligation(o, "");
  for (const p of ir.params) out.push(`param ${p.name} : ${p.type.t} = ${literal(p.type, p.value)}${p.given !== undefined ? ` (given for this run: ${p.given})` : ""}${p.article ? ` (${p.article})` : ""}`);
  for (const f of ir.fields) out.push(`field ${f.part}.${f.name} : ${f.type.t}${f.description ? ` — ${f.description}` : ""}`);
  for (const r of ir.itemRules) {
    out.push(`item rule ${r.name} for each ${r.part}${r.article ? ` (${r.article})` : ""} (every item dated on or before D, any status):`);
    for (const v of r.values) out.push(`  ${r.name}.${v.name} : ${v.type.t} = ${printIrExpr(v.expr)}`);
    for (const o of r.outputs) {
      out.push(`  output ${o.name} : ${o.type.t}${o.article ? ` (${o.article})` : ""}`);
      printCondition(o.condition, "    ", out);
    }
    for (const c of r.categories) {
      out.push(`  category ${c.id} ${c.label}:`);
      printCondition(c.condition, "    ", out);
    }
    for (const o of r.obligations) obligation(o, "  ");
  }
  if (ir.snapshot) out.push(`snapshot: data as of ${ir.snapshot.month}-${ir.snapshot.day} each year`);
  return out.join("\n") + "\n";
}
