// The checker's types: what a quantity's unit makes it, which types compare with which, and how a
// type is named in a message. Shared by the checking passes and the lowering.
import type { Quantity } from "../dsl/ast.js";
import { UNIT_BY_ID } from "../dsl/units.js";
import { ENUMS } from "../record/registry.js";
import type { IRType } from "./ir.js";
import { assertNever } from "../diagnostics/never.js";

/** A type that stands for "already reported": it unifies with everything, so one error stays one. */
export const ERR: IRType = { t: "null" };

export const NUMERIC: ReadonlySet<IRType["t"]> = new Set(["count", "money", "score", "number"]);

export function typeName(t: IRType): string {
  switch (t.t) {
    case "enum":
      return `${t.enum}（${ENUMS[t.enum].zh}）`;
    case "count":
      return "次数 count";
    case "money":
      return "金额 money";
    case "score":
      return "分数 score";
    case "duration":
      return "期间 duration";
    case "workdays":
      return "工作日 working days";
    case "date":
      return "日期 date";
    case "bool":
      return "是否 yes/no";
    case "string":
      return "文字 text";
    case "rank":
      return "处罚严重程度 severity class";
    case "number":
      return "数字 number";
    case "null":
      return "无 none";
    default:
      return assertNever(t, "IR type");
  }
}

export function compatible(a: IRType, b: IRType): boolean {
  // 无 / none compares (=, ≠) with any value: "has no rectification date".
  if (a === ERR || b === ERR || a.t === "null" || b.t === "null") return true;
  if (a.t === "number") return b.t === "number" || b.t === "count" || b.t === "score";
  if (b.t === "number") return compatible(b, a);
  if (a.t === "enum" && b.t === "enum") return a.enum === b.enum;
  return a.t === b.t;
}

export function orderable(t: IRType): boolean {
  return NUMERIC.has(t.t) || t.t === "date" || t.t === "rank" || t === ERR;
}

export function quantityType(q: Quantity): IRType {
  const unit = q.unit ? UNIT_BY_ID.get(q.unit) : undefined;
  if (!unit) return { t: "number" };
  switch (unit.type) {
    case "money":
      return { t: "money" };
    case "count":
      return { t: "count" };
    case "duration":
      return { t: "duration" };
    case "score":
      return { t: "score" };
    case "workdays":
      return { t: "workdays" };
    default:
      return assertNever(unit.type, "unit type");
  }
}
