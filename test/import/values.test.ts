// The values of offices' files: dates in every form they are written in (Excel serials included),
// 万元 to exact fen, 统一社会信用代码 and 身份证号码 check characters, 处罚类别 through the table,
// headers through the aliases.
import { describe, expect, it } from "vitest";
import { checkIdCard, checkUscc, isExcelScientific, usccCheckChar } from "../../ingest/codes.js";
import { matchHeader } from "../../ingest/headers.js";
import { defaultTables, loadTables, penaltyKinds } from "../../ingest/tables.js";
import { amountsInText, parseAmount, parseDate } from "../../ingest/values.js";
import { idCard, uscc } from "../../examples/shuanggongshi/generate.mjs";

describe("dates", () => {
  it.each([
    ["2021-06-01", "2021-06-01"],
    ["2021/6/1", "2021-06-01"],
    ["2021.6.1", "2021-06-01"],
    ["2021年6月1日", "2021-06-01"],
    ["２０２１年６月１日", "2021-06-01"],
    ["20210601", "2021-06-01"],
    [" 2021-06-01 00:00:00 ", "2021-06-01"],
    ["2021/06/01 9:30", "2021-06-01"],
    ["44348", "2021-06-01"],
    ["44348.75", "2021-06-01"],
    ["43890", "2020-02-29"],
    ["2020-02-29", "2020-02-29"],
  ])("%j is %s", (text, iso) => expect(parseDate(text)).toBe(iso));

  it.each(["2021-02-30", "2021-13-01", "21/6/1", "6/1/2021", "2021", "5", "99999", "10000", "二〇二一年六月一日", "2021-06", "later"])("%j is not a date", (text) =>
    expect(parseDate(text)).toBeUndefined(),
  );
});

describe("amounts", () => {
  it("converts 万元 to fen exactly, never through a float", () => {
    expect(parseAmount("0.35", "wan")).toEqual({ fen: 350000n });
    expect(parseAmount("25.0001", "wan")).toEqual({ fen: 25000100n });
    expect(parseAmount("0.000001", "wan")).toEqual({ fen: 1n });
    expect(parseAmount("０.５", "wan")).toEqual({ fen: 500000n });
    expect(parseAmount("1,234.5", "wan")).toEqual({ fen: 1234500000n });
    expect(parseAmount("5000元", "wan")).toEqual({ fen: 500000n });
    expect(parseAmount("人民币0.3万元", "yuan")).toEqual({ fen: 300000n });
    expect(parseAmount("12.34", "yuan")).toEqual({ fen: 1234n });
    // 0.1 + 0.2 in binary is 0.30000000000000004; the text is what is read.
    expect(parseAmount("0.3", "wan")).toEqual({ fen: 300000n });
  });

  it("refuses what is no amount, a negative one, or one finer than a fen", () => {
    expect(parseAmount("伍仟元", "wan")).toEqual({ error: "format" });
    expect(parseAmount("1,23", "wan")).toEqual({ error: "format" });
    expect(parseAmount("-1", "wan")).toEqual({ error: "negative" });
    expect(parseAmount("0.0000001", "wan")).toEqual({ error: "precision" });
    expect(parseAmount("0.001", "yuan")).toEqual({ error: "precision" });
  });

  it("finds the amounts a 2016 处罚结果 states", () => {
    expect(amountsInText("罚款人民币48万元，没收违法所得1,200元")).toEqual({ fine: ["48万元"], confiscation: ["1,200元"] });
    expect(amountsInText("警告")).toEqual({ fine: [], confiscation: [] });
  });
});

describe("codes", () => {
  it("checks the 统一社会信用代码 (GB 32100-2015) by its check character", () => {
    // Codes as published (the standard's worked example, and registered enterprises').
    for (const published of ["91350100M000100Y43", "914403001922038216", "91110108551385082Q", "11100000000013127D"]) expect(checkUscc(published), published).toBe("ok");
    const code = uscc("91140603MA0K00001");
    expect(checkUscc(code)).toBe("ok");
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(checkUscc(code.slice(0, 17) + (code[17] === "0" ? "1" : "0"))).toBe("check-digit");
    expect(checkUscc("91140603MA0K0000I1")).toBe("format");
    expect(checkUscc("91140603MA0K00001")).toBe("format");
  });

  it("checks the 身份证号码 (GB 11643-1999)", () => {
    expect(checkIdCard("11010519491231002X")).toBe("ok");
    expect(checkIdCard(idCard("14060319800101123"))).toBe("ok");
    expect(checkIdCard("110105194912310021")).toBe("check-digit");
    expect(checkIdCard("1101051949123100")).toBe("format");
  });

  it("recognises a code Excel turned into a number", () => {
    expect(isExcelScientific("1.40602E+17")).toBe(true);
    expect(isExcelScientific("1.4060319851212E+017")).toBe(true);
    expect(isExcelScientific("140602000012345")).toBe(false);
  });
});

