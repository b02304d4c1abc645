// The input schema of a policy: the projection of the credit record schema (runtime/record.schema.json)
// onto exactly the parts and fields the policy reads, each described with the articles it feeds.
// Fields the record schema requires stay (marked as not read), so a record valid for the projection
// is a valid credit record as far as it goes.
import recordSchema from "../../record/record.schema.json" with { type: "json" };
import { fieldPaths, partPath, PARTS, SUBJECT_FIELDS, type PartId } from "../../record/registry.js";
import type { IRExpr, IRPolicy } from "../ir.js";
import { clausesOf, irValueReads, policyExprs, walkIR } from "../ir-walk.js";
import type { JsonSchema } from "./result-schema.js";

/** Record paths ("sanctions.violations.penalties.kind") the policy reads, with the articles each feeds. */
export type RecordReads = Map<string, Set<string>>;

/** Which parts of a record the policy reads, and for which articles. */
export function recordReads(ir: IRPolicy): RecordReads {
  const reads: RecordReads = new Map();
  // Reading a field reads the parts around it: every prefix of the path.
  const add = (path: string, articles: Iterable<string>) => {
    const segments = path.split(".");
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join(".");
      const set = reads.get(prefix) ?? new Set<string>();
      for (const a of articles) if (a) set.add(a);
      reads.set(prefix, set);
    }
  };
  const disregard = ir.disregard ? [ir.disregard.article] : [];
  const severity = ir.severityArticle ? [ir.severityArticle] : [];
  const walking = new Set<string>();

  /** A record part read element by element (an aggregate or an obligation): the part, its date, its status. */
  const part = (id: PartId, articles: string[]) => {
    const def = PARTS[id];
    add(partPath(id), articles);
    const dateField = def.fields.find((f) => f.id === def.dateField);
    if (dateField) for (const p of fieldPaths(def, dateField)) add(p, articles);
    const statusField = def.fields.find((f) => f.id === def.statusField);
    if (statusField && ir.disregard?.statuses.length) for (const p of fieldPaths(def, statusField)) add(p, [...articles, ...disregard]);
  };

  const walk = (e: IRExpr, articles: string[], at?: PartId): void =>
    walkIR(
      e,
      (x, p) => {
        switch (x.op) {
          case "field": {
            const def = p ? PARTS[p] : undefined;
            const f = def?.fields.find((y) => y.id === x.field);
            if (def && f) for (const path of fieldPaths(def, f)) add(path, f.computed === "class" ? [...articles, ...severity] : articles);
            else if (def) add(`${partPath(def.id)}.${x.field}`, articles);
            return;
          }
          case "output": {
            // An item output read elsewhere reads what the output reads.
            const o = ir.itemRules.find((r) => r.name === x.rule)?.outputs.find((y) => y.name === x.name);
            if (o && !walking.has(`${x.rule}.${x.name}`)) {
              walking.add(`${x.rule}.${x.name}`);
              for (const k of clausesOf(o.condition)) walk(k.expr, articles, p);
              walking.delete(`${x.rule}.${x.name}`);
            }
            return;
          }
          case "local": {
            const v = ir.itemRules.find((r) => r.name === x.rule)?.values.find((y) => y.name === x.name);
            if (v && !walking.has(`${x.rule}.${x.name}`)) {
              walking.add(`${x.rule}.${x.name}`);
              walk(v.expr, articles, p);
              walking.delete(`${x.rule}.${x.name}`);
            }
            return;
          }
          case "subject": {
            // A field of the record (kind, public_credit.score …); the days are not in the record.
            const def = SUBJECT_FIELDS.find((f) => f.id === x.field);
            const path = def ? def.path : x.field;
            if (path) add(path, articles);
            return;
          }
          case "amount": {
            const fn = p ? PARTS[p].functions?.find((f) => f.id === "amount") : undefined;
            if (fn) for (const key of [fn.over.match, fn.over.sum]) add(`${partPath(fn.over.part)}.${key}`, articles);
            return;
          }
          case "agg":
            part(x.source, articles);
            return;
          case "indicator":
            add("indicators", articles);
            return;
          case "model": {
            const m = ir.models.find((y) => y.name === x.model);
            if (!m || walking.has(m.name)) return;
            walking.add(m.name);
            for (const item of m.items) walk(item.value, articles);
            walking.delete(m.name);
            return;
          }
          default:
            return;
        }
      },
      at,
    );

  // Articles a value feeds: the rules that read it, directly or through other values.
  const feeds = new Map<string, Set<string>>(ir.values.map((v) => [v.name, new Set<string>()]));
  // Overrides and categories first, then grade clauses: the order articles are listed in descriptions.
  const all = policyExprs(ir);
  const rules = (["override", "category", "clause"] as const).flatMap((role) => all.filter((x) => x.role === role));
  for (const c of rules) for (const name of irValueReads(c.expr)) feeds.get(name)?.add(c.article as string);
  for (let i = ir.values.length - 1; i >= 0; i--) {
    const v = ir.values[i]!;
    for (const name of irValueReads(v.expr)) for (const a of feeds.get(v.name) ?? []) feeds.get(name)?.add(a);
  }
  add("id", []);
  for (const v of ir.values) walk(v.expr, [...(feeds.get(v.name) ?? [])]);
  for (const c of rules) walk(c.expr, [c.article as string]);
  for (const o of [...ir.obligations, ...ir.itemRules.flatMap((r) => r.obligations)]) {
    part(o.source, [o.article]);
    // An obligation names its element by the element's id where it has one.
    add(`${partPath(o.source)}.id`, [o.article]);
    for (const name of [...irValueReads(o.where), ...irValueReads(o.due)]) for (const v of ir.values) if (v.name === name) walk(v.expr, [o.article]);
    if (o.where) walk(o.where, [o.article], o.source);
    if (o.due) walk(o.due, [o.article], o.source);
  }
  // Per-item rules read every item of their part, its status (they see it whatever it is) and what their expressions read.
  for (const x of all.filter((y) => y.role.startsWith("item-"))) {
    const article = x.article ? [x.article] : [];
    if (x.part) {
      add(partPath(x.part), article);
      add(`${partPath(x.part)}.id`, article);
    }
    walk(x.expr, article, x.part);
  }
  return reads;
}

