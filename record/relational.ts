// The credit record as relational tables, generated from the registry (record/registry.ts: which
// parts there are, how they nest) and the record schema (record.schema.json: what each part's
// elements hold). One table per part — its keys the subject's sequence number and the element's
// index at every level of its chain, so a row names its JSON Pointer — a table per dated status
// history, one for the subjects and one for their indicators. Each row keeps the keys the layout
// has no column for (unknown keys, explicit nulls, empty arrays) as JSON in `extra`, so a record
// loaded into the tables can be rebuilt (`rebuildRecord`) with every key it had, for the grader
// that reads the record itself. SQL types are the dialect's (compiler/backends/sql/); here a
// column has a kind. Browser-safe: no Node imports.
import schema from "./record.schema.json" with { type: "json" };
import { formatYuan, parseYuan } from "./money.js";
import { PARTS, partChain, type PartDef, type PartId } from "./registry.js";

/** What a column holds; each dialect maps a kind to a type. */
export type ColumnKind =
  /** The subject's sequence number (its line in the load), BIGINT. */
  | "seq"
  /** An element's index in its array, INTEGER. */
  | "index"
  | "text"
  | "date"
  | "bool"
  /** Exact yuan with two decimals (fen), DECIMAL(18,2): amounts up to MONEY_LIMIT. */
  | "money"
  /** A JSON number (scores, indicator values), DOUBLE. */
  | "number"
  /** JSON text of the keys without a column. */
  | "json";

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  /** Where the value sits in the element (a key, or a key of a nested object: public_credit.score); absent for keys and `extra`. */
  path?: readonly string[];
  /** A key column (never null). */
  key?: boolean;
  /** What the record schema says of the value beyond its kind: for loaders that check records themselves. */
  check?: ColumnCheck;
}

/** The record schema's constraints on a column's value (record.schema.json). */
export interface ColumnCheck {
  /** The key must be present in its object. */
  required?: boolean;
  enum?: readonly string[];
  /** JSON null is allowed (and means: absent). */
  nullable?: boolean;
  nonEmpty?: boolean;
  min?: number;
  max?: number;
  integer?: boolean;
}

export type TableKind = "subjects" | "part" | "history" | "indicators";

export interface TableDef {
  name: string;
  kind: TableKind;
  /** The record part (a part's table), or the part whose elements the history belongs to. */
  part?: PartId;
  /** The array's key in its parent element: "sanctions", "violations", "status_history". */
  arrayKey?: string;
  /** The table whose rows hold this table's rows' parent elements. */
  parent?: string;
  /** Key columns first (subject, then one index per level), then the data columns, then `extra`. */
  columns: ColumnDef[];
  keys: ColumnDef[];
  /** The schema requires the array in its parent element (a decision's violations). */
  required?: boolean;
}

/** The largest amount a money column holds exactly: DECIMAL(18,2). */
export const MONEY_LIMIT_FEN = 10n ** 18n - 1n;

type Schema = {
  $ref?: string;
  allOf?: Schema[];
  anyOf?: Schema[];
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  "x-money"?: boolean;
  minLength?: number;
  minimum?: number;
  maximum?: number;
};
const SCHEMA = schema as unknown as Schema & { $defs: Record<string, Schema> };

function resolve(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  if (s.$ref) return resolve(SCHEMA.$defs[s.$ref.replace("#/$defs/", "")]);
  if (s.allOf && s.allOf.length === 1) return resolve(s.allOf[0]);
  return s;
}

/** The column kind of a scalar schema, or undefined for arrays and objects. */
function kindOf(s: Schema | undefined): ColumnKind | undefined {
  const r = resolve(s);
  if (!r) return undefined;
  if (r.anyOf) {
    const kinds = r.anyOf.filter((x) => resolve(x)?.type !== "null").map(kindOf);
    return kinds.length === 1 ? kinds[0] : undefined;
  }
  if (r["x-money"]) return "money";
  if (r.format === "date") return "date";
  if (r.enum) return "text";
  switch (r.type) {
    case "string":
      return "text";
    case "boolean":
      return "bool";
    case "number":
    case "integer":
      return "number";
    default:
      return undefined;
  }
}

