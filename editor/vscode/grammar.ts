// The TextMate grammars of the VS Code extension, generated from the lexer's own token definitions
// (dsl/tokens.ts: the token patterns, the keyword table with both spellings, boundary words,
// units), as the browser editor's Monarch highlighting is (editor/src/language/monarch.ts). A
// keyword glued to a name is part of the name, as the lexer reads it (its longer_alt): keywords
// and articles only match when no name character touches them. `npm run vscode:grammar` writes
// syntaxes/*.tmLanguage.json; a test fails when they are not what this module generates.
import { allTokens, Article, Comment, DateLit, Exclusive, Identifier, Inclusive, NumberLit, StringLit } from "../../dsl/tokens.js";
import { UNIT_SPELLINGS } from "../../dsl/units.js";
import { BOUNDARY_SPELLINGS, KEYWORD_SPELLINGS } from "../src/language/monarch.js";

interface TokenLike {
  name: string;
  PATTERN?: unknown;
  CATEGORIES?: { name: string }[];
}

export interface TmRule {
  name?: string;
  match?: string;
  captures?: Record<string, { name: string }>;
  include?: string;
}

export interface TmGrammar {
  $schema: string;
  name: string;
  scopeName: string;
  fileTypes: string[];
  patterns: TmRule[];
  repository: Record<string, TmRule & { patterns?: TmRule[] }>;
}

/** A JavaScript regular expression's source in Oniguruma's dialect (\uXXXX → \x{XXXX}). */
export function oniguruma(source: string): string {
  return source.replace(/\\u([0-9a-fA-F]{4})/g, "\\x{$1}");
}

function patternOf(token: TokenLike): string {
  const p = token.PATTERN;
  if (!(p instanceof RegExp)) throw new Error(`token ${token.name} has no regular expression pattern`);
  return oniguruma(p.source);
}

/** A character of a name (the Identifier token's): what must not touch a keyword or an article. */
const NAME_CHAR = oniguruma("[A-Za-z0-9_\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]");

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Spellings as one alternation, longest first, spaces matching any spaces. */
function alternation(spellings: readonly string[]): string {
  return [...new Set(spellings)]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.split(" ").map(escapeRe).join("\\s+"))
    .join("|");
}

/** Whole words only: no name character before or after (计数违法行为 is one name). */
const whole = (alts: string) => `(?<!${NAME_CHAR})(?:${alts})(?!${NAME_CHAR})`;

/** The scope each lexer token is highlighted as; undefined when the grammar has no rule for it. */
const PATTERN_SCOPES: Record<string, string> = {
  Comment: "comment.line.credit-policy",
  Inclusive: "keyword.operator.marker.credit-policy",
  Exclusive: "keyword.operator.marker.credit-policy",
  DateLit: "constant.numeric.date.credit-policy",
  NumberLit: "constant.numeric.credit-policy",
  StringLit: "string.quoted.credit-policy",
  Article: "entity.name.tag.article.credit-policy",
  Unit: "keyword.other.unit.credit-policy",
  Identifier: "variable.other.credit-policy",
  LBrace: "punctuation.section.block.begin.credit-policy",
  RBrace: "punctuation.section.block.end.credit-policy",
  LBracket: "punctuation.section.brackets.begin.credit-policy",
  RBracket: "punctuation.section.brackets.end.credit-policy",
  LParen: "punctuation.section.parens.begin.credit-policy",
  RParen: "punctuation.section.parens.end.credit-policy",
  Colon: "punctuation.separator.colon.credit-policy",
  Comma: "punctuation.separator.comma.credit-policy",
  Dot: "punctuation.accessor.credit-policy",
  Plus: "keyword.operator.arithmetic.credit-policy",
  Minus: "keyword.operator.arithmetic.credit-policy",
  WhiteSpace: "(none)",
};
const CATEGORY_SCOPES: Record<string, string> = {
  Keyword: "keyword.control.credit-policy",
  BoundaryWord: "keyword.operator.boundary.credit-policy",
  CmpOp: "keyword.operator.comparison.credit-policy",
};
const CATEGORY_NAMES = new Set(["MetaKey", "MeasureKind", "ReasonKind", "BoundaryWord", "Marker", "CmpOp", "BoolLit", "Keyword", "AggregateWord", "AggregateOfWord"]);

