// Aggregates (count, exists, sum) and obligations → loops over the record's parts. A part is read
// as the evaluator's buildSource describes it: elements dated after the data day do not exist yet,
// the policy's disregard statuses (第十六条) drop an element, violations and penalties are those of
// the counted sanctions. Every aggregate of a value over the same part shares one loop, and the
// fields an aggregate reads are computed once per element. In the generated code `day` is the data
// day (the as-of day, or the snapshot day before it) and `asOf` the day asked for.
import type { SourceId } from "../../record/vocabulary.js";
import type { IRExpr, IRObligation, IRWindow } from "../ir.js";
import { condition, genExpr, type ElementCx, type ExprCx } from "./js-expr.js";
import { K, type Code, type Gen, type Kind } from "./js-gen.js";
import { str } from "./js-literals.js";

type AggregateExpr = Extract<IRExpr, { op: "count" | "exists" | "sum" }>;

/** One aggregate computed into a variable, or one obligation's outcomes pushed onto an array. */
export type Accumulator = { e: AggregateExpr; target: string } | { obligation: IRObligation; target: string };

const SANCTION_FAMILY: ReadonlySet<SourceId> = new Set(["sanctions", "violations", "penalties"]);
const WITH_STATUS: ReadonlySet<SourceId> = new Set(["sanctions", "violations", "penalties", "commitment_breaches", "determinations"]);

function raw(obj: string, name: string): Code {
  return { code: `(${obj}[${str(name)}] ?? null)`, kind: { ...K.unknown, simple: true } };
}

const NULL: Code = { code: "null", kind: K.null };

/** An element in a loop: its context for expressions, the variable of its date, and its reference for obligations. */
interface Element {
  cx: ElementCx;
  date: string;
  ref: () => string;
}

function sourceOf(a: Accumulator): SourceId {
  return "e" in a ? a.e.source : a.obligation.source;
}

/** The initial value of an accumulator and its TypeScript type. */
export function initial(e: AggregateExpr): { code: string; type: string; kind: Kind } {
  if (e.op !== "sum") return e.op === "count" ? { code: "0", type: "number", kind: K.number } : { code: "false", type: "boolean", kind: K.boolean };
  return e.type.t === "money" ? { code: "0n", type: "bigint", kind: K.bigint } : { code: "0", type: "number", kind: K.number };
}

/** The statement adding one element to the accumulator, under its window and filter. */
function accumulate(gen: Gen, acc: Accumulator, el: Element): string {
  const cx: ExprCx = { gen, el: el.cx };
  const window = "e" in acc ? acc.e.window : acc.obligation.window;
  const where = "e" in acc ? acc.e.where : acc.obligation.where;
  const tests: string[] = [];
  if (window) tests.push(`${el.date} > ${gen.window(window as IRWindow)}`);
  if (where) tests.push(condition(where, cx));
  const guard = tests.length ? `if (${tests.join(" && ")}) ` : "";
  if (!("e" in acc)) {
    const o = acc.obligation;
    const due = gen.fresh("due");
    const day = gen.fresh("dueDay");
    return (
      `${guard}{ const ${due} = ${genExpr(o.due, cx).code}; const ${day} = typeof ${due} === "string" ? ${due} : null; ` +
      `${acc.target}.push({ obligation: ${str(o.name)}, article: ${str(o.article)}, text: ${str(o.text)}, source: ${str(o.source)}, ` +
      `ref: ${el.ref()}, date: ${el.date}, due: ${day}, status: ${day} !== null && ${day} < asOf ? "overdue" : "open" }); }`
    );
  }
  const e = acc.e;
  if (e.op !== "sum") return e.op === "count" ? `${guard}${acc.target}++;` : `${guard}${acc.target} = true;`;
  const of = genExpr(e.of, cx);
  const want = e.type.t === "money" ? "bigint" : "number";
  if (of.kind.t === want && !of.kind.nullable) return `${guard}${acc.target} += ${of.code};`;
  const x = gen.fresh("x");
  return `${guard}{ const ${x} = ${of.code}; if (typeof ${x} === "${want}") ${acc.target} += ${x}; }`;
}