/** The schema of a part's elements. */
function partItems(part: PartDef): Schema {
  const chain = partChain(part.id);
  let props: Record<string, Schema> | undefined = SCHEMA.properties;
  let items: Schema | undefined;
  for (const p of chain) {
    items = resolve(resolve(props?.[p.key])?.items);
    props = items?.properties;
  }
  return items as Schema;
}

const keyName = (p: PartDef) => `i_${p.id}`;

function keysOf(part: PartDef): ColumnDef[] {
  return [{ name: "subject", kind: "seq", key: true }, ...partChain(part.id).map((p) => ({ name: keyName(p), kind: "index" as const, key: true }))];
}

const EXTRA: ColumnDef = { name: "extra", kind: "json" };

/** The constraints of a scalar schema. */
function checkOf(s: Schema | undefined, required: boolean): ColumnCheck {
  let r = resolve(s);
  let nullable = false;
  if (r?.anyOf) {
    nullable = r.anyOf.some((x) => resolve(x)?.type === "null");
    r = resolve(r.anyOf.find((x) => resolve(x)?.type !== "null"));
  }
  return {
    ...(required ? { required } : {}),
    ...(r?.enum ? { enum: r.enum as string[] } : {}),
    ...(nullable ? { nullable } : {}),
    ...(r?.minLength ? { nonEmpty: true } : {}),
    ...(r?.minimum !== undefined ? { min: r.minimum } : {}),
    ...(r?.maximum !== undefined ? { max: r.maximum } : {}),
    ...(r?.type === "integer" ? { integer: true } : {}),
  };
}

function scalarColumns(items: Schema, skip: ReadonlySet<string>): ColumnDef[] {
  const out: ColumnDef[] = [];
  for (const [key, s] of Object.entries(items.properties ?? {})) {
    if (skip.has(key)) continue;
    const kind = kindOf(s);
    if (kind) out.push({ name: key, kind, path: [key], check: checkOf(s, (items.required ?? []).includes(key)) });
  }
  return out;
}

function buildTables(): TableDef[] {
  const tables: TableDef[] = [];
  const subjectProps = SCHEMA.properties ?? {};
  const partKeys = new Set(Object.values(PARTS).filter((p) => !p.parent).map((p) => p.key));
  const subjectColumns: ColumnDef[] = [];
  for (const [key, s] of Object.entries(subjectProps)) {
    if (partKeys.has(key) || key === "indicators") continue;
    const kind = kindOf(s);
    if (kind) subjectColumns.push({ name: key, kind, path: [key], check: checkOf(s, (SCHEMA.required ?? []).includes(key)) });
    else {
      // A nested object of scalars (public_credit): one column per property.
      const r = resolve(s);
      if (r?.type === "object" || r?.properties) for (const c of scalarColumns(r, new Set())) subjectColumns.push({ ...c, name: `${key}_${c.name}`, path: [key, c.name] });
    }
  }
  tables.push({ name: "subjects", kind: "subjects", keys: [{ name: "seq", kind: "seq", key: true }], columns: [{ name: "seq", kind: "seq", key: true }, ...subjectColumns, EXTRA] });
  const subjectKey: ColumnDef = { name: "subject", kind: "seq", key: true };
  tables.push({
    name: "indicators",
    kind: "indicators",
    arrayKey: "indicators",
    parent: "subjects",
    keys: [subjectKey, { name: "key", kind: "text", key: true }],
    columns: [subjectKey, { name: "key", kind: "text", key: true }, { name: "value", kind: "number" }],
  });
  for (const part of Object.values(PARTS)) {
    const items = partItems(part);
    const children = new Set(Object.values(PARTS).filter((p) => p.parent === part.id).map((p) => p.key));
    const keys = keysOf(part);
    // Every element may carry an id of its own: results name an element by it (ref).
    const hasId = Boolean(items.properties?.["id"]);
    const columns = [...keys, ...(hasId ? [] : [{ name: "id", kind: "text" as const, path: ["id"] }]), ...scalarColumns(items, children), EXTRA];
    const parentItems = part.parent ? partItems(PARTS[part.parent]) : SCHEMA;
    const required = (parentItems.required ?? []).includes(part.key);
    tables.push({ name: part.id, kind: "part", part: part.id, arrayKey: part.key, ...(part.parent ? { parent: part.parent } : { parent: "subjects" }), keys, columns, ...(required ? { required } : {}) });
    // Arrays of objects that are not parts: the dated status history.
    for (const [key, s] of Object.entries(items.properties ?? {})) {
      if (children.has(key)) continue;
      const r = resolve(s);
      if (r?.type !== "array") continue;
      const entry = resolve(r.items);
      if (!entry?.properties) continue;
      const hkeys = [...keys, { name: "i", kind: "index" as const, key: true }];
      tables.push({ name: `${part.id}_${key}`, kind: "history", part: part.id, arrayKey: key, parent: part.id, keys: hkeys, columns: [...hkeys, ...scalarColumns(entry, new Set()), EXTRA] });
    }
  }
  return tables;
}

