// The YAML front-end: a `*.policy.yaml` file → the same AST the text form produces, plus
// diagnostics, never a throw. Three stages, each reporting at the YAML line and column:
//   1. YAML syntax (the `yaml` package, YAML 1.2 core schema: 2021-12-31 stays a string) → CP-E0201;
//   2. shape, against policy-yaml.schema.json (ajv, draft 2020-12) → CP-E0202, with the JSON path;
//   3. the AST, built from the YAML nodes so every span points into the file; expression strings
//      go through the text grammar (parseFragment), so their errors are the grammar's own codes
//      at the line and column inside the string.
// Comments are content, as in the text form: the yaml package's comments (`commentBefore` on the
// document and on nodes, `comment` after a node and at the document's end) go to the first node
// that can carry comments starting after them (dsl/comments.ts), which is the node emit-yaml.ts
// wrote them before.
// Metadata not yet filled is the unquoted word 待填写 or TODO (either language); quoted, it is a
// string. Where the grammar takes one value (a band range's ends, a model's total, a weight, a
// snapshot's month, a parameter, an expected output) or a sum (a band subject, a model item's
// value, a due date), a looser expression string is reported (CP-E0202) rather than changed: put
// it in parentheses. A parameter or an expected value may also be a plain YAML number or boolean.
// No Node APIs: this module also runs in the browser.
import Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv/dist/2020.js";
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Parser, Scalar, visit, type Document, type Node as YamlNode, type YAMLMap } from "yaml";
import type {
  Aggregate,
  AnnexDecl,
  BandsDecl,
  Bound,
  CategoryDecl,
  Condition,
  Expectation,
  Expr,
  GradeDecl,
  GradeMapDecl,
  Json,
  MeasureGroup,
  MeasureItem,
  MeasureKindId,
  MetaKeyId,
  MetaValue,
  ModelDecl,
  ModelItem,
  FieldDecl,
  ItemRuleDecl,
  ExceptionDecl,
  Note,
  ObligationDecl,
  OutputDecl,
  OverrideDecl,
  ParamDecl,
  Policy,
  Quantity,
  Requirement,
  RequiresDecl,
  SeverityDecl,
  TestCase,
  ValueDecl,
} from "../ast.js";
import { META_KEYS, NOT_ENCODED_REASONS } from "../ast.js";
import { attachComments, type PlacedComment } from "../comments.js";
import { normalizeArticle } from "../cst-to-ast.js";
import { diag, sortDiagnostics, type Diagnostic } from "../../diagnostics/diagnostics.js";
import { isCalendarDate, lex } from "../lexer.js";
import { astNesting, yamlNesting } from "../limits.js";
import { writtenNumber } from "../json-number.js";
import { parseFragment } from "../parse.js";
import { checkSourceText } from "../source.js";
import { LineIndex, type Span } from "../../diagnostics/span.js";
import { Identifier, isKeywordToken, KEYWORDS } from "../tokens.js";
import schema from "./policy-yaml.schema.json" with { type: "json" };

/** The YAML form's JSON Schema (draft 2020-12). */
export const policyYamlSchema = schema;

