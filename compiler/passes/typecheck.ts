// Pass 2, typecheck: every expression gets a type and a unit, lowered to typed IR on the way.
// Money compares with money (元/万元), counts with counts (次), scores with scores (分); boundary
// words become comparisons with their legal meaning; citations and verbatim texts are required.
import type { Aggregate, Bound, Condition, Expr, Quantity } from "../../dsl/ast.js";
import { boundaryOp, type CmpOp } from "../../dsl/boundary.js";
import { diag, type DiagnosticCode } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { keywordHelp } from "../../dsl/tokens.js";
import { UNIT_BY_ID } from "../../dsl/units.js";
import { wan, yuanFromParts } from "../../record/money.js";
import {
  ENUMS,
  findEnumValue,
  findField,
  findSource,
  findSubjectField,
  INDICATORS_NAMES,
  type SourceDef,
} from "../../record/vocabulary.js";
import type { CompileContext } from "../context.js";
import { lowerModel } from "./plans.js";
import type { IRCondition, IRExpr, IRType, IRWindow } from "../ir.js";

interface Env {
  ctx: CompileContext;
  source?: SourceDef;
}

interface Typed {
  ir: IRExpr;
  type: IRType;
}

/** A type that stands for "already reported": it unifies with everything, so one error stays one. */
const ERR: IRType = { t: "null" };

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
    default:
      return "无 none";
  }
}

function report(env: Env, code: DiagnosticCode, span: Span, args: string[] = [], help?: string): Typed {
  env.ctx.diagnostics.push(diag(code, span, args, help));
  return { ir: { op: "lit", type: ERR, value: null, span }, type: ERR };
}

const NUMERIC = new Set(["count", "money", "score", "number"]);

function compatible(a: IRType, b: IRType): boolean {
  // 无 / none compares (=, ≠) with any value: "has no rectification date".
  if (a === ERR || b === ERR || a.t === "null" || b.t === "null") return true;
  if (a.t === "number") return b.t === "number" || b.t === "count" || b.t === "score";
  if (b.t === "number") return compatible(b, a);
  if (a.t === "enum" && b.t === "enum") return a.enum === b.enum;
  return a.t === b.t;
}

function orderable(t: IRType): boolean {
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
  }
}

function lowerQuantity(env: Env, q: Quantity): Typed {
  const type = quantityType(q);
  let value = q.value;
  if (type.t === "money") {
    const unit = UNIT_BY_ID.get(q.unit as string);
    const [int, frac] = q.value.split(".");
    const fen = unit?.yuanFactor === "10000" ? wan(q.value) : yuanFromParts(int as string, frac);
    if (fen === undefined) return report(env, "CP-E0405", q.span, [q.value]);
    value = fen.toString();
  } else if (type.t === "count" && !/^\d+$/.test(q.value)) {
    return report(env, "CP-E0407", q.span, [q.value]);
  }
  return { ir: { op: "lit", type, value, span: q.span }, type };
}

export function lowerWindow(env: Env, q: Quantity, span: Span): IRWindow | undefined {
  const unit = q.unit ? UNIT_BY_ID.get(q.unit) : undefined;
  if (!unit?.duration || !/^\d+$/.test(q.value)) {
    env.ctx.diagnostics.push(diag("CP-E0404", q.span, [q.value + (unit ? unit.zh[0] : "")]));
    return undefined;
  }
  return { amount: Number(q.value), unit: unit.duration, span };
}

