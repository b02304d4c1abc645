// Every class of rejected row, with its code and its row number, and rows read = accepted +
// rejected in each case. In process over small tables, then once through the command (the rejects
// file's lines, exit 3, the summary).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { uscc } from "../../examples/shuanggongshi/generate.mjs";
import { cli } from "../cli/run-cli.js";
import { H2018, importRows, row2018 } from "./helpers.js";

const A = uscc("91140603MA0Y00201");
const B = uscc("91140603MA0Y00202");
const AUTH = "朔州市平鲁区市场监督管理局";
const base = { 行政相对人名称: "甲公司", 行政相对人类别: "法人及非法人组织", "行政相对人代码_1（统一社会信用代码）": A, 处罚类别: "警告", 处罚决定日期: "2021-06-01", 处罚机关: AUTH };
let n = 0;
const good = (over: Record<string, string> = {}) => row2018({ ...base, 行政处罚决定书文号: `平市监罚〔2021〕${++n}号`, ...over });

/** Imports a header and rows; expects exactly one rejected row, at `row`, with `code` (and message key). */
function rejectsOne(rows: string[][], row: number, code: string, key?: string, header = H2018) {
  const { rejects, counts, records } = importRows([{ file: "t.csv", rows: [header, ...rows] }]);
  expect(counts.read).toBe(rows.length);
  expect(counts.accepted + counts.rejected).toBe(counts.read);
  expect(rejects.map((r) => [r.row, r.code])).toEqual([[row, code]]);
  if (key) expect(rejects[0]?.key).toBe(key);
  return { rejects, counts, records };
}

