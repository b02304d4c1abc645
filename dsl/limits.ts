// How deep a policy may nest (README, "Limits"). The parser, the checker, the printers, the YAML
// reader and both evaluators walk expressions and conditions recursively, which is clear and fast
// for any real policy; a hostile one (500 nested parentheses, 10,000 `非`, a 10,000-term sum) must
// not exhaust the stack. So nesting is measured without recursion before anything recursive runs,
// and a policy past the limit gets one diagnostic with its position instead of an internal error.
import type { IToken } from "chevrotain";
import type { Parser as YamlParser } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostics.js";
import type { LineIndex } from "../diagnostics/span.js";
import type { Policy } from "./ast.js";
import { tokenSpan } from "./token-span.js";

/**
 * The deepest nesting of expressions and conditions: each parenthesis, bracket or brace (a test
 * record's JSON included), `any`/`all`/`not` block, prefix `非`/`not`, and each `+`, `-` or `.` of
 * a chain is one level.
 */
export const MAX_NESTING = 64;

/** The longest chain of definitions building on each other: derived values (定义 / let), or named filters (条件 / filter). */
export const MAX_CHAIN = 64;

/** A named filter is copied where it is read: its expansion may be at most this deep … */
export const MAX_FILTER_DEPTH = 4 * MAX_NESTING;
/** … and hold at most this many expression nodes. */
export const MAX_FILTER_SIZE = 100_000;

/** The deepest nesting of YAML collections in a `.policy.yaml` (each condition level takes two). */
export const MAX_YAML_NESTING = 2 * MAX_NESTING + 16;

const OPEN = new Set(["LParen", "LBrace", "LBracket"]);
const CLOSE = new Set(["RParen", "RBrace", "RBracket"]);

/**
 * CP-E0108 at the first token that nests past MAX_NESTING (brackets open around it plus the `非`
 * run it is in): the parser, recursive per level, must not see such input.
 */
export function tokenNesting(tokens: readonly IToken[], file: string): Diagnostic | undefined {
  let depth = 0;
  let nots = 0;
  for (const t of tokens) {
    const name = t.tokenType.name;
    if (OPEN.has(name)) depth++;
    else if (CLOSE.has(name)) depth = Math.max(0, depth - 1);
    nots = name === "Not" ? nots + 1 : 0;
    if (depth + nots > MAX_NESTING) return diag("CP-E0108", tokenSpan(file, t), [String(MAX_NESTING)]);
  }
  return undefined;
}

/** AST nodes that are a level of expression or condition nesting. */
const LEVELS: ReadonlySet<string> = new Set([
  "AnyOf",
  "AllOf",
  "NotCond",
  "Clause",
  "Member",
  "Call",
  "And",
  "Or",
  "Not",
  "Compare",
  "In",
  "Arith",
  "Paren",
  "Aggregate",
]);

/**
 * CP-E0108 at the first expression or condition of the AST nested past MAX_NESTING (a chain
 * `a + b + c …` nests one level per operator though the parser reads it in a loop), found by a walk
 * with its own stack.
 */
export function astNesting(root: Policy | object): Diagnostic | undefined {
  const stack: [value: unknown, depth: number][] = [[root, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (Array.isArray(value)) {
      for (const v of value) if (v !== null && typeof v === "object") stack.push([v, depth]);
      continue;
    }
    const node = value as { kind?: unknown; span?: unknown };
    const here = typeof node.kind === "string" && LEVELS.has(node.kind) ? depth + 1 : depth;
    if (here > MAX_NESTING) return diag("CP-E0108", node.span as Diagnostic["span"], [String(MAX_NESTING)]);
    for (const [k, v] of Object.entries(node)) {
      // Spans are positions and a test's record is JSON data (limited by the tokens, or by the YAML reader).
      if (k === "span" || k === "record" || k === "recordSpans" || v === null || typeof v !== "object") continue;
      stack.push([v, here]);
    }
  }
  return undefined;
}

type CstToken = ReturnType<YamlParser["parse"]> extends Generator<infer T> ? T : never;

/**
 * CP-E0203 at the first YAML collection nested past MAX_YAML_NESTING, read from the yaml
 * package's concrete syntax tree (built without recursion) before the document is composed (which
 * recurses per level).
 */
export function yamlNesting(tokens: Iterable<CstToken>, file: string, lines: LineIndex): Diagnostic | undefined {
  const stack: [token: unknown, depth: number][] = [...tokens].map((t) => [t, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop() as [unknown, number];
    if (!token || typeof token !== "object") continue;
    const t = token as { type?: string; offset?: number; value?: unknown; items?: { key?: unknown; value?: unknown }[] };
    const collection = t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection";
    const here = collection ? depth + 1 : depth;
    if (here > MAX_YAML_NESTING) {
      const at = t.offset ?? 0;
      return diag("CP-E0203", lines.span(file, at, at + 1), [String(MAX_YAML_NESTING)]);
    }
    if (t.value && typeof t.value === "object") stack.push([t.value, here]);
    for (const item of t.items ?? []) {
      if (item.key && typeof item.key === "object") stack.push([item.key, here]);
      if (item.value && typeof item.value === "object") stack.push([item.value, here]);
    }
  }
  return undefined;
}