function lowerName(env: Env, e: Extract<Expr, { kind: "Name" }>, expectEnum?: IRType): Typed {
  const field = findField(env.source, e.name);
  if (field) {
    if (field.id === "class" && Object.keys(env.ctx.severity).length === 0) return report(env, "CP-E0311", e.span);
    return { ir: { op: "field", field: field.id, type: field.type, span: e.span }, type: field.type };
  }
  const value = env.ctx.values.get(e.name);
  if (value) {
    const typed = env.ctx.typedValues.get(e.name);
    const type = typed?.type ?? ERR;
    return { ir: { op: "value", name: e.name, type, span: e.span }, type };
  }
  const subject = findSubjectField(e.name);
  if (subject) return { ir: { op: "subject", field: subject.id, type: subject.type, span: e.span }, type: subject.type };
  if (expectEnum && (expectEnum.t === "enum" || expectEnum.t === "rank")) {
    const enumId = expectEnum.t === "enum" ? expectEnum.enum : "penalty_kind";
    const id = findEnumValue(enumId, e.name);
    if (id) return { ir: { op: "lit", type: expectEnum, value: id, span: e.span }, type: expectEnum };
    return report(env, "CP-E0308", e.span, [e.name, enumId, ENUMS[enumId].values.map((v) => v.id).join(", ")]);
  }
  return report(env, "CP-E0301", e.span, [e.name], keywordHelp(e.name));
}

export function lowerExpr(env: Env, e: Expr, expectEnum?: IRType): Typed {
  switch (e.kind) {
    case "Quantity":
      return lowerQuantity(env, e);
    case "Date":
      return { ir: { op: "lit", type: { t: "date" }, value: e.value, span: e.span }, type: { t: "date" } };
    case "String":
      return { ir: { op: "lit", type: { t: "string" }, value: e.value, span: e.span }, type: { t: "string" } };
    case "Bool":
      return { ir: { op: "lit", type: { t: "bool" }, value: e.value, span: e.span }, type: { t: "bool" } };
    case "None":
      return { ir: { op: "lit", type: { t: "null" }, value: null, span: e.span }, type: { t: "null" } };
    case "Paren":
      return lowerExpr(env, e.expr, expectEnum);
    case "Name":
      return lowerName(env, e, expectEnum);
    case "Placeholder":
      return report(env, "CP-E0508", e.span, ["待填写 TODO"]);
    case "Member":
      if (e.object.kind === "Name" && INDICATORS_NAMES.includes(e.object.name)) {
        return { ir: { op: "indicator", key: e.name, span: e.span }, type: { t: "number" } };
      }
      return report(env, "CP-E0304", e.span, [e.name, describe(e.object)]);
    case "Call": {
      const fn = env.source?.functions?.find((f) => f.id === e.callee || f.zh.includes(e.callee));
      if (!fn) return report(env, "CP-E0307", e.span, [e.callee]);
      const kinds: string[] = [];
      for (const a of e.args) {
        const id = a.kind === "Name" ? findEnumValue(fn.args, a.name) : undefined;
        if (!id) {
          report(env, "CP-E0308", a.span, [describe(a), fn.args, ENUMS[fn.args].values.map((v) => v.id).join(", ")]);
          continue;
        }
        kinds.push(id);
      }
      return { ir: { op: "amount", kinds, span: e.span }, type: fn.result };
    }
    case "And":
    case "Or": {
      const args = e.operands.map((o) => requireBool(env, o));
      return { ir: { op: e.kind === "And" ? "and" : "or", args, span: e.span }, type: { t: "bool" } };
    }
    case "Not":
      return { ir: { op: "not", arg: requireBool(env, e.operand), span: e.span }, type: { t: "bool" } };
    case "Compare":
      return lowerCompare(env, e);
    case "In": {
      const left = lowerExpr(env, e.left);
      const items = e.items.map((i) => {
        const t = lowerExpr(env, i, left.type);
        if (!compatible(left.type, t.type)) report(env, "CP-E0401", i.span, [typeName(left.type), typeName(t.type)]);
        return t.ir;
      });
      return { ir: { op: "in", left: left.ir, items, span: e.span }, type: { t: "bool" } };
    }
    case "Arith": {
      const l = lowerExpr(env, e.left);
      const r = lowerExpr(env, e.right);
      if (l.type.t === "date") return lowerShift(env, e, l, r);
      if (!NUMERIC.has(l.type.t) && l.type !== ERR) return report(env, "CP-E0402", e.left.span, ["数值 number", typeName(l.type)]);
      if (!compatible(l.type, r.type)) return report(env, "CP-E0401", e.span, [typeName(l.type), typeName(r.type)]);
      const type = l.type.t === "number" ? r.type : l.type;
      return { ir: { op: e.op === "+" ? "add" : "sub", left: l.ir, right: r.ir, type, span: e.span }, type };
    }
  }
}

