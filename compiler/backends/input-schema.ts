// The input schema of a policy: the projection of the credit record schema (runtime/record.schema.json)
// onto exactly the parts and fields the policy reads, each described with the articles it feeds.
// Fields the record schema requires stay (marked as not read), so a record valid for the projection
// is a valid credit record as far as it goes.
import recordSchema from "../../record/record.schema.json" with { type: "json" };
import type { SourceId } from "../../record/vocabulary.js";
import type { IRCondition, IRExpr, IRPolicy } from "../ir.js";
import { irValueReadsOf } from "./ir-reads.js";
import type { JsonSchema } from "./result-schema.js";

/** Record paths ("sanctions.violations.penalties.kind") the policy reads, with the articles each feeds. */
export type RecordReads = Map<string, Set<string>>;

const PART_PATH: Record<SourceId, string> = {
  sanctions: "sanctions",
  violations: "sanctions.violations",
  penalties: "sanctions.violations.penalties",
  honors: "honors",
  commitment_breaches: "commitment_breaches",
  determinations: "determinations",
  ratings: "ratings",
  lists: "lists",
  warnings: "warnings",
};
/** Where the subject's own fields are in the record ("" for the as-of day, which is not in it). */
const SUBJECT_PATH: Record<string, string> = {
  subject_kind: "kind",
  public_credit_score: "public_credit.score",
  public_credit_date: "public_credit.date",
  evaluation_day: "",
};
const WITH_STATUS = new Set<SourceId>(["sanctions", "violations", "penalties", "commitment_breaches", "determinations"]);

/** The record paths behind a field of an element of a record part, as the evaluator builds the element. */
function fieldPaths(source: SourceId, field: string): string[] {
  switch (source) {
    case "sanctions":
    case "violations":
    case "penalties":
      if (field === "date" || field === "status") return [`sanctions.${field}`];
      if (field === "authority" && source !== "penalties") return ["sanctions.authority"];
      if (field === "severe" && source !== "sanctions") return ["sanctions.violations.severe"];
      if (field === "class" && source === "violations") return ["sanctions.violations.penalties.kind"];
      if ((field === "kind" || field === "amount") && source === "penalties") return [`sanctions.violations.penalties.${field}`];
      return [];
    case "lists":
      if (field === "active") return ["lists.from", "lists.until"];
      return [field === "date" ? "lists.from" : `lists.${field}`];
    default:
      return [`${PART_PATH[source]}.${field}`];
  }
}

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

  const walk = (e: IRExpr, articles: string[], el?: SourceId): void => {
    switch (e.op) {
      case "field":
        if (el) for (const p of fieldPaths(el, e.field)) add(p, e.field === "class" ? [...articles, ...severity] : articles);
        return;
      case "subject": {
        const path = SUBJECT_PATH[e.field] ?? e.field;
        if (path) add(path, articles);
        return;
      }
      case "amount":
        add("sanctions.violations.penalties.kind", articles);
        add("sanctions.violations.penalties.amount", articles);
        return;
      case "count":
      case "exists":
      case "sum": {
        part(e.source, articles);
        if (e.where) walk(e.where, articles, e.source);
        if (e.op === "sum") walk(e.of, articles, e.source);
        return;
      }
      case "and":
      case "or":
        e.args.forEach((a) => walk(a, articles, el));
        return;
      case "not":
        walk(e.arg, articles, el);
        return;
      case "cmp":
      case "add":
      case "sub":
        walk(e.left, articles, el);
        walk(e.right, articles, el);
        return;
      case "in":
        walk(e.left, articles, el);
        e.items.forEach((i) => walk(i, articles, el));
        return;
      case "indicator":
        add("indicators", articles);
        return;
      case "shift":
        walk(e.date, articles, el);
        return;
      case "model": {
        const m = ir.models.find((x) => x.name === e.model);
        if (!m || walking.has(m.name)) return;
        walking.add(m.name);
        for (const item of m.items) walk(item.value, articles);
        walking.delete(m.name);
        return;
      }
      case "lit":
      case "value":
        return;
    }
  };
  const walking = new Set<string>();
  /** A record part read element by element (an aggregate or an obligation): the part, its date, its status. */
  const part = (source: SourceId, articles: string[]) => {
    add(PART_PATH[source], articles);
    add(source === "lists" ? "lists.from" : `${PART_PATH[source].split(".")[0]}.date`, articles);
    if (WITH_STATUS.has(source) && ir.disregard?.statuses.length) add(`${PART_PATH[source].split(".")[0]}.status`, [...articles, ...disregard]);
  };

  // Articles a value feeds: the rules that read it, directly or through other values.
  const feeds = new Map<string, Set<string>>(ir.values.map((v) => [v.name, new Set<string>()]));
  // The rules: grade clauses, overrides and categories, each with its article.
  const clauses: { article: string; expr: IRExpr }[] = [...ir.overrides, ...ir.categories].map((r) => ({ article: r.article, expr: r.expr }));
  const collect = (c: IRCondition): void => {
    if (c.kind === "clause") clauses.push({ article: c.article, expr: c.expr });
    else if (c.kind === "not") collect(c.item);
    else c.items.forEach(collect);
  };
  ir.grades.forEach((g) => collect(g.condition));
  for (const c of clauses) for (const name of irValueReadsOf(c.expr)) feeds.get(name)?.add(c.article);
  for (let i = ir.values.length - 1; i >= 0; i--) {
    const v = ir.values[i]!;
    for (const name of irValueReadsOf(v.expr)) for (const a of feeds.get(v.name) ?? []) feeds.get(name)?.add(a);
  }
  add("id", []);
  for (const v of ir.values) walk(v.expr, [...(feeds.get(v.name) ?? [])]);
  for (const c of clauses) walk(c.expr, [c.article]);
  for (const o of ir.obligations) {
    part(o.source, [o.article]);
    // An obligation names its element by the element's id where it has one.
    add(`${PART_PATH[o.source]}.id`, [o.article]);
    for (const name of [...irValueReadsOf(o.where), ...irValueReadsOf(o.due)]) for (const v of ir.values) if (v.name === name) walk(v.expr, [o.article]);
    if (o.where) walk(o.where, [o.article], o.source);
    walk(o.due, [o.article], o.source);
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
