// Token definitions: one table of keywords with an English and a Chinese spelling each (as Catala
// ships one keyword set per language), boundary words and units from their own tables, and the
// punctuation a Chinese input method types (（）：，“”「」) accepted beside the ASCII forms.
import { createToken, Lexer, type CustomPatternMatcherFunc, type IToken, type TokenType } from "chevrotain";
import { AGGREGATE_LIST } from "./aggregates.js";
import { BOUNDARY_WORDS } from "./boundary.js";
import { UNIT_SPELLINGS } from "./units.js";

const CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";

export const Identifier = createToken({
  name: "Identifier",
  // Digits only inside ASCII runs, so "近1年" lexes as 近 · 1 · 年 rather than one name.
  pattern: new RegExp(`(?:[A-Za-z_][A-Za-z0-9_]*|[${CJK}]+)+`),
});

// Categories keep the parser's alternatives short.
export const MetaKey = createToken({ name: "MetaKey", pattern: Lexer.NA });
export const MeasureKind = createToken({ name: "MeasureKind", pattern: Lexer.NA });
/** Why an article is not encoded (不予编码 / not encoded): 程序性, 组织性, 不可判定, 说明性, 原文缺失. */
export const ReasonKind = createToken({ name: "ReasonKind", pattern: Lexer.NA });
export const BoundaryWordTok = createToken({ name: "BoundaryWord", pattern: Lexer.NA });
export const MarkerTok = createToken({ name: "Marker", pattern: Lexer.NA });
export const CmpOpTok = createToken({ name: "CmpOp", pattern: Lexer.NA });
export const BoolLit = createToken({ name: "BoolLit", pattern: Lexer.NA });
export const KeywordCat = createToken({ name: "Keyword", pattern: Lexer.NA });
/** Aggregate keywords (dsl/aggregates.ts): written `KW PART` and `KW expression of PART`. */
export const AggregateTok = createToken({ name: "AggregateWord", pattern: Lexer.NA });
export const AggregateOfTok = createToken({ name: "AggregateOfWord", pattern: Lexer.NA });

export interface KeywordDef {
  name: string;
  en: string[];
  zh: string[];
  category?: TokenType;
  /** For metadata keys, measure kinds and reasons: the stable id in the AST. */
  id?: string;
}

