// Aggregates and obligations → loops over the record's parts, built from the registry
// (record/registry.ts) exactly as the evaluator builds elements (runtime/elements.ts): a part's
// chain of arrays is walked from the top of the record; elements dated after the data day do not
// exist yet and the policy's disregard statuses (第十六条) drop an element, both at the part that
// owns the date and the status; each field is read where the registry says it lives. All
// accumulators over one family of parts (sanctions, their violations, their penalties) share one
// nested loop, and the fields they read are computed once per element. In the generated code `day`
// is the data day (the as-of day, or the snapshot day before it) and `asOf` the day asked for.
import { ownerOf, partChain, PARTS, type ComputedId, type FieldDef, type FunctionDef, type PartDef, type PartId } from "../../record/registry.js";
import { AGGREGATES } from "../../dsl/aggregates.js";
import type { IRAggregate, IRObligation, IRWindow } from "../ir.js";
import { JS_FOLDS } from "./js-aggregates.js";
import { K, type Code, type Gen, type Kind } from "./js-gen.js";
import { str } from "./js-literals.js";

/** The current element of a record part, inside a `where`, an `of` or an obligation's due date. */
export interface ElementCx {
  part: PartDef;
  /** The element's field as the evaluator's element holds it (runtime/elements.ts). */
  field(name: string): Code;
  /** The code of the element's sub-part array a function sums over (amount of its penalties). */
  subpart(fn: FunctionDef): string;
}

/** Translates an expression in an element's context; js-expr.ts passes its genExpr in, so neither imports the other. */
export type GenIn = (e: NonNullable<IRAggregate["where"]>, el: ElementCx) => Code;

/** One aggregate computed into a variable, or one obligation's outcomes pushed onto an array. */
export type Accumulator = { e: IRAggregate; target: string } | { obligation: IRObligation; target: string };

function partOf(a: Accumulator): PartId {
  return "e" in a ? a.e.source : a.obligation.source;
}

/** The initial value of an accumulator and its TypeScript type. */
export function initial(e: IRAggregate): { code: string; type: string; kind: Kind } {
  return JS_FOLDS[e.fn].init(e);
}

/** One level of a family's nested loop: a part, its loop variables, and what its body needs. */
interface Level {
  part: PartDef;
  obj: string;
  index: string;
  /** Declarations after the level's filters, in order of first need (hoisted field reads). */
  decls: string[];
  memo: Map<string, Code>;
}

/** How each computed field is computed on the element's own object, as runtime/elements.ts COMPUTE does. */
const COMPUTED: Record<ComputedId, (gen: Gen, level: Level) => Code> = {
  class: (gen, level) => {
    const cls = gen.fresh("cls");
    const p = gen.fresh("p");
    const k = gen.fresh("k");
    gen.rankUsed = true;
    level.decls.push(
      `let ${cls} = 0;`,
      `for (const ${p} of ${gen.use("arr")}(${level.obj}["penalties"])) {`,
      `  const ${k} = rank(${p}["kind"]);`,
      `  if (${k} > ${cls}) ${cls} = ${k};`,
      `}`,
    );
    return { code: cls, kind: { ...K.number, simple: true } };
  },
  active: (gen, level) => {
    const until = gen.fresh("until");
    const active = gen.fresh("active");
    level.decls.push(`const ${until} = ${level.obj}["until"];`, `const ${active} = typeof ${until} !== "string" || day <= ${until};`);
    return { code: active, kind: { ...K.boolean, simple: true } };
  },
  status: (gen, level) => {
    // The disregard filter computed it already at this level when the policy has one.
    const known = level.memo.get("@status");
    if (known) return known;
    const st = gen.fresh("st");
    level.decls.push(`const ${st} = ${gen.use("statusOn")}(${level.obj}, day);`);
    const c = { code: st, kind: { ...K.string, simple: true } };
    level.memo.set("@status", c);
    return c;
  },
};

/** Loops computing every accumulator; accumulators over one family of parts share one loop. */
export function sourceLoops(gen: Gen, accs: Accumulator[], indent: string, genIn: GenIn): string[] {
  if (gen.ts) gen.use("type Obj");
  const families = new Map<PartId, Accumulator[]>();
  for (const a of accs) {
    const root = (partChain(partOf(a))[0] as PartDef).id;
    families.set(root, [...(families.get(root) ?? []), a]);
  }
  return [...families.values()].flatMap((list) => familyLoop(gen, list, indent, genIn));
}