export function grammarScope(token: TokenLike): string | undefined {
  if (CATEGORY_NAMES.has(token.name)) return "(category)";
  if (PATTERN_SCOPES[token.name]) return PATTERN_SCOPES[token.name];
  for (const c of token.CATEGORIES ?? []) if (CATEGORY_SCOPES[c.name]) return CATEGORY_SCOPES[c.name];
  return undefined;
}

function repository(): TmGrammar["repository"] {
  const operators = allTokens.filter((t) => t.CATEGORIES?.some((c) => c.name === "CmpOp")).map((t) => patternOf(t));
  const punctuation = allTokens.filter((t) => grammarScope(t)?.startsWith("punctuation.") || t.name === "Plus" || t.name === "Minus");
  const units = alternation(UNIT_SPELLINGS.map((u) => u.text));
  return {
    comment: { match: patternOf(Comment), name: PATTERN_SCOPES["Comment"] as string },
    string: { match: patternOf(StringLit), name: PATTERN_SCOPES["StringLit"] as string },
    marker: { match: `${patternOf(Inclusive)}|${patternOf(Exclusive)}`, name: PATTERN_SCOPES["Inclusive"] as string },
    date: { match: patternOf(DateLit), name: PATTERN_SCOPES["DateLit"] as string },
    // A unit only counts right after a number (the lexer's Unit matcher).
    quantity: {
      match: `(${patternOf(NumberLit).replace(/\((?!\?)/g, "(?:")})(\\s*)(${units})(?![A-Za-z0-9_])`,
      captures: { "1": { name: PATTERN_SCOPES["NumberLit"] as string }, "3": { name: PATTERN_SCOPES["Unit"] as string } },
    },
    number: { match: patternOf(NumberLit), name: PATTERN_SCOPES["NumberLit"] as string },
    article: { match: whole(patternOf(Article)), name: PATTERN_SCOPES["Article"] as string },
    boundary: { match: whole(alternation(BOUNDARY_SPELLINGS)), name: CATEGORY_SCOPES["BoundaryWord"] as string },
    keyword: { match: whole(alternation(KEYWORD_SPELLINGS)), name: CATEGORY_SCOPES["Keyword"] as string },
    name: { match: patternOf(Identifier), name: PATTERN_SCOPES["Identifier"] as string },
    operator: { match: operators.join("|"), name: CATEGORY_SCOPES["CmpOp"] as string },
    punctuation: { patterns: punctuation.map((t) => ({ match: patternOf(t), name: PATTERN_SCOPES[t.name] as string })) },
  };
}

const ORDER = ["string", "marker", "date", "quantity", "number", "article", "boundary", "keyword", "name", "operator", "punctuation"];

/** The grammar of the text form (`*.policy`). */
export function policyGrammar(): TmGrammar {
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "Credit Policy",
    scopeName: "source.credit-policy",
    fileTypes: ["policy"],
    patterns: [{ include: "#comment" }, ...ORDER.map((r) => ({ include: `#${r}` }))],
    repository: repository(),
  };
}

/** The grammar of the YAML form (`*.policy.yaml`): YAML keys and comments, the expression language in values. */
export function policyYamlGrammar(): TmGrammar {
  const repo = repository();
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "Credit Policy (YAML)",
    scopeName: "source.credit-policy-yaml",
    fileTypes: ["policy.yaml", "policy.yml"],
    patterns: [{ include: "#yaml-comment" }, { include: "#yaml-key" }, { include: "#yaml-block" }, { include: "#yaml-single" }, ...ORDER.map((r) => ({ include: `#${r}` }))],
    repository: {
      "yaml-comment": { match: "#.*$", name: "comment.line.number-sign.yaml.credit-policy" },
      "yaml-key": { match: "[A-Za-z_][\\w-]*(?=\\s*:(?:\\s|$))", name: "entity.name.tag.yaml.credit-policy" },
      "yaml-block": { match: "[|>][-+]?(?=\\s*$)", name: "keyword.control.flow.block-scalar.yaml.credit-policy" },
      "yaml-single": { match: "'(?:[^']|'')*'", name: "string.quoted.single.yaml.credit-policy" },
      ...repo,
    },
  };
}
