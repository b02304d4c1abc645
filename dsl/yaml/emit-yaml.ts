// The AST back to the YAML form (policy-yaml.schema.json), in either keyword language for the
// expression strings. Built with the yaml package's Document API, so strings that need quoting get
// quoted, and printed with lineWidth 0 so long Chinese texts stay on one line. Key order follows
// the schema; empty optional sections are left out. parseYamlPolicy(policyToYaml(p)) is p modulo
// spans.
//
// Comments (ast.ts `comments`) are written as `commentBefore` where parseYamlPolicy reads them back
// to the same node (by position, dsl/comments.ts): the policy's on the document (its trailing ones
// as the document's end comment), a metadata entry's and a one-off section's (severity, disregard,
// precedence, default) on its key, a list item's (value, grade, condition, measure item, note,
// test …) on the item, and a grade's or `not`'s condition's on the condition's mapping.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node as YamlNode } from "yaml";
import type { Condition, Json, MeasureGroup, MeasureItem, MetaValue, Note, Policy, TestCase, ValueDecl } from "../ast.js";
import { META_KEYS } from "../ast.js";
import { printExpr, printValue, type Lang } from "../print/expr.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
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

function metaValue(v: MetaValue): Scalar {
  switch (v.kind) {
    case "unstated":
      return scalar(null);
    case "todo":
      return scalar("TODO");
    case "bool":
      return scalar(v.value);
    case "date":
      return scalar(v.value, Scalar.PLAIN);
    case "string":
      // Quoted, a date-shaped string stays a string when read back.
      return scalar(v.value, DATE.test(v.value) ? Scalar.QUOTE_DOUBLE : undefined);
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
    ["kind", str(g.measureKind)],
    ["article", str(g.article)],
    ["text", optStr(g.text)],
    ["items", optSeq(g.items, measureItem)],
  ]);
  return commented(m, g.comments);
}

/** A JSON value as YAML: on one line when it is short, otherwise block style with short parts inline. */
function json(v: Json): YamlNode {
  if (v === null || typeof v !== "object") return scalar(v);
  const flow = JSON.stringify(v).length <= FLOW_WIDTH;
  if (Array.isArray(v)) return seq(v.map(json), flow);
  return map(Object.entries(v).map(([k, x]): Entry => [k, json(x)]), flow);
}

function test(t: TestCase): YAMLMap {
  const e = t.expect;
  const expect: Entry[] = [
    ["grade", e.grade === undefined ? undefined : scalar(e.grade)],
    ["matched", e.matched === undefined ? undefined : seq(e.matched.map(str), true)],
    ["measures", e.measures === undefined ? undefined : seq(e.measures.map(str), true)],
  ];
  const m = map([
    ["name", str(t.name)],
    ["as_of", scalar(t.asOf, Scalar.PLAIN)],
    ["record", json(t.record)],
    ["expect", expect.some(([, v]) => v !== undefined) ? map(expect) : undefined],
  ]);
  return commented(m, t.comments);
}

/** The policy as a `*.policy.yaml` document; expressions are printed with `lang`'s keywords. */
export function policyToYaml(policy: Policy, lang: Lang): string {
  const meta: Entry[] = META_KEYS.map((k): Entry => {
    const v = policy.meta[k];
    return [key(k, v?.comments), v ? metaValue(v) : undefined];
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
    ["values", optSeq(p.values, (v) => value(v, lang))],
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
    ["tests", optSeq(p.tests, test)],
  ]);
  // A blank line between top-level sections.
  root.items.forEach((pair, i) => {
    if (i > 0) (pair.key as Scalar).spaceBefore = true;
  });
  const doc = new Document(null, { version: "1.2", schema: "core" });
  doc.contents = root;
  const before = yamlComment(p.comments);
  if (before !== undefined) doc.commentBefore = before;
  const after = yamlComment(p.trailingComments);
  if (after !== undefined) doc.comment = after;
  return doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
}