function familyLoop(gen: Gen, accs: Accumulator[], indent: string, genIn: GenIn): string[] {
  const deepest = accs.map((a) => partChain(partOf(a))).reduce((a, b) => (b.length > a.length ? b : a));
  // The parts of one family share their date and status owners (a registry invariant the tests
  // check), so the cut-off and the disregard rule are a `continue` at that part.
  const leaf = PARTS[partOf(accs[0] as Accumulator)];
  const dateOwner = ownerOf(leaf, leaf.dateField);
  const statusOwner = leaf.statusField !== undefined ? ownerOf(leaf, leaf.statusField) : undefined;
  const levels: Level[] = deepest.map((part) => ({ part, obj: gen.fresh(part.key.slice(0, 1)), index: gen.fresh("i"), decls: [], memo: new Map() }));
  const levelOf = (id: PartId) => levels.findIndex((l) => l.part.id === id);
  const date = gen.fresh("date");
  const dateLevel = levels[levelOf(dateOwner)] as Level;

  const element = (part: PartDef): ElementCx => {
    const own = levels[levelOf(part.id)] as Level;
    return {
      part,
      field(name) {
        const f = part.fields.find((x) => x.id === name);
        if (!f) return { code: "null", kind: K.null };
        return fieldCode(gen, f, part, levels[levelOf(f.owner ?? part.id)] as Level, part.dateField === f.id ? date : undefined);
      },
      subpart(fn) {
        const key = `sub:${fn.over.part}`;
        let c = own.memo.get(key);
        if (!c) {
          const v = gen.fresh("sub");
          own.decls.push(`const ${v} = ${gen.use("arr")}(${own.obj}[${str(PARTS[fn.over.part].key)}]);`);
          c = { code: v, kind: K.unknown };
          own.memo.set(key, c);
        }
        return c.code;
      },
    };
  };
  const pointer = (depth: number): string =>
    "`" + levels.slice(0, depth + 1).map((l) => `/${l.part.key.replace(/[`$\\]/g, "")}/\${${l.index}}`).join("") + "`";

  // The disregard filter's status variable first, so that fields reading the status reuse it;
  // then the bodies, whose generation records which fields each level must hoist.
  const statusLevel = statusOwner !== undefined ? levels[levelOf(statusOwner)] : undefined;
  const filter = statusLevel ? statusFilter(gen, statusLevel) : [];
  const bodies = levels.map((level, depth) =>
    accs
      .filter((a) => partOf(a) === level.part.id)
      .map((a) => accumulate(gen, a, element(level.part), date, () => `${gen.use("refOf")}(${level.obj}, ${pointer(depth)})`, genIn)),
  );

  const lines: string[] = [];
  const open = (depth: number): void => {
    const level = levels[depth] as Level;
    const at = indent + "  ".repeat(depth);
    const inner = at + "  ";
    const container = depth === 0 ? "r" : (levels[depth - 1] as Level).obj;
    const a = gen.fresh("a");
    lines.push(
      `${at}const ${a} = ${container}[${str(level.part.key)}];`,
      `${at}if (Array.isArray(${a})) for (let ${level.index} = 0; ${level.index} < ${a}.length; ${level.index}++) {`,
      `${inner}const ${level.obj}${gen.ann("Obj")} = ${a}[${level.index}];`,
      `${inner}if (!${level.obj} || typeof ${level.obj} !== "object") continue;`,
    );
    if (level === dateLevel) {
      const key = leaf.fields.find((f) => f.id === leaf.dateField)?.key ?? PARTS[dateOwner].dateField;
      lines.push(`${inner}const ${date} = ${level.obj}[${str(key)}];`, `${inner}if (typeof ${date} !== "string" || ${date} > day) continue;`);
    }
    if (level === statusLevel) lines.push(...filter.map((l) => `${inner}${l}`));
    lines.push(...level.decls.flatMap((d) => d.split("\n").map((x) => `${inner}${x}`)));
    lines.push(...(bodies[depth] as string[]).map((b) => `${inner}${b}`));
    if (depth + 1 < levels.length && bodies.slice(depth + 1).some((b) => b.length)) open(depth + 1);
    lines.push(`${at}}`);
  };
  open(0);
  return lines;
}

