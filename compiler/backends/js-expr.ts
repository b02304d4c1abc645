// IR expressions → JavaScript expressions: one function per IR op, chosen by an exhaustive switch
// (a new op in compiler/ir.ts fails the build here until it is translated). Each function keeps
// the evaluator's semantics (compiler/backends/evaluator.ts) exactly, including how absent values
// compare; the shared differential corpus (test/codegen/) checks that they agree.
import type { SubjectFieldId } from "../../record/registry.js";
import type { BuiltinFn } from "../builtins.js";
import type { IRExpr } from "../ir.js";
import { aggregateCode, type ElementCx } from "./js-sources.js";
import { CodegenUnsupported, K, type Code, type Gen, type Kind } from "./js-gen.js";
import { fenLiteral, int, num, str } from "./js-literals.js";

export interface ExprCx {
  gen: Gen;
  el?: ElementCx;
}

type Op<O extends IRExpr["op"]> = Extract<IRExpr, { op: O }>;

export function genExpr(e: IRExpr, cx: ExprCx): Code {
  switch (e.op) {
    case "lit":
      return opLit(e, cx);
    case "value":
      return opValue(e, cx);
    case "field":
      return opField(e, cx);
    case "subject":
      return opSubject(e, cx);
    case "amount":
      return opAmount(e, cx);
    case "and":
    case "or":
      return opLogic(e, cx);
    case "not":
      return opNot(e, cx);
    case "cmp":
      return opCmp(e, cx);
    case "in":
      return opIn(e, cx);
    case "add":
    case "sub":
      return opArith(e, cx);
    case "indicator":
      return opIndicator(e, cx);
    case "shift":
      return opShift(e, cx);
    case "model":
      return opModel(e, cx);
    case "agg":
      return aggregateCode(cx.gen, e, (x, el) => genExpr(x, { gen: cx.gen, el }), cx.el);
    case "param":
      return opParam(e, cx);
    case "local":
      return cx.el ? cx.el.local(e.rule, e.name) : { code: "null", kind: K.null };
    case "output":
      return cx.el ? cx.el.output(e.rule, e.name) : { code: "null", kind: K.null };
    case "call":
      return opCall(e, cx);
    default:
      return unknownOp(e);
  }
}

function unknownOp(e: never): never {
  throw new CodegenUnsupported(`IR op ${JSON.stringify((e as { op?: unknown }).op)}`);
}

/** A literal as the evaluator reads it (Compiler.literal). */
function opLit(e: Op<"lit">, cx: ExprCx): Code {
  const lit = (k: Kind) => ({ ...k, lit: true, simple: true });
  if (e.value === null) return { code: "null", kind: K.null };
  switch (e.type.t) {
    case "money":
      return { code: fenLiteral(e.value), kind: lit(K.bigint) };
    case "count":
    case "score":
    case "number":
      return { code: num(Number(e.value)), kind: lit(K.number) };
    case "rank":
      return { code: num(cx.gen.ir.severity[String(e.value)] ?? 0), kind: lit(K.number) };
    default:
      return asIs(e.value);
  }
}

function asIs(v: string | boolean): Code {
  if (typeof v === "boolean") return { code: String(v), kind: { ...K.boolean, lit: true, simple: true } };
  return { code: str(v), kind: { ...K.string, lit: true, simple: true } };
}

function opValue(e: Op<"value">, cx: ExprCx): Code {
  const v = cx.gen.values.get(e.name);
  // A name the policy does not define reads as null, as in the evaluator.
  if (!v) return { code: "null", kind: K.null };
  return { code: v.id, kind: { ...v.kind, simple: true } };
}

/** An element's field: yes/no fields are true only when true; money only when parsed. */
function opField(e: Op<"field">, cx: ExprCx): Code {
  if (!cx.el) return e.type.t === "bool" ? { code: "false", kind: K.boolean } : { code: "null", kind: K.null };
  const f = cx.el.field(e.field);
  if (e.type.t === "bool") {
    if (f.kind.t === "boolean" && !f.kind.nullable) return f;
    return { code: `(${f.code} === true)`, kind: { ...K.boolean, simple: true } };
  }
  if (e.type.t === "money") return f.kind.t === "bigint" ? f : { code: "null", kind: K.null };
  return f;
}