/** Every table of the layout, parents before children. */
export const TABLES: readonly TableDef[] = buildTables();

export function table(name: string): TableDef {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in the relational layout`);
  return t;
}

/** The table of a part's elements. */
export function partTable(id: PartId): TableDef {
  return table(id);
}

/** The status history table of a part, if its elements carry one. */
export function historyTable(id: PartId): TableDef | undefined {
  return TABLES.find((t) => t.kind === "history" && t.part === id && t.arrayKey === "status_history");
}

/** The key column naming a part's element index. */
export function indexColumn(id: PartId): string {
  return `i_${id}`;
}

/** A row as values in its table's column order: dates and money as text, booleans, numbers, strings, null. */
export type Row = (string | number | boolean | null)[];

export type Rows = Map<string, Row[]>;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** A value as its column holds it, or undefined when the column cannot (it then stays in `extra`). */
function columnValue(kind: ColumnKind, v: unknown): string | number | boolean | undefined {
  switch (kind) {
    case "text":
      return typeof v === "string" ? v : undefined;
    case "date":
      return typeof v === "string" ? v : undefined;
    case "bool":
      return typeof v === "boolean" ? v : undefined;
    case "number":
      return typeof v === "number" ? v : undefined;
    case "money": {
      const fen = parseYuan(v);
      return fen !== undefined && fen <= MONEY_LIMIT_FEN ? formatYuan(fen) : undefined;
    }
    default:
      return undefined;
  }
}

/** A money amount beyond what the layout holds exactly: the record cannot be loaded (a stated limit). */
export class LayoutLimitError extends Error {
  constructor(
    readonly path: string,
    readonly value: unknown,
  ) {
    super(`${path}: amount beyond the database layout's limit of 9999999999999999.99 yuan`);
  }
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * The rows of one valid credit record (record/validate.ts), appended to `rows` by table name.
 * Keys without a column (and nulls, empty arrays) go to `extra`; throws LayoutLimitError for a
 * value no column can hold exactly.
 */
