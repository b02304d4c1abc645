// Syntax highlighting built from the lexer's own tables (dsl/tokens.ts KEYWORDS and token patterns,
// dsl/boundary.ts, dsl/units.ts): a keyword added to the language is highlighted without touching
// the editor. The Monarch rules mirror the lexer's order: comments, （含）/（不含） markers, articles,
// dates, numbers with their units, multi-word spellings, then words checked against the tables.
import { BOUNDARY_WORDS } from "../../../dsl/boundary.js";
import { Article, Comment, DateLit, Exclusive, Inclusive, KEYWORDS, StringLit } from "../../../dsl/tokens.js";
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

export const CJK_CLASS = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
/** A name as the lexer reads one: an ASCII identifier or a run of Chinese characters. */
export const WORD_PATTERN = new RegExp(`[A-Za-z_][A-Za-z0-9_]*|[${CJK_CLASS}]+`);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A spelling as a regex: spaces match any spaces, English words end at a word boundary. */
function spellingRe(s: string): string {
  const body = s.split(" ").map(escapeRe).join("\\s+");
  return /^[A-Za-z]/.test(s) ? `${body}(?![A-Za-z0-9_])` : body;
}

function alternation(spellings: string[]): string {
  return [...new Set(spellings)].sort((a, b) => b.length - a.length).map(spellingRe).join("|");
}

export const KEYWORD_SPELLINGS: readonly string[] = KEYWORDS.flatMap((k) => [...k.zh, ...k.en]);
export const BOUNDARY_SPELLINGS: readonly string[] = BOUNDARY_WORDS.flatMap((w) => [...w.zh, ...w.en]);

function source(re: RegExp): string {
  return re.source;
}

function patternOf(token: { PATTERN?: unknown }): string {
  const p = token.PATTERN;
  if (!(p instanceof RegExp)) throw new Error("token without a regular expression pattern");
  return source(p);
}

/** Rules shared by the text and YAML forms (the YAML form's expressions are the same language). */
function expressionRules(): unknown[] {
  const multiKeywords = KEYWORD_SPELLINGS.filter((s) => s.includes(" "));
  const multiBoundary = BOUNDARY_SPELLINGS.filter((s) => s.includes(" "));
  const units = alternation(UNIT_SPELLINGS.map((u) => u.text));
  return [
    [new RegExp(`${patternOf(Inclusive)}|${patternOf(Exclusive)}`), "keyword.marker"],
    [new RegExp(patternOf(Article)), "type.article"],
    [new RegExp(patternOf(DateLit)), "number.date"],
    [new RegExp(`(\\d+(?:\\.\\d+)?)(\\s*)(${units})`), ["number", "white", "type.unit"]],
    [/\d+(?:\.\d+)?/, "number"],
    ...(multiBoundary.length ? [[new RegExp(alternation(multiBoundary)), "keyword.boundary"]] : []),
    ...(multiKeywords.length ? [[new RegExp(alternation(multiKeywords)), "keyword"]] : []),
    [WORD_PATTERN, { cases: { "@keywords": "keyword", "@boundaryWords": "keyword.boundary", "@default": "identifier" } }],
    [new RegExp(patternOf(StringLit)), "string"],
    [/[{}[\]()（）]/, "@brackets"],
    [/<=|>=|!=|==?|[<>≤≥≠＜＞＝]/, "operator"],
    [/[:：,，、.+-]/, "delimiter"],
  ];
}

const BRACKETS = [
  { open: "{", close: "}", token: "delimiter.curly" },
  { open: "[", close: "]", token: "delimiter.square" },
  { open: "(", close: ")", token: "delimiter.parenthesis" },
  { open: "（", close: "）", token: "delimiter.parenthesis" },
];

/** The text form (`*.policy`). */
export function policyMonarch(): MonarchLanguage {
  return {
    defaultToken: "",
    tokenPostfix: ".policy",
    keywords: KEYWORD_SPELLINGS.filter((s) => !s.includes(" ")),
    boundaryWords: BOUNDARY_SPELLINGS.filter((s) => !s.includes(" ")),
    brackets: BRACKETS,
    tokenizer: {
      root: [[/[ \t\r\n\u3000]+/, "white"], [new RegExp(patternOf(Comment)), "comment"], ...expressionRules()],
    },
  };
}

/** The YAML form (`*.policy.yaml`): YAML keys and comments, and the expression language in values. */
export function policyYamlMonarch(): MonarchLanguage {
  return {
    defaultToken: "",
    tokenPostfix: ".policy-yaml",
    keywords: KEYWORD_SPELLINGS.filter((s) => !s.includes(" ")),
    boundaryWords: BOUNDARY_SPELLINGS.filter((s) => !s.includes(" ")),
    brackets: BRACKETS,
    tokenizer: {
      root: [
        [/[ \t\r\n\u3000]+/, "white"],
        [/#.*$/, "comment"],
        [/[A-Za-z_][\w-]*(?=\s*:(?:\s|$))/, "type.key"],
        [/[|>][-+]?(?=\s*$)/, "operator"],
        [/'(?:[^']|'')*'/, "string"],
        ...expressionRules(),
      ],
    },
  };
}
