// Aggregates, obligations and per-item rules → loops over the record's parts, built from the
// registry (record/registry.ts) exactly as the evaluator builds elements (runtime/elements.ts): a
// part's chain of arrays is walked from the top of the record (or, for an item's own sub-items,
// from the item); elements dated after the data day do not exist yet and the policy's disregard
// statuses (第十六条) drop an element, both at the part that owns the date and the status (per-item
// rules see every item, whatever its status); each field is read where the registry says it lives.
// Accumulators over one family of parts (sanctions, their violations, their penalties) share one
// nested loop, and what they read of an element is computed once per element and hoisted to the
// level that owns it. In the generated code `day` is the data day (the as-of day, or the snapshot
// day before it) and `asOf` the day asked for.
import { AGGREGATES } from "../../dsl/aggregates.js";
import { ownerOf, partChain, PARTS, type ComputedId, type FieldDef, type FunctionDef, type PartDef, type PartId } from "../../record/registry.js";
import type { IRAggregate, IRCondition, IRExpr, IRItemRule, IRObligation, IRType, IRWindow } from "../ir.js";
import { assertNever } from "../../diagnostics/never.js";
import { JS_FOLDS } from "./js-aggregates.js";
import { K, type Code, type Gen, type Kind } from "./js-gen.js";
import { str } from "./js-literals.js";

/** The current element of a record part, inside a `where`, an `of`, a duty or a per-item rule. */
export interface ElementCx {
  part: PartDef;
  /** The element's field as the evaluator's element holds it (runtime/elements.ts). */
  field(name: string): Code;
  /** The code of the element's sub-part array a function sums over (amount of its penalties). */
  subpart(fn: FunctionDef): string;
  /** A value of the per-item rule `rule` for this element, computed once. */
  local(rule: string, name: string): Code;
  /** An output of the per-item rule `rule` for this element, computed once. */
  output(rule: string, name: string): Code;
  /** The loop levels down to this element: an aggregate over its own items continues from them. */
  scope: LoopScope;
}

/** Translates an expression in an element's context; js-expr.ts passes its genExpr in, so neither imports the other. */
export type GenIn = (e: IRExpr, el: ElementCx) => Code;

/** An aggregate computed into a variable, an obligation's outcomes or a per-item rule's results pushed onto an array. */
export type Accumulator = { e: IRAggregate; target: string } | { obligation: IRObligation; target: string } | { item: IRItemRule; target: string };

function partOf(a: Accumulator): PartId {
  return "e" in a ? a.e.source : "obligation" in a ? a.obligation.source : a.item.part;
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
  /** Declarations after the level's filters, in order of first need (hoisted reads). */
  decls: string[];
  memo: Map<string, Code>;
}

/** The levels of an enclosing loop and its date variable: where an aggregate over an item's own items starts. */
export interface LoopScope {
  levels: readonly Level[];
  date: string;
}

/** How each computed field is computed on its owner's object, as runtime/elements.ts COMPUTE does. */
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
export function sourceLoops(gen: Gen, accs: Accumulator[], indent: string, genIn: GenIn, outer?: LoopScope): string[] {
  if (gen.ts) gen.use("type Obj");
  const families = new Map<string, Accumulator[]>();
  for (const a of accs) {
    // Per-item rules see items of every status: their loops are their own.
    const key = `${(partChain(partOf(a))[0] as PartDef).id}${"item" in a ? ":items" : ""}`;
    families.set(key, [...(families.get(key) ?? []), a]);
  }
  return [...families.values()].flatMap((list) => familyLoop(gen, list, indent, genIn, outer));
}