/** `continue` unless the element's status counts (absent status: in force). */
function statusFilter(gen: Gen, obj: string, indent: string): string[] {
  const statuses = gen.ir.disregard?.statuses ?? [];
  if (statuses.length === 0) return [];
  const st0 = gen.fresh("st");
  const st = gen.fresh("st");
  return [
    `${indent}const ${st0} = ${obj}["status"];`,
    `${indent}const ${st} = typeof ${st0} === "string" ? ${st0} : "in_force";`,
    `${indent}if (${statuses.map((s) => `${st} === ${str(s)}`).join(" || ")}) continue;`,
  ];
}

/** The object elements of a record part with their positions in it (non-objects skipped, as the evaluator does). */
function indexedLoop(gen: Gen, part: string, elem: string, index: string, indent: string): string[] {
  const a = gen.fresh("a");
  return [
    `${indent}const ${a} = r[${str(part)}];`,
    `${indent}if (Array.isArray(${a})) for (let ${index} = 0; ${index} < ${a}.length; ${index}++) {`,
    `${indent}  const ${elem}${gen.ann("Obj")} = ${a}[${index}];`,
    `${indent}  if (!${elem} || typeof ${elem} !== "object") continue;`,
  ];
}

/** Loops computing every accumulator; accumulators over the same part share one loop. */
export function sourceLoops(gen: Gen, accs: Accumulator[], indent: string): string[] {
  if (gen.ts) gen.use("type Obj");
  const out: string[] = [];
  const family = accs.filter((a) => SANCTION_FAMILY.has(sourceOf(a)));
  if (family.length) out.push(...sanctionLoop(gen, family, indent));
  const others = new Map<SourceId, Accumulator[]>();
  for (const a of accs) {
    const source = sourceOf(a);
    if (SANCTION_FAMILY.has(source)) continue;
    others.set(source, [...(others.get(source) ?? []), a]);
  }
  for (const [source, list] of others) out.push(...partLoop(gen, source, list, indent));
  return out;
}

/** honors, ratings, warnings, commitment_breaches, determinations, lists: elements as written. */
function partLoop(gen: Gen, source: SourceId, accs: Accumulator[], indent: string): string[] {
  const e = gen.fresh("e");
  const i = gen.fresh("i");
  const date = gen.fresh("date");
  const isList = source === "lists";
  let active: string | null = null;
  const el: Element = {
    date,
    // Lists are not indexed by the evaluator: their reference is their id or "?".
    ref: () => `${gen.use("refOf")}(${e}, ${str(source)}, ${isList ? "null" : i})`,
    cx: {
      source,
      field(name) {
        if (name === "date" || (isList && name === "from")) return { code: date, kind: { ...K.string, simple: true } };
        if (isList && name === "active") {
          active ??= gen.fresh("active");
          return { code: active, kind: { ...K.boolean, simple: true } };
        }
        return raw(e, name);
      },
      // A raw element's own "penalties", as the evaluator would read it.
      penalties: () => `${gen.use("arr")}(${e}["penalties"])`,
    },
  };
  const body = accs.map((a) => `${indent}  ${accumulate(gen, a, el)}`);
  const lines = [
    ...indexedLoop(gen, source, e, i, indent),
    `${indent}  const ${date} = ${e}[${str(isList ? "from" : "date")}];`,
    `${indent}  if (typeof ${date} !== "string" || ${date} > day) continue;`,
  ];
  if (WITH_STATUS.has(source)) lines.push(...statusFilter(gen, e, `${indent}  `));
  if (active) {
    const until = gen.fresh("until");
    lines.push(`${indent}  const ${until} = ${e}["until"];`, `${indent}  const ${active} = typeof ${until} !== "string" || day <= ${until};`);
  }
  return [...lines, ...body, `${indent}}`];
}

