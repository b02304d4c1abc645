import { describe, expect, it } from "vitest";
import { renderMessage } from "../../diagnostics/diagnostics.js";
import { lex } from "../../dsl/lexer.js";
import { KEYWORDS } from "../../dsl/tokens.js";

const types = (text: string) => lex(text, "t.policy").tokens.map((t) => t.tokenType.name);
const images = (text: string) => lex(text, "t.policy").tokens.map((t) => t.image);

describe("lexer", () => {
  it("lexes every keyword in both languages to the same token type", () => {
    for (const kw of KEYWORDS) {
      for (const spelling of [...kw.en, ...kw.zh]) {
        const toks = lex(` ${spelling} `, "t").tokens;
        expect(toks.map((t) => t.tokenType.name), spelling).toEqual([kw.name]);
      }
    }
  });

  it("keeps Chinese names that begin or end with a keyword or unit as one name", () => {
    expect(types("次数 年度 分数 定义域 计数器")).toEqual(["Identifier", "Identifier", "Identifier", "Identifier", "Identifier"]);
  });

  it("reads units only right after a number", () => {
    expect(types("3次")).toEqual(["NumberLit", "Unit"]);
    expect(types("50 万元")).toEqual(["NumberLit", "Unit"]);
    expect(types("1年内")).toEqual(["NumberLit", "Unit", "Identifier"]);
    expect(types("7个工作日")).toEqual(["NumberLit", "Unit"]);
    expect(images("7个工作日")).toEqual(["7", "个工作日"]);
    expect(types("3 times")).toEqual(["NumberLit", "Unit"]);
    expect(types("50 wan yuan")).toEqual(["NumberLit", "Unit"]);
    expect(types("3 timestamp")).toEqual(["NumberLit", "Identifier"]);
  });

  it("splits a number out of a Chinese run: 近1年 is 近 · 1 · 年", () => {
    expect(types("近1年")).toEqual(["InLast", "NumberLit", "Unit"]);
  });

  it("lexes boundary words, longest spelling first", () => {
    expect(types("不超过 超过 不满 未满 以内 以上 以下 高于 低于")).toEqual([
      "BW_buchaoguo",
      "BW_chaoguo",
      "BW_buman",
      "BW_buman",
      "BW_yinei",
      "BW_yishang",
      "BW_yixia",
      "BW_gaoyu",
      "BW_diyu",
    ]);
    expect(types("not over over not")).toEqual(["BW_buchaoguo", "BW_chaoguo", "Not"]);
    expect(types("notice")).toEqual(["Notice"]);
  });

  it("reads （含）/（不含） markers in full and half width", () => {
    expect(types("（含） (含) （不含） (不含) (inclusive) (exclusive)")).toEqual([
      "Inclusive",
      "Inclusive",
      "Exclusive",
      "Exclusive",
      "Inclusive",
      "Exclusive",
    ]);
  });

  it("accepts the punctuation a Chinese input method types", () => {
    expect(types("（ ） ： ， 、 “文字” 「文字」")).toEqual([
      "LParen",
      "RParen",
      "Colon",
      "Comma",
      "Comma",
      "StringLit",
      "StringLit",
    ]);
  });

  it("rejects other full-width characters with a hint naming the ASCII one", () => {
    const r = lex("a ｛ b ；", "t.policy");
    expect(r.diagnostics.map((d) => [d.code, d.span?.line, d.span?.col])).toEqual([
      ["CP-E0002", 1, 3],
      ["CP-E0002", 1, 7],
    ]);
    expect(renderMessage(r.diagnostics[0]!, "en")).toContain("{");
  });

  it("reads article citations with full- or half-width parentheses", () => {
    expect(images("第八条（二）2 第十三条(一)1 第七条 二（四）")).toEqual(["第八条（二）2", "第十三条(一)1", "第七条", "二（四）"]);
    expect(types("第八条（二）2")).toEqual(["Article"]);
  });

  it("tells dates from numbers", () => {
    expect(types("2021-12-31 2021 3.5")).toEqual(["DateLit", "NumberLit", "NumberLit"]);
  });

  it("keeps comments out of the token stream but available", () => {
    const r = lex("# 注释\n政策 // note\n", "t");
    expect(r.tokens.map((t) => t.tokenType.name)).toEqual(["Policy"]);
    expect(r.comments.map((c) => c.image)).toEqual(["# 注释", "// note"]);
  });

  it("reports an unterminated string at its opening quote", () => {
    const r = lex('标题 "没有结束', "t");
    expect(r.diagnostics[0]).toMatchObject({ code: "CP-E0006", span: { line: 1, col: 4 } });
  });
});
