// Hover and go-to-definition, as plain functions of the latest analysis and the line under the
// cursor: an article shows its verbatim text as the policy quotes it; a boundary word shows the
// comparison the compiler makes of it and why (民法典第一千二百五十九条, or the （含）/（不含）
// marker); a derived value, a parameter, a named filter, a per-item value or output shows what it
// is and jumps to its definition; a built-in function or an aggregate shows its doc.
import { findBuiltin } from "../../../compiler/builtins.js";
import { BOUNDARY_WORDS } from "../../../dsl/boundary.js";
import { Article, KEYWORDS } from "../../../dsl/tokens.js";
import { AGGREGATE_LIST } from "../../../dsl/aggregates.js";
import { findPart } from "../../../record/registry.js";
import type { ItemValueSymbol, Range, Summary } from "../analysis/types.js";
import { builtinDoc, outputDoc, paramDoc } from "./completion-items.js";
import { WORD_PATTERN } from "./monarch.js";

export interface HoverInfo {
  markdown: string[];
  range: Range;
}

const OP_TEXT: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠" };

function contains(r: Range, line: number, col: number): boolean {
  if (line < r.line || line > r.endLine) return false;
  if (line === r.line && col < r.col) return false;
  if (line === r.endLine && col >= r.endCol) return false;
  return true;
}

/** Every match of `re` on the line, and the one covering `col` (1-based). */
function matchAt(lineText: string, re: RegExp, col: number): { text: string; start: number } | undefined {
  const g = new RegExp(re.source, "g");
  for (let m = g.exec(lineText); m; m = g.exec(lineText)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    if (col - 1 >= m.index && col - 1 < m.index + m[0].length) return { text: m[0], start: m.index + 1 };
  }
  return undefined;
}

export function wordAt(lineText: string, col: number): { text: string; start: number } | undefined {
  return matchAt(lineText, WORD_PATTERN, col) ?? (col > 1 ? matchAt(lineText, WORD_PATTERN, col - 1) : undefined);
}

function articleHover(summary: Summary | undefined, article: string): string[] {
  const quotes = (summary?.articles ?? []).filter((a) => a.article === article);
  if (quotes.length === 0) return [`**${article}**`, "本政策未引用该条原文 (the policy quotes no text for this article)"];
  const label: Record<string, string> = {
    clause: "条件 condition",
    measure: "措施 measure",
    notice: "告知 notice",
    "record-keeping": "登记留存 record keeping",
    disregard: "不予计入 disregard",
    note: "解释说明 interpretation note",
    grade: "等级 grade",
    param: "参数 parameter",
    "item-rule": "逐项 item rule",
    category: "类别 category",
    obligation: "义务 obligation",
  };
  const seen = new Set<string>();
  const parts = quotes.filter((q) => !seen.has(`${q.kind}${q.text}`) && seen.add(`${q.kind}${q.text}`));
  return [`**${article}**`, ...parts.map((q) => `*${label[q.kind] ?? q.kind}*\n\n> ${q.text}`)];
}

/** What a name the policy defines is, if it is one: a per-item value, a value, parameter, filter or output. */
function symbolHover(summary: Summary | undefined, name: string, line: number, range: Range): HoverInfo | undefined {
  const localHover = (v: ItemValueSymbol): HoverInfo => ({
    markdown: [`**定义 ${v.name}** · 逐项 item rule ${v.rule}`, "```\n" + v.source + "\n```", ...v.notes],
    range,
  });
  const local = itemValueAt(summary, name, line, true);
  if (local) return localHover(local);
  const value = summary?.values.find((v) => v.name === name);
  if (value) return { markdown: [`**定义 ${value.name}**`, "```\n" + value.source + "\n```", ...value.notes], range };
  const param = summary?.params.find((p) => p.name === name);
  if (param) return { markdown: [`**参数 parameter ${param.name}**`, paramDoc(param)], range };
  const filter = summary?.filters.find((f) => f.name === name);
  if (filter) return { markdown: [`**条件 filter ${filter.name}**`, "```\n" + filter.source + "\n```"], range };
  const output = summary?.outputs.find((o) => o.name === name);
  if (output) return { markdown: [`**输出 output ${output.name}**`, outputDoc(output)], range };
  const elsewhere = itemValueAt(summary, name, line, false);
  return elsewhere ? localHover(elsewhere) : undefined;
}