function familyLoop(gen: Gen, accs: Accumulator[], indent: string, genIn: GenIn, outer?: LoopScope): string[] {
  const deepest = accs.map((a) => partChain(partOf(a))).reduce((a, b) => (b.length > a.length ? b : a));
  // The parts of one family share their date and status owners (a registry invariant the tests
  // check), so the cut-off and the disregard rule are a `continue` at that part.
  const leaf = PARTS[partOf(accs[0] as Accumulator)];
  const dateOwner = ownerOf(leaf, leaf.dateField);
  const items = accs.some((a) => "item" in a);
  const statusOwner = leaf.statusField !== undefined && !items ? ownerOf(leaf, leaf.statusField) : undefined;
  const reused = outer ? outer.levels.filter((l) => deepest.some((p) => p.id === l.part.id)) : [];
  const levels: Level[] = deepest.map(
    (part) => reused.find((l) => l.part.id === part.id) ?? { part, obj: gen.fresh(part.key.slice(0, 1)), index: gen.fresh("i"), decls: [], memo: new Map() },
  );
  const start = reused.length;
  const levelOf = (id: PartId) => levels.findIndex((l) => l.part.id === id);
  const dateLevel = levels[levelOf(dateOwner)] as Level;
  const date = dateLevel && levelOf(dateOwner) < start && outer ? outer.date : gen.fresh("date");
  const scopeAt = (depth: number): LoopScope => ({ levels: levels.slice(0, depth + 1), date });

  const element = (part: PartDef): ElementCx => {
    const depth = levelOf(part.id);
    const own = levels[depth] as Level;
    const cx: ElementCx = {
      part,
      field(name) {
        const f = part.fields.find((x) => x.id === name);
        if (f) return fieldCode(gen, f, part, levels[levelOf(f.owner ?? part.id)] as Level, part.dateField === f.id ? date : undefined);
        const declared = gen.ir.fields.find((x) => x.part === part.id && x.name === name);
        if (!declared) return { code: "null", kind: K.null };
        return fieldCode(gen, { id: name, zh: [], type: declared.type as FieldDef["type"], doc: "", docZh: "" }, part, own, undefined);
      },
      subpart(fn) {
        return hoist(own, `sub:${fn.over.part}`, () => ({ code: `${gen.use("arr")}(${own.obj}[${str(PARTS[fn.over.part].key)}])`, kind: K.unknown }), gen, "sub").code;
      },
      local(rule, name) {
        const v = gen.ir.itemRules.find((r) => r.name === rule)?.values.find((x) => x.name === name);
        if (!v) return { code: "null", kind: K.null };
        return hoist(own, `local:${rule}.${name}`, () => genIn(v.expr, cx), gen, "loc");
      },
      output(rule, name) {
        const o = gen.ir.itemRules.find((r) => r.name === rule)?.outputs.find((x) => x.name === name);
        if (!o) return { code: "null", kind: K.null };
        return hoist(
          own,
          `out:${rule}.${name}`,
          () => (o.condition.kind === "clause" ? genIn(o.condition.expr, cx) : { code: conditionCode(o.condition, cx, (x, e) => genIn(x, e as ElementCx)), kind: K.boolean }),
          gen,
          "out",
        );
      },
      scope: scopeAt(depth),
    };
    return cx;
  };
  const pointer = (depth: number): string =>
    "`" + levels.slice(0, depth + 1).map((l) => `/${l.part.key.replace(/[`$\\]/g, "")}/\${${l.index}}`).join("") + "`";

  // The disregard filter's status variable first, so that fields reading the status reuse it;
  // then the bodies, whose generation records what each level must hoist.
  const statusDepth = statusOwner !== undefined ? levelOf(statusOwner) : -1;
  const statusLevel = statusDepth >= start ? levels[statusDepth] : undefined;
  const filter = statusLevel ? statusFilter(gen, statusLevel) : [];
  const bodies = levels.map((level, depth) =>
    accs
      .filter((a) => partOf(a) === level.part.id)
      .map((a) => accumulate(gen, a, element(level.part), date, () => `${gen.use("refOf")}(${level.obj}, ${pointer(depth)})`, pointer(depth), genIn)),
  );

  const lines: string[] = [];
  const open = (depth: number): void => {
    const level = levels[depth] as Level;
    const at = indent + "  ".repeat(depth - start);
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
    lines.push(...(bodies[depth] as string[]).flatMap((b) => b.split("\n").map((x) => `${inner}${x}`)));
    if (depth + 1 < levels.length && bodies.slice(depth + 1).some((b) => b.length)) open(depth + 1);
    lines.push(`${at}}`);
  };
  open(start);
  return lines;
}

/** A value computed once at a level, under `key`: the first use declares it. */
function hoist(level: Level, key: string, make: () => Code, gen: Gen, prefix: string): Code {
  const known = level.memo.get(key);
  if (known) return known;
  const c = make();
  const v = gen.fresh(prefix);
  level.decls.push(`const ${v} = ${c.code};`);
  const out = { code: v, kind: { ...c.kind, simple: true } };
  level.memo.set(key, out);
  return out;
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
  const name = `${part.id}.${f.id}`;
  const prefix = f.id.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 12) || "f";
  switch (f.type.t) {
    case "bool":
      return hoist(owner, name, () => ({ code: `${owner.obj}[${str(key)}] === true`, kind: K.boolean }), gen, prefix);
    case "money":
      return hoist(owner, name, () => ({ code: `${gen.use("fen")}(${owner.obj}[${str(key)}]) ?? null`, kind: { t: "bigint", nullable: true } }), gen, prefix);
    default:
      return { code: `(${owner.obj}[${str(key)}] ?? null)`, kind: { ...K.unknown, simple: true } };
  }
}

