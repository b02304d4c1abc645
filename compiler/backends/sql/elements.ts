// The elements of a record part as a CTE over the relational layout, built from the registry as
// runtime/elements.ts builds them from the record: the part's chain of tables joined from the top,
// elements dated after the data day dropped and those whose status (on the data day, by the status
// history) the policy disregards, both at the part that owns the date and the status; each field
// read where the registry says it lives, computed fields (the violation's class, a list's being in
// force, the status on the day) as COMPUTED says. Three sets per part: the elements a subject's
// aggregates and obligations count, the items a per-item rule decides (every status), and an
// element's own sub-items (an aggregate within it: no filter above it).
import { COMPUTED_READS, ownerOf, partChain, PARTS, type ComputedId, type FieldDef, type FunctionDef, type PartDef, type PartId } from "../../../record/registry.js";
import { historyTable, indexColumn, partTable } from "../../../record/relational.js";
import type { IRDeclaredField } from "../../ir.js";
import { DIALECTS, ident, type Dialect, type DialectId } from "./dialect.js";
import { str, SqlUnsupported } from "./literals.js";
import type { Cte } from "./ctes.js";

export interface Variant {
  /** The chain level from which the date cut-off and the disregard rule apply. */
  from: number;
  disregard: boolean;
}

export const COUNTED: Variant = { from: 0, disregard: true };
export const ITEMS: Variant = { from: 0, disregard: false };

/** Helper CTEs shared by element sets (status on the day, class, sums over sub-parts), made once. */
export class ElementHelpers {
  readonly ctes: Cte[] = [];
  private readonly made = new Set<string>();
  constructor(
    readonly dialect: DialectId,
    readonly severity: Readonly<Record<string, number>>,
  ) {}

  get d(): Dialect {
    return DIALECTS[this.dialect];
  }

  private once(name: string, text: () => string, deps: string[]): string {
    if (!this.made.has(name)) {
      this.made.add(name);
      this.ctes.push({ name, text, deps: () => deps });
    }
    return name;
  }

  /** Per element with a status history: its status on the data day. */
  status(part: PartDef): string | undefined {
    const h = historyTable(part.id);
    if (!h) return undefined;
    const keys = h.keys.slice(0, -1).map((k) => ident(k.name));
    const on = keys.map((k) => `h.${k} = a.${k}`).join(" AND ");
    return this.once(
      `cp_st_${part.id}`,
      () =>
        `SELECT ${keys.map((k) => `a.${k}`).join(", ")}, CASE WHEN a.cp_last IS NULL THEN 'in_force' ELSE h."status" END AS status\n` +
        `  FROM (SELECT ${keys.map((k) => `x.${k}`).join(", ")}, MAX(CASE WHEN x."from" <= p.day THEN x."i" END) AS cp_last\n` +
        `        FROM ${ident(h.name)} x CROSS JOIN cp_p p GROUP BY ${keys.map((k) => `x.${k}`).join(", ")}) a\n` +
        `  LEFT JOIN ${ident(h.name)} h ON ${on} AND h."i" = a.cp_last`,
      ["cp_p"],
    );
  }

  /** Per violation: its most severe penalty kind's rank by the policy's severity order (0 without penalties). */
  cls(part: PartDef): string {
    const [sub, key] = (COMPUTED_READS.class[0] as string).split(".") as [string, string];
    const child = Object.values(PARTS).find((p) => p.parent === part.id && p.key === sub);
    if (!child) throw new SqlUnsupported(`the severity class of ${part.id}`);
    const t = partTable(child.id);
    const keys = t.keys.slice(0, -1).map((k) => ident(k.name));
    const ranks = Object.entries(this.severity);
    const rank = ranks.length ? `CASE ${ident(key)} ${ranks.map(([k, r]) => `WHEN ${str(k)} THEN ${r}`).join(" ")} ELSE 0 END` : "0";
    return this.once(`cp_cls_${part.id}`, () => `SELECT ${keys.join(", ")}, MAX(${rank}) AS cls FROM ${ident(t.name)} GROUP BY ${keys.join(", ")}`, []);
  }