describe("rejected rows: code and row number", () => {
  it("unknown 处罚类别 (CP-E0902), naming the category; an ambiguous one too", () => {
    const { rejects } = rejectsOne([good(), good({ 处罚类别: "警告；罚没款" }), good()], 3, "CP-E0902");
    expect(rejects[0]?.args).toEqual(["罚没款"]);
    expect(rejects[0]?.column).toBe("处罚类别");
    rejectsOne([good({ 处罚类别: "暂扣或者吊销许可证、暂扣或者吊销执照" })], 2, "CP-E0902", "CP-E0902/ambiguous");
  });

  it("bad date (CP-E0903): an impossible day, a form that is no date; a list removed before it was listed", () => {
    rejectsOne([good(), good(), good({ 处罚决定日期: "2021-02-30" })], 4, "CP-E0903");
    rejectsOne([good({ 处罚决定日期: "6/1/2021" })], 2, "CP-E0903");
    rejectsOne([[A, "红名单", "2021-06-01", "2021-05-01"]], 2, "CP-E0903", "CP-E0903/order", ["统一社会信用代码", "名单类型", "列入日期", "移出日期"]);
  });

  it("bad amount (CP-E0904): no number, finer than a fen, a 罚款 without amount, an amount without its penalty", () => {
    rejectsOne([good({ 处罚类别: "罚款", "罚款金额（万元）": "伍仟元" })], 2, "CP-E0904");
    rejectsOne([good({ 处罚类别: "罚款", "罚款金额（万元）": "0.0000001" })], 2, "CP-E0904");
    rejectsOne([good({ 处罚类别: "罚款" })], 2, "CP-E0904", "CP-E0904/missing");
    rejectsOne([good({ 处罚类别: "警告", "罚款金额（万元）": "0.5" })], 2, "CP-E0904", "CP-E0904/no-kind");
  });

  it("missing subject code (CP-E0905): no code at all, a masked number, a code Excel turned into a number", () => {
    rejectsOne([good(), good({ "行政相对人代码_1（统一社会信用代码）": "无" })], 3, "CP-E0905");
    rejectsOne([good({ "行政相对人代码_1（统一社会信用代码）": "", 行政相对人类别: "自然人", 证件类型: "身份证", 证件号码: "1406**********1234" })], 2, "CP-E0905", "CP-E0905/masked");
    rejectsOne([good({ "行政相对人代码_1（统一社会信用代码）": "", 证件号码: "1.40602E+17" })], 2, "CP-E0905", "CP-E0905/excel-number");
  });

  it("bad check digit (CP-E0906): a 统一社会信用代码 and a 身份证号码; a malformed code", () => {
    const wrong = A.slice(0, 17) + (A[17] === "0" ? "1" : "0");
    const { rejects } = rejectsOne([good(), good({ "行政相对人代码_1（统一社会信用代码）": wrong })], 3, "CP-E0906");
    expect(rejects[0]?.args).toEqual([wrong, A[17]]);
    rejectsOne([good({ "行政相对人代码_1（统一社会信用代码）": "", 证件类型: "身份证", 证件号码: "110105194912310021" })], 2, "CP-E0906", "CP-E0906/id-card");
    rejectsOne([good({ "行政相对人代码_1（统一社会信用代码）": "9114060312345" })], 2, "CP-E0906", "CP-E0906/format");
  });

  it("missing required column (CP-E0901): every row of the table, naming the columns", () => {
    const header = H2018.filter((h) => h !== "处罚决定日期" && h !== "处罚机关");
    const rows = [good(), good(), good()].map((r) => r.filter((_, i) => H2018[i] !== "处罚决定日期" && H2018[i] !== "处罚机关"));
    const { rejects, counts } = importRows([{ file: "t.csv", rows: [header, ...rows] }]);
    expect(rejects.map((r) => [r.row, r.code])).toEqual([
      [2, "CP-E0901"],
      [3, "CP-E0901"],
      [4, "CP-E0901"],
    ]);
    expect(rejects[0]?.args[0]).toBe("处罚决定日期、处罚机关");
    expect(counts).toEqual({ read: 3, accepted: 0, rejected: 3 });
  });

  it("conflicting duplicate (CP-E0907): the later copy, naming the first and what differs; an agreeing copy is merged", () => {
    const first = good({ 处罚类别: "罚款", "罚款金额（万元）": "1" });
    const same = [...first];
    const other = row2018({ ...base, 行政处罚决定书文号: first[H2018.indexOf("行政处罚决定书文号")] as string, 处罚类别: "罚款", "罚款金额（万元）": "10" });
    const { rejects, records, counts } = importRows([
      { file: "a.csv", rows: [H2018, first, same] },
      { file: "b.xlsx", sheet: "2021年", rows: [H2018, other] },
    ]);
    expect(rejects.map((r) => [r.file, r.sheet, r.row, r.code])).toEqual([["b.xlsx", "2021年", 2, "CP-E0907"]]);
    expect(rejects[0]?.args.slice(2)).toEqual(["a.csv:2", "penalties"]);
    expect(counts).toEqual({ read: 3, accepted: 2, rejected: 1 });
    const sanctions = records[0]?.["sanctions"] as { provenance: { rows: unknown[] }; violations: { penalties: unknown[] }[] }[];
    expect(sanctions).toHaveLength(1);
    expect(sanctions[0]?.provenance.rows).toEqual([
      { file: "a.csv", row: 2 },
      { file: "a.csv", row: 3 },
    ]);
    expect(sanctions[0]?.violations[0]?.penalties).toEqual([{ kind: "fine", amount: "10000.00" }]);
    // Another subject for the same decision is a conflict too.
    const moved = [...first];
    moved[H2018.indexOf("行政相对人代码_1（统一社会信用代码）")] = B;
    expect(importRows([{ file: "a.csv", rows: [H2018, first, moved] }]).rejects.map((r) => [r.row, r.code, r.args[3]])).toEqual([[3, "CP-E0907", "subject"]]);
  });

  it("a value no table knows (CP-E0908), an empty required cell (CP-E0911)", () => {
    rejectsOne([good({ 行政相对人类别: "外星人" })], 2, "CP-E0908");
    rejectsOne([good({ 处罚机关: " " })], 2, "CP-E0911");
    rejectsOne([good({ 行政处罚决定书文号: "" })], 2, "CP-E0911");
    rejectsOne([[A, "荣誉榜", "2021-06-01"]], 2, "CP-E0908", undefined, ["统一社会信用代码", "名单类型", "列入日期"]);
  });

  it("status changes that fit no decision (CP-E0909), or conflict with it (CP-E0910)", () => {
    const d = good();
    const no = d[H2018.indexOf("行政处罚决定书文号")] as string;
    const H = ["行政处罚决定书文号", "处罚机关", "统一社会信用代码", "处理结果", "修复日期"];
    const { rejects, counts, records } = importRows([
      { file: "p.csv", rows: [H2018, d] },
      {
        file: "r.csv",
        rows: [
          H,
          [no, AUTH, A, "信用修复", "2021-09-01"],
          ["平市监罚〔2019〕1号", AUTH, "", "信用修复", "2021-09-01"],
          [no, AUTH, A, "撤销", "2021-09-01"],
          [no, AUTH, A, "撤销", "2021-05-01"],
          [no, AUTH, B, "撤销", "2021-10-01"],
          [no, AUTH, A, "信用修复", "2021/9/1"],
        ],
      },
    ]);
    expect(rejects.map((r) => [r.row, r.code, r.key])).toEqual([
      [3, "CP-E0909", undefined],
      [4, "CP-E0910", undefined],
      [5, "CP-E0910", "CP-E0910/before"],
      [6, "CP-E0910", "CP-E0910/subject"],
    ]);
    expect(counts).toEqual({ read: 7, accepted: 3, rejected: 4 });
    const s = (records[0]?.["sanctions"] as Record<string, unknown>[])[0];
    expect(s?.["status"]).toBe("repaired");
    expect(s?.["status_history"]).toEqual([{ status: "repaired", from: "2021-09-01" }]);
  });

  it("no known header (CP-E0913): every row; a sheet of notes is skipped, not rejected", () => {
    const { rejects, counts } = importRows([
      { file: "x.xlsx", sheet: "数据", rows: [["姓名", "年龄", "住址"], ["张三", "30", "平鲁"]] },
      { file: "x.xlsx", sheet: "填表说明", rows: [["说明"], ["1. 金额单位为万元"]] },
    ]);
    expect(rejects.map((r) => [r.sheet, r.row, r.code])).toEqual([
      ["数据", 1, "CP-E0913"],
      ["数据", 2, "CP-E0913"],
    ]);
    expect(rejects[0]?.cells).toEqual({ A: "姓名", B: "年龄", C: "住址" });
    expect(counts).toEqual({ read: 2, accepted: 0, rejected: 2 });
  });

  it("keeps title rows above the header and blank rows out of the count; reports every problem of a row", () => {
    const bad = good({ 处罚类别: "罚没", 处罚决定日期: "2021-02-30", "行政相对人代码_1（统一社会信用代码）": "" });
    const { rejects, counts } = importRows([{ file: "t.csv", rows: [["行政处罚信息公示表"], [], H2018, good(), ["", " ", ""], bad] }]);
    expect(counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(rejects[0]?.row).toBe(6);
    expect(rejects[0]?.errors.map((e) => e.code)).toEqual(["CP-E0905", "CP-E0903", "CP-E0902"]);
  });
});

describe("the command's rejects", () => {
  it("writes them to --rejects as JSON Lines (file, row, cells, code, messages), exits 3, and sums up", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-import-"));
    const csv = [H2018, good(), good({ 处罚类别: "罚没" }), good({ 处罚决定日期: "2021-02-30" })].map((r) => r.join(",")).join("\r\n");
    writeFileSync(join(dir, "in.csv"), "\ufeff" + csv + "\r\n");
    const r = cli(["import", join(dir, "in.csv"), "--rejects", join(dir, "rejects.jsonl"), "--output", join(dir, "out.jsonl")]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    const lines = readFileSync(join(dir, "rejects.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l["row"], l["code"]])).toEqual([
      [3, "CP-E0902"],
      [4, "CP-E0903"],
    ]);
    expect(lines[0]).toMatchObject({ file: join(dir, "in.csv"), column: "处罚类别", cells: { 处罚类别: "罚没", 处罚机关: AUTH } });
    expect(typeof lines[0]?.["message"]).toBe("string");
    expect(lines[0]?.["message_zh"]).toMatch(/罚没/);
    expect(lines[0]).not.toHaveProperty("sheet");
    expect(readFileSync(join(dir, "out.jsonl"), "utf8").trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/3 rows read, 1 accepted, 2 rejected \(CP-E0902 1, CP-E0903 1\); 1 subjects written/);

    // Without --rejects, each rejected row is a line on stderr: FILE:ROW: error CODE.
    const plain = cli(["import", join(dir, "in.csv"), "--quiet"]);
    expect(plain.code).toBe(3);
    expect(plain.stderr.trim().split("\n").map((l) => l.replace(/: error (CP-E\d+).*/, " $1").replace(dir, "D"))).toEqual(["D/in.csv:3 CP-E0902", "D/in.csv:4 CP-E0903"]);
    expect(plain.lines).toHaveLength(1);
  });

  it("exits 2 for a file that is not there or an old .xls workbook, writing nothing", () => {
    expect(cli(["import", "no-such-file.csv"]).code).toBe(2);
    expect(cli(["import", "book.xls"]).code).toBe(2);
  });
});
