// Checking expressions: every expression gets a type and a unit, every name what it stands for.
// Money compares with money (元/万元), counts with counts (次), scores with scores (分); boundary
// words must qualify comparisons of things that have an order. Nothing here builds IR: the types
// and resolutions go into the context, and lower.ts reads them.
import { AGGREGATES } from "../../dsl/aggregates.js";
import type { Aggregate, Bound, Condition, Expr, ItemRuleDecl, Quantity } from "../../dsl/ast.js";
import { boundaryOp, type CmpOp } from "../../dsl/boundary.js";
import { keywordHint } from "../../dsl/tokens.js";
import { UNIT_BY_ID } from "../../dsl/units.js";
import { diag, type DiagnosticCode, type Help, type MessageArg } from "../../diagnostics/diagnostics.js";
import type { Span } from "../../diagnostics/span.js";
import { wan, yuanFromParts } from "../../record/money.js";
import {
  ENUMS,
  findEnumValue,
  findField,
  findPart,
  findSubjectField,
  INDICATORS_NAMES,
  partChain,
  PART_IDS,
  PARTS,
  type PartDef,
  type PartId,
} from "../../record/registry.js";
import { findBuiltin } from "../builtins.js";
import { didYouMean } from "../suggest.js";
import { AGGREGATE_TYPES } from "../aggregates.js";
import type { CompileContext, Resolution } from "../context.js";
import type { IRType } from "../ir.js";
import { assertNever } from "../../diagnostics/never.js";
import { compatible, ERR, inEach, NUMERIC, orderable, quantityType, typeRef } from "../types.js";

export interface Env {
  ctx: CompileContext;
  /** The record part whose fields bare names may be, inside a filter, an obligation or a per-item rule. */
  part?: PartDef;
  /** Inside a per-item rule: its values are readable, subject-level values are not. */
  rule?: ItemRuleDecl;
  /** Named filters being expanded, innermost last (a cycle is CP-E0315, reported by resolve). */
  expanding?: readonly string[];
}

function report(env: Env, code: DiagnosticCode, span: Span, args: MessageArg[] = [], help?: Help): IRType {
  env.ctx.diagnostics.push(diag(code, span, args, help));
  return ERR;
}

function typed(env: Env, e: Expr | Aggregate, t: IRType): IRType {
  env.ctx.types.set(e, t);
  return t;
}

function resolved(env: Env, e: Expr, r: Resolution, t: IRType): IRType {
  env.ctx.resolved.set(e, r);
  return typed(env, e, t);
}

/** A quantity's value in the IR: money as integer fen, the rest as written; undefined when it cannot be. */
export function quantityValue(q: Quantity): { value: string } | { code: DiagnosticCode } {
  const type = quantityType(q);
  if (type.t === "money") {
    const unit = UNIT_BY_ID.get(q.unit as string);
    const [int, frac] = q.value.split(".");
    const fen = unit?.yuanFactor === "10000" ? wan(q.value) : yuanFromParts(int as string, frac);
    return fen === undefined ? { code: "CP-E0405" } : { value: fen.toString() };
  }
  if (type.t === "count" && !/^\d+$/.test(q.value)) return { code: "CP-E0407" };
  // A duration carries its unit: "6 month", "7 workday" (whole numbers only, as windows and shifts take).
  if (type.t === "duration" || type.t === "workdays") {
    const unit = UNIT_BY_ID.get(q.unit as string);
    if (!/^\d+$/.test(q.value)) return { code: "CP-E0404" };
    const per = type.t === "workdays" ? "workday" : unit?.duration;
    if (per && Number(q.value) > MAX_PERIOD[per]) return { code: "CP-E0408" };
    return { value: `${q.value} ${per}` };
  }
  return { value: q.value };
}