// ajv is CommonJS whose module object is the class itself and also carries it as `.default`;
// `.default` is the spelling that type-checks under NodeNext and works in Node, vitest and bundlers.
const Ajv2020 = Ajv2020Module.default;
/** Compiled once, on first use: compiling costs ≈0.4 s, which commands that never read YAML skip. */
let compiled: ReturnType<InstanceType<typeof Ajv2020>["compile"]> | undefined;
function validate(value: unknown) {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(schema);
  return compiled(value) ? null : (compiled.errors ?? []);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME = new RegExp(`^(?:${(Identifier.PATTERN as RegExp).source})$`);
const MEASURE_KINDS: readonly MeasureKindId[] = ["incentive", "management", "punishment"];
/** 待填写 / TODO in either language: an unquoted metadata value spelt so is not yet filled. */
const TODO_SPELLINGS: readonly string[] = KEYWORDS.filter((k) => k.name === "Todo").flatMap((k) => [...k.en, ...k.zh]);
/** Expressions the grammar's `primary` yields: one value, no operator outside parentheses. */
const ONE_VALUE: ReadonlySet<Expr["kind"]> = new Set<Expr["kind"]>([
  "Quantity",
  "Date",
  "String",
  "Bool",
  "None",
  "Name",
  "Member",
  "Call",
  "Paren",
  "Placeholder",
]);
const MODEL_ITEM_KINDS: Readonly<Record<string, ModelItem["kind"]>> = { indicator: "Indicator", deduct: "Deduct", bonus: "Bonus" };

/** How the YAML is read: YAML 1.2 core schema, so 2021-12-31 stays a string (no timestamps). */
export const YAML_OPTIONS = {
  version: "1.2",
  schema: "core",
  prettyErrors: false,
  uniqueKeys: true,
  // Warnings (complex keys stringified, unknown tags) would go to the console; the schema check
  // reports what matters about them.
  logLevel: "error",
} as const;

export function parseYamlPolicy(text: string, file: string): { policy?: Policy; diagnostics: Diagnostic[] } {
  const bad = checkSourceText(text, file);
  if (bad) return { diagnostics: [bad] };
  const lines = new LineIndex(text);
  try {
    // Composing a document recurses per level of nesting: measure it first, without recursion.
    const deep = yamlNesting(new Parser().parse(text), file, lines);
    if (deep) return { diagnostics: [deep] };
    let doc: Document.Parsed;
    try {
      doc = parseDocument(text, YAML_OPTIONS);
    } catch (e) {
      return { diagnostics: [diag("CP-E0201", lines.span(file, 0, 0), [errorText(e)])] };
    }
    if (doc.errors.length > 0) {
      const seen = new Set<string>();
      const diagnostics: Diagnostic[] = [];
      for (const err of doc.errors) {
        const start = Math.min(err.pos[0], text.length);
        const end = Math.min(Math.max(err.pos[1], start), text.length);
        const message = err.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "");
        const key = `${start}:${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(diag("CP-E0201", lines.span(file, start, end), [message]));
      }
      return { diagnostics: sortDiagnostics(diagnostics) };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      return { diagnostics: [diag("CP-E0201", lines.span(file, 0, 0), [errorText(e)])] };
    }
    const builder = new Builder(doc, text, file, lines);
    const errors = validate(value);
    const diagnostics = errors ? builder.schemaErrors(errors) : [];
    const built = builder.policy();
    const chained = built ? astNesting(built) : undefined;
    const policy = chained ? undefined : built;
    if (policy) attachComments(policy, builder.comments());
    diagnostics.push(...builder.diagnostics);
    if (chained) diagnostics.push(chained);
    return { ...(policy ? { policy } : {}), diagnostics: sortDiagnostics(dedupe(diagnostics)) };
  } catch (e) {
    // A bug here must not take the editor down: report it at the top of the file.
    return { diagnostics: [diag("CP-E0202", lines.span(file, 0, 0), [`internal error: ${errorText(e)}`])] };
  }
}

/**
 * The keyword language of a YAML policy's expression strings (values, conditions, severity
 * order): "en" when most of their keywords are English, "zh" when most are Chinese, undefined
 * when they hold no keyword or the YAML does not read. The YAML keys themselves are English in
 * both languages, so lexing the whole file would always answer "en".
 */
export function yamlExpressionLang(text: string): "zh" | "en" | undefined {
  let value: unknown;
  try {
    const doc = parseDocument(text, YAML_OPTIONS);
    if (doc.errors.length > 0) return undefined;
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
  const strings: string[] = [];
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const cond = (c: unknown, depth: number): void => {
    const o = obj(c);
    if (depth > 200) return;
    if (typeof o["when"] === "string") strings.push(o["when"]);
    for (const x of [...arr(o["any"]), ...arr(o["all"])]) cond(x, depth + 1);
    if (o["not"] !== undefined) cond(o["not"], depth + 1);
  };
  const root = obj(value);
  const order = obj(root["severity"])["order"];
  if (typeof order === "string") strings.push(order);
  for (const v of arr(root["values"])) if (typeof obj(v)["value"] === "string") strings.push(obj(v)["value"] as string);
  for (const g of arr(root["grades"])) cond(obj(g)["when"], 0);
  // Score models, city plans and drafting: their expression strings, and 待填写 / TODO metadata.
  const take = (o: unknown, ...keys: string[]): void => {
    for (const k of keys) if (typeof obj(o)[k] === "string") strings.push(obj(o)[k] as string);
  };
  for (const v of Object.values(obj(root["meta"]))) if (typeof v === "string" && TODO_SPELLINGS.includes(v)) strings.push(v);
  for (const b of arr(root["bands"])) {
    take(b, "subject");
    take(obj(b)["range"], "min", "max");
    for (const i of arr(obj(b)["items"])) take(i, "bounds");
  }
  for (const m of arr(root["models"])) {
    take(m, "total", "missing");
    for (const i of arr(obj(m)["items"])) take(i, "weight", "each", "max", "value");
  }
  const category = (c: unknown): void => {
    take(c, "when");
    if (obj(c)["condition"] !== undefined) cond(obj(c)["condition"], 0);
  };
  const obligation = (o: unknown): void => take(o, "where", "window", "due");
  for (const o of arr(root["overrides"])) take(o, "when");
  arr(root["categories"]).forEach(category);
  arr(root["obligations"]).forEach(obligation);
  // Parameters, named filters and per-item rules.
  for (const p of arr(root["params"])) take(p, "value");
  for (const f of arr(root["filters"])) take(f, "when");
  for (const r of arr(root["item_rules"])) {
    for (const v of arr(obj(r)["values"])) take(v, "value");
    for (const o of arr(obj(r)["outputs"])) cond(obj(o)["when"], 0);
    arr(obj(r)["categories"]).forEach(category);
    arr(obj(r)["obligations"]).forEach(obligation);
  }
  take(root["snapshot"], "month", "day");
  for (const r of arr(obj(root["requires"])["items"])) take(r, "model");
  let en = 0;
  let zh = 0;
  for (const t of lex(strings.join("\n"), "").tokens) {
    if (!isKeywordToken(t)) continue;
    if (/^[A-Za-z]/.test(t.image)) en++;
    else zh++;
  }
  return en + zh === 0 ? undefined : en > zh ? "en" : "zh";
}

/**
 * The yaml package's comment text as comment lines. It keeps what follows each `#` and joins the
 * lines with "\n"; a blank line between comments is an empty line (dropped), a bare `#` is " ".
 * One space after the `#` is the separator, not text.
 */
export function yamlCommentLines(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.replace(/^ /, "").trimEnd());
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}:${d.span?.start}:${JSON.stringify(d.args)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function pointerEscape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** What a `pattern` error means, by the pattern's $defs entry. */
function patternMeaning(pattern: unknown): string {
  const defs = schema.$defs;
  if (pattern === defs.article.pattern) return "an article citation such as 第八条（二）1";
  if (pattern === defs.name.pattern) return "a name (ASCII letters, digits and _, or Chinese characters)";
  if (pattern === defs.date.pattern) return "a date YYYY-MM-DD";
  return `text matching ${String(pattern)}`;
}

class Builder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly file: string,
    private readonly lines: LineIndex,
  ) {}

  // ── Nodes and spans ────────────────────────────────────────────────────────────────────────

  private resolve(n: unknown): YamlNode | undefined {
    let node = n;
    for (let i = 0; i < 100 && isAlias(node); i++) node = node.resolve(this.doc);
    return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
  }

  private rangeSpan(start: number, end: number): Span {
    let e = Math.min(end, this.text.length);
    while (e > start && /\s/.test(this.text[e - 1] as string)) e--;
    return this.lines.span(this.file, start, Math.max(e, start));
  }

  private span(n: unknown): Span {
    const node = isAlias(n) ? n : this.resolve(n);
    const r = (node as { range?: [number, number, number] } | undefined)?.range;
    if (!r) return this.lines.span(this.file, 0, 0);
    return this.rangeSpan(r[0], r[1]);
  }

  private keyString(key: unknown): string {
    const k = this.resolve(key);
    if (isScalar(k)) return k.value === null || k.value === undefined ? "" : String(k.value);
    return k ? JSON.stringify(k.toJSON()) : "";
  }

  /** The pair of `map` whose key is `key`. */
  private pair(map: YAMLMap, key: string): { key: unknown; value: unknown } | undefined {
    for (const p of map.items) if (isPair(p) && this.keyString(p.key) === key) return p;
    return undefined;
  }

  private get(n: unknown, key: string): YamlNode | undefined {
    const m = this.resolve(n);
    if (!isMap(m)) return undefined;
    const p = this.pair(m, key);
    return p ? this.resolve(p.value) : undefined;
  }

  private has(n: unknown, key: string): boolean {
    const m = this.resolve(n);
    return isMap(m) && this.pair(m, key) !== undefined;
  }

  private list(n: unknown): YamlNode[] {
    const s = this.resolve(n);
    if (!isSeq(s)) return [];
    return s.items.map((i) => this.resolve(i)).filter((i): i is YamlNode => i !== undefined);
  }

  private str(n: unknown): string | undefined {
    const s = this.resolve(n);
    return isScalar(s) && typeof s.value === "string" ? s.value : undefined;
  }

  /** A date string; one that is no calendar day (2021-02-30) is CP-E0105 at its place. */
  private day(n: unknown): string | undefined {
    const s = this.str(n);
    if (s !== undefined && DATE.test(s) && !isCalendarDate(s)) this.diagnostics.push(diag("CP-E0105", this.span(n), [s]));
    return s;
  }

  private article(n: unknown): string | undefined {
    const s = this.str(n);
    return s === undefined ? undefined : normalizeArticle(s);
  }

  /** A name; one that the text grammar would read as a keyword is reported here (the schema cannot). */
  private name(n: unknown): string {
    const s = this.str(n);
    if (s === undefined) return "";
    if (NAME.test(s)) {
      const lexed = lex(s, this.file);
      const only = lexed.tokens.length === 1 ? lexed.tokens[0] : undefined;
      if (lexed.diagnostics.length > 0 || !only || only.tokenType !== Identifier) {
        const path = this.pathOf(n);
        const why =
          only && only.image === s
            ? `is a word of the policy language (${only.tokenType.name}), not a name`
            : "is not a single name in the policy language";
        this.diagnostics.push({ ...diag("CP-E0202", this.span(n), [`${path || "/"}: ${JSON.stringify(s)} ${why}`]), path });
      }
    }
    return s;
  }

  /** The JSON Pointer of a node, for diagnostics raised after the schema check. */
  private pathOf(target: unknown): string {
    const find = (n: unknown, path: string, depth: number): string | undefined => {
      if (n === target) return path;
      if (depth > 64) return undefined;
      const node = this.resolve(n);
      if (isMap(node)) {
        for (const p of node.items) {
          if (!isPair(p)) continue;
          const r = find(p.value, `${path}/${pointerEscape(this.keyString(p.key))}`, depth + 1);
          if (r !== undefined) return r;
        }
      } else if (isSeq(node)) {
        for (let i = 0; i < node.items.length; i++) {
          const r = find(node.items[i], `${path}/${i}`, depth + 1);
          if (r !== undefined) return r;
        }
      }
      return undefined;
    };
    return find(this.doc.contents, "", 0) ?? "";
  }

  // ── Schema errors → diagnostics at the YAML node ───────────────────────────────────────────

  /** The node at a JSON Pointer, or the nearest ancestor that exists; with the pair's key node. */
  private locate(pointer: string): { node: unknown; key?: unknown } {
    let node: unknown = this.doc.contents;
    let key: unknown;
    for (const seg of pointerSegments(pointer)) {
      const n = this.resolve(node);
      if (isMap(n)) {
        const p = this.pair(n, seg);
        if (!p) break;
        key = p.key;
        node = p.value ?? p.key;
      } else if (isSeq(n)) {
        const i = Number(seg);
        const item = Number.isInteger(i) ? n.items[i] : undefined;
        if (item === undefined) break;
        key = undefined;
        node = item;
      } else break;
    }
    return { node, key };
  }

  schemaErrors(errors: ErrorObject[]): Diagnostic[] {
    // Group by where the error is, so `type: [string, null]` failures read as one message.
    const out: Diagnostic[] = [];
    const typeErrors = new Map<string, { types: string[]; data: unknown }>();
    const push = (pointer: string, atKey: boolean, message: string): void => {
      const { node, key } = this.locate(pointer);
      const at = atKey && key !== undefined ? key : node;
      out.push({ ...diag("CP-E0202", this.span(at), [`${pointer || "/"}: ${message}`]), path: pointer });
    };
    for (const e of errors) {
      const path = e.instancePath;
      switch (e.keyword) {
        case "if":
          break; // the branch chosen reports its own errors
        case "required":
          push(path, false, `missing key ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)}`);
          break;
        case "additionalProperties": {
          const extra = (e.params as { additionalProperty: string }).additionalProperty;
          const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
          push(
            `${path}/${pointerEscape(extra)}`,
            true,
            `unknown key ${JSON.stringify(extra)}${allowed.length ? ` (allowed: ${allowed.join(", ")})` : ""}`,
          );
          break;
        }
        case "type": {
          const t = (e.params as { type: string | string[] }).type;
          const entry = typeErrors.get(path) ?? { types: [], data: e.data };
          for (const x of Array.isArray(t) ? t : String(t).split(",")) if (!entry.types.includes(x)) entry.types.push(x);
          typeErrors.set(path, entry);
          break;
        }
        case "enum":
          push(
            path,
            false,
            `expected one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).join(", ")}, found ${describeValue(e.data)}`,
          );
          break;
        case "pattern":
          if (e.propertyName !== undefined) {
            // propertyNames: the key itself is wrong.
            push(`${path}/${pointerEscape(e.propertyName)}`, true, `key ${JSON.stringify(e.propertyName)} is not ${patternMeaning(e.schema)}`);
          } else push(path, false, `expected ${patternMeaning(e.schema)}, found ${describeValue(e.data)}`);
          break;
        case "propertyNames":
          break; // reported by the nested pattern error
        case "minItems":
          push(path, false, `needs at least ${(e.params as { limit: number }).limit} item(s)`);
          break;
        default:
          push(path, false, e.message ?? e.keyword);
      }
    }
    for (const [path, { types, data }] of typeErrors) {
      const wanted = types.map((t) => (t === "object" ? "a mapping" : t === "array" ? "a list" : t)).join(" or ");
      push(path, false, `expected ${wanted}, found ${describeValue(data)}`);
    }
    return out;
  }

  // ── Expression strings ─────────────────────────────────────────────────────────────────────

  /**
   * The text to hand the grammar and where it starts. Wherever the YAML source differs from the
   * scalar's value only in whitespace (plain scalars, block scalars, quoted ones without escapes),
   * the source slice itself is parsed, so every token keeps its true line and column. A one-line
   * quoted scalar with escapes is decoded with a map from each character back to its source
   * offset. Anything else (escapes across folded lines): the value, placed after the opening quote.
   */
  private fragmentSource(s: Scalar): { text: string; offset: number; map?: number[] } {
    const value = String(s.value);
    const r = s.range;
    if (!r) return { text: value, offset: 0 };
    const [start, end] = r;
    const src = this.text;
    switch (s.type) {
      case Scalar.PLAIN:
        return { text: src.slice(start, end), offset: start };
      case Scalar.QUOTE_DOUBLE:
      case Scalar.QUOTE_SINGLE: {
        const inner = src.slice(start + 1, Math.max(start + 1, end - 1));
        const escaped = s.type === Scalar.QUOTE_DOUBLE ? inner.includes("\\") : inner.includes("''");
        if (!escaped) return { text: inner, offset: start + 1 };
        const decoded = inner.includes("\n") ? undefined : decodeQuoted(inner, start + 1, s.type === Scalar.QUOTE_DOUBLE);
        return decoded && decoded.text === value ? { ...decoded, offset: start + 1 } : { text: value, offset: start + 1 };
      }
      case Scalar.BLOCK_LITERAL:
      case Scalar.BLOCK_FOLDED: {
        // Skip the header line (| or >, indicators, comment), then blank lines and indentation.
        const nl = src.indexOf("\n", start);
        if (nl < 0 || nl >= end) return { text: value, offset: start };
        let i = nl + 1;
        while (i < end && /\s/.test(src[i] as string)) i++;
        return { text: src.slice(i, end), offset: i };
      }
      default:
        return { text: value, offset: start };
    }
  }

  /**
   * An expression string through the grammar's `rule`. `literal`: where the schema takes one value
   * (a parameter, an expected output or score), a plain YAML number or boolean (3, 1.50, true) is
   * read as its source text, so 1.50 stays 1.50 and true is the language's yes.
   */
  private fragment<T>(
    n: unknown,
    rule: "expressionOnly" | "valueOnly" | "severityOnly" | "quantityOnly" | "boundsOnly",
    literal = false,
  ): T | undefined {
    const s = this.resolve(n);
    if (!isScalar(s)) return undefined; // the schema has said so
    const plainLiteral = literal && s.type === Scalar.PLAIN && (typeof s.value === "number" || typeof s.value === "boolean");
    if (typeof s.value !== "string" && !plainLiteral) return undefined;
    const { text, offset, map } = this.fragmentSource(s);
    if (map) {
      // Parse the decoded text on its own, then move every span to where its characters are.
      const result = parseFragment<T>(text, rule, { file: this.file, line: 1, col: 1, offset: 0 });
      const move = (span: Span): Span => {
        const at = (i: number): number => map[Math.max(0, Math.min(i, map.length - 1))] as number;
        return this.lines.span(this.file, at(span.start), Math.max(at(span.start), at(span.end)));
      };
      this.diagnostics.push(...result.diagnostics.map((d) => (d.span ? { ...d, span: move(d.span) } : d)));
      return result.value === undefined ? undefined : (mapSpans(result.value, move) as T);
    }
    const pos = this.lines.position(offset);
    const result = parseFragment<T>(text, rule, { file: this.file, line: pos.line, col: pos.col, offset });
    this.diagnostics.push(...result.diagnostics);
    return result.value;
  }

  private expr(n: unknown, fallback: unknown, literal = false): Expr {
    return this.fragment<Expr>(n, "expressionOnly", literal) ?? { kind: "None", span: this.span(n ?? fallback) };
  }

  /**
   * An expression string where the text grammar takes one value (`primary`) or a sum
   * (`additive`); a looser one is reported at the string, since its text form would read otherwise.
   */
  private exprAt(n: unknown, fallback: unknown, where: "one value" | "sum", literal = false): Expr {
    const e = this.expr(n, fallback, literal);
    const ok = ONE_VALUE.has(e.kind) || (where === "sum" && e.kind === "Arith");
    if (!ok && n !== undefined) {
      const path = this.pathOf(n);
      const what =
        where === "one value"
          ? "one value (a number with its unit, a name, 待填写 / TODO …); put an expression in parentheses"
          : "a value or a sum (a + b), not a condition";
      this.diagnostics.push({ ...diag("CP-E0202", this.span(n), [`${path || "/"}: expected ${what}`]), path });
    }
    return e;
  }

  private optExprAt(n: YamlNode | undefined, where: "one value" | "sum"): Expr | undefined {
    return n === undefined ? undefined : this.exprAt(n, n, where);
  }

  // ── The AST ────────────────────────────────────────────────────────────────────────────────

  /**
   * Every comment of the document, placed for attachComments: the document's leading comment
   * before everything, a node's `commentBefore` at the node's start, its `comment` (after it on
   * its line, or after a collection's last item) at its end, the document's end comment last.
   */
  comments(): PlacedComment[] {
    const out: PlacedComment[] = [];
    const add = (at: number, text: string | null | undefined): void => {
      const lines = yamlCommentLines(text);
      if (lines.length > 0) out.push({ at, lines });
    };
    add(-1, this.doc.commentBefore);
    visit(this.doc, (_key, node) => {
      // A pair's key and value are visited on their own; a bare key in a flow mapping has a null value.
      if (!node || isPair(node)) return;
      const range = (node as YamlNode).range;
      if (!range) return;
      add(range[0], (node as YamlNode).commentBefore);
      add(range[1], (node as YamlNode).comment);
    });
    add(Number.POSITIVE_INFINITY, this.doc.comment);
    return out;
  }

  policy(): Policy | undefined {
    const root = this.resolve(this.doc.contents);
    if (!isMap(root)) return undefined;
    const policy: Policy = {
      kind: "Policy",
      id: this.str(this.get(root, "policy")) ?? "",
      meta: {},
      notes: this.notes(this.get(root, "notes")),
      values: this.list(this.get(root, "values")).map((v) => this.value(v)),
      grades: this.list(this.get(root, "grades")).map((g) => this.grade(g)),
      measures: this.list(this.get(root, "measures")).map((m) => this.measureGroup(m)),
      notices: this.list(this.get(root, "notices")).map((n) => ({
        kind: "Notice" as const,
        grade: this.name(this.get(n, "grade")),
        article: this.article(this.get(n, "article")) ?? "",
        text: this.str(this.get(n, "text")) ?? "",
        options: this.list(this.get(n, "options")).map((o) => this.str(o) ?? ""),
        span: this.span(n),
      })),
      recordKeeping: this.list(this.get(root, "record_keeping")).map((r) => ({
        kind: "RecordKeeping" as const,
        article: this.article(this.get(r, "article")) ?? "",
        text: this.str(this.get(r, "text")) ?? "",
        span: this.span(r),
      })),
      tests: this.list(this.get(root, "tests")).map((t) => this.test(t)),
      span: this.span(root),
    };
    this.meta(this.get(root, "meta"), policy);
    const severity = this.get(root, "severity");
    if (isMap(severity)) {
      const article = this.article(this.get(severity, "article"));
      const decl: SeverityDecl = {
        kind: "Severity",
        ...(article !== undefined ? { article } : {}),
        ranks: this.fragment<SeverityDecl["ranks"]>(this.get(severity, "order"), "severityOnly") ?? [],
        span: this.span(severity),
      };
      policy.severity = decl;
    }
    const disregard = this.get(root, "disregard");
    if (isMap(disregard)) {
      const text = this.str(this.get(disregard, "text"));
      policy.disregard = {
        kind: "Disregard",
        statuses: this.list(this.get(disregard, "statuses")).map((s) => this.name(s)),
        article: this.article(this.get(disregard, "article")) ?? "",
        ...(text !== undefined ? { text } : {}),
        span: this.span(disregard),
      };
    }
    const precedence = this.get(root, "precedence");
    if (isSeq(precedence)) {
      policy.precedence = {
        kind: "Precedence",
        order: this.list(precedence).map((g) => ({ id: this.name(g), span: this.span(g) })),
        span: this.span(precedence),
      };
    }
    if (this.has(root, "default")) {
      const d = this.get(root, "default");
      const grade = isScalar(d) && d.value === null ? null : this.name(d);
      policy.default = { kind: "Default", grade, span: d ? this.span(d) : this.span(root) };
    }
    const maps = this.list(this.get(root, "grade_maps"));
    if (maps.length > 0) {
      policy.gradeMaps = maps.map((m) => {
        const pairs: GradeMapDecl["pairs"] = [];
        const map = this.get(m, "map");
        if (isMap(map)) {
          for (const p of map.items) {
            if (!isPair(p)) continue;
            const k = this.resolve(p.key);
            const v = this.resolve(p.value);
            const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
            const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
            const to = !v || (isScalar(v) && v.value === null) ? null : this.name(p.value);
            pairs.push({ from: this.name(p.key), to, span: this.rangeSpan(start, end) });
          }
        }
        return { kind: "GradeMap" as const, from: this.str(this.get(m, "from")) ?? "", pairs, span: this.span(m) };
      });
    }
    this.planSections(root, policy);
    this.perItemSections(root, policy);
    return policy;
  }

  /** Parameters, declared fields, named filters and per-item rules: present only when used. */
  private perItemSections(root: YamlNode, policy: Policy): void {
    const params = this.list(this.get(root, "params"));
    if (params.length > 0) policy.params = params.map((p) => this.param(p));
    const fields = this.list(this.get(root, "fields"));
    if (fields.length > 0) policy.fields = fields.map((f) => this.field(f));
    const filters = this.list(this.get(root, "filters"));
    if (filters.length > 0) {
      policy.filters = filters.map((f) => ({ kind: "Filter" as const, name: this.name(this.get(f, "name")), when: this.expr(this.get(f, "when"), f), span: this.span(f) }));
    }
    const rules = this.list(this.get(root, "item_rules"));
    if (rules.length > 0) policy.itemRules = rules.map((r) => this.itemRule(r));
  }

  private param(n: YamlNode): ParamDecl {
    const article = this.article(this.get(n, "article"));
    const text = this.str(this.get(n, "text"));
    return {
      kind: "Param",
      name: this.name(this.get(n, "name")),
      value: this.exprAt(this.get(n, "value"), n, "one value", true),
      ...(article !== undefined ? { article } : {}),
      ...(text !== undefined ? { text } : {}),
      span: this.span(n),
    };
  }

  private field(n: YamlNode): FieldDecl {
    const description = this.str(this.get(n, "description"));
    return {
      kind: "Field",
      part: this.name(this.get(n, "part")),
      name: this.name(this.get(n, "name")),
      type: this.name(this.get(n, "type")),
      ...(description !== undefined ? { description } : {}),
      span: this.span(n),
    };
  }

  private itemRule(n: YamlNode): ItemRuleDecl {
    const article = this.article(this.get(n, "article"));
    const text = this.str(this.get(n, "text"));
    return {
      kind: "ItemRule",
      name: this.name(this.get(n, "name")),
      part: this.name(this.get(n, "part")),
      ...(article !== undefined ? { article } : {}),
      ...(text !== undefined ? { text } : {}),
      notes: this.notes(this.get(n, "notes")),
      values: this.list(this.get(n, "values")).map((v) => this.value(v)),
      outputs: this.list(this.get(n, "outputs")).map((o) => this.output(o)),
      categories: this.list(this.get(n, "categories")).map((c) => this.category(c)),
      measures: this.list(this.get(n, "measures")).map((m) => this.measureGroup(m)),
      obligations: this.list(this.get(n, "obligations")).map((o) => this.obligation(o)),
      span: this.span(n),
    };
  }

  /** `{name, article?, when}`, `when` a condition as a grade's. */
  private output(n: YamlNode): OutputDecl {
    const article = this.article(this.get(n, "article"));
    const when = this.get(n, "when");
    return {
      kind: "Output",
      name: this.name(this.get(n, "name")),
      ...(article !== undefined ? { article } : {}),
      condition: when ? this.condition(when, 0) : { kind: "AnyOf", items: [], span: this.span(n) },
      span: this.span(n),
    };
  }

  /** Score models, city plans and drafting: the sections a policy has only when it uses them. */
  private planSections(root: YamlNode, policy: Policy): void {
    const snapshot = this.get(root, "snapshot");
    if (isMap(snapshot)) {
      const article = this.article(this.get(snapshot, "article"));
      const text = this.str(this.get(snapshot, "text"));
      policy.snapshot = {
        kind: "Snapshot",
        ...(article !== undefined ? { article } : {}),
        ...(text !== undefined ? { text } : {}),
        month: this.exprAt(this.get(snapshot, "month"), snapshot, "one value"),
        day: this.exprAt(this.get(snapshot, "day"), snapshot, "one value"),
        span: this.span(snapshot),
      };
    }
    const collects = this.get(root, "collects");
    if (isMap(collects)) {
      const article = this.article(this.get(collects, "article"));
      policy.collects = {
        kind: "Collects",
        ...(article !== undefined ? { article } : {}),
        items: this.list(this.get(collects, "items")).map((i) => ({ text: this.str(i) ?? "", span: this.span(i) })),
        span: this.span(collects),
      };
    }
    const models = this.list(this.get(root, "models"));
    if (models.length > 0) policy.models = models.map((m) => this.model(m));
    const bands = this.list(this.get(root, "bands"));
    if (bands.length > 0) policy.bands = bands.map((b) => this.bands(b));
    const overrides = this.list(this.get(root, "overrides"));
    if (overrides.length > 0) policy.overrides = overrides.map((o) => this.override(o));
    const categories = this.list(this.get(root, "categories"));
    if (categories.length > 0) policy.categories = categories.map((c) => this.category(c));
    const obligations = this.list(this.get(root, "obligations"));
    if (obligations.length > 0) policy.obligations = obligations.map((o) => this.obligation(o));
    const requires = this.get(root, "requires");
    if (isMap(requires)) policy.requires = this.requires(requires);
    const annexes = this.list(this.get(root, "annexes"));
    if (annexes.length > 0) policy.annexes = annexes.map((a) => this.annex(a));
    this.fidelitySections(root, policy);
  }

  /** 评价周期, 适用例外 and 不予编码: what the policy says about the text beyond encoding it. */
  private fidelitySections(root: YamlNode, policy: Policy): void {
    const period = this.get(root, "period");
    if (isMap(period)) {
      const article = this.article(this.get(period, "article"));
      policy.period = { kind: "Period", ...(article !== undefined ? { article } : {}), text: this.str(this.get(period, "text")) ?? "", span: this.span(period) };
    }
    const claims = this.list(this.get(root, "claims"));
    if (claims.length > 0) {
      policy.claims = claims.map((c) => {
        const text = this.str(this.get(c, "text"));
        return { kind: "Claim" as const, article: this.article(this.get(c, "article")) ?? "", ...(text !== undefined ? { text } : {}), span: this.span(c) };
      });
    }
    const notEncoded = this.list(this.get(root, "not_encoded"));
    if (notEncoded.length > 0) {
      policy.notEncoded = notEncoded.map((n) => {
        const quote = this.str(this.get(n, "quote"));
        const note = this.str(this.get(n, "note"));
        const reason = this.str(this.get(n, "reason"));
        return {
          kind: "NotEncoded" as const,
          articles: this.list(this.get(n, "articles")).map((a) => ({ article: this.article(a) ?? "", span: this.span(a) })),
          ...(quote !== undefined ? { quote } : {}),
          reason: NOT_ENCODED_REASONS.find((r) => r === reason) ?? "procedural",
          ...(note !== undefined ? { note } : {}),
          span: this.span(n),
        };
      });
    }
  }

  private model(n: YamlNode): ModelDecl {
    const article = this.article(this.get(n, "article"));
    const text = this.str(this.get(n, "text"));
    return {
      kind: "Model",
      name: this.name(this.get(n, "name")),
      ...(article !== undefined ? { article } : {}),
      ...(text !== undefined ? { text } : {}),
      total: this.exprAt(this.get(n, "total"), n, "one value"),
      missing: this.exprAt(this.get(n, "missing"), n, "one value"),
      items: this.list(this.get(n, "items")).map((i) => this.modelItem(i)),
      span: this.span(n),
    };
  }

  private modelItem(n: YamlNode): ModelItem {
    const kind = MODEL_ITEM_KINDS[this.str(this.get(n, "kind")) ?? ""] ?? "Indicator";
    const weight = this.optExprAt(this.get(n, "weight"), "one value");
    const each = this.optExprAt(this.get(n, "each"), "one value");
    const max = this.optExprAt(this.get(n, "max"), "one value");
    return {
      kind,
      name: this.name(this.get(n, "name")),
      ...(weight !== undefined ? { weight } : {}),
      ...(each !== undefined ? { each } : {}),
      ...(max !== undefined ? { max } : {}),
      value: this.exprAt(this.get(n, "value"), n, "sum"),
      span: this.span(n),
    };
  }

  private bands(n: YamlNode): BandsDecl {
    const article = this.article(this.get(n, "article"));
    const range = this.get(n, "range");
    return {
      kind: "Bands",
      name: this.name(this.get(n, "name")),
      ...(article !== undefined ? { article } : {}),
      subject: this.exprAt(this.get(n, "subject"), n, "sum"),
      range: {
        min: this.exprAt(this.get(range, "min"), range ?? n, "one value"),
        max: this.exprAt(this.get(range, "max"), range ?? n, "one value"),
      },
      items: this.list(this.get(n, "items")).map((i) => {
        const text = this.str(this.get(i, "text"));
        return {
          kind: "Band" as const,
          grade: this.name(this.get(i, "grade")),
          label: this.str(this.get(i, "label")) ?? "",
          article: this.article(this.get(i, "article")) ?? "",
          ...(text !== undefined ? { text } : {}),
          bounds: this.fragment<Bound[]>(this.get(i, "bounds"), "boundsOnly") ?? [],
          span: this.span(i),
        };
      }),
      span: this.span(n),
    };
  }

  private override(n: YamlNode): OverrideDecl {
    const text = this.str(this.get(n, "text"));
    return {
      kind: "Override",
      grade: this.name(this.get(n, "grade")),
      article: this.article(this.get(n, "article")) ?? "",
      ...(text !== undefined ? { text } : {}),
      when: this.expr(this.get(n, "when"), n),
      span: this.span(n),
    };
  }

  /** `{id, label, article, text, when}` (one cited clause) or `{id, label, article?, condition}`. */
  private category(n: YamlNode): CategoryDecl {
    const block = this.get(n, "condition");
    const article = this.article(this.get(n, "article"));
    const base = { kind: "Category" as const, id: this.name(this.get(n, "id")), label: this.str(this.get(n, "label")) ?? "", span: this.span(n) };
    if (block) return { ...base, ...(article !== undefined ? { article } : {}), condition: this.condition(block, 0) };
    const text = this.str(this.get(n, "text"));
    const clause: Condition = {
      kind: "Clause",
      article: article ?? "",
      ...(text !== undefined ? { text } : {}),
      when: this.expr(this.get(n, "when"), n),
      notes: [],
      span: this.span(n),
    };
    return { ...base, condition: clause };
  }

  private obligation(n: YamlNode): ObligationDecl {
    const whereNode = this.get(n, "where");
    const where = whereNode === undefined ? undefined : this.expr(whereNode, n);
    const amount = this.fragment<Quantity>(this.get(n, "window"), "quantityOnly");
    return {
      kind: "Obligation",
      name: this.name(this.get(n, "name")),
      article: this.article(this.get(n, "article")) ?? "",
      text: this.str(this.get(n, "text")) ?? "",
      ...(this.has(n, "source") ? { source: this.name(this.get(n, "source")) } : {}),
      ...(where !== undefined ? { where } : {}),
      ...(amount !== undefined ? { window: { amount, span: amount.span } } : {}),
      ...(this.has(n, "due") ? { due: this.exprAt(this.get(n, "due"), n, "sum") } : {}),
      span: this.span(n),
    };
  }

  private requires(n: YamlNode): RequiresDecl {
    const text = this.str(this.get(n, "text"));
    return {
      kind: "Requires",
      article: this.article(this.get(n, "article")) ?? "",
      ...(text !== undefined ? { text } : {}),
      items: this.list(this.get(n, "items")).flatMap((i) => this.requirement(i)),
      ...this.exceptions(n),
      span: this.span(n),
    };
  }

  private exceptions(n: YamlNode): { exceptions?: ExceptionDecl[] } {
    const list = this.list(this.get(n, "exceptions"));
    if (list.length === 0) return {};
    return {
      exceptions: list.map((x) => {
        const text = this.str(this.get(x, "text"));
        return {
          kind: "Exception" as const,
          article: this.article(this.get(x, "article")) ?? "",
          ...(text !== undefined ? { text } : {}),
          exempts: this.list(this.get(x, "exempts")).flatMap((e) => {
            const k = this.str(e);
            return k === "collects" || k === "grades" || k === "model" || k === "period" || k === "measures" ? [{ kind: k, span: this.span(e) }] : [];
          }),
          span: this.span(x),
        };
      }),
    };
  }

  /** collects | period | measures | {model: …} | {grades: […]}; nothing for a shape the schema has reported. */
  private requirement(n: YamlNode): Requirement[] {
    const span = this.span(n);
    const word = this.str(n);
    if (word === "collects" || word === "period" || word === "measures") return [{ kind: word, span }];
    if (this.has(n, "model")) return [{ kind: "model", total: this.exprAt(this.get(n, "model"), n, "one value"), span }];
    if (this.has(n, "grades")) {
      const grades = this.list(this.get(n, "grades")).map((g) => ({ id: this.name(this.get(g, "id")), label: this.str(this.get(g, "label")) ?? "" }));
      return [{ kind: "grades", grades, span }];
    }
    return [];
  }

  private annex(n: YamlNode): AnnexDecl {
    const article = this.article(this.get(n, "article"));
    return {
      kind: "Annex",
      title: this.str(this.get(n, "title")) ?? "",
      ...(article !== undefined ? { article } : {}),
      rows: this.list(this.get(n, "rows")).map((r) => ({
        unit: this.str(this.get(r, "unit")) ?? "",
        domain: this.str(this.get(r, "domain")) ?? "",
        span: this.span(r),
      })),
      span: this.span(n),
    };
  }

  private meta(n: YamlNode | undefined, policy: Policy): void {
    const m = this.resolve(n);
    if (!isMap(m)) return;
    for (const p of m.items) {
      if (!isPair(p)) continue;
      const key = this.keyString(p.key);
      if (!(META_KEYS as readonly string[]).includes(key)) continue; // the schema has said so
      const v = this.resolve(p.value);
      const span = v ? this.span(v) : this.span(p.key);
      let value: MetaValue | undefined;
      if (!v || (isScalar(v) && v.value === null)) value = { kind: "unstated", span };
      else if (isScalar(v) && typeof v.value === "boolean") value = { kind: "bool", value: v.value, span };
      else if (isScalar(v) && typeof v.value === "string") {
        // An unquoted YYYY-MM-DD is a date, an unquoted 待填写 / TODO a place to fill; quoting
        // keeps either a string.
        const plain = v.type === Scalar.PLAIN;
        if (plain && TODO_SPELLINGS.includes(v.value)) value = { kind: "todo", span };
        else {
          const date = plain && DATE.test(v.value);
          value = { kind: date ? "date" : "string", value: v.value, span };
          if (date) this.day(v);
        }
      }
      if (value) policy.meta[key as MetaKeyId] = value;
    }
  }

  private notes(n: unknown): Note[] {
    return this.list(n).map((x) => {
      const article = this.article(this.get(x, "article"));
      return {
        kind: "Note",
        ...(article !== undefined ? { article } : {}),
        text: this.str(this.get(x, "text")) ?? "",
        span: this.span(x),
      };
    });
  }

  private value(n: YamlNode): ValueDecl {
    const valueNode = this.get(n, "value");
    return {
      kind: "Value",
      name: this.name(this.get(n, "name")),
      value: this.fragment<Aggregate | Expr>(valueNode, "valueOnly") ?? { kind: "None", span: this.span(valueNode ?? n) },
      notes: this.notes(this.get(n, "notes")),
      span: this.span(n),
    };
  }

  private grade(n: YamlNode): GradeDecl {
    const article = this.article(this.get(n, "article"));
    const when = this.get(n, "when");
    return {
      kind: "Grade",
      id: this.name(this.get(n, "id")),
      label: this.str(this.get(n, "label")) ?? "",
      ...(article !== undefined ? { article } : {}),
      condition: when ? this.condition(when, 0) : { kind: "AnyOf", items: [], span: this.span(n) },
      span: this.span(n),
    };
  }

  private condition(n: YamlNode, depth: number): Condition {
    const span = this.span(n);
    if (depth > 200) return { kind: "AnyOf", items: [], span };
    if (this.has(n, "any")) {
      return { kind: "AnyOf", items: this.list(this.get(n, "any")).map((c) => this.condition(c, depth + 1)), span };
    }
    if (this.has(n, "all")) {
      return { kind: "AllOf", items: this.list(this.get(n, "all")).map((c) => this.condition(c, depth + 1)), span };
    }
    if (this.has(n, "not")) {
      const inner = this.get(n, "not");
      return { kind: "NotCond", item: inner ? this.condition(inner, depth + 1) : { kind: "AnyOf", items: [], span }, span };
    }
    const text = this.str(this.get(n, "text"));
    return {
      kind: "Clause",
      article: this.article(this.get(n, "article")) ?? "",
      ...(text !== undefined ? { text } : {}),
      when: this.expr(this.get(n, "when"), n),
      notes: this.notes(this.get(n, "notes")),
      span,
    };
  }

  private measureGroup(n: YamlNode): MeasureGroup {
    const kind = this.str(this.get(n, "kind"));
    const text = this.str(this.get(n, "text"));
    return {
      kind: "Measures",
      grade: this.name(this.get(n, "grade")),
      ...(kind !== undefined ? { measureKind: MEASURE_KINDS.find((k) => k === kind) ?? "management" } : {}),
      article: this.article(this.get(n, "article")) ?? "",
      ...(text !== undefined ? { text } : {}),
      items: this.list(this.get(n, "items")).map((i) => this.measureItem(i, 0)),
      span: this.span(n),
    };
  }

  private measureItem(n: YamlNode, depth: number): MeasureItem {
    const tags: MeasureItem["tags"] = [];
    const t = this.get(n, "tags");
    if (isMap(t)) {
      for (const p of t.items) {
        if (!isPair(p)) continue;
        const k = this.resolve(p.key);
        const v = this.resolve(p.value);
        const start = k?.range?.[0] ?? v?.range?.[0] ?? 0;
        const end = v?.range?.[1] ?? k?.range?.[1] ?? start;
        tags.push({ key: this.name(p.key), value: this.name(p.value), span: this.rangeSpan(start, end) });
      }
    }
    return {
      kind: "MeasureItem",
      article: this.article(this.get(n, "article")) ?? "",
      text: this.str(this.get(n, "text")) ?? "",
      tags,
      items: depth > 200 ? [] : this.list(this.get(n, "items")).map((i) => this.measureItem(i, depth + 1)),
      span: this.span(n),
    };
  }

  private test(n: YamlNode): TestCase {
    const expect: Expectation = {};
    const e = this.get(n, "expect");
    if (this.has(e, "grade")) {
      const g = this.get(e, "grade");
      expect.grade = !g || (isScalar(g) && g.value === null) ? null : this.name(g);
    }
    if (this.has(e, "matched")) expect.matched = this.list(this.get(e, "matched")).map((a) => this.article(a) ?? "");
    if (this.has(e, "measures")) expect.measures = this.list(this.get(e, "measures")).map((a) => this.article(a) ?? "");
    if (this.has(e, "categories")) expect.categories = this.list(this.get(e, "categories")).map((c) => this.name(c));
    if (this.has(e, "obligations")) {
      expect.obligations = this.list(this.get(e, "obligations")).map((o) => ({
        name: this.name(this.get(o, "name")),
        due: this.day(this.get(o, "due")) ?? null,
        status: this.name(this.get(o, "status")),
        span: this.span(o),
      }));
    }
    const scores = this.list(this.get(e, "scores"));
    if (scores.length > 0) {
      expect.scores = scores.map((x) => ({
        name: this.name(this.get(x, "name")),
        // The text form keeps the number, not its unit: 85分, 85 points and 85 are one total.
        value: this.fragment<Quantity>(this.get(x, "value"), "quantityOnly", true)?.value ?? "",
        span: this.span(x),
      }));
    }
    const items = this.list(this.get(e, "items"));
    if (items.length > 0) {
      expect.items = items.map((i) => ({
        pointer: this.str(this.get(i, "pointer")) ?? "",
        output: this.name(this.get(i, "output")),
        value: this.exprAt(this.get(i, "value"), i, "one value", true),
        span: this.span(i),
      }));
    }
    const recordSpans: Record<string, Span> = {};
    const recordNumbers: Record<string, string> = {};
    const record = this.get(n, "record");
    return {
      kind: "Test",
      name: this.str(this.get(n, "name")) ?? "",
      asOf: this.day(this.get(n, "as_of")) ?? "",
      record: record ? this.json(record, "", recordSpans, 0, () => `${this.pathOf(n)}/record`, recordNumbers) : null,
      recordSpans,
      ...(Object.keys(recordNumbers).length ? { recordNumbers } : {}),
      expect,
      span: this.span(n),
    };
  }

  /** A record as JSON, with the span of every value keyed by its JSON Pointer (as the text form). */
  private json(n: unknown, path: string, spans: Record<string, Span>, depth: number, base: () => string, numbers: Record<string, string>): Json {
    const node = this.resolve(n);
    spans[path] = this.span(n);
    if (depth > 200) return null;
    if (isMap(node)) {
      const out: { [k: string]: Json } = {};
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const key = this.keyString(p.key);
        // defineProperty: a key "__proto__" is a key like any other.
        const value = this.json(p.value, `${path}/${pointerEscape(key)}`, spans, depth + 1, base, numbers);
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    if (isSeq(node)) return node.items.map((v, i) => this.json(v, `${path}/${i}`, spans, depth + 1, base, numbers));
    if (!isScalar(node)) return null;
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number" || typeof v === "bigint") {
      // The number as written in the YAML, kept exactly or refused (dsl/json-number.ts).
      const text = node.source ?? String(v);
      const read = writtenNumber(text);
      if ("refused" in read) {
        const where = base() + path;
        this.diagnostics.push({ ...diag("CP-E0109", this.span(n), [text, String(Number(v))]), path: where });
        return Number.isFinite(Number(v)) ? Number(v) : null;
      }
      if (read.written !== undefined) numbers[path] = read.written;
      return read.value;
    }
    const where = base() + path;
    this.diagnostics.push({ ...diag("CP-E0202", this.span(n), [`${where}: not a JSON value`]), path: where });
    return null;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * A one-line quoted scalar's content decoded, with `map[i]` the source offset of decoded code unit
 * i and `map[text.length]` the offset just past the content. undefined: an escape not understood.
 */
function decodeQuoted(inner: string, base: number, double: boolean): { text: string; map: number[] } | undefined {
  let text = "";
  const map: number[] = [];
  const emit = (chars: string, at: number): void => {
    text += chars;
    for (let k = 0; k < chars.length; k++) map.push(at);
  };
  let i = 0;
  while (i < inner.length) {
    const ch = inner[i] as string;
    if (!double && ch === "'" && inner[i + 1] === "'") {
      emit("'", base + i);
      i += 2;
    } else if (double && ch === "\\") {
      const e = inner[i + 1];
      if (e === undefined) return undefined;
      const simple = SIMPLE_ESCAPES[e];
      const digits = HEX_ESCAPES[e];
      if (simple !== undefined) {
        emit(simple, base + i);
        i += 2;
      } else if (digits !== undefined) {
        const hex = inner.slice(i + 2, i + 2 + digits);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
        const cp = parseInt(hex, 16);
        if (cp > 0x10ffff) return undefined;
        emit(String.fromCodePoint(cp), base + i);
        i += 2 + digits;
      } else return undefined;
    } else {
      emit(ch, base + i);
      i += 1;
    }
  }
  map.push(base + inner.length);
  return { text, map };
}

/** A copy of an AST value with every `span` replaced by `move(span)`. */
function mapSpans(value: unknown, move: (s: Span) => Span): unknown {
  if (Array.isArray(value)) return value.map((v) => mapSpans(v, move));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === "span" && v && typeof v === "object" ? move(v as Span) : mapSpans(v, move);
    return out;
  }
  return value;
}