  /** Per element: the sum a registry function takes over its sub-part (amount(fine, confiscation)). */
  fn(part: PartDef, f: FunctionDef, args: readonly string[]): { cte: string; col: string } {
    const t = partTable(f.over.part);
    const keys = t.keys.slice(0, -1).map((k) => ident(k.name));
    const sorted = [...args].sort();
    const col = `m_${sorted.map((a) => a.replace(/[^a-z0-9_]/gi, "")).join("_")}`;
    const kinds = sorted.map(str).join(", ");
    const cte = this.once(
      `cp_fn_${part.id}_${f.id}_${col}`,
      () => `SELECT ${keys.join(", ")}, SUM(CASE WHEN ${ident(f.over.match)} IN (${kinds}) THEN COALESCE(${ident(f.over.sum)}, 0) END) AS ${col} FROM ${ident(t.name)} GROUP BY ${keys.join(", ")}`,
      [],
    );
    return { cte, col };
  }
}

/** A read of a field on an element: a registry field or one the policy declares. */
export type FieldRead = { def: FieldDef } | { declared: IRDeclaredField };

/** The elements of one part under one variant, with the columns asked of it so far. */
export class ElementSet implements Cte {
  readonly name: string;
  readonly part: PartDef;
  readonly chain: PartDef[];
  /** Column name by field key, and the SQL computing it on the chain's tables. */
  private readonly columns = new Map<string, { col: string; sql: string }>();
  private readonly joins = new Map<string, string>();
  private readonly helperDeps = new Set<string>();
  private readonly where: string[] = [];

  constructor(
    readonly id: PartId,
    readonly variant: Variant,
    private readonly helpers: ElementHelpers,
    private readonly disregarded: readonly string[],
  ) {
    this.part = PARTS[id];
    this.chain = partChain(id);
    const tag = variant.from === 0 ? (variant.disregard ? "e" : "i") : `d${variant.from}`;
    this.name = `cp_${tag}_${id}`;
    const dateOwner = ownerOf(this.part, this.part.dateField);
    const dateDef = this.part.fields.find((f) => f.id === this.part.dateField);
    const statusOwner = this.part.statusField !== undefined && variant.disregard && disregarded.length ? ownerOf(this.part, this.part.statusField) : undefined;
    this.chain.forEach((p, level) => {
      if (level < variant.from) return;
      if (p.id === dateOwner) this.where.push(`${this.t(level)}.${ident(dateDef?.key ?? this.part.dateField)} <= p.day`);
      if (p.id === statusOwner) this.where.push(`${this.statusSql(p, level)} NOT IN (${disregarded.map(str).join(", ")})`);
    });
  }

  /** The key columns: subject, then each level's index. */
  get keys(): string[] {
    return ["subject", ...this.chain.map((p) => indexColumn(p.id))];
  }

  private level(part: PartId): number {
    const i = this.chain.findIndex((p) => p.id === part);
    if (i < 0) throw new SqlUnsupported(`a field of ${part} read on ${this.id}`);
    return i;
  }

  private t(level: number): string {
    return `t${level}`;
  }

  /** The status of the element of `owner` on the data day. */
  private statusSql(owner: PartDef, level: number): string {
    const st = this.helpers.status(owner);
    if (!st) return `COALESCE(${this.t(level)}."status", 'in_force')`;
    const alias = `st${level}`;
    const keys = partTable(owner.id).keys.map((k) => ident(k.name));
    this.joins.set(alias, `LEFT JOIN ${st} ${alias} ON ${keys.map((k) => `${alias}.${k} = ${this.t(level)}.${k}`).join(" AND ")}`);
    this.helperDeps.add(st);
    return `COALESCE(${alias}.status, ${this.t(level)}."status", 'in_force')`;
  }

  private computed(id: ComputedId, owner: PartDef, level: number): string {
    const COMPUTED: Record<ComputedId, () => string> = {
      class: () => {
        const cte = this.helpers.cls(owner);
        const alias = `cl${level}`;
        const keys = partTable(owner.id).keys.map((k) => ident(k.name));
        this.joins.set(alias, `LEFT JOIN ${cte} ${alias} ON ${keys.map((k) => `${alias}.${k} = ${this.t(level)}.${k}`).join(" AND ")}`);
        this.helperDeps.add(cte);
        return `COALESCE(${alias}.cls, 0)`;
      },
      active: () => `(${this.t(level)}."until" IS NULL OR p.day <= ${this.t(level)}."until")`,
      status: () => this.statusSql(owner, level),
    };
    return COMPUTED[id]();
  }