function checkQuantity(env: Env, q: Quantity): IRType {
  const v = quantityValue(q);
  if ("code" in v) return report(env, v.code, q.span, [q.value + (v.code === "CP-E0404" || v.code === "CP-E0408" ? (UNIT_BY_ID.get(q.unit ?? "")?.zh[0] ?? "") : "")]);
  return typed(env, q, quantityType(q));
}

/**
 * The longest period the calendar holds (0001-01-01 to 9999-12-31): a window or a shift longer than
 * this is CP-E0408, so the IR never carries a length past a safe integer (found by fuzzing).
 */
export const MAX_PERIOD = { year: 9999, month: 9999 * 12, day: 3_652_059, workday: 3_652_059 } as const;

/** A window's length: whole years, months or days, within MAX_PERIOD. */
export function windowOf(q: Quantity): { amount: number; unit: "year" | "month" | "day" } | undefined {
  const unit = q.unit ? UNIT_BY_ID.get(q.unit) : undefined;
  if (!unit?.duration || !/^\d+$/.test(q.value) || Number(q.value) > MAX_PERIOD[unit.duration]) return undefined;
  return { amount: Number(q.value), unit: unit.duration };
}

export function checkWindow(env: Env, q: Quantity): void {
  if (windowOf(q)) return;
  const unit = q.unit ? UNIT_BY_ID.get(q.unit) : undefined;
  const tooLong = unit?.duration !== undefined && /^\d+$/.test(q.value);
  env.ctx.diagnostics.push(diag(tooLong ? "CP-E0408" : "CP-E0404", q.span, [q.value + (unit ? unit.zh[0] : "")]));
}

function checkName(env: Env, e: Extract<Expr, { kind: "Name" }>, expectEnum?: IRType): IRType {
  const { ctx } = env;
  const field = findField(env.part, e.name);
  if (field) {
    if (field.id === "class" && Object.keys(ctx.severity).length === 0) return report(env, "CP-E0311", e.span);
    return resolved(env, e, { kind: "field", field: field.id, type: field.type }, field.type);
  }
  const declared = env.part ? declaredField(ctx, env.part.id, e.name) : undefined;
  if (declared) return resolved(env, e, { kind: "field", field: declared.name, type: declared.type }, declared.type);
  const output = env.part ? itemOutput(ctx, env.part.id, e.name) : undefined;
  if (output) return resolved(env, e, { kind: "output", rule: output.rule, name: e.name, type: output.type }, output.type);
  const local = env.rule ? ctx.localTypes.get(env.rule)?.get(e.name) : undefined;
  if (local && env.rule) return resolved(env, e, { kind: "local", rule: env.rule.name, name: e.name, type: local }, local);
  if (ctx.values.has(e.name)) {
    if (env.rule) return report(env, "CP-E0312", e.span, [e.name, env.rule.name]);
    return resolved(env, e, { kind: "value", name: e.name }, ctx.valueTypes.get(e.name) ?? ERR);
  }
  const param = ctx.paramTypes.get(e.name);
  if (param) return resolved(env, e, { kind: "param", name: e.name, type: param }, param);
  const filter = ctx.filters.get(e.name);
  if (filter) {
    // Checked where it is used, on a copy of its own: its names read the part in scope here.
    if (env.expanding?.includes(e.name)) return ERR;
    const body = structuredClone(filter.when);
    const t = checkExpr({ ...env, expanding: [...(env.expanding ?? []), e.name] }, body);
    return resolved(env, e, { kind: "filter", name: e.name, body }, t);
  }
  const subject = findSubjectField(e.name);
  if (subject) return resolved(env, e, { kind: "subject", field: subject.id, type: subject.type }, subject.type);
  if (expectEnum && (expectEnum.t === "enum" || expectEnum.t === "rank")) {
    const enumId = expectEnum.t === "enum" ? expectEnum.enum : "penalty_kind";
    const id = findEnumValue(enumId, e.name);
    if (id) return resolved(env, e, { kind: "enum", type: expectEnum, id }, expectEnum);
    return report(env, "CP-E0308", e.span, [e.name, enumId, ENUMS[enumId].values.map((v) => v.id).join(", ")], didYouMean(e.name, enumNames(enumId)));
  }
  // A field of another part than the one in scope: say whose it is.
  const owner = PART_IDS.map((id) => PARTS[id]).find((p) => findField(p, e.name));
  if (owner) return report(env, "CP-E0301", e.span, [e.name], { key: "help/field-of-part", args: [e.name, owner.zh[0] ?? owner.id] });
  return report(env, "CP-E0301", e.span, [e.name], keywordHint(e.name) ?? didYouMean(e.name, namesInScope(env)));
}

