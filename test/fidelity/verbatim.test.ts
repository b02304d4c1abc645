// `check` against the source text: quotes verbatim (whitespace aside, punctuation not), from the
// article they cite, citations of articles the text has, the document's own metadata.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.js";
import { copyPolicy, coverageJson, diagnosticsOf, positionOf, replaceOnce } from "./helpers.js";

const PLAN_ITEM = "对信用风险一般的市场主体,按常规比例和频次抽查;";

describe("verbatim quotes", () => {
  it("fails on one changed character of a quoted measure, with the source passage as help", () => {
    const dir = copyPolicy("wugang-credit-plan", (t) => replaceOnce(t, PLAN_ITEM, "对信用风险一般的市场主体，按常规比例和频次抽查;"));
    const file = join(dir, "wugang-credit-plan.policy");
    const r = cli(["check", dir]);
    expect(r.code).toBe(1);
    // The item's line: `  三 "对信用风险一般的市场主体，…"`, the diagnostic at its citation.
    const at = positionOf(readFileSync(file, "utf8"), "三 \"对信用风险一般的市场主体，");
    expect(diagnosticsOf(r.stdout)).toEqual([[at.line, at.col, "CP-E0801"]]);
    const line = r.lines.find((l) => l.includes("CP-E0801")) as string;
    expect(line).toContain(PLAN_ITEM);
    const { code, report } = coverageJson(dir);
    expect(code).toBe(1);
    expect(report.quotes).toEqual([{ article: "三", quote: "对信用风险一般的市场主体，按常规比例和频次抽查;", problem: "not in source", closest: PLAN_ITEM }]);
    rmSync(dir, { recursive: true });
  });

  it("ignores whitespace and PDF line breaks, in the quote and in the source", () => {
    // The source breaks “绿 / 色通道” across a page; a quote may also carry spaces.
    const dir = copyPolicy("pinglu-fgj", (t) => replaceOnce(t, '"在办理行政许可过程中，可根据实际情况', '"在办理 行政许可过程中，\\n可根据实际情况'));
    const r = cli(["check", dir]);
    expect(r.code).toBe(0);
    expect(diagnosticsOf(r.stdout).filter(([, , c]) => c.startsWith("CP-E08") || c.startsWith("CP-W08"))).toEqual([]);
    rmSync(dir, { recursive: true });
  });

  it("reports a quote from another article, a citation of no article, a changed note quote and title", () => {
    const dir = copyPolicy("pinglu-fgj", (t) => {
      let s = replaceOnce(t, '第八条（二）3 "一年内违反许可承诺书', '第八条（二）1 "一年内违反许可承诺书');
      s = replaceOnce(s, '第十三条（三） "法律、法规', '第十三条（四） "法律、法规');
      s = replaceOnce(s, "「本制度由朔州市平鲁区发改局负责解释，", "「本制度由朔州市平鲁区发改委负责解释，");
      return replaceOnce(s, '标题 "朔州市平鲁区发展和改革局信用分级分类监管制度（试行）"', '标题 "朔州市平鲁区发展和改革局信用分级分类监管办法（试行）"');
    });
    const text = readFileSync(join(dir, "pinglu-fgj.policy"), "utf8");
    const r = cli(["check", dir]);
    expect(r.code).toBe(1);
    const errors = diagnosticsOf(r.stdout).filter(([, , c]) => c.startsWith("CP-E"));
    const at = (fragment: string, code: string) => {
      const p = positionOf(text, fragment);
      return [p.line, p.col, code];
    };
    expect(errors).toEqual(
      expect.arrayContaining([
        at('"朔州市平鲁区发展和改革局信用分级分类监管办法（试行）"', "CP-E0809"),
        at("解释说明 第十七条", "CP-E0801"),
        at('第八条（二）1 "一年内违反许可承诺书', "CP-E0803"),
        at('第十三条（四） "法律、法规', "CP-E0802"),
      ]),
    );
    expect(errors).toHaveLength(4);
    rmSync(dir, { recursive: true });
  });

  it("warns, and checks nothing against the text, when the source file is not beside the policy", () => {
    const dir = copyPolicy("wugang-sfj");
    rmSync(join(dir, "wugang-sfj-2021-10.txt"));
    const r = cli(["check", dir]);
    expect(r.code).toBe(0);
    const at = positionOf(readFileSync(join(dir, "wugang-sfj.policy"), "utf8"), '"wugang-sfj-2021-10.txt"');
    expect(diagnosticsOf(r.stdout).filter(([, , c]) => c.startsWith("CP-W08") || c.startsWith("CP-E08"))).toEqual([[at.line, at.col, "CP-W0806"]]);
    rmSync(dir, { recursive: true });
  });

  it("finds the source beside the policy whatever the working directory", () => {
    const dir = copyPolicy("yuncheng-kjj");
    const r = cli(["check", join(dir, "yuncheng-kjj.policy")], { cwd: "/" });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    rmSync(dir, { recursive: true });
  });
});