/** date ± calendar units or working days (7个工作日). */
function lowerShift(env: Env, e: Extract<Expr, { kind: "Arith" }>, l: Typed, r: Typed): Typed {
  const q = e.right.kind === "Quantity" ? e.right : undefined;
  const unit = q?.unit ? UNIT_BY_ID.get(q.unit) : undefined;
  if (!q || !unit || (unit.type !== "duration" && unit.type !== "workdays") || !/^\d+$/.test(q.value)) {
    return report(env, "CP-E0402", e.right.span, ["期间或工作日 a duration or working days (7个工作日)", typeName(r.type)]);
  }
  const amount = Number(q.value) * (e.op === "-" ? -1 : 1);
  const shiftUnit = unit.type === "workdays" ? "workday" : (unit.duration as "year" | "month" | "day");
  return { ir: { op: "shift", date: l.ir, amount, unit: shiftUnit, span: e.span }, type: { t: "date" } };
}

function describe(e: Expr): string {
  switch (e.kind) {
    case "Name":
      return e.name;
    case "Member":
      return `${describe(e.object)}.${e.name}`;
    case "Quantity":
      return e.value;
    default:
      return e.kind;
  }
}

function requireBool(env: Env, e: Expr): IRExpr {
  const t = lowerExpr(env, e);
  if (t.type.t !== "bool" && t.type !== ERR) report(env, "CP-E0402", e.span, ["条件 condition (yes/no)", typeName(t.type)]);
  return t.ir;
}

function lowerCompare(env: Env, e: Extract<Expr, { kind: "Compare" }>): Typed {
  const left = lowerExpr(env, e.left);
  const cmps: IRExpr[] = [];
  // Once the left side is reported, a bare name on the right (an enumeration value) cannot be
  // resolved either: one error, not two.
  if (left.type === ERR && e.bounds.every((b) => b.right.kind === "Name")) return left;
  for (const b of e.bounds) {
    const right = lowerExpr(env, b.right, left.type);
    const op = boundOp(env, b);
    if (!op) continue;
    if (!compatible(left.type, right.type)) {
      report(env, "CP-E0401", b.span, [typeName(left.type), typeName(right.type)]);
      continue;
    }
    if (op !== "=" && op !== "!=" && !(orderable(left.type) && orderable(right.type))) {
      report(env, "CP-E0406", b.span, [op, "数值、日期或处罚严重程度 numbers, dates or severity"]);
      continue;
    }
    cmps.push({
      op: "cmp",
      cmp: op,
      left: left.ir,
      right: right.ir,
      ...(b.word ? { word: b.word } : {}),
      ...(b.marker ? { marker: b.marker } : {}),
      span: b.span,
    });
  }
  const ir: IRExpr = cmps.length === 1 ? (cmps[0] as IRExpr) : { op: "and", args: cmps, span: e.span };
  return { ir, type: { t: "bool" } };
}

function boundOp(env: Env, b: Bound): CmpOp | undefined {
  if (b.op) {
    if (b.marker) {
      report(env, "CP-E0403", b.span);
      return undefined;
    }
    return b.op;
  }
  if (b.word) return boundaryOp(b.word, b.marker);
  return undefined;
}