/** sanctions, and the violations and penalties of each counted sanction, in one nested loop. */
function sanctionLoop(gen: Gen, accs: Accumulator[], indent: string): string[] {
  const s = gen.fresh("s");
  const i = gen.fresh("i");
  const v = gen.fresh("v");
  const p = gen.fresh("p");
  const date = gen.fresh("date");
  const pens = gen.fresh("pens");
  const need = { severe: false, cls: false, amount: false };
  const severe = gen.fresh("severe");
  const cls = gen.fresh("cls");
  const amount = gen.fresh("amt");
  const common = (name: string): Code | undefined => {
    if (name === "date") return { code: date, kind: { ...K.string, simple: true } };
    if (name === "status" || name === "authority") return raw(s, name);
    return undefined;
  };
  const sanction: Element = {
    date,
    ref: () => `${gen.use("refOf")}(${s}, "sanctions", ${i})`,
    cx: {
      source: "sanctions",
      field: (name) => (name === "id" ? raw(s, "id") : (common(name) ?? NULL)),
      penalties: () => null,
    },
  };
  const violation: Element = {
    date,
    ref: () => `"/violations/?"`,
    cx: {
      source: "violations",
      field(name) {
        const c = common(name);
        if (c) return c;
        if (name === "severe") {
          need.severe = true;
          return { code: severe, kind: { ...K.boolean, simple: true } };
        }
        if (name === "class") {
          need.cls = true;
          gen.rankUsed = true;
          return { code: cls, kind: { ...K.number, simple: true } };
        }
        return NULL;
      },
      penalties: () => pens,
    },
  };
  const penalty: Element = {
    date,
    ref: () => `"/penalties/?"`,
    cx: {
      source: "penalties",
      field(name) {
        if (name === "date" || name === "status") return common(name) as Code;
        if (name === "kind") return raw(p, "kind");
        if (name === "amount") {
          need.amount = true;
          return { code: amount, kind: { t: "bigint", nullable: true, simple: true } };
        }
        if (name === "severe") {
          need.severe = true;
          return { code: severe, kind: { ...K.boolean, simple: true } };
        }
        return NULL;
      },
      penalties: () => null,
    },
  };
  const at = (n: number) => indent + "  ".repeat(n);
  const ofSource = (src: SourceId) => accs.filter((a) => sourceOf(a) === src);
  const sanctionBody = ofSource("sanctions").map((a) => `${at(1)}${accumulate(gen, a, sanction)}`);
  const violationBody = ofSource("violations").map((a) => `${at(2)}${accumulate(gen, a, violation)}`);
  const penaltyBody = ofSource("penalties").map((a) => `${at(3)}${accumulate(gen, a, penalty)}`);

  const lines = [
    ...indexedLoop(gen, "sanctions", s, i, indent),
    `${at(1)}const ${date} = ${s}["date"];`,
    `${at(1)}if (typeof ${date} !== "string" || ${date} > day) continue;`,
    ...statusFilter(gen, s, at(1)),
    ...sanctionBody,
  ];
  if (violationBody.length || penaltyBody.length) {
    const arr = gen.use("arr");
    lines.push(`${at(1)}for (const ${v} of ${arr}(${s}["violations"])) {`, `${at(2)}const ${pens} = ${arr}(${v}["penalties"]);`);
    if (need.severe) lines.push(`${at(2)}const ${severe} = ${v}["severe"] === true;`);
    if (need.cls) {
      const k = gen.fresh("k");
      lines.push(
        `${at(2)}let ${cls} = 0;`,
        `${at(2)}for (const ${p} of ${pens}) {`,
        `${at(3)}const ${k} = rank(${p}["kind"]);`,
        `${at(3)}if (${k} > ${cls}) ${cls} = ${k};`,
        `${at(2)}}`,
      );
    }
    lines.push(...violationBody);
    if (penaltyBody.length) {
      lines.push(`${at(2)}for (const ${p} of ${pens}) {`);
      if (need.amount) lines.push(`${at(3)}const ${amount} = ${gen.use("fen")}(${p}["amount"]) ?? null;`);
      lines.push(...penaltyBody, `${at(2)}}`);
    }
    lines.push(`${at(1)}}`);
  }
  lines.push(`${indent}}`);
  return lines;
}

/** An aggregate inside an expression: its own loop, in an arrow function called on the spot. */
export function aggregateExpr(e: AggregateExpr, cx: ExprCx): Code {
  const gen = cx.gen;
  const init = initial(e);
  const acc = gen.fresh("acc");
  const body = sourceLoops(gen, [{ e, target: acc }], "  ");
  const code = [`(()${gen.ann(init.type)} => {`, `  let ${acc}${gen.ann(init.type)} = ${init.code};`, ...body, `  return ${acc};`, `})()`].join("\n");
  return { code, kind: init.kind };
}