/** A field of an element: read from the level that owns it, hoisted there once, in the evaluator's normal form. */
function fieldCode(gen: Gen, f: FieldDef, part: PartDef, owner: Level, dateVar: string | undefined): Code {
  if (dateVar) return { code: dateVar, kind: { ...K.string, simple: true } };
  if (f.computed) {
    let c = owner.memo.get(f.id);
    if (!c) owner.memo.set(f.id, (c = COMPUTED[f.computed](gen, owner)));
    return c;
  }
  const key = f.key ?? f.id;
  const memoKey = `${part.id}.${f.id}`;
  const hoist = (make: (v: string) => string, kind: Kind): Code => {
    let c = owner.memo.get(memoKey);
    if (!c) {
      const v = gen.fresh(f.id.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 12) || "f");
      owner.decls.push(make(v));
      c = { code: v, kind: { ...kind, simple: true } };
      owner.memo.set(memoKey, c);
    }
    return c;
  };
  switch (f.type.t) {
    case "bool":
      return hoist((v) => `const ${v} = ${owner.obj}[${str(key)}] === true;`, K.boolean);
    case "money":
      return hoist((v) => `const ${v} = ${gen.use("fen")}(${owner.obj}[${str(key)}]) ?? null;`, { t: "bigint", nullable: true });
    default:
      return { code: `(${owner.obj}[${str(key)}] ?? null)`, kind: { ...K.unknown, simple: true } };
  }
}

/** The statement adding one element to the accumulator, under its window and filter. */
function accumulate(gen: Gen, acc: Accumulator, el: ElementCx, date: string, ref: () => string, genIn: GenIn): string {
  const window = "e" in acc ? acc.e.window : acc.obligation.window;
  const predicate = "e" in acc && AGGREGATES[acc.e.fn].predicate === true;
  const where = "e" in acc ? acc.e.where : acc.obligation.where;
  const tests: string[] = [];
  if (window) tests.push(`${date} > ${gen.window(window as IRWindow)}`);
  if (where && !predicate) tests.push(truth(genIn(where, el)));
  const guard = tests.length ? `if (${tests.join(" && ")}) ` : "";
  if (!("e" in acc)) {
    const o = acc.obligation;
    const due = gen.fresh("due");
    const day = gen.fresh("dueDay");
    return (
      `${guard}{ const ${due} = ${genIn(o.due, el).code}; const ${day} = typeof ${due} === "string" ? ${due} : null; ` +
      `${acc.target}.push({ obligation: ${str(o.name)}, article: ${str(o.article)}, text: ${str(o.text)}, source: ${str(o.source)}, ` +
      `ref: ${ref()}, date: ${date}, due: ${day}, status: ${day} !== null && ${day} < asOf ? "overdue" : "open" }); }`
    );
  }
  const of = predicate ? { code: where ? truth(genIn(where, el)) : "true", kind: K.boolean } : acc.e.of ? genIn(acc.e.of, el) : undefined;
  return `${guard}${JS_FOLDS[acc.e.fn].step(gen, acc.e, acc.target, of)}`;
}

function truth(c: Code): string {
  return c.kind.t === "boolean" && !c.kind.nullable ? c.code : `(${c.code} === true)`;
}

/** `continue` unless the element's status on the data day counts; the status is kept for the fields that read it. */
function statusFilter(gen: Gen, level: Level): string[] {
  const statuses = gen.ir.disregard?.statuses ?? [];
  if (statuses.length === 0) return [];
  const st = gen.fresh("st");
  level.memo.set("@status", { code: st, kind: { ...K.string, simple: true } });
  return [`const ${st} = ${gen.use("statusOn")}(${level.obj}, day);`, `if (${statuses.map((s) => `${st} === ${str(s)}`).join(" || ")}) continue;`];
}

/** An aggregate inside an expression: its own loop, in an arrow function called on the spot. */
export function aggregateCode(gen: Gen, e: IRAggregate, genIn: GenIn): Code {
  const init = initial(e);
  const acc = gen.fresh("acc");
  const body = sourceLoops(gen, [{ e, target: acc }], "  ", genIn);
  const code = [`(()${gen.ann(init.type)} => {`, `  let ${acc}${gen.ann(init.type)} = ${init.code};`, ...body, `  return ${acc};`, `})()`].join("\n");
  return { code, kind: init.kind };
}