describe("处罚类别 through the mapping table", () => {
  const t = defaultTables();
  it.each([
    ["警告", ["warning"]],
    ["警告；罚款", ["warning", "fine"]],
    ["警告;罚款", ["warning", "fine"]],
    ["罚款、没收违法所得", ["fine", "confiscation"]],
    ["没收违法所得、没收非法财物", ["confiscation"]],
    ["罚款，责令停产停业", ["fine", "order_suspension"]],
    ["罚款 吊销许可证件", ["fine", "revoke_license"]],
    ["罚款\n行政拘留", ["fine", "detention"]],
    ["罚款；罚款", ["fine"]],
    ["其他", []],
  ])("%j → %j", (text, kinds) => expect(penaltyKinds(t, text)).toEqual({ kinds }));

  it("names what it does not know, and refuses an ambiguous category with its note", () => {
    expect(penaltyKinds(t, "警告；罚没款")).toEqual({ unknown: "罚没款" });
    expect(penaltyKinds(t, "暂扣或者吊销许可证、暂扣或者吊销执照")).toMatchObject({ ambiguous: "暂扣或者吊销许可证、暂扣或者吊销执照" });
  });

  it("reads an office's own table, and refuses a table that names a column twice", () => {
    const own = loadTables(undefined, { blank: [], penalty_kinds: [{ text: "罚没款", kinds: ["fine"] }], statuses: [], list_kinds: [], subject_categories: [], id_types: [], yes_no: [] });
    expect(penaltyKinds(own, "罚没款")).toEqual({ kinds: ["fine"] });
    expect(() =>
      loadTables({ layouts: [{ id: "x", feed: "lists", title: "x", required: [], columns: { a: ["名称"], b: ["名称"] } }] }),
    ).toThrow(/名称/);
  });
});

describe("headers", () => {
  const t = defaultTables();
  it("match with either brackets, spaces, line breaks and required marks", () => {
    const r = matchHeader(t, ["*行政相对人名称", "行政相对人代码_1(统一社会信用代码)", "行政处罚决定书文号\n", "处罚类别（必填）", "罚款金额 （万元）", "处罚决定日期", "处罚机关", "经办人"]);
    expect("match" in r && r.match.layout.id).toBe("penalty-2018");
    if (!("match" in r)) return;
    expect(r.match.missing).toEqual([]);
    expect([...r.match.index.keys()]).toEqual(["subject_name", "uscc", "decision_no", "penalty_kinds", "fine_wan", "decision_date", "authority"]);
    expect(r.match.extra).toEqual([{ index: 7, header: "经办人" }]);
  });

  it("tells the 2016 template, a list feed and a repair feed apart", () => {
    const layout = (h: string[]) => {
      const r = matchHeader(t, h);
      return "match" in r ? r.match.layout.id : r;
    };
    expect(layout(["行政处罚决定书文号", "处罚名称", "处罚类别1", "处罚类别2", "行政相对人名称", "统一社会信用代码", "处罚决定日期", "处罚机关", "当前状态"])).toBe("penalty-2016");
    expect(layout(["统一社会信用代码", "主体名称", "名单类型", "列入日期", "移出日期"])).toBe("list-feed");
    expect(layout(["行政处罚决定书文号", "处罚机关", "处理结果", "修复日期"])).toBe("repair-feed");
    expect(layout(["姓名", "年龄"])).toEqual({ none: true });
  });

  it("names the required columns a header lacks", () => {
    const r = matchHeader(t, ["行政相对人名称", "统一社会信用代码", "行政处罚决定书文号", "处罚类别", "处罚机关"]);
    expect("match" in r && r.match.missing).toEqual(["处罚决定日期"]);
  });
});
