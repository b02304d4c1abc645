// The two real cases the diff must get exactly right, through the command line:
//   1. pinglu-fgj vs wugang-sfj, two bureaus' near-identical rules: their real differences and
//      nothing else;
//   2. the test revision of pinglu-fgj (fines bound 50万元 → 30万元, one measure added): exactly
//      those two rule changes, their witness, and their impact on examples/records.jsonl.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import type { Change, DiffReport } from "../../analysis/diff/model.js";
import { makeGrader } from "../../runtime/evaluate.js";
import { cli, ROOT } from "../cli/run-cli.js";

function diffJson(args: string[]): DiffReport {
  const r = cli(["diff", ...args, "--format", "json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as DiffReport;
}

/** A change as a row: kind, article, grade, key or subject, old, new. */
function row(c: Change): (string | null | undefined)[] {
  return [c.kind, c.article, c.grade, c.key ?? c.subject, c.old, c.new];
}

const wordsOf = (c: Change | undefined) =>
  (c?.text?.diff ?? []).filter((o) => o.op !== "equal").map((o) => `${o.op === "delete" ? "-" : "+"}${o.text}`);

describe("diff pinglu-fgj wugang-sfj", () => {
  const report = diffJson(["pinglu-fgj", "wugang-sfj"]);
  const at = (kind: string, article: string | null) => report.changes.find((c) => c.kind === kind && c.article === article);

  it("names exactly their real differences", () => {
    expect(report.changes.map(row)).toEqual([
      ["metadata", null, undefined, "id", "pinglu-fgj", "wugang-sfj"],
      ["metadata", null, undefined, "title", "朔州市平鲁区发展和改革局信用分级分类监管制度（试行）", "舞钢市司法局信用分级分类监管制度"],
      ["metadata", null, undefined, "authority", "朔州市平鲁区发展和改革局", "舞钢市司法局"],
      ["metadata", null, undefined, "document", "平发改发〔2021〕121号", "舞司〔2021〕10号"],
      ["metadata", null, undefined, "issued", "未载明", "2021-04-15"],
      ["metadata", null, undefined, "effective", "未载明", "2021-04-15"],
      ["metadata", null, undefined, "trial", "是", "否"],
      ["metadata", null, undefined, "interpreter", "朔州市平鲁区发改局", "舞钢市司法局"],
      ["metadata", null, undefined, "source", "pinglu-fgj-2021-121.txt", "wugang-sfj-2021-10.txt"],
      ["metadata", null, undefined, "version", "2021-121", "2021-10"],
      // wugang-sfj follows the Wugang city plan (its annex gives 市司法局 this domain).
      ["metadata", null, undefined, "parent", null, "wugang-credit-plan"],
      ["metadata", null, undefined, "department", null, "市司法局"],
      ["metadata", null, undefined, "domain", null, "法律服务机构(人员)领域"],
      // A: three conditions (honours, good ratings, association honours) become the red list.
      ["condition-added", "第八条（一）", "A", undefined, null, "红名单有效"],
      ["condition-removed", "第八条（一）1", "A", undefined, "一年内诚信表彰次数 1次以上", null],
      ["condition-removed", "第八条（一）2", "A", undefined, "一年内信用等级良好次数 1次以上", null],
      ["condition-removed", "第八条（一）3", "A", undefined, "一年内行业协会表彰次数 1次以上", null],
      // B: 罚款 becomes 罚没款 (fines and confiscations summed).
      ["amount-kinds", "第八条（二）2", "B", "一年内罚没款累计", "金额(罚款)", "金额(罚款, 没收)"],
      // C: two conditions (severe dishonesty findings; severe penalties or low ratings) become the black list.
      ["condition-added", "第八条（三）", "C", undefined, null, "黑名单有效"],
      ["condition-removed", "第八条（三）1", "C", undefined, "一年内认定严重失信次数 1次以上", null],
      ["condition-removed", "第八条（三）2", "C", undefined, "一年内严重行政处罚次数 1次以上 或 一年内信用等级低下次数 1次以上", null],
      // Wording of measures, of where the record is filed, and of the disregard rule.
      ["measure-reworded", "第十一条（一）", "A", undefined, undefined, undefined],
      ["measure-reworded", "第十一条（二）", "A", undefined, undefined, undefined],
      ["record-keeping-reworded", "第十四条", undefined, undefined, undefined, undefined],
      ["disregard", "第十六条", undefined, undefined, undefined, undefined],
      // What wugang-sfj collects (第四条), as the plan requires of a department.
      ["other", null, undefined, "collects", null, JSON.stringify({ article: "第四条", items: ["量化分级", "日常监督检查", "投诉举报和公众评价", "上级推送的国家公共信用综合评价结果", "“红黑名单”", "市直其他部门通报的联合奖惩信息"] })],
    ]);
  });

  it("shows the conditions' definitions and quoted texts, and the rewordings word by word", () => {
    expect(at("condition-added", "第八条（一）")?.detail?.["definitions"]).toEqual(["红名单有效 = 存在 名单 满足 名单类型 = 红名单 且 有效期内"]);
    expect(at("condition-added", "第八条（三）")?.detail?.["definitions"]).toEqual(["黑名单有效 = 存在 名单 满足 名单类型 = 黑名单 且 有效期内"]);
    expect(at("amount-kinds", "第八条（二）2")?.detail).toEqual({ old: ["fine"], new: ["confiscation", "fine"] });
    expect(wordsOf(at("amount-kinds", "第八条（二）2"))).toEqual(["-罚款", "+罚没款"]);
    expect(wordsOf(at("measure-reworded", "第十一条（一）"))).toEqual(["-、市", "-区", "+市、县"]);
    expect(at("measure-reworded", "第十一条（一）")?.text?.old).toContain("国家、省、市和区");
    expect(at("measure-reworded", "第十一条（一）")?.text?.new).toContain("国家、省和市、县");
    expect(wordsOf(at("measure-reworded", "第十一条（二）"))).toEqual(["-予", "+于"]);
    expect(wordsOf(at("record-keeping-reworded", "第十四条"))).toEqual(["-至局办公室", "-有关", "+市"]);
    expect(wordsOf(at("disregard", "第十六条"))).toEqual(["-法规处"]);
  });

  it("gives a witness record for each grade, graded differently by the two policies", () => {
    expect(report.witnesses.map((w) => w.grade)).toEqual(["A", "B", "C"]);
    // Graded again here, by each policy on its own.
    const grader = (id: string) => {
      const file = `policies/${id}/${id}.policy`;
      const r = compilePolicy(readFileSync(join(ROOT, file), "utf8"), file);
      return makeGrader(r.ir!, r.sha256);
    };
    const [pinglu, wugang] = [grader("pinglu-fgj"), grader("wugang-sfj")];
    const gradeOf = (g: typeof pinglu, w: (typeof report.witnesses)[number]) => (g.grade(w.record, w.asOf) as { grade: string | null }).grade;
    for (const w of report.witnesses) {
      expect(gradeOf(pinglu, w)).toBe(w.old.grade);
      expect(gradeOf(wugang, w)).toBe(w.new.grade);
      expect(w.old.grade === w.grade).not.toBe(w.new.grade === w.grade);
    }
  });
});

describe("diff of the test revision of pinglu-fgj", () => {
  const dir = "test/fixtures/versions/pinglu-fgj";
  const report = diffJson([`${dir}/pinglu-fgj-2021.policy`, `${dir}/pinglu-fgj-2023.policy`, "--cases", "examples/records.jsonl", "--as-of", "2021-12-31"]);

  it("reports exactly the two rule changes, besides the revision's dates and version", () => {
    expect(report.changes.map(row)).toEqual([
      ["metadata", null, undefined, "effective", "未载明", "2023-01-01"],
      ["metadata", null, undefined, "expires", "2023-01-01", null],
      ["metadata", null, undefined, "version", "2021-121", "2023-test"],
      ["threshold", "第八条（二）2", "B", "一年内罚款累计", "不超过 50万元", "不超过 30万元"],
      ["measure-added", "第十三条（一）5", "C", undefined, undefined, undefined],
    ]);
    const threshold = report.changes[3];
    expect(threshold?.detail).toMatchObject({ old: { op: "<=", value: "50000000", type: "money" }, new: { op: "<=", value: "30000000", type: "money" } });
    expect(wordsOf(threshold)).toEqual(["-50", "+30"]);
    expect(wordsOf(report.changes[4])).toEqual(["+限制新增项目审批、核准；"]);
  });

  it("is the same diff from the folder's history (latest revision) and in reverse is its mirror", () => {
    const reverse = diffJson([`${dir}/pinglu-fgj-2023.policy`, `${dir}/pinglu-fgj-2021.policy`]);
    expect(reverse.changes.map((c) => [c.kind, c.article])).toEqual([
      ["metadata", null],
      ["metadata", null],
      ["metadata", null],
      ["threshold", "第八条（二）2"],
      ["measure-removed", "第十三条（一）5"],
    ]);
    const fromFolder = diffJson(["pinglu-fgj", dir]);
    expect(fromFolder.new.version).toBe("2023-test");
    expect(fromFolder.changes.filter((c) => c.kind !== "metadata").map(row)).toEqual(report.changes.filter((c) => c.kind !== "metadata").map(row));
  });

  it("finds a witness at a bound: one fine between 30万元 and 50万元 is B before and no grade after", () => {
    expect(report.witnesses.map((w) => [w.grade, w.old.grade, w.new.grade, w.old.articles])).toEqual([["B", "B", null, ["第八条（二）2"]]]);
    const record = report.witnesses[0]?.record as { sanctions: { violations: { penalties: { kind: string; amount: string }[] }[] }[] };
    const penalties = record.sanctions.flatMap((s) => s.violations.flatMap((v) => v.penalties));
    expect(penalties.map((p) => p.kind)).toEqual(["fine"]);
    const amount = Number(penalties[0]?.amount);
    expect(amount > 300000 && amount <= 500000).toBe(true);
  });

  it("grades every example record under both and lists the records that moved", () => {
    const impact = report.impact!;
    const lines = readFileSync(join(ROOT, "examples/records.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(impact.records).toBe(lines.length);
    expect(impact.errors).toEqual([]);
    // The old grades are the independently computed expected grades of the examples.
    const expected = JSON.parse(readFileSync(join(ROOT, "examples/expected-grades.json"), "utf8")) as Record<string, Record<string, string | null>>;
    const oldCounts = new Map<string | null, number>();
    for (const id of Object.keys(expected)) oldCounts.set(expected[id]!["pinglu-fgj"] ?? null, (oldCounts.get(expected[id]!["pinglu-fgj"] ?? null) ?? 0) + 1);
    const fromMatrix = new Map<string | null, number>();
    for (const t of impact.transitions) fromMatrix.set(t.from, (fromMatrix.get(t.from) ?? 0) + t.count);
    expect(fromMatrix).toEqual(oldCounts);
    // Only B → no grade, only by 第八条（二）2, and exactly the records the two revisions grade differently.
    expect(impact.transitions.filter((t) => t.from !== t.to)).toEqual([{ from: "B", to: null, count: impact.moved.length }]);
    expect(impact.moved.length).toBeGreaterThan(0);
    for (const m of impact.moved) {
      expect(m.old).toEqual({ grade: "B", articles: ["第八条（二）2"] });
      expect(m.new).toEqual({ grade: null, articles: [] });
      expect(expected[m.id as string]?.["pinglu-fgj"]).toBe("B");
      expect(JSON.parse(lines[m.line - 1] as string).id).toBe(m.id);
    }
    const graded = (rev: string) =>
      cli(["eval", dir, "--revision", rev, "--input", "examples/records.jsonl", "--as-of", "2021-12-31"]).lines.map((l) => JSON.parse(l) as { id: string; grade: string | null });
    const before = graded("2021-121");
    const after = graded("2023-test");
    const differ = before.filter((r, i) => r.grade !== after[i]?.grade).map((r) => r.id);
    expect(impact.moved.map((m) => m.id)).toEqual(differ);
  });
});
