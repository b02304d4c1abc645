// Syntax highlighting built from the lexer's own token definitions (dsl/tokens.ts: the token
// patterns, the KEYWORDS table with both spellings, boundary words and units), so a keyword or a
// token added to the language is highlighted without touching the editor. The Monarch rules
// follow the lexer's order and its `longer_alt: Identifier` rule: a keyword, boundary word or
// article that is only the start of a longer name (计数违法行为, 一年内…) is a name.
import { BOUNDARY_WORDS } from "../../../dsl/boundary.js";
import { allTokens, Article, Comment, DateLit, Exclusive, Identifier, Inclusive, KEYWORDS, NumberLit, StringLit } from "../../../dsl/tokens.js";
import { UNIT_SPELLINGS } from "../../../dsl/units.js";

/** The shape of monaco.languages.IMonarchLanguage this module fills in (kept local: no monaco import). */
export interface MonarchLanguage {
  defaultToken: string;
  tokenPostfix: string;
  keywords: string[];
  boundaryWords: string[];
  brackets: { open: string; close: string; token: string }[];
  tokenizer: Record<string, unknown[]>;
}

interface TokenLike {
  name: string;
  PATTERN?: unknown;
  CATEGORIES?: { name: string }[];
}

function patternOf(token: TokenLike): string {
  const p = token.PATTERN;
  if (!(p instanceof RegExp)) throw new Error(`token ${token.name} has no regular expression pattern`);
  return p.source;
}

/** A name as the lexer reads one (its Identifier token). */
export const WORD_PATTERN = new RegExp(patternOf(Identifier));
const IDENT_CHARS = "[A-Za-z0-9_\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]+";

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A spelling as the lexer matches it: spaces match any spaces, English words end at a word boundary. */
function spellingRe(s: string): string {
  const body = s.split(" ").map(escapeRe).join("\\s+");
  return /^[A-Za-z]/.test(s) ? `${body}(?![A-Za-z0-9_])` : body;
}

function alternation(spellings: readonly string[]): string {
  return [...new Set(spellings)].sort((a, b) => b.length - a.length).map(spellingRe).join("|");
}

export const KEYWORD_SPELLINGS: readonly string[] = KEYWORDS.flatMap((k) => [...k.zh, ...k.en]);
export const BOUNDARY_SPELLINGS: readonly string[] = BOUNDARY_WORDS.flatMap((w) => [...w.zh, ...w.en]);

/** The Monaco token class of each lexer token the rules below match by the token's own pattern. */
const PATTERN_CLASSES: Record<string, string> = {
  Comment: "comment",
  Inclusive: "keyword.marker",
  Exclusive: "keyword.marker",
  DateLit: "number.date",
  NumberLit: "number",
  StringLit: "string",
  Article: "type.article",
  LBrace: "@brackets",
  RBrace: "@brackets",
  LBracket: "@brackets",
  RBracket: "@brackets",
  LParen: "@brackets",
  RParen: "@brackets",
  Colon: "delimiter",
  Comma: "delimiter",
  Dot: "delimiter",
  Plus: "delimiter",
  Minus: "delimiter",
};

/** Tokens highlighted by a table rather than their own pattern. */
const TABLE_TOKENS = new Set(["WhiteSpace", "Identifier", "Unit"]);
const CATEGORY_CLASSES: Record<string, string> = { Keyword: "keyword", BoundaryWord: "keyword.boundary", CmpOp: "operator" };
const CATEGORY_NAMES = new Set(["MetaKey", "MeasureKind", "ReasonKind", "BoundaryWord", "Marker", "CmpOp", "BoolLit", "Keyword", "AggregateWord", "AggregateOfWord"]);

/** The class a lexer token is highlighted as; undefined when the editor has no rule for it. */
export function highlightClass(token: TokenLike): string | undefined {
  if (CATEGORY_NAMES.has(token.name) || TABLE_TOKENS.has(token.name)) return "(table)";
  if (PATTERN_CLASSES[token.name]) return PATTERN_CLASSES[token.name];
  for (const c of token.CATEGORIES ?? []) if (CATEGORY_CLASSES[c.name]) return CATEGORY_CLASSES[c.name];
  return undefined;
}

