// Hover and go-to-definition, as plain functions of the latest analysis and the line under the
// cursor: an article shows its verbatim text as the policy quotes it; a boundary word shows the
// comparison the compiler makes of it and why (民法典第一千二百五十九条, or the （含）/（不含）
// marker); a derived value shows its definition and jumps to it.
import { BOUNDARY_WORDS } from "../../../dsl/boundary.js";
import { Article, KEYWORDS } from "../../../dsl/tokens.js";
import { AGGREGATE_LIST } from "../../../dsl/aggregates.js";
import { findPart } from "../../../record/registry.js";
import type { Range, Summary } from "../analysis/types.js";
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
  };
  const seen = new Set<string>();
  const parts = quotes.filter((q) => !seen.has(`${q.kind}${q.text}`) && seen.add(`${q.kind}${q.text}`));
  return [`**${article}**`, ...parts.map((q) => `*${label[q.kind] ?? q.kind}*\n\n> ${q.text}`)];
}

export function hoverAt(summary: Summary | undefined, lineText: string, line: number, col: number): HoverInfo | undefined {
  const article = matchAt(lineText, Article.PATTERN as RegExp, col);
  if (article) {
    return {
      markdown: articleHover(summary, article.text.replace(/\(/g, "（").replace(/\)/g, "）")),
      range: { line, col: article.start, endLine: line, endCol: article.start + article.text.length },
    };
  }
  const bound = summary?.bounds.find((b) => contains(b.range, line, col));
  const word = wordAt(lineText, col);
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
  if (!word) return undefined;
  const wordRange = { line, col: word.start, endLine: line, endCol: word.start + word.text.length };
  const value = summary?.values.find((v) => v.name === word.text);
  if (value) {
    return { markdown: [`**定义 ${value.name}**`, "```\n" + value.source + "\n```", ...value.notes], range: wordRange };
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

/** Where the derived value (or grade) named under the cursor is defined. */
export function definitionAt(summary: Summary | undefined, lineText: string, col: number): Range | undefined {
  const word = wordAt(lineText, col);
  if (!word || !summary) return undefined;
  const value = summary.values.find((v) => v.name === word.text);
  if (value) return value.nameRange;
  return summary.grades.find((g) => g.id === word.text)?.range;
}
