// The checker's types: what a quantity's unit makes it, which types compare with which, and how a
// type is named in a message. Shared by the checking passes and the lowering.
import type { Quantity } from "../dsl/ast.js";
import { UNIT_BY_ID } from "../dsl/units.js";
import { ENUMS } from "../record/registry.js";
import type { IRType } from "./ir.js";
import { assertNever } from "../diagnostics/never.js";
import type { MessageArg } from "../diagnostics/diagnostics.js";

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

/** The same words in each language, as a diagnostic argument: the one of the language shown. */
export function inEach(zh: string, en: string): MessageArg {
  return { key: "text/zh-en", args: [zh, en] };
}

const TYPE_WORDS: Record<Exclude<IRType["t"], "enum">, [string, string]> = {
  count: ["次数", "a count"],
  money: ["金额", "money"],
  score: ["分数", "a score"],
  duration: ["期间", "a duration"],
  workdays: ["工作日", "working days"],
  date: ["日期", "a date"],
  bool: ["是否", "yes/no"],
  string: ["文字", "text"],
  rank: ["处罚严重程度", "a severity class"],
  number: ["数字", "a number"],
  null: ["无", "none"],
};

/** A type's name as a diagnostic argument, in the language the message is shown in. */
export function typeRef(t: IRType): MessageArg {
  if (t.t === "enum") return inEach(`${ENUMS[t.enum].zh}（${t.enum}）`, `${ENUMS[t.enum].en} (${t.enum})`);
  const [zh, en] = TYPE_WORDS[t.t];
  return inEach(zh, en);
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