export function shredRecord(record: Obj, seq: number, rows: Rows): void {
  const push = (t: TableDef, row: Row) => {
    let list = rows.get(t.name);
    if (!list) rows.set(t.name, (list = []));
    list.push(row);
  };
  const subjects = table("subjects");
  const extra: Obj = {};
  const row: Row = [];
  const used = new Set<string>();
  const nestedLeft = new Map<string, Obj>();
  for (const c of subjects.columns) {
    if (c.name === "seq") row.push(seq);
    else if (c.name === "extra") row.push(null);
    else {
      const path = c.path as readonly string[];
      const holder = path.length === 1 ? record : record[path[0] as string];
      const v = isObj(holder) ? holder[path[path.length - 1] as string] : undefined;
      const value = v === undefined ? undefined : columnValue(c.kind, v);
      if (c.kind === "money" && v !== undefined && v !== null && value === undefined && parseYuan(v) !== undefined) throw new LayoutLimitError(`/${path.join("/")}`, v);
      row.push(value ?? null);
      if (path.length === 1) {
        if (value !== undefined) used.add(path[0] as string);
      } else if (isObj(holder)) {
        const left = nestedLeft.get(path[0] as string) ?? { ...holder };
        if (value !== undefined) delete left[path[1] as string];
        nestedLeft.set(path[0] as string, left);
        used.add(path[0] as string);
      }
    }
  }
  const parts = Object.values(PARTS).filter((p) => !p.parent);
  for (const [key, v] of Object.entries(record)) {
    if (used.has(key)) {
      const left = nestedLeft.get(key);
      if (left && Object.keys(left).length) extra[key] = left;
      continue;
    }
    const part = parts.find((p) => p.key === key);
    if (part && Array.isArray(v) && v.length > 0 && v.every(isObj)) {
      shredPart(part, v as Obj[], [seq], `/${key}`, push);
      continue;
    }
    if (key === "indicators" && isObj(v) && Object.keys(v).length > 0 && Object.values(v).every((x) => typeof x === "number")) {
      const ind = table("indicators");
      for (const [k, x] of Object.entries(v)) push(ind, [seq, k, x as number]);
      continue;
    }
    extra[key] = v;
  }
  row[row.length - 1] = Object.keys(extra).length ? JSON.stringify(extra) : null;
  push(subjects, row);
}

function shredPart(part: PartDef, elements: Obj[], keys: number[], pointer: string, push: (t: TableDef, row: Row) => void): void {
  const t = partTable(part.id);
  const childParts = Object.values(PARTS).filter((p) => p.parent === part.id);
  const histories = TABLES.filter((h) => h.kind === "history" && h.part === part.id);
  elements.forEach((el, index) => {
    const here = [...keys, index];
    const at = `${pointer}/${index}`;
    const row: Row = [...here];
    const extra: Obj = {};
    const used = new Set<string>();
    for (const c of t.columns) {
      if (c.key) continue;
      if (c.name === "extra") continue;
      const k = (c.path as readonly string[])[0] as string;
      const v = el[k];
      const value = v === undefined ? undefined : columnValue(c.kind, v);
      if (c.kind === "money" && v !== undefined && v !== null && value === undefined && parseYuan(v) !== undefined) throw new LayoutLimitError(`${at}/${pointerSegment(k)}`, v);
      row.push(value ?? null);
      if (value !== undefined) used.add(k);
    }
    for (const [k, v] of Object.entries(el)) {
      if (used.has(k)) continue;
      const child = childParts.find((p) => p.key === k);
      if (child && Array.isArray(v) && v.length > 0 && v.every(isObj)) {
        shredPart(child, v as Obj[], here, `${at}/${k}`, push);
        continue;
      }
      const hist = histories.find((h) => h.arrayKey === k);
      if (hist && Array.isArray(v) && v.length > 0 && v.every(isObj)) {
        shredHistory(hist, v as Obj[], here, push);
        continue;
      }
      extra[k] = v;
    }
    row.push(Object.keys(extra).length ? JSON.stringify(extra) : null);
    push(t, row);
  });
}

function shredHistory(t: TableDef, entries: Obj[], keys: number[], push: (t: TableDef, row: Row) => void): void {
  entries.forEach((entry, i) => {
    const row: Row = [...keys, i];
    const extra: Obj = {};
    const used = new Set<string>();
    for (const c of t.columns) {
      if (c.key || c.name === "extra") continue;
      const k = (c.path as readonly string[])[0] as string;
      const value = entry[k] === undefined ? undefined : columnValue(c.kind, entry[k]);
      row.push(value ?? null);
      if (value !== undefined) used.add(k);
    }
    for (const [k, v] of Object.entries(entry)) if (!used.has(k)) extra[k] = v;
    row.push(Object.keys(extra).length ? JSON.stringify(extra) : null);
    push(t, row);
  });
}

/** A row read back from the database, by column name (dates and money as text). */
export type RowObject = Record<string, unknown>;