export const KEYWORDS: readonly KeywordDef[] = [
  { name: "Policy", en: ["policy"], zh: ["政策"] },
  { name: "Title", en: ["title"], zh: ["标题"], category: MetaKey, id: "title" },
  { name: "Authority", en: ["authority"], zh: ["发文机关"], category: MetaKey, id: "authority" },
  { name: "Document", en: ["document"], zh: ["文号"], category: MetaKey, id: "document" },
  { name: "Issued", en: ["issued"], zh: ["发布日期"], category: MetaKey, id: "issued" },
  { name: "Effective", en: ["effective"], zh: ["生效日期"], category: MetaKey, id: "effective" },
  { name: "Expires", en: ["expires"], zh: ["失效日期"], category: MetaKey, id: "expires" },
  { name: "Trial", en: ["trial"], zh: ["试行"], category: MetaKey, id: "trial" },
  { name: "Interpreter", en: ["interpreter"], zh: ["解释机关"], category: MetaKey, id: "interpreter" },
  { name: "SourceKw", en: ["source"], zh: ["来源文件"], category: MetaKey, id: "source" },
  { name: "Version", en: ["version"], zh: ["版本"], category: MetaKey, id: "version" },
  { name: "Parent", en: ["parent"], zh: ["上级方案"], category: MetaKey, id: "parent" },
  { name: "DepartmentKw", en: ["department"], zh: ["部门"], category: MetaKey, id: "department" },
  { name: "Domain", en: ["domain"], zh: ["监管领域"], category: MetaKey, id: "domain" },
  { name: "Unstated", en: ["unstated"], zh: ["未载明"] },
  { name: "Note", en: ["note"], zh: ["解释说明"] },
  { name: "Severity", en: ["severity"], zh: ["严重程度"] },
  { name: "Disregard", en: ["disregard"], zh: ["不予计入"] },
  { name: "Let", en: ["let"], zh: ["定义"] },
  { name: "Count", en: ["count"], zh: ["计数"] },
  { name: "Sum", en: ["sum"], zh: ["合计"] },
  { name: "Exists", en: ["exists"], zh: ["存在"] },
  // English writes the largest value with `max`, the model cap's keyword (see dsl/aggregates.ts).
  { name: "MaxOf", en: [], zh: ["最大"] },
  { name: "Of", en: ["of"], zh: ["来自"] },
  { name: "Where", en: ["where"], zh: ["满足"] },
  { name: "InLast", en: ["in last"], zh: ["近"] },
  { name: "In", en: ["in"], zh: ["属于"] },
  { name: "Grade", en: ["grade"], zh: ["等级"] },
  { name: "Any", en: ["any"], zh: ["任一"] },
  { name: "All", en: ["all"], zh: ["全部"] },
  { name: "Not", en: ["not"], zh: ["非"] },
  { name: "And", en: ["and"], zh: ["且"] },
  { name: "Or", en: ["or"], zh: ["或"] },
  { name: "Precedence", en: ["precedence"], zh: ["优先顺序"] },
  { name: "Default", en: ["default"], zh: ["默认等级"] },
  { name: "GradeMap", en: ["grade map"], zh: ["等级对应"] },
  { name: "Measures", en: ["measures"], zh: ["措施"] },
  { name: "Incentive", en: ["incentive"], zh: ["激励措施"], category: MeasureKind, id: "incentive" },
  { name: "Management", en: ["management"], zh: ["管理措施"], category: MeasureKind, id: "management" },
  { name: "Punishment", en: ["punishment"], zh: ["惩戒措施"], category: MeasureKind, id: "punishment" },
  { name: "Tag", en: ["tag"], zh: ["标记"] },
  { name: "Notice", en: ["notice"], zh: ["告知"] },
  { name: "Options", en: ["options"], zh: ["方式"] },
  { name: "RecordKeeping", en: ["record keeping"], zh: ["登记留存"] },
  { name: "Test", en: ["test"], zh: ["测试"] },
  { name: "AsOf", en: ["as of"], zh: ["评价日"] },
  { name: "RecordKw", en: ["record"], zh: ["记录"] },
  { name: "Expect", en: ["expect"], zh: ["预期"] },
  { name: "Matched", en: ["matched"], zh: ["条款"] },
  // Score models, city plans and drafting (bands, overrides, categories, obligations, annexes).
  { name: "Bands", en: ["bands"], zh: ["分档"] },
  { name: "BasedOn", en: ["based on"], zh: ["依据"] },
  { name: "Range", en: ["range"], zh: ["范围"] },
  { name: "To", en: ["to"], zh: ["至"] },
  { name: "Override", en: ["override"], zh: ["直接评定"] },
  { name: "Category", en: ["category"], zh: ["类别"] },
  { name: "Model", en: ["model"], zh: ["评价模型"] },
  { name: "Total", en: ["total"], zh: ["满分"] },
  { name: "MissingAs", en: ["missing as"], zh: ["缺失按"] },
  { name: "Indicator", en: ["indicator"], zh: ["指标项"] },
  { name: "Weight", en: ["weight"], zh: ["权重"] },
  { name: "Deduct", en: ["deduct"], zh: ["减分项"] },
  { name: "Bonus", en: ["bonus"], zh: ["加分项"] },
  { name: "Each", en: ["each"], zh: ["每次"] },
  { name: "Max", en: ["max"], zh: ["最多"] },
  { name: "Obligation", en: ["obligation"], zh: ["义务"] },
  { name: "ForEach", en: ["for each"], zh: ["针对"] },
  { name: "Due", en: ["due"], zh: ["期限"] },
  { name: "Snapshot", en: ["snapshot"], zh: ["评价时点"] },
  { name: "Yearly", en: ["yearly"], zh: ["每年"] },
  { name: "Annex", en: ["annex"], zh: ["附件"] },
  { name: "UnitKw", en: ["unit"], zh: ["单位"] },
  { name: "Collects", en: ["collects"], zh: ["归集范围"] },
  { name: "Requires", en: ["requires"], zh: ["部门要求"] },
  // Per-decision rules, parameters, declared fields, named filters.
  { name: "Param", en: ["param"], zh: ["参数"] },
  { name: "FieldKw", en: ["record field"], zh: ["字段"] },
  { name: "Filter", en: ["filter"], zh: ["条件"] },
  { name: "ItemRule", en: ["item rule"], zh: ["逐项"] },
  { name: "Output", en: ["output"], zh: ["输出"] },
  { name: "Period", en: ["period"], zh: ["评价周期"] },
  { name: "Todo", en: ["TODO"], zh: ["待填写"] },
  // Fidelity: articles accounted for without encoding them, and a plan's exceptions to its requirements.
  { name: "NotEncoded", en: ["not encoded"], zh: ["不予编码"] },
  { name: "Procedural", en: ["procedural"], zh: ["程序性"], category: ReasonKind, id: "procedural" },
  { name: "Organisational", en: ["organisational"], zh: ["组织性"], category: ReasonKind, id: "organisational" },
  { name: "Undecidable", en: ["undecidable"], zh: ["不可判定"], category: ReasonKind, id: "undecidable" },
  { name: "Explanatory", en: ["explanatory"], zh: ["说明性"], category: ReasonKind, id: "explanatory" },
  { name: "Absent", en: ["absent"], zh: ["原文缺失"], category: ReasonKind, id: "absent" },
  { name: "Exception", en: ["exception"], zh: ["例外"] },
  { name: "Exempts", en: ["exempts"], zh: ["免除"] },
  { name: "ClaimsException", en: ["claims exception"], zh: ["适用例外"] },
  { name: "True", en: ["true", "yes"], zh: ["是"], category: BoolLit },
  { name: "False", en: ["false", "no"], zh: ["否"], category: BoolLit },
  { name: "None", en: ["none", "null"], zh: ["无"] },
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A keyword pattern: English words end at a word boundary, spaces inside match any whitespace. */
function spellingPattern(spellings: string[]): RegExp {
  const alts = [...spellings]
    .sort((a, b) => b.length - a.length)
    .map((s) => (/^[A-Za-z]/.test(s) ? `${s.split(" ").map(escapeRe).join("\\s+")}(?![A-Za-z0-9_])` : escapeRe(s)));
  return new RegExp(alts.join("|"));
}

/** The aggregate categories a keyword token belongs to, from the aggregates table. */
function aggregateCategories(name: string): TokenType[] {
  return AGGREGATE_LIST.filter((a) => a.keyword === name || a.enKeyword === name).map((a) => (a.of ? AggregateOfTok : AggregateTok));
}

export const keywordTokens: Record<string, TokenType> = {};
for (const kw of KEYWORDS) {
  keywordTokens[kw.name] = createToken({
    name: kw.name,
    pattern: spellingPattern([...kw.en, ...kw.zh]),
    longer_alt: Identifier,
    categories: [...(kw.category ? [kw.category] : []), ...aggregateCategories(kw.name), KeywordCat],
  });
}
// A keyword that begins another (部门 / 部门要求, 解释 / 解释机关) yields to the longer one when the
// text holds it, as it yields to a longer name.
for (const kw of KEYWORDS) {
  const spellings = [...kw.en, ...kw.zh];
  const longer = KEYWORDS.filter(
    (other) => other !== kw && [...other.en, ...other.zh].some((o) => spellings.some((s) => o.length > s.length && o.startsWith(s))),
  ).map((other) => keywordTokens[other.name] as TokenType);
  if (longer.length) (keywordTokens[kw.name] as TokenType).LONGER_ALT = [...longer, Identifier];
}
export const K = keywordTokens as Record<(typeof KEYWORDS)[number]["name"], TokenType>;

/** Token type name → the keyword's stable id (metadata keys, measure kinds). */
export const KEYWORD_ID_BY_TOKEN: ReadonlyMap<string, string> = new Map(
  KEYWORDS.filter((k) => k.id).map((k) => [k.name, k.id as string]),
);

export const boundaryTokens: TokenType[] = BOUNDARY_WORDS.map((w) =>
  createToken({
    name: `BW_${w.id}`,
    pattern: spellingPattern([...w.en, ...w.zh]),
    longer_alt: Identifier,
    categories: [BoundaryWordTok],
  }),
);
export const BOUNDARY_ID_BY_TOKEN: ReadonlyMap<string, string> = new Map(
  BOUNDARY_WORDS.map((w) => [`BW_${w.id}`, w.id]),
);

export const Inclusive = createToken({
  name: "Inclusive",
  pattern: /[(（]\s*(?:含|inclusive)\s*[)）]/,
  categories: [MarkerTok],
});
export const Exclusive = createToken({
  name: "Exclusive",
  pattern: /[(（]\s*(?:不含|exclusive)\s*[)）]/,
  categories: [MarkerTok],
});

// Article citations as the documents number them: 第八条（二）2, 第十三条（一）1, and the plans'
// 二（四） and bare 三 style. Parentheses may be typed full- or half-width; the AST keeps
// full-width. A longer name wins ("一年内…" is a name, not section 一 followed by 年内…).
const CN_NUM = "[一二三四五六七八九十百零〇两]+";
export const Article = createToken({
  name: "Article",
  pattern: new RegExp(
    `第${CN_NUM}条(?:第${CN_NUM}款)?(?:[（(]${CN_NUM}[）)])?(?:\\d+)?(?:[（(]\\d+[）)])?|${CN_NUM}(?:[（(]${CN_NUM}[）)](?:\\d+)?(?:[（(]\\d+[）)])?)?`,
  ),
  longer_alt: Identifier,
});

export const DateLit = createToken({ name: "DateLit", pattern: /\d{4}-\d{2}-\d{2}(?![0-9])/ });
export const NumberLit = createToken({ name: "NumberLit", pattern: /\d+(?:\.\d+)?/ });

// A unit only counts right after a number, so identifiers such as 次数 or 年度 stay identifiers.
const unitRegex = new RegExp(
  `(?:${UNIT_SPELLINGS.map((u) => (/^[A-Za-z]/.test(u.text) ? `${u.text.split(" ").map(escapeRe).join("\\s+")}(?![A-Za-z0-9_])` : escapeRe(u.text))).join("|")})`,
  "y",
);
const matchUnit: CustomPatternMatcherFunc = (text, offset, tokens) => {
  const prev = tokens[tokens.length - 1];
  if (!prev || prev.tokenType !== NumberLit) return null;
  unitRegex.lastIndex = offset;
  return unitRegex.exec(text);
};
export const Unit = createToken({
  name: "Unit",
  pattern: { exec: matchUnit },
  line_breaks: false,
  start_chars_hint: [...new Set(UNIT_SPELLINGS.map((u) => u.text[0] as string))],
});

// Strings: "…" with JSON escapes, or the Chinese quotes “…” and 「…」 (no escapes needed inside).
export const StringLit = createToken({
  name: "StringLit",
  pattern: /"(?:[^"\\\n]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|“[^”\n]*”|「[^」\n]*」/,
});