function truth(c: Code): string {
  return c.kind.t === "boolean" && !c.kind.nullable ? c.code : `(${c.code} === true)`;
}

/** A condition's truth as one expression (the clauses are pure: short-circuiting changes nothing). */
export function conditionCode(c: IRCondition, el: ElementCx | undefined, genIn: (e: IRExpr, el: ElementCx | undefined) => Code): string {
  switch (c.kind) {
    case "clause":
      return truth(genIn(c.expr, el as ElementCx));
    case "not":
      return `!${conditionCode(c.item, el, genIn)}`;
    case "any":
    case "all":
      if (c.items.length === 0) return c.kind === "any" ? "false" : "true";
      return `(${c.items.map((i) => conditionCode(i, el, genIn)).join(c.kind === "any" ? " || " : " && ")})`;
    default:
      return assertNever(c, "IR condition");
  }
}

/** The clauses of a condition that are reported when they hold (or, under an odd number of `not`s, when they do not). */
function reportedClauses(c: IRCondition, negated = false): { clause: Extract<IRCondition, { kind: "clause" }>; negated: boolean }[] {
  switch (c.kind) {
    case "clause":
      return [{ clause: c, negated }];
    case "not":
      return reportedClauses(c.item, !negated);
    case "any":
    case "all":
      return c.items.flatMap((i) => reportedClauses(i, negated));
    default:
      return assertNever(c, "IR condition");
  }
}

/** The JSON a result shows for a value of this type: money as "50000.00". */
function jsonOf(gen: Gen, c: Code, type: IRType): string {
  if (c.kind.t === "bigint" || c.kind.t === "unknown") return `${gen.use("jsonValue")}(${c.code}, ${type.t === "money"})`;
  return c.code;
}

/** The statement adding one element to the accumulator, under its window and filter. */
function accumulate(gen: Gen, acc: Accumulator, el: ElementCx, date: string, ref: () => string, pointer: string, genIn: GenIn): string {
  if ("item" in acc) return itemBody(gen, acc.item, acc.target, el, ref, pointer, date, genIn);
  const window = "e" in acc ? acc.e.window : acc.obligation.window;
  const predicate = "e" in acc && AGGREGATES[acc.e.fn].predicate === true;
  const where = "e" in acc ? acc.e.where : acc.obligation.where;
  const tests: string[] = [];
  if (window) tests.push(`${date} > ${gen.window(window as IRWindow)}`);
  if (where && !predicate) tests.push(truth(genIn(where, el)));
  const guard = tests.length ? `if (${tests.join(" && ")}) ` : "";
  if ("obligation" in acc) return guard + obligationPush(gen, acc.obligation, acc.target, el, ref, date, genIn);
  const of = predicate ? { code: where ? truth(genIn(where, el)) : "true", kind: K.boolean } : acc.e.of ? genIn(acc.e.of, el) : undefined;
  return `${guard}${JS_FOLDS[acc.e.fn].step(gen, acc.e, acc.target, of)}`;
}

function obligationPush(gen: Gen, o: IRObligation, target: string, el: ElementCx, ref: () => string, date: string, genIn: GenIn): string {
  const head = `${target}.push({ obligation: ${str(o.name)}, article: ${str(o.article)}, text: ${str(o.text)}, source: ${str(o.source)}, ref: ${ref()}, date: ${date}`;
  // Without a due day the duty is open.
  if (!o.due) return `${head}, due: null, status: "open" });`;
  const due = gen.fresh("due");
  const day = gen.fresh("dueDay");
  const dueCode = genIn(o.due, el).code;
  return (
    `{ const ${due} = ${dueCode}; const ${day} = typeof ${due} === "string" ? ${due} : null; ` +
    `${target}.push({ obligation: ${str(o.name)}, article: ${str(o.article)}, text: ${str(o.text)}, source: ${str(o.source)}, ` +
    `ref: ${ref()}, date: ${date}, due: ${day}, status: ${day} !== null && ${day} < asOf ? "overdue" : "open" }); }`
  );
}

/**
 * One item's results under a per-item rule, as runtime/evaluate.ts shapes them: its outputs, the
 * clauses that decided them, its categories and their measures, its duties.
 */