export function hoverAt(summary: Summary | undefined, lineText: string, line: number, col: number): HoverInfo | undefined {
  const article = matchAt(lineText, Article.PATTERN as RegExp, col);
  if (article) {
    return {
      markdown: articleHover(summary, article.text.replace(/\(/g, "（").replace(/\)/g, "）")),
      range: { line, col: article.start, endLine: line, endCol: article.start + article.text.length },
    };
  }
  const word = wordAt(lineText, col);
  const wordRange = word ? { line, col: word.start, endLine: line, endCol: word.start + word.text.length } : undefined;
  // A name the policy defines is that name even as a bound's operand (不超过 较低数额罚款上限).
  const symbol = word && wordRange ? symbolHover(summary, word.text, line, wordRange) : undefined;
  if (symbol) return symbol;
  const bound = summary?.bounds.find((b) => contains(b.range, line, col));
  if (bound && (bound.word || bound.marker)) {
    const words = BOUNDARY_WORDS.find((w) => w.id === bound.word);
    return {
      markdown: [
        `**${words ? words.zh.join("、") + " / " + words.en.join(", ") : "比较 comparison"}${bound.marker === "incl" ? "（含）" : bound.marker === "excl" ? "（不含）" : ""}**`,
        "```\n" + bound.reading + "\n```",
        ...(bound.basis ? [`依据 basis: ${bound.basis}`] : []),
      ],
      range: bound.range,
    };
  }
  if (!word || !wordRange) return undefined;
  const builtin = findBuiltin(word.text);
  if (builtin && [...builtin.names.zh, ...builtin.names.en].includes(word.text)) {
    return { markdown: [`内置函数 built-in function **${builtin.names.zh.join("/")} / ${builtin.names.en.join("/")}**`, builtinDoc(builtin.fn)], range: wordRange };
  }
  const grade = summary?.grades.find((g) => g.id === word.text);
  if (grade) return { markdown: [`**等级 grade ${grade.id}** ${grade.label}`], range: wordRange };
  const bw = BOUNDARY_WORDS.find((w) => w.zh.includes(word.text) || w.en.includes(word.text));
  if (bw) {
    return { markdown: [`**${bw.zh.join("、")} / ${bw.en.join(", ")}**`, "```\nx " + OP_TEXT[bw.op] + " n\n```", `依据 basis: ${bw.basis}`], range: wordRange };
  }
  const src = findPart(word.text);
  if (src) return { markdown: [`**${src.id}** ${src.zh.join("/")}`, src.doc], range: wordRange };
  const kw = KEYWORDS.find((k) => k.zh.includes(word.text) || k.en.includes(word.text));
  const agg = kw && AGGREGATE_LIST.find((a) => a.keyword === kw.name || (a.enKeyword === kw.name && word.text !== "最多"));
  if (agg) {
    const spelled = (name: string, lang: "zh" | "en") => KEYWORDS.find((k) => k.name === name)?.[lang][0] ?? "";
    const head = `${spelled(agg.keyword, "zh")} / ${spelled(agg.enKeyword ?? agg.keyword, "en")}`;
    const form = agg.of ? `${head} X 来自 P 满足 … 近 N年` : `${head} P 满足 … 近 N年`;
    return { markdown: [`聚合 aggregate **${head}**`, "```\n" + form + "\n```", agg.doc.zh, agg.doc.en], range: wordRange };
  }
  if (kw) return { markdown: [`关键字 keyword **${kw.zh.join(" / ")}** = **${kw.en.join(" / ")}**`], range: wordRange };
  return undefined;
}

/**
 * A per-item value named `name`: with `inRule`, only the one whose rule holds `line` (a rule's
 * values are read within the rule); otherwise the first of that name.
 */
function itemValueAt(summary: Summary | undefined, name: string, line: number | undefined, inRule: boolean): ItemValueSymbol | undefined {
  const named = (summary?.itemValues ?? []).filter((v) => v.name === name);
  if (!inRule) return named[0];
  return line === undefined ? undefined : named.find((v) => line >= v.ruleRange.line && line <= v.ruleRange.endLine);
}

/**
 * Where the name under the cursor is defined: a per-item value of the rule the cursor is in, a
 * derived value, a parameter, a named filter, a per-item output, another rule's value, a grade.
 */
export function definitionAt(summary: Summary | undefined, lineText: string, col: number, line?: number): Range | undefined {
  const word = wordAt(lineText, col);
  if (!word || !summary) return undefined;
  const name = word.text;
  return (
    itemValueAt(summary, name, line, true)?.nameRange ??
    summary.values.find((v) => v.name === name)?.nameRange ??
    summary.params.find((p) => p.name === name)?.nameRange ??
    summary.filters.find((f) => f.name === name)?.nameRange ??
    summary.outputs.find((o) => o.name === name)?.nameRange ??
    itemValueAt(summary, name, line, false)?.nameRange ??
    summary.grades.find((g) => g.id === name)?.range
  );
}