export const LBrace = createToken({ name: "LBrace", pattern: /\{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/ });
export const LParen = createToken({ name: "LParen", pattern: /[(（]/ });
export const RParen = createToken({ name: "RParen", pattern: /[)）]/ });
export const Colon = createToken({ name: "Colon", pattern: /[:：]/ });
export const Comma = createToken({ name: "Comma", pattern: /[,，、]/ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-/ });
export const Le = createToken({ name: "Le", pattern: /<=|≤|＜＝/, categories: [CmpOpTok] });
export const Ge = createToken({ name: "Ge", pattern: />=|≥|＞＝/, categories: [CmpOpTok] });
export const Ne = createToken({ name: "Ne", pattern: /!=|≠/, categories: [CmpOpTok] });
export const Lt = createToken({ name: "Lt", pattern: /<|＜/, categories: [CmpOpTok] });
export const Gt = createToken({ name: "Gt", pattern: />|＞/, categories: [CmpOpTok] });
export const Eq = createToken({ name: "Eq", pattern: /==?|＝/, categories: [CmpOpTok] });

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\u3000\ufeff]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: "Comment", pattern: /(?:\/\/|#)[^\n]*/, group: "comments" });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  // Categories first: Chevrotain needs them in the vocabulary.
  MetaKey,
  MeasureKind,
  ReasonKind,
  BoundaryWordTok,
  MarkerTok,
  CmpOpTok,
  BoolLit,
  KeywordCat,
  AggregateTok,
  AggregateOfTok,
  Inclusive,
  Exclusive,
  Unit,
  DateLit,
  NumberLit,
  StringLit,
  Article,
  // Multi-word and longer spellings before their prefixes ("not over" before "not", 不超过 before 超过).
  ...boundaryTokens.slice().sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  ...Object.values(keywordTokens).sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Identifier,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Comma,
  Dot,
  Plus,
  Minus,
  Le,
  Ge,
  Ne,
  Lt,
  Gt,
  Eq,
];