/** Every spelling of an enumeration's values: ids and Chinese names. */
function enumNames(enumId: keyof typeof ENUMS): string[] {
  return ENUMS[enumId].values.flatMap((v) => [v.id, ...v.zh]);
}

/** The names a bare name could have meant here: the part's fields, the rule's values, the policy's names, subject fields. */
function namesInScope(env: Env): string[] {
  const { ctx } = env;
  const out: string[] = [];
  if (env.part) {
    out.push(...env.part.fields.flatMap((f) => [f.id, ...f.zh]));
    out.push(...(ctx.policy.fields ?? []).filter((f) => findPart(f.part)?.id === env.part?.id).map((f) => f.name));
    for (const r of ctx.policy.itemRules ?? []) if (findPart(r.part)?.id === env.part.id) out.push(...r.outputs.map((o) => o.name));
  }
  if (env.rule) out.push(...env.rule.values.map((v) => v.name));
  else out.push(...ctx.values.keys());
  out.push(...ctx.params.keys(), ...ctx.filters.keys());
  return out;
}

/** A field of a part the policy declares (字段 处理决定.整改情况 文字), with its type. */
export function declaredField(ctx: CompileContext, part: PartId, name: string): { name: string; type: IRType } | undefined {
  const f = ctx.policy.fields?.find((x) => x.name === name && findPart(x.part)?.id === part);
  const type = f ? FIELD_TYPES.find((t) => t.names.includes(f.type))?.type : undefined;
  return f && type ? { name: f.name, type } : undefined;
}

/** The declared field types, by the names a policy writes them with. */
export const FIELD_TYPES: readonly { names: string[]; type: IRType }[] = [
  { names: ["日期", "date"], type: { t: "date" } },
  { names: ["金额", "money"], type: { t: "money" } },
  { names: ["次数", "count"], type: { t: "count" } },
  { names: ["分数", "score"], type: { t: "score" } },
  { names: ["数值", "number"], type: { t: "number" } },
  { names: ["是否", "bool", "yes/no"], type: { t: "bool" } },
  { names: ["文字", "text"], type: { t: "string" } },
];

/** An output of a per-item rule over `part` already checked (rules read the outputs of rules before them). */
function itemOutput(ctx: CompileContext, part: PartId, name: string): { rule: string; type: IRType } | undefined {
  for (const r of ctx.policy.itemRules ?? []) {
    if (findPart(r.part)?.id !== part) continue;
    const o = r.outputs.find((x) => x.name === name);
    const type = o ? ctx.outputTypes.get(o) : undefined;
    if (o && type) return { rule: r.name, type };
  }
  return undefined;
}