export function lowerAggregate(env: Env, a: Aggregate): Typed {
  const source = findSource(a.source);
  if (!source) {
    const known = ["sanctions", "violations", "penalties", "honors", "commitment_breaches", "determinations", "ratings", "lists", "warnings"];
    return report(env, "CP-E0303", a.span, [a.source, known.join(", ")], keywordHelp(a.source));
  }
  const inner: Env = { ...env, source };
  const where = a.where ? requireBool(inner, a.where) : undefined;
  const window = a.window ? lowerWindow(env, a.window.amount, a.window.span) : undefined;
  const common = { source: source.id, ...(where ? { where } : {}), ...(window ? { window } : {}), span: a.span };
  if (a.kind === "Sum") {
    const of = lowerExpr(inner, a.of);
    if (!NUMERIC.has(of.type.t) && of.type !== ERR) return report(env, "CP-E0402", a.of.span, ["金额或数值 money or number", typeName(of.type)]);
    return { ir: { op: "sum", of: of.ir, type: of.type, ...common }, type: of.type };
  }
  if (a.kind === "Exists") return { ir: { op: "exists", ...common }, type: { t: "bool" } };
  return { ir: { op: "count", ...common }, type: { t: "count" } };
}

export function lowerCondition(env: Env, c: Condition): IRCondition {
  switch (c.kind) {
    case "AnyOf":
    case "AllOf":
      return { kind: c.kind === "AnyOf" ? "any" : "all", items: c.items.map((i) => lowerCondition(env, i)), span: c.span };
    case "NotCond":
      return { kind: "not", item: lowerCondition(env, c.item), span: c.span };
    case "Clause": {
      if (!c.article) env.ctx.diagnostics.push(diag("CP-E0501", c.span));
      const expr = requireBool(env, c.when);
      return {
        kind: "clause",
        article: c.article,
        text: c.text ?? "",
        expr,
        reads: irValueReads(expr),
        notes: c.notes.map((n) => ({ ...(n.article ? { article: n.article } : {}), text: n.text, span: n.span })),
        span: c.span,
      };
    }
  }
}

/** Derived values an IR expression reads, in order of first use. */
export function irValueReads(e: IRExpr, out: string[] = []): string[] {
  switch (e.op) {
    case "value":
      if (!out.includes(e.name)) out.push(e.name);
      break;
    case "and":
    case "or":
      e.args.forEach((a) => irValueReads(a, out));
      break;
    case "not":
      irValueReads(e.arg, out);
      break;
    case "cmp":
    case "add":
    case "sub":
      irValueReads(e.left, out);
      irValueReads(e.right, out);
      break;
    case "in":
      irValueReads(e.left, out);
      e.items.forEach((a) => irValueReads(a, out));
      break;
    case "sum":
      irValueReads(e.of, out);
      if (e.where) irValueReads(e.where, out);
      break;
    case "count":
    case "exists":
      if (e.where) irValueReads(e.where, out);
      break;
    case "shift":
      irValueReads(e.date, out);
      break;
    default:
      break;
  }
  return out;
}

export function typecheck(ctx: CompileContext): void {
  const env: Env = { ctx };
  for (const v of ctx.valueOrder) {
    if (v.kind === "Model") {
      ctx.typedValues.set(v.name, lowerModel(ctx, v));
      continue;
    }
    const value = v.value;
    const typed =
      value.kind === "Count" || value.kind === "Exists" || value.kind === "Sum" ? lowerAggregate(env, value) : lowerExpr(env, value);
    ctx.typedValues.set(v.name, { type: typed.type, expr: typed.ir });
  }
  for (const g of ctx.policy.grades) ctx.typedGrades.set(g.id, lowerCondition(env, g.condition));
  for (const group of ctx.policy.measures) {
    const check = (items: typeof group.items): void => {
      for (const item of items) {
        if (!item.text) ctx.diagnostics.push(diag("CP-E0502", item.span));
        if (!item.article) ctx.diagnostics.push(diag("CP-E0501", item.span));
        check(item.items);
      }
    };
    check(group.items);
  }
}

/** Test records must be valid credit records: an error at the field, in the policy file. */
export function checkTestRecords(ctx: CompileContext, validate: (r: unknown) => { path: string; message: string }[]): void {
  for (const t of ctx.policy.tests) {
    for (const err of validate(t.record)) {
      const spans = t.recordSpans ?? {};
      let path = err.path;
      while (path && !(path in spans)) path = path.slice(0, path.lastIndexOf("/"));
      ctx.diagnostics.push(diag("CP-E0504", spans[path] ?? t.span, [t.name, err.path || "/", err.message]));
    }
  }
}