type Schema = JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[]; description?: string };
const DEFS = (recordSchema as unknown as { $defs: Record<string, Schema> }).$defs;

function refName(s: JsonSchema | undefined): string | undefined {
  const ref = s?.["$ref"];
  return typeof ref === "string" && ref.startsWith("#/$defs/") ? ref.slice("#/$defs/".length) : undefined;
}

/** The object definition a property holds (items of an array, or allOf[0]), if any. */
function objectDef(s: Schema): string | undefined {
  const items = s["items"] as JsonSchema | undefined;
  const name = refName(items) ?? refName((s["allOf"] as JsonSchema[] | undefined)?.[0]);
  return name && DEFS[name]?.["type"] === "object" ? name : undefined;
}

function collectRefs(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) v.forEach((x) => collectRefs(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")) out.add(x.slice("#/$defs/".length));
      else collectRefs(x, out);
    }
  }
}

function describe(s: Schema, articles: Set<string> | undefined): Schema {
  const base = (s.description ?? "").trim();
  const note = articles
    ? articles.size
      ? `Read for: ${[...articles].join(", ")}.`
      : "Read by this policy."
    : "Not read by this policy; required by the credit record schema.";
  return { ...s, description: base ? `${base} ${note}` : note };
}

/** The JSON Schema of a declared field's type (record/declared.ts checks the same). */
const DECLARED_SCHEMA: Partial<Record<string, Schema>> = {
  date: { allOf: [{ $ref: "#/$defs/IsoDate" }] },
  money: { allOf: [{ $ref: "#/$defs/Yuan" }] },
  count: { type: "integer", minimum: 0 },
  score: { type: "number" },
  number: { type: "number" },
  bool: { type: "boolean" },
  string: { type: "string" },
};

/** The input schema: the record schema cut down to what `ir` reads. */
export function inputSchema(ir: IRPolicy, header: string): JsonSchema {
  const reads = recordReads(ir);
  const defs: Record<string, JsonSchema> = {};
  const leafRefs = new Set<string>();

  const project = (obj: Schema, path: string): Schema => {
    const props: Record<string, JsonSchema> = {};
    const required = obj.required ?? [];
    for (const [name, sub] of Object.entries(obj.properties ?? {})) {
      const p = path ? `${path}.${name}` : name;
      const read = reads.get(p);
      if (!read && !required.includes(name)) continue;
      const def = objectDef(sub as Schema);
      if (def) {
        defs[def] = project(DEFS[def] as Schema, p);
        props[name] = describe(sub as Schema, read);
      } else {
        props[name] = describe(sub as Schema, read);
        collectRefs(sub, leafRefs);
      }
    }
    // The fields the policy declares on this part (字段): typed here, since the record schema lets them through untyped.
    for (const f of ir.fields) {
      if (partPath(f.part) !== path) continue;
      const read = reads.get(`${path}.${f.name}`);
      const base = `Declared by policy ${ir.id}: ${f.description ?? f.name}.`;
      props[f.name] = read ? describe({ ...DECLARED_SCHEMA[f.type.t], description: base }, read) : { ...DECLARED_SCHEMA[f.type.t], description: base };
      if (DECLARED_SCHEMA[f.type.t]?.["$ref"]) collectRefs(DECLARED_SCHEMA[f.type.t], leafRefs);
    }
    const { properties: _p, required: _r, ...rest } = obj;
    const kept = required.filter((r) => r in props);
    return { ...rest, ...(kept.length ? { required: kept } : {}), properties: props };
  };

  const root = project(recordSchema as unknown as Schema, "");
  for (const name of [...leafRefs].sort()) defs[name] = DEFS[name] as JsonSchema;
  const title = typeof ir.meta["title"] === "string" ? ` (${ir.meta["title"] as string})` : "";
  const { $schema: _s, $id: _i, title: _t, description: _d, $defs: _defs, ...body } = root;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://credit-policy.local/schemas/policies/${encodeURIComponent(ir.id)}.input.json`,
    $comment: header,
    title: "Input",
    description: `The parts of a credit record (shared/spec/credit-record.md) that policy ${ir.id}${title} reads; a record may carry more, which the policy ignores.`,
    ...body,
    $defs: Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]])),
  };
}
