// Shared state of one code generation run: the policy, the target flavour, the support helpers the
// module imports, module-level declarations, and what the generator cannot translate yet.
import type { IRCategory, IRItemRule, IRPolicy, IRWindow } from "../ir.js";
import { measuresOf } from "./result-shape.js";
import { int, str } from "./js-literals.js";

/** The JavaScript shape of a generated expression, known when generating it. */
export interface Kind {
  t: "number" | "bigint" | "boolean" | "string" | "unknown" | "null";
  /** May be null at run time. */
  nullable: boolean;
  /** A literal: two literals compared need a cast in TypeScript. */
  lit?: boolean;
  /** Cheap and free of effects: may be written twice (`x === a || x === b`). */
  simple?: boolean;
}

export interface Code {
  code: string;
  kind: Kind;
}

export const K = {
  number: { t: "number", nullable: false } as Kind,
  bigint: { t: "bigint", nullable: false } as Kind,
  boolean: { t: "boolean", nullable: false } as Kind,
  string: { t: "string", nullable: false } as Kind,
  unknown: { t: "unknown", nullable: true } as Kind,
  null: { t: "null", nullable: true, lit: true, simple: true } as Kind,
};

/** A construct of the IR this generator does not translate (yet); the caller may fall back to the evaluator. */
export class CodegenUnsupported extends Error {
  constructor(readonly feature: string) {
    super(`the code generator does not support ${feature} yet`);
  }
}

export interface GenOptions {
  /** "ts": TypeScript with annotations; "js": plain ES2022. */
  flavor: "ts" | "js";
  /** "esm": a module importing the support module; "function": a function body taking `support` (instantiate.ts). */
  form: "esm" | "function";
  /** Module specifier of the runtime support module. */
  supportImport: string;
}

export class Gen {
  readonly helpers = new Set<string>();
  /** Module-level declarations, in order of first need. */
  readonly decls: string[] = [];
  private readonly windows = new Map<string, string>();
  private readonly windowDefs: { name: string; w: IRWindow }[] = [];
  private readonly amounts = new Map<string, string>();
  private counter = 0;
  rankUsed = false;
  /** Per-record declarations at the top of evaluate(): score models, computed on first use. */
  readonly evalDecls: string[] = [];
  /** The function computing each score model used, by model name. */
  readonly models = new Map<string, string>();
  /** Local variable and kind of each derived value, by name. */
  readonly values = new Map<string, { id: string; kind: Kind; money: boolean }>();

  constructor(
    readonly ir: IRPolicy,
    readonly opts: GenOptions,
  ) {}

  get ts(): boolean {
    return this.opts.flavor === "ts";
  }

  /** `: T` in TypeScript, nothing in JavaScript. */
  ann(type: string): string {
    return this.ts ? `: ${type}` : "";
  }

  /** A support helper, imported on first use. */
  use(name: string): string {
    this.helpers.add(name);
    return name;
  }

  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  /** The module variable holding the window's exclusive lower bound for the current data day. */
  window(w: IRWindow): string {
    if (!["year", "month", "day"].includes(w.unit)) throw new TypeError(`unknown window unit in the IR: ${JSON.stringify(w.unit)}`);
    const key = `${int(w.amount)} ${w.unit}`;
    let name = this.windows.get(key);
    if (!name) {
      name = `W${this.windows.size}`;
      this.windows.set(key, name);
      this.windowDefs.push({ name, w });
    }
    return name;
  }

  windowAssignments(): string[] {
    const windowStart = this.windowDefs.length ? this.use("windowStart") : "";
    return this.windowDefs.map(({ name, w }) => `${name} = ${windowStart}(day, ${int(w.amount)}, ${str(w.unit)});`);
  }

  windowNames(): string[] {
    return this.windowDefs.map((d) => d.name);
  }

  /** A module function summing the amounts of a violation's penalties of the given kinds (罚没款). */
  amountFn(kinds: string[]): string {
    const key = JSON.stringify(kinds);
    let name = this.amounts.get(key);
    if (name) return name;
    name = `amount${this.amounts.size}`;
    this.amounts.set(key, name);
    const fen = this.use("fen");
    const test = kinds.length ? kinds.map((k) => `k === ${str(k)}`).join(" || ") : "false";
    const t = this.ts;
    this.decls.push(
      [
        `/** Sum of the amounts of the penalties of kind ${kinds.map((k) => str(k)).join(", ")}. */`,
        `function ${name}(pens${t ? ": readonly Obj[]" : ""})${t ? ": bigint" : ""} {`,
        `  let total = 0n;`,
        `  for (const p of pens) {`,
        `    const k0 = p["kind"];`,
        `    const k = typeof k0 === "string" ? k0 : "";`,
        `    if (${test}) total += ${fen}(p["amount"]) ?? 0n;`,
        `  }`,
        `  return total;`,
        `}`,
      ].join("\n"),
    );
    if (t) this.use("type Obj");
    return name;
  }

  private readonly itemCategories = new Map<string, string>();
  private readonly itemMeasureTables = new Map<string, string>();

  /** A module constant for a per-item rule's category, as results show it. */
  itemCategory(r: IRItemRule, c: IRCategory): string {
    const key = `${r.name}\u0000${c.id}`;
    let name = this.itemCategories.get(key);
    if (name) return name;
    name = `ITEM_CATEGORY${this.itemCategories.size}`;
    this.itemCategories.set(key, name);
    this.decls.push(
      `const ${name}${this.ann("Category")} = ${this.use("frozen")}({ id: ${str(c.id)}, label: ${str(c.label)}, article: ${str(c.article)}, text: ${str(c.text)} });`,
    );
    return name;
  }

  /** A module table of a per-item rule's measures by its category id, shaped as results show them. */
  itemMeasures(r: IRItemRule): string {
    let name = this.itemMeasureTables.get(r.name);
    if (name) return name;
    name = `ITEM_MEASURES${this.itemMeasureTables.size}`;
    this.itemMeasureTables.set(r.name, name);
    const rows = r.categories.map((c) => {
      const items = measuresOf({ ...this.ir, measures: r.measures }, c.id).map(
        (m) =>
          `{ article: ${str(m.article)}, text: ${str(m.text)}, grade: ${str(m.grade)}${m.kind ? `, kind: ${str(m.kind)}` : ""}${m.tags ? `, tags: { ${Object.entries(m.tags).map(([k, v]) => `${JSON.stringify(k)}: ${str(v)}`).join(", ")} }` : ""} }`,
      );
      return `[${str(c.id)}, [${items.join(", ")}]]`;
    });
    this.decls.push(`const ${name} = new Map${this.ts ? "<string, Measure[]>" : ""}(${this.use("frozen")}([${rows.join(", ")}]));`);
    return name;
  }

  /** A TypeScript type for a kind. */
  tsType(k: Kind): string {
    if (k.t === "unknown") return "unknown";
    if (k.t === "null") return "null";
    return k.nullable ? `${k.t} | null` : k.t;
  }
}
