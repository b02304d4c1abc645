// The AST back to the YAML form (policy-yaml.schema.json), in either keyword language for the
// expression strings. Built with the yaml package's Document API, so strings that need quoting get
// quoted, and printed with lineWidth 0 so long Chinese texts stay on one line. Key order follows
// the schema; empty optional sections are left out. parseYamlPolicy(policyToYaml(p)) is p modulo
// spans.
//
// Comments (ast.ts `comments`) are written as `commentBefore` where parseYamlPolicy reads them back
// to the same node (by position, dsl/comments.ts): the policy's on the document (its trailing ones
// as the document's end comment), a metadata entry's and a one-off section's (severity, disregard,
// precedence, default, snapshot, collects, requires) on its key, a list item's (value, grade,
// condition, measure item, note, test, model, model item, band table, band, override, category,
// obligation, annex, parameter, field, filter, per-item rule, output …) on the item, and a
// grade's, an output's or `not`'s condition's on the condition's mapping.
//
// Metadata not yet filled (待填写 / TODO) is the plain scalar of the keyword in the expression
// language (`待填写` or `TODO`); a string that reads as one of those spellings is quoted.
import { Document, Pair, parse, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from "yaml";
import type {
  AnnexDecl,
  BandsDecl,
  CategoryDecl,
  Condition,
  Expr,
  FieldDecl,
  ItemRuleDecl,
  Json,
  MeasureGroup,
  MeasureItem,
  MetaValue,
  ModelDecl,
  ModelItem,
  Note,
  ObligationDecl,
  OutputDecl,
  ParamDecl,
  Policy,
  Requirement,
  RequiresDecl,
  TestCase,
  ValueDecl,
} from "../ast.js";
import { META_KEYS } from "../ast.js";
import {
  keyword,
  printAdditive,
  printBounds,
  printCalendar,
  printExpr,
  printPrimary,
  printQuantity,
  printValue,
  type Lang,
} from "../print/expr.js";
import { KEYWORDS } from "../tokens.js";
import { printNumber } from "../json-number.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The spellings of 待填写 / TODO: a metadata string with one of these values must be quoted. */
const TODO_SPELLINGS: readonly string[] = KEYWORDS.filter((k) => k.name === "Todo").flatMap((k) => [...k.en, ...k.zh]);
/** Records and short lists go on one line up to this width. */
const FLOW_WIDTH = 100;

/** A key (a comment-carrying Scalar from `key`, or its name) and its value, left out when undefined. */
type Entry = [string | Scalar, YamlNode | undefined];

function scalar(value: string | number | boolean | null, type?: Scalar.Type): Scalar {
  const s = new Scalar(value);
  if (type) s.type = type;
  return s;
}

function str(value: string): Scalar {
  return scalar(value);
}

/** A mapping from entries in order; undefined values are left out. */
function map(entries: Entry[], flow = false): YAMLMap {
  const m = new YAMLMap();
  for (const [k, v] of entries) if (v !== undefined) m.items.push(new Pair(typeof k === "string" ? scalar(k) : k, v));
  m.flow = flow || m.items.length === 0;
  return m;
}

function seq(items: YamlNode[], flow = false): YAMLSeq {
  const s = new YAMLSeq();
  s.items.push(...items);
  s.flow = flow || items.length === 0; // `[]`, not a bare line break
  return s;
}

/** A list, or nothing when it is empty (optional sections). */
function optSeq<T>(items: readonly T[], each: (x: T) => YamlNode, flow = false): YAMLSeq | undefined {
  return items.length > 0 ? seq(items.map(each), flow) : undefined;
}

/** `node` with `comments` as its comment lines (`#` then one space and the text; `#` alone for ""). */
function commented<T extends YamlNode>(node: T, comments: readonly string[] | undefined): T {
  const text = yamlComment(comments);
  if (text !== undefined) node.commentBefore = text;
  return node;
}

/** Comment lines as the yaml package's comment text (it writes `#` before each line). */
function yamlComment(comments: readonly string[] | undefined): string | undefined {
  return comments && comments.length > 0 ? comments.map((c) => ` ${c}`).join("\n") : undefined;
}

/** A key for `map`, carrying the comments of what it introduces. */
function key(name: string, comments: readonly string[] | undefined): Scalar {
  return commented(scalar(name), comments);
}

function optStr(value: string | undefined): Scalar | undefined {
  return value === undefined ? undefined : str(value);
}

function metaValue(v: MetaValue, lang: Lang): Scalar {
  switch (v.kind) {
    case "unstated":
      return scalar(null);
    case "todo":
      return scalar(keyword("Todo", lang), Scalar.PLAIN);
    case "bool":
      return scalar(v.value);
    case "date":
      return scalar(v.value, Scalar.PLAIN);
    case "string":
      // Quoted, a date-shaped string (or one spelt like 待填写 / TODO) stays a string when read back.
      return scalar(v.value, DATE.test(v.value) || TODO_SPELLINGS.includes(v.value) ? Scalar.QUOTE_DOUBLE : undefined);
  }
}

function notes(ns: readonly Note[]): YAMLSeq | undefined {
  return optSeq(ns, (n) => commented(map([["article", optStr(n.article)], ["text", str(n.text)]]), n.comments));
}

function value(v: ValueDecl, lang: Lang): YAMLMap {
  const m = map([
    ["name", str(v.name)],
    ["value", str(printValue(v.value, lang))],
    ["notes", notes(v.notes)],
  ]);
  return commented(m, v.comments);
}

function condition(c: Condition, lang: Lang): YAMLMap {
  return commented(conditionMap(c, lang), c.comments);
}

function conditionMap(c: Condition, lang: Lang): YAMLMap {
  switch (c.kind) {
    case "AnyOf":
      return map([["any", seq(c.items.map((i) => condition(i, lang)))]]);
    case "AllOf":
      return map([["all", seq(c.items.map((i) => condition(i, lang)))]]);
    case "NotCond":
      return map([["not", condition(c.item, lang)]]);
    case "Clause":
      return map([
        ["article", str(c.article)],
        ["text", optStr(c.text)],
        ["when", str(printExpr(c.when, lang))],
        ["notes", notes(c.notes)],
      ]);
  }
}

function measureItem(i: MeasureItem): YAMLMap {
  const m = map([
    ["article", str(i.article)],
    ["text", str(i.text)],
    ["tags", i.tags.length > 0 ? map(i.tags.map((t): Entry => [t.key, str(t.value)]), true) : undefined],
    ["items", optSeq(i.items, measureItem)],
  ]);
  return commented(m, i.comments);
}

function measureGroup(g: MeasureGroup): YAMLMap {
  const m = map([
    ["grade", str(g.grade)],
    ["kind", g.measureKind ? str(g.measureKind) : undefined],
    ["article", str(g.article)],
    ["text", optStr(g.text)],
    ["items", optSeq(g.items, measureItem)],
  ]);
  return commented(m, g.comments);
}

/** A JSON value as YAML: on one line when it is short, otherwise block style with short parts inline. */
/** A record number written exactly as the policy wrote it (1.0, 007), or canonically: see dsl/json-number.ts. */
class WrittenNumber {
  constructor(readonly text: string) {}
}

/** Writes a WrittenNumber as its text, plain; YAML reads it back as that number (a float or an int). */
const WRITTEN_NUMBER_TAG = {
  identify: (v: unknown) => v instanceof WrittenNumber,
  tag: "tag:yaml.org,2002:float",
  default: true,
  resolve: (s: string) => Number(s),
  stringify: (item: { value: unknown }) => (item.value as WrittenNumber).text,
};

function json(v: Json, numbers: Readonly<Record<string, string>> = {}, path = ""): YamlNode {
  // Numbers in the text form's spelling (never 1e+21), as written where the policy kept the text.
  if (typeof v === "number") return new Scalar(new WrittenNumber(printNumber(v, numbers[path])));
  if (v === null || typeof v !== "object") return scalar(v);
  const flow = JSON.stringify(v).length <= FLOW_WIDTH;
  if (Array.isArray(v)) return seq(v.map((x, i) => json(x, numbers, `${path}/${i}`)), flow);
  return map(Object.entries(v).map(([k, x]): Entry => [k, json(x, numbers, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`)]), flow);
}

/**
 * One value where the schema also takes a plain YAML number or boolean: written plain when YAML
 * reads its text as exactly that scalar (3, true), so it reads naturally; quoted otherwise (1.50
 * stays "1.50": as a number it would read back as 1.5).
 */
function literal(e: Expr, lang: Lang): Scalar {
  const text = printPrimary(e, lang);
  const read: unknown = parse(text, { version: "1.2", schema: "core" });
  return (typeof read === "number" || typeof read === "boolean") && String(read) === text ? scalar(read) : str(text);
}

function test(t: TestCase, lang: Lang): YAMLMap {
  const e = t.expect;
  const expect: Entry[] = [
    ["grade", e.grade === undefined ? undefined : scalar(e.grade)],
    ["matched", e.matched === undefined ? undefined : seq(e.matched.map(str), true)],
    ["measures", e.measures === undefined ? undefined : seq(e.measures.map(str), true)],
    ["categories", e.categories === undefined ? undefined : seq(e.categories.map(str), true)],
    [
      "obligations",
      // An empty list is an expectation too (`预期 义务 无`: no duty at all), so only absence is left out.
      e.obligations === undefined
        ? undefined
        : seq(
            e.obligations.map((o) =>
              map([["name", str(o.name)], ["due", o.due === null ? scalar(null) : scalar(o.due, Scalar.PLAIN)], ["status", str(o.status)]], true),
            ),
          ),
    ],
    [
      "scores",
      optSeq(e.scores ?? [], (x) =>
        map([["name", str(x.name)], ["value", str(printQuantity({ kind: "Quantity", value: x.value, unit: "points", span: x.span }, lang))]], true),
      ),
    ],
    [
      "items",
      optSeq(e.items ?? [], (i) => map([["pointer", str(i.pointer)], ["output", str(i.output)], ["value", literal(i.value, lang)]], true)),
    ],
  ];
  const m = map([
    ["name", str(t.name)],
    ["as_of", scalar(t.asOf, Scalar.PLAIN)],
    ["record", json(t.record, t.recordNumbers)],
    ["expect", expect.some(([, v]) => v !== undefined) ? map(expect) : undefined],
  ]);
  return commented(m, t.comments);
}

function model(m: ModelDecl, lang: Lang): YAMLMap {
  return commented(
    map([
      ["name", str(m.name)],
      ["article", optStr(m.article)],
      ["text", optStr(m.text)],
      ["total", str(printPrimary(m.total, lang))],
      ["missing", str(printPrimary(m.missing, lang))],
      ["items", optSeq(m.items, (i) => modelItem(i, lang))],
    ]),
    m.comments,
  );
}

const MODEL_ITEM_KIND: Readonly<Record<ModelItem["kind"], string>> = { Indicator: "indicator", Deduct: "deduct", Bonus: "bonus" };

function modelItem(i: ModelItem, lang: Lang): YAMLMap {
  const opt = (e: ModelItem["weight"]): Scalar | undefined => (e === undefined ? undefined : str(printPrimary(e, lang)));
  return commented(
    map([
      ["kind", str(MODEL_ITEM_KIND[i.kind])],
      ["name", str(i.name)],
      ["weight", opt(i.weight)],
      ["each", opt(i.each)],
      ["max", opt(i.max)],
      ["value", str(printAdditive(i.value, lang))],
    ]),
    i.comments,
  );
}

function bands(b: BandsDecl, lang: Lang): YAMLMap {
  const items = optSeq(b.items, (i) =>
    commented(
      map([
        ["grade", str(i.grade)],
        ["label", str(i.label)],
        ["article", str(i.article)],
        ["text", optStr(i.text)],
        ["bounds", str(printBounds(i.bounds, lang))],
      ]),
      i.comments,
    ),
  );
  return commented(
    map([
      ["name", str(b.name)],
      ["article", optStr(b.article)],
      ["subject", str(printAdditive(b.subject, lang))],
      [
        "range",
        map(
          [
            ["min", str(printPrimary(b.range.min, lang))],
            ["max", str(printPrimary(b.range.max, lang))],
          ],
          true,
        ),
      ],
      ["items", items],
    ]),
    b.comments,
  );
}

function obligation(o: ObligationDecl, lang: Lang): YAMLMap {
  return commented(
    map([
      ["name", str(o.name)],
      ["article", str(o.article)],
      ["text", str(o.text)],
      ["source", optStr(o.source)],
      ["where", o.where ? str(printExpr(o.where, lang)) : undefined],
      ["window", o.window ? str(printQuantity(o.window.amount, lang)) : undefined],
      ["due", o.due ? str(printAdditive(o.due, lang)) : undefined],
    ]),
    o.comments,
  );
}

/** A category of one cited clause as before (`article`, `text`, `when`); one with its own citation or a block with `condition`. */
function category(c: CategoryDecl, lang: Lang): YAMLMap {
  const k = c.condition;
  if (k.kind === "Clause" && c.article === undefined && k.notes.length === 0 && !k.comments?.length) {
    return commented(
      map([
        ["id", str(c.id)],
        ["label", str(c.label)],
        ["article", str(k.article)],
        ["text", optStr(k.text)],
        ["when", str(printExpr(k.when, lang))],
      ]),
      c.comments,
    );
  }
  return commented(
    map([
      ["id", str(c.id)],
      ["label", str(c.label)],
      ["article", optStr(c.article)],
      ["condition", condition(k, lang)],
    ]),
    c.comments,
  );
}

function param(x: ParamDecl, lang: Lang): YAMLMap {
  return commented(
    map([
      ["name", str(x.name)],
      ["value", literal(x.value, lang)],
      ["article", optStr(x.article)],
      ["text", optStr(x.text)],
    ]),
    x.comments,
  );
}

function field(f: FieldDecl): YAMLMap {
  return commented(
    map([
      ["part", str(f.part)],
      ["name", str(f.name)],
      ["type", str(f.type)],
      ["description", optStr(f.description)],
    ]),
    f.comments,
  );
}

/** `{name, article?, when}`: `when` the condition map a grade has, whether one clause or a block. */
function output(o: OutputDecl, lang: Lang): YAMLMap {
  return commented(
    map([
      ["name", str(o.name)],
      ["article", optStr(o.article)],
      ["when", condition(o.condition, lang)],
    ]),
    o.comments,
  );
}

/** A per-item rule: its head, then its parts in the formatter's order; empty parts left out. */
function itemRule(r: ItemRuleDecl, lang: Lang): YAMLMap {
  return commented(
    map([
      ["name", str(r.name)],
      ["part", str(r.part)],
      ["article", optStr(r.article)],
      ["text", optStr(r.text)],
      ["notes", notes(r.notes)],
      ["values", optSeq(r.values, (v) => value(v, lang))],
      ["outputs", optSeq(r.outputs, (o) => output(o, lang))],
      ["categories", optSeq(r.categories, (c) => category(c, lang))],
      ["measures", optSeq(r.measures, measureGroup)],
      ["obligations", optSeq(r.obligations, (o) => obligation(o, lang))],
    ]),
    r.comments,
  );
}

/** `collects`, `period`, `measures` as words; `{model: 100分}`; `{grades: [{id, label}…]}`. */
function requirement(r: Requirement, lang: Lang): YamlNode {
  switch (r.kind) {
    case "collects":
    case "period":
    case "measures":
      return str(r.kind);
    case "model":
      return map([["model", str(printPrimary(r.total, lang))]], true);
    case "grades":
      return map([["grades", seq(r.grades.map((g) => map([["id", str(g.id)], ["label", str(g.label)]], true)))]]);
  }
}

function requires(r: RequiresDecl, lang: Lang): YAMLMap {
  return map([
    ["article", str(r.article)],
    ["text", optStr(r.text)],
    ["items", seq(r.items.map((i) => requirement(i, lang)))],
    [
      "exceptions",
      optSeq(r.exceptions ?? [], (x) =>
        commented(
          map([
            ["article", str(x.article)],
            ["text", optStr(x.text)],
            ["exempts", seq(x.exempts.map((e) => str(e.kind)), true)],
          ]),
          x.comments,
        ),
      ),
    ],
  ]);
}

function annex(a: AnnexDecl): YAMLMap {
  return commented(
    map([
      ["title", str(a.title)],
      ["article", optStr(a.article)],
      ["rows", seq(a.rows.map((r) => map([["unit", str(r.unit)], ["domain", str(r.domain)]], true)))],
    ]),
    a.comments,
  );
}

/** The policy as a `*.policy.yaml` document; expressions are printed with `lang`'s keywords. */
export function policyToYaml(policy: Policy, lang: Lang): string {
  const meta: Entry[] = META_KEYS.map((k): Entry => {
    const v = policy.meta[k];
    return [key(k, v?.comments), v ? metaValue(v, lang) : undefined];
  });
  const p = policy;
  const root = map([
    ["policy", str(p.id)],
    ["meta", meta.some(([, v]) => v !== undefined) ? map(meta) : undefined],
    ["notes", notes(p.notes)],
    [
      key("severity", p.severity?.comments),
      p.severity
        ? map([
            ["article", optStr(p.severity.article)],
            ["order", str(p.severity.ranks.map((r) => r.kinds.join(" = ")).join(" < "))],
          ])
        : undefined,
    ],
    [
      key("disregard", p.disregard?.comments),
      p.disregard
        ? map([
            ["statuses", seq(p.disregard.statuses.map(str), true)],
            ["article", str(p.disregard.article)],
            ["text", optStr(p.disregard.text)],
          ])
        : undefined,
    ],
    [
      key("snapshot", p.snapshot?.comments),
      p.snapshot
        ? map([
            ["article", optStr(p.snapshot.article)],
            ["text", optStr(p.snapshot.text)],
            ["month", str(printCalendar(p.snapshot.month, lang))],
            ["day", str(printCalendar(p.snapshot.day, lang))],
          ])
        : undefined,
    ],
    [
      key("period", p.period?.comments),
      p.period ? map([["article", optStr(p.period.article)], ["text", str(p.period.text)]]) : undefined,
    ],
    [
      key("collects", p.collects?.comments),
      p.collects
        ? map([
            ["article", optStr(p.collects.article)],
            ["items", seq(p.collects.items.map((i) => str(i.text)))],
          ])
        : undefined,
    ],
    ["claims", optSeq(p.claims ?? [], (c) => commented(map([["article", str(c.article)], ["text", optStr(c.text)]]), c.comments))],
    ["params", optSeq(p.params ?? [], (x) => param(x, lang))],
    ["fields", optSeq(p.fields ?? [], field)],
    [
      "filters",
      optSeq(p.filters ?? [], (f) => commented(map([["name", str(f.name)], ["when", str(printExpr(f.when, lang))]]), f.comments)),
    ],
    ["values", optSeq(p.values, (v) => value(v, lang))],
    ["models", optSeq(p.models ?? [], (m) => model(m, lang))],
    [
      "grades",
      optSeq(p.grades, (g) =>
        commented(
          map([
            ["id", str(g.id)],
            ["label", str(g.label)],
            ["article", optStr(g.article)],
            ["when", condition(g.condition, lang)],
          ]),
          g.comments,
        ),
      ),
    ],
    ["bands", optSeq(p.bands ?? [], (b) => bands(b, lang))],
    [
      "overrides",
      optSeq(p.overrides ?? [], (o) =>
        commented(
          map([
            ["grade", str(o.grade)],
            ["article", str(o.article)],
            ["text", optStr(o.text)],
            ["when", str(printExpr(o.when, lang))],
          ]),
          o.comments,
        ),
      ),
    ],
    ["categories", optSeq(p.categories ?? [], (c) => category(c, lang))],
    [key("precedence", p.precedence?.comments), p.precedence ? seq(p.precedence.order.map((o) => str(o.id)), true) : undefined],
    [key("default", p.default?.comments), p.default ? scalar(p.default.grade) : undefined],
    [
      "grade_maps",
      optSeq(p.gradeMaps ?? [], (m) =>
        commented(
          map([
            ["from", str(m.from)],
            ["map", map(m.pairs.map((x): Entry => [x.from, scalar(x.to)]), true)],
          ]),
          m.comments,
        ),
      ),
    ],
    ["measures", optSeq(p.measures, measureGroup)],
    [
      "notices",
      optSeq(p.notices, (n) =>
        commented(
          map([
            ["grade", str(n.grade)],
            ["article", str(n.article)],
            ["text", str(n.text)],
            ["options", seq(n.options.map(str), true)],
          ]),
          n.comments,
        ),
      ),
    ],
    ["record_keeping", optSeq(p.recordKeeping, (r) => commented(map([["article", str(r.article)], ["text", str(r.text)]]), r.comments))],
    ["obligations", optSeq(p.obligations ?? [], (o) => obligation(o, lang))],
    ["item_rules", optSeq(p.itemRules ?? [], (r) => itemRule(r, lang))],
    [key("requires", p.requires?.comments), p.requires ? requires(p.requires, lang) : undefined],
    ["annexes", optSeq(p.annexes ?? [], annex)],
    [
      "not_encoded",
      optSeq(p.notEncoded ?? [], (n) =>
        commented(
          map([
            ["articles", seq(n.articles.map((a) => str(a.article)), true)],
            ["quote", optStr(n.quote)],
            ["reason", str(n.reason)],
            ["note", optStr(n.note)],
          ]),
          n.comments,
        ),
      ),
    ],
    ["tests", optSeq(p.tests, (t) => test(t, lang))],
  ]);
  // A blank line between top-level sections.
  root.items.forEach((pair, i) => {
    if (i > 0) (pair.key as Scalar).spaceBefore = true;
  });
  const doc = new Document(null, { version: "1.2", schema: "core", customTags: [WRITTEN_NUMBER_TAG] });
  doc.contents = root;
  const before = yamlComment(p.comments);
  if (before !== undefined) doc.commentBefore = before;
  const after = yamlComment(p.trailingComments);
  if (after !== undefined) doc.comment = after;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
}
