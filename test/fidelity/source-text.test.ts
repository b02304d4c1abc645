// The article-structure reader on the five source texts: the units each document numbers, page
// breaks joined, markup and signatures dropped, sentences split at 。；; and quotes found verbatim.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closestPassage, locate } from "../../compiler/fidelity/locate.js";
import { findUnit, normalise, readSource, splitSentences } from "../../compiler/fidelity/source-text.js";

const ROOT = join(import.meta.dirname, "..", "..");
const text = (id: string, file: string) => readFileSync(join(ROOT, "policies", id, file), "utf8");
const pinglu = readSource(text("pinglu-fgj", "pinglu-fgj-2021-121.txt"));
const yuncheng = readSource(text("yuncheng-kjj", "yuncheng-kjj-2021-29.txt"));
const sfj = readSource(text("wugang-sfj", "wugang-sfj-2021-10.txt"));
const plan = readSource(text("wugang-credit-plan", "wugang-credit-plan-2021-1.txt"));
const changzhi = readSource(text("changzhi-plan", "changzhi-plan-2020-16.txt"));
const ids = (s: ReturnType<typeof readSource>) => s.units.map((u) => u.id);

describe("the articles of a rules document (第N条, （一）, 1.)", () => {
  it("numbers 条, 项 and 目 as the policies cite them, from 第一条 to the last", () => {
    expect(pinglu.style).toBe("rules");
    expect(ids(pinglu).filter((id) => /^第[一二三四五六七八九十]+条$/.test(id))).toHaveLength(17);
    expect(ids(pinglu)).toEqual(expect.arrayContaining(["第八条（一）1", "第八条（二）2", "第八条（三）2", "第十三条（一）4", "第十三条（二）2", "第十七条"]));
    expect(pinglu.units).toHaveLength(45);
    // yuncheng writes its sub-items "- 1、…" in Markdown, with its articles in bold.
    expect(ids(yuncheng)).toEqual(expect.arrayContaining(["第十条（一）1", "第十条（一）6", "第十条（二）2", "第十四条"]));
    expect(yuncheng.units).toHaveLength(33);
  });

  it("joins a sentence broken by a page (“绿 / 色通道”), keeps the preamble and the signature out", () => {
    const item = findUnit(pinglu, "第十一条（三）");
    expect(item?.sentences.map((s) => s.text)).toEqual(["在办理行政许可过程中，可根据实际情况实施“绿色通道”等便利服务措施；"]);
    expect(pinglu.body).not.toContain("局属各股室");
    expect(yuncheng.body).not.toContain("2021年8月19日");
    expect(yuncheng.whole).toContain("2021年8月19日");
    // wugang-sfj's 第七条 lost words at a page break: what remains is one sentence, not two articles.
    expect(findUnit(sfj, "第七条")?.sentences[0]?.text).toBe("根据职责权限，遵循守信激励和失信惩戒的精神，对管理相对人的不同信用等级实施分类管理和服用等级分为A、B、C三个等级。");
  });

  it("marks lead-ins before items as structure, not text to account for", () => {
    const lead = findUnit(pinglu, "第十一条")?.sentences;
    expect(lead?.map((s) => [s.text, s.structural])).toEqual([["对信用等级评为A级的管理相对人，实施下列激励措施：", true]]);
    expect(findUnit(pinglu, "第十七条")?.sentences.every((s) => !s.structural)).toBe(true);
  });
});

describe("the parts and items of a plan (一、, （一）) and its annex", () => {
  it("cites part and item, the items numbered through the document (changzhi) or per part (wugang)", () => {
    expect(changzhi.style).toBe("plan");
    expect(ids(changzhi)).toEqual([
      ...["一", "一（一）", "一（二）", "一（三）", "二", "二（四）", "二（五）", "二（六）"],
      ...["三", "三（七）", "三（八）", "三（九）", "三（十）", "三（十一）"],
      ...["四", "四（十二）", "四（十三）", "四（十四）", "四（十五）", "四（十六）"],
      ...["五", "五（十七）", "五（十八）", "五（十九）", "五（二十）", "五（二十一）", "附件"],
    ]);
    expect(ids(plan)).toEqual(["一", "二", "二（一）", "二（二）", "二（三）", "二（四）", "二（五）", "二（六）", "三", "四", "四（一）", "四（二）", "四（三）", "五", "五（一）", "五（二）", "五（三）", "附件"]);
  });

  it("reads headings as titles and run-in headings as structure", () => {
    expect(findUnit(changzhi, "三（十）")?.title).toBe("坚决依法依规实施市场和行业禁入措施");
    const three = findUnit(plan, "三")?.sentences ?? [];
    expect(three.filter((s) => s.structural).map((s) => s.text)).toEqual(["加强信用分类监管制度建设。", "强化信用分级分类结果共享。", "推进信用分级分类监管。"]);
    // A real sentence of sixteen characters is not a heading.
    expect(findUnit(changzhi, "三（七）")?.sentences[0]).toMatchObject({ text: "依法依规落实联合奖惩对象名单制度。", structural: false });
  });

  it("splits at the ASCII ; the plan uses, and keeps its , as they are", () => {
    const three = findUnit(plan, "三")?.sentences.map((s) => s.text) ?? [];
    expect(three).toContain("对信用风险一般的市场主体,按常规比例和频次抽查;");
    expect(splitSentences("甲。“乙；”丙")).toEqual(["甲。", "“乙；", "”丙"]);
  });

  it("keeps the annex's rows without their numbers", () => {
    const annex = findUnit(plan, "附件");
    expect(annex?.title).toBe("市直单位分级分类监管领域分工");
    expect(annex?.sentences.filter((s) => !s.structural).map((s) => s.text)).toContain("市司法局：法律服务机构(人员)领域");
  });
});

describe("quotes", () => {
  it("are found after removing whitespace only, inside the cited unit first", () => {
    const unit = findUnit(changzhi, "四（十三）");
    expect(unit && locate(changzhi.body, "在 7 个工作日内上网公开", unit.start, unit.end).inside).toBe(true);
    expect(locate(plan.body, "对信用风险一般的市场主体，按常规比例和频次抽查；").at).toBeUndefined();
    expect(normalise(" a\u3000b\n\nc ")).toBe("abc");
  });

  it("that do not occur get the closest passage and the first difference", () => {
    const c = closestPassage(plan.body, "对信用风险一般的市场主体，按常规比例和频次抽查;");
    expect(plan.body.slice(c.start, c.end)).toBe("对信用风险一般的市场主体,按常规比例和频次抽查;");
    expect([c.distance, c.quoteHas, c.sourceHas]).toEqual([1, "，", ","]);
  });
});