/** Each field of the subject itself, as the evaluator reads it (runtime/evaluator.ts SUBJECT). */
const SUBJECT: Record<SubjectFieldId, (cx: ExprCx) => Code> = {
  subject_kind: (cx) => ({ code: `${cx.gen.use("subjectKind")}(r)`, kind: K.string }),
  public_credit_score: (cx) => ({ code: `${cx.gen.use("publicCredit")}(r, "score", day)`, kind: K.unknown }),
  public_credit_date: (cx) => ({ code: `${cx.gen.use("publicCredit")}(r, "date", day)`, kind: K.unknown }),
  public_credit_record_date: (cx) => ({ code: `${cx.gen.use("publicCreditRecordDate")}(r)`, kind: K.unknown }),
  evaluation_day: () => ({ code: "asOf", kind: { ...K.string, simple: true } }),
  data_day: () => ({ code: "day", kind: { ...K.string, simple: true } }),
  region: () => ({ code: `(typeof r["region"] === "string" ? r["region"] : null)`, kind: { t: "string", nullable: true } }),
};

/** A field of the subject itself. */
function opSubject(e: Op<"subject">, cx: ExprCx): Code {
  const read = SUBJECT[e.field as SubjectFieldId];
  return read ? read(cx) : { code: `(r[${str(e.field)}] ?? null)`, kind: K.unknown };
}

/** amount(kinds): the element's penalties of those kinds, summed in fen. */
function opAmount(e: Op<"amount">, cx: ExprCx): Code {
  const fn = cx.el?.part.functions?.find((f) => f.id === "amount");
  if (!cx.el || !fn) return { code: "0n", kind: K.bigint };
  return { code: `${cx.gen.amountFn(e.kinds)}(${cx.el.subpart(fn)})`, kind: K.bigint };
}

function truth(c: Code): string {
  return c.kind.t === "boolean" && !c.kind.nullable ? c.code : `(${c.code} === true)`;
}

function opLogic(e: Op<"and" | "or">, cx: ExprCx): Code {
  if (e.args.length === 0) return { code: e.op === "and" ? "true" : "false", kind: K.boolean };
  const parts = e.args.map((a) => truth(genExpr(a, cx)));
  return { code: `(${parts.join(e.op === "and" ? " && " : " || ")})`, kind: K.boolean };
}

function opNot(e: Op<"not">, cx: ExprCx): Code {
  const a = genExpr(e.arg, cx);
  return { code: a.kind.t === "boolean" && !a.kind.nullable ? `!${a.code}` : `(${a.code} !== true)`, kind: K.boolean };
}

const ORDERED = new Set<Kind["t"]>(["number", "bigint", "string"]);
const HELPER = { "<": "lt", "<=": "le", ">": "gt", ">=": "ge" } as const;

/**
 * `=` and `!=` are strict (in)equality whatever the operands; an ordering with an absent or yes/no
 * operand is false. Operands of known, same, non-null kinds compare inline.
 */
function opCmp(e: Op<"cmp">, cx: ExprCx): Code {
  const l = genExpr(e.left, cx);
  const r = genExpr(e.right, cx);
  if (e.cmp === "=" || e.cmp === "!=") return { code: `(${castForEquality(cx, l, r)} ${e.cmp === "=" ? "===" : "!=="} ${r.code})`, kind: K.boolean };
  const inline = ORDERED.has(l.kind.t) && l.kind.t === r.kind.t && !l.kind.nullable && !r.kind.nullable;
  if (inline) return { code: `(${l.code} ${e.cmp} ${r.code})`, kind: K.boolean };
  return { code: `${cx.gen.use(HELPER[e.cmp])}(${l.code}, ${r.code})`, kind: K.boolean };
}

/** TypeScript rejects `===` between types without overlap (two different literals): compare as unknown then. */
function castForEquality(cx: ExprCx, l: Code, r: Code): string {
  if (!cx.gen.ts) return l.code;
  const differ = l.kind.t !== r.kind.t && l.kind.t !== "unknown" && r.kind.t !== "unknown" && l.kind.t !== "null" && r.kind.t !== "null";
  return (l.kind.lit && r.kind.lit) || differ ? `(${l.code} as unknown)` : l.code;
}

function opIn(e: Op<"in">, cx: ExprCx): Code {
  const l = genExpr(e.left, cx);
  if (e.items.length === 0) return { code: "false", kind: K.boolean };
  const items = e.items.map((i) => genExpr(i, cx));
  if (l.kind.simple) return { code: `(${items.map((i) => `${castForEquality(cx, l, i)} === ${i.code}`).join(" || ")})`, kind: K.boolean };
  const t = cx.gen.fresh("x");
  const any = cx.gen.ts ? ": unknown" : "";
  return { code: `((${t}${any}) => ${items.map((i) => `${t} === ${i.code}`).join(" || ")})(${l.code})`, kind: K.boolean };
}