  /** The SQL of a field on the chain's tables. */
  private fieldSql(read: FieldRead): string {
    if ("declared" in read) {
      const f = read.declared;
      const t = this.t(this.level(f.part));
      const key = str(f.name);
      const d = this.helpers.d;
      const type = (want: string) => `${d.jsonType(`${t}.extra`, key)} = '${want}'`;
      switch (f.type.t) {
        case "string":
          return `CASE WHEN ${type("string")} THEN ${d.jsonText(`${t}.extra`, key)} END`;
        case "bool":
          return `COALESCE(${type("boolean")} AND ${d.jsonText(`${t}.extra`, key)} = 'true', FALSE)`;
        case "count":
        case "number":
        case "score":
          return `CASE WHEN ${type("number")} THEN CAST(${d.jsonText(`${t}.extra`, key)} AS ${d.types.number}) END`;
        default:
          throw new SqlUnsupported(`reading the declared ${f.type.t} field ${JSON.stringify(f.name)}`);
      }
    }
    const f = read.def;
    const owner = PARTS[f.owner ?? this.id];
    const level = this.level(owner.id);
    if (f.computed) return this.computed(f.computed, owner, level);
    const col = `${this.t(level)}.${ident(f.key ?? f.id)}`;
    return f.type.t === "bool" ? `COALESCE(${col}, FALSE)` : col;
  }

  /** The column holding a field of the element (added on first use). */
  field(read: FieldRead): string {
    const key = "declared" in read ? `declared:${read.declared.name}` : read.def.id;
    let c = this.columns.get(key);
    if (!c) {
      c = { col: `f${this.columns.size}`, sql: this.fieldSql(read) };
      this.columns.set(key, c);
    }
    return c.col;
  }

  /** The element's date (the part's date field). */
  date(): string {
    const def = this.part.fields.find((f) => f.id === this.part.dateField) as FieldDef;
    return this.field({ def });
  }

  /** The column of a registry function of the element (amount of its penalties of some kinds). */
  fn(f: FunctionDef, args: readonly string[]): string {
    const key = `fn:${f.id}(${[...args].sort().join(",")})`;
    let c = this.columns.get(key);
    if (!c) {
      const { cte, col } = this.helpers.fn(this.part, f, args);
      const level = this.chain.length - 1;
      const alias = `fn${this.columns.size}`;
      const keys = partTable(this.id).keys.map((k) => ident(k.name));
      this.joins.set(alias, `LEFT JOIN ${cte} ${alias} ON ${keys.map((k) => `${alias}.${k} = ${this.t(level)}.${k}`).join(" AND ")}`);
      this.helperDeps.add(cte);
      c = { col: `f${this.columns.size}`, sql: `COALESCE(${alias}.${col}, 0)` };
      this.columns.set(key, c);
    }
    return c.col;
  }

  deps(): string[] {
    return ["cp_p", ...this.helperDeps];
  }

  text(): string {
    const cols: string[] = [`${this.t(0)}.subject`, ...this.chain.map((p, i) => `${this.t(i)}.${ident(indexColumn(p.id))}`)];
    const where = this.where;
    for (const { col, sql } of this.columns.values()) cols.push(`${sql} AS ${col}`);
    const from = this.chain.map((p, i) => {
      const t = partTable(p.id);
      if (i === 0) return `${ident(t.name)} ${this.t(0)}`;
      const keys = partTable(this.chain[i - 1]!.id).keys.map((k) => ident(k.name));
      return `JOIN ${ident(t.name)} ${this.t(i)} ON ${keys.map((k) => `${this.t(i)}.${k} = ${this.t(i - 1)}.${k}`).join(" AND ")}`;
    });
    return (
      `SELECT ${cols.join(",\n    ")}\n  FROM ${from.join("\n  ")}\n  CROSS JOIN cp_p p` +
      (this.joins.size ? `\n  ${[...this.joins.values()].join("\n  ")}` : "") +
      (where.length ? `\n  WHERE ${where.join(" AND ")}` : "")
    );
  }
}