function itemBody(gen: Gen, r: IRItemRule, target: string, el: ElementCx, ref: () => string, pointer: string, date: string, genIn: GenIn): string {
  const lines: string[] = ["{"];
  const m = gen.fresh("m");
  lines.push(`  const ${m}${gen.ann("ItemMatched[]")} = [];`);
  const outputs: string[] = [];
  for (const o of r.outputs) {
    const v = el.output(r.name, o.name);
    outputs.push(`${itemKey(o.name)}: ${jsonOf(gen, v, o.type)}`);
    if (o.condition.kind === "clause") {
      const c = o.condition;
      // Reported when it gives a value, as the evaluator does: not null, and for yes/no not false.
      const tests = [
        ...(v.kind.nullable || v.kind.t === "unknown" ? [`${v.code} !== null`] : []),
        ...(v.kind.t === "boolean" || v.kind.t === "unknown" ? [`${v.code} !== false`] : []),
      ];
      const guard = tests.length ? `if (${tests.join(" && ")}) ` : "";
      lines.push(`  ${guard}${m}.push({ output: ${str(o.name)}, article: ${str(c.article)}, text: ${str(c.text)} });`);
      continue;
    }
    // Only an output that holds is explained, as the evaluator does.
    const reported = reportedClauses(o.condition);
    if (!reported.length) continue;
    lines.push(`  if (${v.code} === true) {`);
    for (const { clause, negated } of reported) {
      const test = truth(genIn(clause.expr, el));
      lines.push(`    if (${negated ? "!" : ""}${test}) ${m}.push({ output: ${str(o.name)}, article: ${str(clause.article)}, text: ${str(clause.text)} });`);
    }
    lines.push(`  }`);
  }
  const parts = [
    `rule: ${str(r.name)}`,
    `part: ${str(r.part)}`,
    `ref: ${ref()}`,
    `pointer: ${pointer}`,
    `outputs: { ${outputs.join(", ")} }`,
    `matched: ${m}`,
  ];
  if (r.categories.length) {
    const cats = gen.fresh("cats");
    lines.push(`  const ${cats}${gen.ann("Category[]")} = [];`);
    r.categories.forEach((c) => {
      const constant = gen.itemCategory(r, c);
      lines.push(`  if (${conditionCode(c.condition, el, (x, e) => genIn(x, e as ElementCx))}) ${cats}.push(${constant});`);
    });
    parts.push(`categories: ${cats}`);
    if (r.measures.length) parts.push(`measures: ${cats}.flatMap((c) => ${gen.itemMeasures(r)}.get(c.id) ?? [])`);
  }
  if (r.obligations.length) {
    const obs = gen.fresh("obs");
    lines.push(`  const ${obs}${gen.ann("Obligation[]")} = [];`);
    for (const o of r.obligations) {
      const tests: string[] = [];
      if (o.window) tests.push(`${date} > ${gen.window(o.window)}`);
      if (o.where) tests.push(truth(genIn(o.where, el)));
      lines.push(`  ${tests.length ? `if (${tests.join(" && ")}) ` : ""}${obligationPush(gen, o, obs, el, ref, date, genIn)}`);
    }
    parts.push(`obligations: ${obs}`);
  }
  lines.push(`  ${target}.push({ ${parts.join(", ")} });`, "}");
  return lines.join("\n");
}

/** `continue` unless the element's status on the data day counts; the status is kept for the fields that read it. */
function statusFilter(gen: Gen, level: Level): string[] {
  const statuses = gen.ir.disregard?.statuses ?? [];
  if (statuses.length === 0) return [];
  const st = gen.fresh("st");
  level.memo.set("@status", { code: st, kind: { ...K.string, simple: true } });
  return [`const ${st} = ${gen.use("statusOn")}(${level.obj}, day);`, `if (${statuses.map((s) => `${st} === ${str(s)}`).join(" || ")}) continue;`];
}

/** An object key for an output's name: `"__proto__"` must be computed to be an own property. */
function itemKey(k: string): string {
  return k === "__proto__" ? `[${str(k)}]` : str(k);
}

/**
 * An aggregate inside an expression: its own loop, in an arrow function called on the spot. Over
 * the current element's own items (`within`), the loop continues from the element's levels.
 */
export function aggregateCode(gen: Gen, e: IRAggregate, genIn: GenIn, el?: ElementCx): Code {
  const init = initial(e);
  const acc = gen.fresh("acc");
  const outer = e.within && el && el.scope.levels.some((l) => l.part.id === e.within) ? el.scope : undefined;
  const body = sourceLoops(gen, [{ e, target: acc }], "  ", genIn, outer);
  const code = [`(()${gen.ann(init.type)} => {`, `  let ${acc}${gen.ann(init.type)} = ${init.code};`, ...body, `  return ${acc};`, `})()`].join("\n");
  return { code, kind: init.kind };
}