/** A whole name-like run: a keyword, a boundary word, an article (第八条), or a name. */
const WORD_CASES = (article: string, next?: string) => {
  const act = (token: string) => (next ? { token, next } : token);
  return {
    cases: {
      "@keywords": act("keyword"),
      "@boundaryWords": act("keyword.boundary"),
      [`~(?:${article})`]: act("type.article"),
      "@default": act("identifier"),
    },
  };
};

function rules(form: "dsl" | "yaml"): Record<string, unknown[]> {
  const article = patternOf(Article);
  const multiKeywords = KEYWORD_SPELLINGS.filter((s) => s.includes(" "));
  const multiBoundary = BOUNDARY_SPELLINGS.filter((s) => s.includes(" "));
  const operators = allTokens.filter((t) => t.CATEGORIES?.some((c) => c.name === "CmpOp")).map((t) => patternOf(t));
  const punctuation = allTokens.filter((t) => PATTERN_CLASSES[t.name] === "@brackets" || PATTERN_CLASSES[t.name] === "delimiter");
  // Longer spellings that may hold characters a name cannot (（二）, spaces): matched first; when
  // the match is all name characters the word rule decides instead (the lexer's longer_alt).
  const longer = [article, alternation(multiBoundary), alternation(multiKeywords)].filter(Boolean).join("|");
  const yamlOnly =
    form === "yaml"
      ? [
          [/#.*$/, "comment"],
          [/[A-Za-z_][\w-]*(?=\s*:(?:\s|$))/, "type.key"],
          [/[|>][-+]?(?=\s*$)/, "operator"],
          [/'(?:[^']|'')*'/, "string"],
        ]
      : [[new RegExp(patternOf(Comment)), "comment"]];
  return {
    root: [
      [/[ \t\r\n\u3000\ufeff]+/, "white"],
      ...yamlOnly,
      [new RegExp(`${patternOf(Inclusive)}|${patternOf(Exclusive)}`), "keyword.marker"],
      [new RegExp(patternOf(DateLit)), "number.date"],
      // A unit only counts right after a number (the lexer's Unit matcher).
      [new RegExp(`(${patternOf(NumberLit).replace(/\((?!\?)/g, "(?:")})(\\s*)(${alternation(UNIT_SPELLINGS.map((u) => u.text))})`), ["number", "white", "type.unit"]],
      [new RegExp(patternOf(NumberLit)), "number"],
      [new RegExp(patternOf(StringLit)), "string"],
      [
        new RegExp(longer),
        {
          cases: {
            [`~${IDENT_CHARS}`]: { token: "@rematch", next: "@word" },
            [`~(?:${article})`]: "type.article",
            [`~(?:${alternation(multiBoundary)})`]: "keyword.boundary",
            "@default": "keyword",
          },
        },
      ],
      [WORD_PATTERN, WORD_CASES(article)],
      [new RegExp(operators.join("|")), "operator"],
      ...punctuation.map((t) => [new RegExp(patternOf(t)), PATTERN_CLASSES[t.name]]),
    ],
    word: [[WORD_PATTERN, WORD_CASES(article, "@pop")]],
  };
}

const BRACKETS = [
  { open: "{", close: "}", token: "delimiter.curly" },
  { open: "[", close: "]", token: "delimiter.square" },
  { open: "(", close: ")", token: "delimiter.parenthesis" },
  { open: "（", close: "）", token: "delimiter.parenthesis" },
];

function language(form: "dsl" | "yaml"): MonarchLanguage {
  return {
    defaultToken: "",
    tokenPostfix: form === "yaml" ? ".policy-yaml" : ".policy",
    keywords: KEYWORD_SPELLINGS.filter((s) => !s.includes(" ")),
    boundaryWords: BOUNDARY_SPELLINGS.filter((s) => !s.includes(" ")),
    brackets: BRACKETS,
    tokenizer: rules(form),
  };
}

/** The text form (`*.policy`). */
export function policyMonarch(): MonarchLanguage {
  return language("dsl");
}

/** The YAML form (`*.policy.yaml`): YAML keys and comments, and the expression language in values. */
export function policyYamlMonarch(): MonarchLanguage {
  return language("yaml");
}
