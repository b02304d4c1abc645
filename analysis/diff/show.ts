// Compiled expressions read back in the regulation's terms for diff reports: Chinese record and
// field names (违法行为, 最重处罚), money in 万元/元, counts in 次, boundary words as written
// (不超过 50万元, 3次（不含）以内). An inlined derived value shows as its name.
import { BOUNDARY_BY_ID } from "../../dsl/boundary.js";
import { AGGREGATES } from "../../dsl/aggregates.js";
import { keyword } from "../../dsl/print/expr.js";
import { ENUMS, findField, PARTS, SUBJECT_FIELDS, type EnumId, type PartDef } from "../../record/registry.js";
import type { IRType, IRWindow } from "../../compiler/ir.js";
import { printIrExpr } from "../../compiler/print-ir.js";
import type { CExpr } from "./canonical.js";

const OP: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠" };
const WINDOW_UNIT: Record<string, string> = { year: "年", month: "个月", day: "日" };

/** Fen as the regulations write money: 50万元, 500000.01元, 3000元. */
export function showMoney(fen: string): string {
  let n: bigint;
  try {
    n = BigInt(fen);
  } catch {
    return `${fen}分`;
  }
  const neg = n < 0n ? "-" : "";
  const abs = n < 0n ? -n : n;
  if (abs !== 0n && abs % 1_000_000n === 0n) return `${neg}${abs / 1_000_000n}万元`;
  const yuan = abs / 100n;
  const cents = abs % 100n;
  return `${neg}${yuan}${cents === 0n ? "" : `.${cents.toString().padStart(2, "0")}`}元`;
}

function enumName(id: EnumId, value: string): string {
  return ENUMS[id].values.find((v) => v.id === value)?.zh[0] ?? value;
}

export function showLit(type: IRType, value: string | boolean | null): string {
  if (value === null) return "无";
  switch (type.t) {
    case "money":
      return showMoney(String(value));
    case "count":
      return `${value}次`;
    case "score":
      return `${value}分`;
    case "workdays":
      return `${String(value).split(" ")[0]}个工作日`;
    case "bool":
      return value ? "是" : "否";
    case "rank":
      return enumName("penalty_kind", String(value));
    case "enum":
      return enumName(type.enum, String(value));
    case "string":
      return `“${String(value)}”`;
    case "duration": {
      const [n, unit] = String(value).split(" ");
      return `${n}${WINDOW_UNIT[unit ?? ""] ?? unit}`;
    }
    default:
      return String(value);
  }
}

export function showWindow(w: IRWindow | undefined): string {
  return w ? `近 ${w.amount}${WINDOW_UNIT[w.unit] ?? w.unit}` : "不限期间";
}

function sourceName(id: string): string {
  return PARTS[id as keyof typeof PARTS]?.zh[0] ?? id;
}

/** `不超过 50万元`, `3次（不含）以内`, or `≤ 50万元` when the policy wrote an operator. */
export function showBound(cmp: Extract<CExpr, { op: "cmp" }>, source?: PartDef): string {
  const right = showExpr(cmp.right, source);
  const word = cmp.word ? BOUNDARY_BY_ID.get(cmp.word) : undefined;
  if (!word) return `${OP[cmp.cmp] ?? cmp.cmp} ${right}`;
  const marker = cmp.marker === "incl" ? "（含）" : cmp.marker === "excl" ? "（不含）" : "";
  const spelled = word.zh[0] ?? word.id;
  return word.zhPosition === "prefix" ? `${spelled} ${right}${marker}` : `${right}${marker}${spelled}`;
}

/** The bound as mathematics: `≤ 50万元`. */
export function mathBound(cmp: Extract<CExpr, { op: "cmp" }>, source?: PartDef): string {
  return `${OP[cmp.cmp] ?? cmp.cmp} ${showExpr(cmp.right, source)}`;
}

function group(e: CExpr, parent: "and" | "or" | "not", source?: PartDef): string {
  const s = showExpr(e, source);
  const loose = (e.op === "or" && parent !== "or") || (e.op === "and" && parent === "not");
  return loose && !e.label ? `(${s})` : s;
}

/**
 * An expression in the regulation's terms. `source` names the record part whose fields a filter
 * reads; `expand` shows an inlined value's definition instead of its name.
 */
export function showExpr(e: CExpr, source?: PartDef, expand = false): string {
  if (e.label && !expand) return e.label;
  switch (e.op) {
    case "lit":
      return showLit(e.type, e.value);
    case "value":
      return e.name;
    case "field":
      return findField(source, e.field)?.zh[0] ?? e.field;
    case "subject":
      return SUBJECT_FIELDS.find((f) => f.id === e.field)?.zh[0] ?? e.field;
    case "param":
      return e.name;
    case "local":
    case "output":
      return e.name;
    case "call":
      return `${e.fn === "later" ? "较晚" : "较早"}(${e.args.map((x) => showExpr(x, source)).join(", ")})`;
    case "amount":
      return `金额(${e.kinds.map((k) => enumName("penalty_kind", k)).join(", ")})`;
    case "and":
    case "or":
      return e.args.map((a) => group(a, e.op as "and" | "or", source)).join(e.op === "and" ? " 且 " : " 或 ");
    case "not":
      return `非 ${group(e.arg, "not", source)}`;
    case "cmp":
      return `${showExpr(e.left, source)} ${showBound(e, source)}`;
    case "in":
      return `${showExpr(e.left, source)} 属于 (${e.items.map((i) => showExpr(i, source)).join(", ")})`;
    case "add":
    case "sub":
      return `${showExpr(e.left, source)} ${e.op === "add" ? "+" : "-"} ${showExpr(e.right, source)}`;
    case "agg": {
      const src = PARTS[e.source];
      const word = keyword(AGGREGATES[e.fn].keyword, "zh");
      const head = e.of ? `${word} ${showExpr(e.of, src)} ${keyword("Of", "zh")} ${sourceName(e.source)}` : `${word} ${sourceName(e.source)}`;
      return `${head}${e.where ? ` 满足 ${showExpr(e.where, src)}` : ""}${e.window ? ` ${showWindow(e.window)}` : ""}`;
    }
    default:
      return printIrExpr(e);
  }
}

/** `name = definition` for every derived value an expression reads, outermost first. */
export function definitions(e: CExpr, out: string[] = [], seen = new Set<string>()): string[] {
  if (e.label && !seen.has(e.label)) {
    seen.add(e.label);
    out.push(`${e.label} = ${showExpr(e, undefined, true)}`);
  }
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) v.forEach((x) => x && typeof x === "object" && "op" in x && definitions(x as CExpr, out, seen));
    else if (v && typeof v === "object" && "op" in v) definitions(v as CExpr, out, seen);
  }
  return out;
}