export function checkExpr(env: Env, e: Expr, expectEnum?: IRType): IRType {
  switch (e.kind) {
    case "Quantity":
      return checkQuantity(env, e);
    case "Date":
      return typed(env, e, { t: "date" });
    case "String":
      return typed(env, e, { t: "string" });
    case "Bool":
      return typed(env, e, { t: "bool" });
    case "None":
      return typed(env, e, { t: "null" });
    case "Paren":
      return typed(env, e, checkExpr(env, e.expr, expectEnum));
    case "Name":
      return checkName(env, e, expectEnum);
    case "Placeholder":
      return report(env, "CP-E0508", e.span, [{ key: "value/todo" }]);
    case "Member":
      if (e.object.kind === "Name" && INDICATORS_NAMES.includes(e.object.name)) {
        return resolved(env, e, { kind: "indicator", key: e.name }, { t: "number" });
      }
      return report(env, "CP-E0304", e.span, [e.name, describe(e.object)]);
    case "Call": {
      const builtin = findBuiltin(e.callee);
      if (builtin) {
        for (const a of e.args) {
          const t = checkExpr(env, a);
          if (t.t !== builtin.arg && t.t !== "null") report(env, "CP-E0402", a.span, [typeRef({ t: builtin.arg } as IRType), typeRef(t)]);
        }
        if (e.args.length < 2) return report(env, "CP-E0316", e.span, [e.callee, typeRef({ t: builtin.arg } as IRType), "2"]);
        const result: IRType = { t: builtin.result };
        return resolved(env, e, { kind: "call", fn: builtin.fn, type: result }, result);
      }
      const fn = env.part?.functions?.find((f) => f.id === e.callee || f.zh.includes(e.callee));
      if (!fn) return report(env, "CP-E0307", e.span, [e.callee]);
      const kinds: string[] = [];
      for (const a of e.args) {
        const id = a.kind === "Name" ? findEnumValue(fn.args, a.name) : undefined;
        if (!id) {
          report(env, "CP-E0308", a.span, [describe(a), fn.args, ENUMS[fn.args].values.map((v) => v.id).join(", ")], a.kind === "Name" ? didYouMean(a.name, enumNames(fn.args)) : undefined);
          continue;
        }
        kinds.push(id);
      }
      return resolved(env, e, { kind: "amount", kinds }, fn.result);
    }
    case "And":
    case "Or":
      for (const o of e.operands) requireBool(env, o);
      return typed(env, e, { t: "bool" });
    case "Not":
      requireBool(env, e.operand);
      return typed(env, e, { t: "bool" });
    case "Compare":
      return checkCompare(env, e);
    case "In": {
      const left = checkExpr(env, e.left);
      for (const i of e.items) {
        const t = checkExpr(env, i, left);
        if (!compatible(left, t)) report(env, "CP-E0401", i.span, [typeRef(left), typeRef(t)]);
      }
      return typed(env, e, { t: "bool" });
    }
    case "Aggregate":
      return checkAggregate(env, e);
    case "Arith": {
      const l = checkExpr(env, e.left);
      const r = checkExpr(env, e.right);
      if (l.t === "date") return checkShift(env, e, r);
      if (!NUMERIC.has(l.t) && l !== ERR) return report(env, "CP-E0402", e.left.span, [inEach("数值", "a number"), typeRef(l)]);
      if (!compatible(l, r)) return report(env, "CP-E0401", e.span, [typeRef(l), typeRef(r)]);
      return typed(env, e, l.t === "number" ? r : l);
    }
    default:
      return assertNever(e, "expression");
  }
}

/** The calendar or working-day shift a date ± quantity stands for, when it is one. */
export function shiftOf(e: Extract<Expr, { kind: "Arith" }>): { amount: number; unit: "year" | "month" | "day" | "workday" } | undefined {
  const q = e.right.kind === "Quantity" ? e.right : undefined;
  const unit = q?.unit ? UNIT_BY_ID.get(q.unit) : undefined;
  if (!q || !unit || (unit.type !== "duration" && unit.type !== "workdays") || !/^\d+$/.test(q.value)) return undefined;
  const amount = Number(q.value) * (e.op === "-" ? -1 : 1);
  return { amount, unit: unit.type === "workdays" ? "workday" : (unit.duration as "year" | "month" | "day") };
}