function opArith(e: Op<"add" | "sub">, cx: ExprCx): Code {
  const l = genExpr(e.left, cx);
  const r = genExpr(e.right, cx);
  const sign = e.op === "add" ? "+" : "-";
  for (const t of ["bigint", "number"] as const) {
    if (l.kind.t === t && r.kind.t === t && !l.kind.nullable && !r.kind.nullable) return { code: `(${l.code} ${sign} ${r.code})`, kind: K[t] };
  }
  return { code: `${cx.gen.use("arith")}(${l.code}, ${r.code}, ${e.op === "add" ? "1" : "-1"})`, kind: K.unknown };
}

/** indicators[key]: a finite number, or null. */
function opIndicator(e: Op<"indicator">, cx: ExprCx): Code {
  return { code: `${cx.gen.use("indicator")}(r, ${str(e.key)})`, kind: { t: "number", nullable: true } };
}

/** A parameter: a module constant, in the literal's runtime form. */
function opParam(e: Op<"param">, cx: ExprCx): Code {
  const p = cx.gen.ir.params.find((x) => x.name === e.name);
  if (!p) return { code: "null", kind: K.null };
  return opLit({ op: "lit", type: p.type, value: p.value, span: e.span }, cx);
}

/** A built-in function, as the evaluator's BUILTIN_IMPL computes it. */
const BUILTIN_CODE: Record<BuiltinFn, (args: string[], cx: ExprCx) => string> = {
  later: (args, cx) => `${cx.gen.use("laterOf")}(${args.join(", ")})`,
  earlier: (args, cx) => `${cx.gen.use("earlierOf")}(${args.join(", ")})`,
};

function opCall(e: Op<"call">, cx: ExprCx): Code {
  const args = e.args.map((a) => genExpr(a, cx).code);
  return { code: BUILTIN_CODE[e.fn](args, cx), kind: { t: "string", nullable: true } };
}

const SHIFT_UNITS = new Set(["year", "month", "day", "workday"]);

/** A date moved by a duration or working days; null without a date. A literal duration is inlined. */
function opShift(e: Op<"shift">, cx: ExprCx): Code {
  const date = genExpr(e.date, cx);
  const by = e.by;
  if (by.op === "lit" && typeof by.value === "string") {
    const [n, unit] = by.value.split(" ");
    if (!n || !/^\d+$/.test(n) || !unit || !SHIFT_UNITS.has(unit)) throw new TypeError(`bad duration in the IR: ${JSON.stringify(by.value)}`);
    return { code: `${cx.gen.use("shiftDate")}(${date.code}, ${int(e.sign * Number(n))}, ${str(unit)})`, kind: { t: "string", nullable: true } };
  }
  return { code: `${cx.gen.use("shiftBy")}(${date.code}, ${genExpr(by, cx).code}, ${e.sign})`, kind: { t: "string", nullable: true } };
}

/**
 * A score model's total, computed once per record on first use (its outcome then joins the
 * result's scores, in order of first use, as in the evaluator).
 */
function opModel(e: Op<"model">, cx: ExprCx): Code {
  const gen = cx.gen;
  const known = gen.models.get(e.model);
  if (known) return { code: `${known}()`, kind: K.number };
  const m = gen.ir.models.find((x) => x.name === e.model);
  if (!m) return { code: "null", kind: K.null };
  const i = gen.models.size;
  const fn = `model${i}`;
  const memo = `m${i}`;
  gen.models.set(e.model, fn);
  const values = m.items.map((item) => genExpr(item.value, { gen }).code);
  const opt = (k: string, v: string | undefined) => (v === undefined ? "" : `, ${k}: ${str(v)}`);
  const items = m.items.map((it) => `{ kind: ${str(it.kind)}, name: ${str(it.name)}${opt("weight", it.weight)}${opt("each", it.each)}${opt("max", it.max)} }`);
  gen.decls.push(
    `/** Score model ${str(m.name)}${m.article ? ` (${str(m.article)})` : ""}. */\n` +
      `const MODEL${i} = ${gen.use("frozen")}({ name: ${str(m.name)}, total: ${str(m.total)}, missing: ${str(m.missing)}, items: [${items.join(", ")}] });`,
  );
  const outcome = gen.use("modelOutcome");
  if (gen.ts) gen.use("type ModelOutcome");
  gen.evalDecls.push(
    `  let ${memo}${gen.ann("ModelOutcome | null")} = null;`,
    `  const ${fn} = ()${gen.ann("number")} => {`,
    `    if (${memo} === null) {`,
    `      ${memo} = ${outcome}(MODEL${i}, [${values.join(", ")}]);`,
    `      scores.push(${memo});`,
    `    }`,
    `    return ${memo}.total;`,
    `  };`,
  );
  return { code: `${fn}()`, kind: K.number };
}

/** The truth of a condition's expression, as the evaluator tests it (`=== true`). */
export function condition(e: IRExpr, cx: ExprCx): string {
  return truth(genExpr(e, cx));
}