/**
 * The credit record a subject's rows hold: its columns, its parts' elements in index order, and
 * the keys kept in `extra`. The inverse of shredRecord up to key order and the spelling of
 * amounts (a JSON number comes back as a decimal string, "0.10").
 */
export function rebuildRecord(rows: ReadonlyMap<string, readonly RowObject[]>): Obj {
  const subject = rows.get("subjects")?.[0];
  if (!subject) throw new Error("no subject row");
  const record: Obj = {};
  for (const c of table("subjects").columns) {
    if (c.key || c.name === "extra") continue;
    const v = cell(c, subject[c.name]);
    if (v === undefined) continue;
    const path = c.path as readonly string[];
    if (path.length === 1) record[path[0] as string] = v;
    else {
      const holder = (record[path[0] as string] ?? {}) as Obj;
      holder[path[1] as string] = v;
      record[path[0] as string] = holder;
    }
  }
  const ind = rows.get("indicators") ?? [];
  if (ind.length) record["indicators"] = Object.fromEntries(sortRows(ind, ["key"]).map((r) => [r["key"] as string, Number(r["value"])]));
  for (const part of Object.values(PARTS).filter((p) => !p.parent)) {
    const els = elementsOf(part, rows, []);
    if (els.length) record[part.key] = els;
  }
  mergeExtra(record, subject["extra"]);
  return record;
}

function cell(c: ColumnDef, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  switch (c.kind) {
    case "number":
      return Number(v);
    case "bool":
      return v === true || v === "true" || v === "t";
    case "date":
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case "money":
      return formatYuan(parseYuan(String(v)) as bigint);
    default:
      return String(v);
  }
}

function mergeExtra(target: Obj, extra: unknown): void {
  if (typeof extra !== "string" || !extra) return;
  for (const [k, v] of Object.entries(JSON.parse(extra) as Obj)) {
    if (isObj(v) && isObj(target[k])) Object.assign(target[k] as Obj, v);
    else target[k] = v;
  }
}

function sortRows(rows: readonly RowObject[], keys: string[]): RowObject[] {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k] as number | string;
      const y = b[k] as number | string;
      if (x !== y) return typeof x === "number" || typeof x === "bigint" ? Number(x) - Number(y) : String(x) < String(y) ? -1 : 1;
    }
    return 0;
  });
}

function elementsOf(part: PartDef, rows: ReadonlyMap<string, readonly RowObject[]>, parentKeys: number[]): Obj[] {
  const t = partTable(part.id);
  const keyCols = t.keys.slice(1).map((k) => k.name);
  const mine = (rows.get(t.name) ?? []).filter((r) => parentKeys.every((k, i) => Number(r[keyCols[i] as string]) === k));
  return sortRows(mine, keyCols).map((r) => {
    const here = keyCols.map((k) => Number(r[k]));
    const el: Obj = {};
    for (const c of t.columns) {
      if (c.key || c.name === "extra") continue;
      const v = cell(c, r[c.name]);
      if (v !== undefined) el[(c.path as readonly string[])[0] as string] = v;
    }
    for (const child of Object.values(PARTS).filter((p) => p.parent === part.id)) {
      const kids = elementsOf(child, rows, here);
      if (kids.length) el[child.key] = kids;
    }
    for (const h of TABLES.filter((x) => x.kind === "history" && x.part === part.id)) {
      const entries = sortRows(
        (rows.get(h.name) ?? []).filter((e) => keyCols.every((k, i) => Number(e[k]) === here[i])),
        ["i"],
      ).map((e) => {
        const entry: Obj = {};
        for (const c of h.columns) {
          if (c.key || c.name === "extra") continue;
          const v = cell(c, e[c.name]);
          if (v !== undefined) entry[(c.path as readonly string[])[0] as string] = v;
        }
        mergeExtra(entry, e["extra"]);
        return entry;
      });
      if (entries.length) el[h.arrayKey as string] = entries;
    }
    mergeExtra(el, r["extra"]);
    return el;
  });
}