/** date ± a duration or working days: a literal (7个工作日, 6个月) or a parameter or value of that type. */
function checkShift(env: Env, e: Extract<Expr, { kind: "Arith" }>, r: IRType): IRType {
  if (r === ERR) return ERR;
  if (r.t !== "duration" && r.t !== "workdays") return report(env, "CP-E0402", e.right.span, [inEach("期间或工作日（如 7个工作日）", "a duration or working days (7个工作日)"), typeRef(r)]);
  if (e.right.kind === "Quantity" && !shiftOf(e)) return report(env, "CP-E0404", e.right.span, [e.right.value]);
  return typed(env, e, { t: "date" });
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

export function requireBool(env: Env, e: Expr): void {
  const t = checkExpr(env, e);
  if (t.t !== "bool" && t !== ERR) report(env, "CP-E0402", e.span, [inEach("条件（是否）", "a condition (yes/no)"), typeRef(t)]);
}

function checkCompare(env: Env, e: Extract<Expr, { kind: "Compare" }>): IRType {
  const left = checkExpr(env, e.left);
  // Once the left side is reported, a bare name on the right (an enumeration value) cannot be
  // resolved either: one error, not two.
  if (left === ERR && e.bounds.every((b) => b.right.kind === "Name")) return left;
  for (const b of e.bounds) {
    const right = checkExpr(env, b.right, left);
    const op = boundOp(env, b);
    if (!op) continue;
    if (!compatible(left, right)) {
      report(env, "CP-E0401", b.span, [typeRef(left), typeRef(right)]);
      continue;
    }
    if (op !== "=" && op !== "!=" && !(orderable(left) && orderable(right))) {
      report(env, "CP-E0406", b.span, [op, inEach("数值、日期或处罚严重程度", "numbers, dates or severity")]);
    }
  }
  return typed(env, e, { t: "bool" });
}

/** The comparison a bound makes: its operator, or its boundary word read with its marker. */
export function boundCmp(b: Bound): CmpOp | undefined {
  if (b.op) return b.marker ? undefined : b.op;
  if (b.word) return boundaryOp(b.word, b.marker);
  return undefined;
}

function boundOp(env: Env, b: Bound): CmpOp | undefined {
  if (b.op && b.marker) {
    report(env, "CP-E0403", b.span);
    return undefined;
  }
  return boundCmp(b);
}

/**
 * An aggregate over a record part: the part, its filter, its window, and what it reads. Inside a
 * filter or rule over an enclosing part it folds that element's own items (a decision's penalties).
 */
export function checkAggregate(env: Env, a: Aggregate): IRType {
  const part = findPart(a.source);
  if (!part) {
    const spellings = PART_IDS.flatMap((id) => [id, ...PARTS[id].zh]);
    return report(env, "CP-E0303", a.span, [a.source, PART_IDS.join(", ")], keywordHint(a.source) ?? didYouMean(a.source, spellings));
  }
  env.ctx.parts.set(a, part);
  if (env.part && env.part.id !== part.id && partChain(part.id).some((p) => p.id === env.part?.id)) env.ctx.within.set(a, env.part.id);
  const inner: Env = { ...env, part };
  if (a.where) requireBool(inner, a.where);
  if (a.window) checkWindow(env, a.window.amount);
  const of = a.of ? checkExpr(inner, a.of) : undefined;
  if (of === ERR) return typed(env, a, ERR);
  const result = AGGREGATE_TYPES[a.fn](of);
  if ("expected" in result) {
    const at = a.of ?? a;
    return report(env, "CP-E0402", at.span, [result.expected, of ? typeRef(of) : AGGREGATES[a.fn].keyword]);
  }
  return typed(env, a, result.type);
}

export function checkCondition(env: Env, c: Condition): void {
  switch (c.kind) {
    case "AnyOf":
    case "AllOf":
      for (const i of c.items) checkCondition(env, i);
      return;
    case "NotCond":
      checkCondition(env, c.item);
      return;
    case "Clause":
      if (!c.article) env.ctx.diagnostics.push(diag("CP-E0501", c.span));
      requireBool(env, c.when);
      return;
    default:
      return assertNever(c, "condition");
  }
}