/** Full-width characters the language does not accept, and the ASCII one to type instead. */
export const FULLWIDTH_HINTS: Readonly<Record<string, string>> = {
  "｛": "{",
  "｝": "}",
  "［": "[",
  "］": "]",
  "【": "[",
  "】": "]",
  "；": "; (not needed: end the line instead)",
  "。": ". (not needed: end the line instead)",
  "！": "!",
  "＋": "+",
  "－": "-",
  "＂": '"',
  "‘": '" (strings use "…", “…” or 「…」)',
  "’": '" (strings use "…", “…” or 「…」)',
  "／": "/",
  "＃": "#",
};

export function isKeywordToken(t: IToken): boolean {
  return t.tokenType.CATEGORIES?.includes(KeywordCat) ?? false;
}

/**
 * A Chinese keyword glued to a name ("计数违法行为") is the likeliest cause of an odd name: the
 * hint as data (catalogue key "help/keyword-glued", arguments the name and the keyword).
 */
export function keywordHint(name: string): { key: "help/keyword-glued"; args: [string, string] } | undefined {
  for (const kw of KEYWORDS) {
    for (const s of kw.zh) {
      if (name !== s && (name.startsWith(s) || name.endsWith(s))) return { key: "help/keyword-glued", args: [name, s] };
    }
  }
  return undefined;
}

