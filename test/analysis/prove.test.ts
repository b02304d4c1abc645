// `diff --prove`: pinglu-fgj is proved equal to itself reformatted, with its values renamed, with its
// amounts in another unit and in English keywords; against the fictional 2023 revision (fines bound
// 50万元 → 30万元) the proof describes exactly the records whose grade changes — fines in (30万元,
// 50万元] with one or two cases, and nothing that otherwise decides the grade — each region with a
// record graded by both revisions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { convertSource } from "../../compiler/convert.js";
import { formatSource } from "../../dsl/print/format.js";
import { provePolicies, type RegionBox } from "../../analysis/smt/prove.js";
import { loadZ3 } from "../../analysis/smt/z3.js";
import { cli } from "../cli/run-cli.js";
import { grade, irOf, ROOT } from "./helpers.js";

const AS_OF = "2021-12-31";
const PINGLU = readFileSync(join(ROOT, "policies/pinglu-fgj/pinglu-fgj.policy"), "utf8");

function ir(text: string, file = "p.policy") {
  const r = compilePolicy(text, file);
  if (!r.ir || r.diagnostics.some((d) => d.severity === "error")) throw new Error(`${file} does not compile`);
  return r.ir;
}

async function prove(a: string, b: string) {
  return provePolicies(await loadZ3(), ir(a), ir(b), { asOf: AS_OF });
}

describe("diff --prove: equal", () => {
  it("pinglu-fgj reformatted (canonical layout, reordered lines), in English keywords and as YAML", async () => {
    const formatted = formatSource(PINGLU, "p.policy").text as string;
    const en = convertSource(PINGLU, "p.policy", "dsl", "en").text as string;
    expect(en).toMatch(/^policy "pinglu-fgj"/m);
    for (const other of [formatted, en]) {
      const r = await prove(PINGLU, other);
      expect(r.unsupported).toEqual([]);
      expect(r.equal).toBe(true);
      expect(r.pairs).toEqual([]);
    }
    const yaml = convertSource(PINGLU, "p.policy", "yaml", "zh").text as string;
    const r = await provePolicies(await loadZ3(), ir(PINGLU), ir(yaml, "p.policy.yaml"), { asOf: AS_OF });
    expect(r.equal).toBe(true);
  });

  it("with derived values renamed and an amount in another unit (50万元 → 500000元)", async () => {
    const renamed = PINGLU.replaceAll("一年内罚款累计", "罚款合计").replaceAll("一年内行政处罚案件次数", "案件数");
    const unit = renamed.replace("不超过 50万元", "不超过 500000元");
    expect(unit).not.toBe(renamed);
    const r = await prove(PINGLU, unit);
    expect(r.equal).toBe(true);
    expect(r.bound.k).toBe(4);
  });
});

describe("diff --prove: the 2023 test revision", () => {
  it("changes exactly the records with fines in (30万元, 50万元] and one or two cases (when nothing else decides)", async () => {
    const older = irOf("test/fixtures/versions/pinglu-fgj/pinglu-fgj-2021.policy");
    const newer = irOf("test/fixtures/versions/pinglu-fgj/pinglu-fgj-2023.policy");
    const r = await provePolicies(await loadZ3(), older, newer, { asOf: AS_OF });
    expect(r.equal).toBe(false);
    expect(r.changedQuantities).toEqual(["一年内罚款累计"]);
    expect(r.pairs.map((p) => [p.from, p.to, p.boxes.length, p.complete])).toEqual([
      ["B", "A", 3, true],
      ["B", null, 1, true],
    ]);
    const constraint = (b: RegionBox, q: string) => b.constraints.find((c) => c.quantity === q);
    for (const p of r.pairs) {
      for (const b of p.boxes) {
        expect(constraint(b, "一年内罚款累计")?.intervals).toEqual([{ lo: "30万元", loIncl: false, hi: "50万元", hiIncl: true }]);
        expect(constraint(b, "一年内罚款累计")?.changed).toBe(true);
        expect(constraint(b, "一年内行政处罚案件次数")?.intervals).toEqual([{ lo: "1次", loIncl: true, hi: "3次", hiIncl: false }]);
        // Nothing else gives B or C: no C condition, no other B condition.
        for (const q of ["一年内认定严重失信次数", "一年内严重行政处罚次数", "一年内信用等级低下次数"]) expect(constraint(b, q)?.intervals).toEqual([{ lo: null, loIncl: false, hi: "1次", hiIncl: false }]);
        for (const q of ["一年内责令改正警告次数", "一年内违反许可承诺次数"]) expect(constraint(b, q)?.text).not.toContain("∈ [1次, 3次)");
        // The witness: graded B by 2021-121 and as the pair says by 2023-test, with fines in the interval.
        expect(grade(older, b.witness, AS_OF).grade).toBe("B");
        expect(grade(newer, b.witness, AS_OF).grade).toBe(p.to);
        const fines = JSON.stringify(b.witness).match(/"amount":"([\d.]+)"/)?.[1];
        expect(Number(fines)).toBeGreaterThan(300000);
        expect(Number(fines)).toBeLessThanOrEqual(500000);
      }
    }
    // B → none: none of the A conditions either.
    const none = r.pairs.find((p) => p.to === null)?.boxes[0] as RegionBox;
    for (const q of ["一年内诚信表彰次数", "一年内信用等级良好次数", "一年内行业协会表彰次数"]) expect(constraint(none, q)?.text).toBe("< 1次");
  });

  it("through the command line: text, and json with the proof beside the diff", () => {
    const args = ["diff", "test/fixtures/versions/pinglu-fgj/pinglu-fgj-2021.policy", "test/fixtures/versions/pinglu-fgj/pinglu-fgj-2023.policy", "--as-of", AS_OF, "--prove"];
    // A smaller bound than the default keeps this plumbing test cheap; the regions are checked above.
    const j = cli([...args, "--bound", "2", "--format", "json", "--exit-code"]);
    expect(j.code).toBe(1);
    const out = JSON.parse(j.stdout) as { changes: unknown[]; proof: { equal: boolean; bound: { k: number }; pairs: { from: string; to: string | null }[] } };
    expect(out.changes.length).toBeGreaterThan(0);
    expect(out.proof.equal).toBe(false);
    expect(out.proof.bound.k).toBe(2);
    expect(out.proof.pairs.map((p) => `${p.from}→${p.to}`)).toEqual(["B→A", "B→null"]);
    const same = cli(["diff", "pinglu-fgj", "policies/pinglu-fgj/pinglu-fgj.policy", "--prove", "--as-of", AS_OF, "--exit-code"]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("EQUAL");
    expect(cli([...args, "--format", "html"]).code).toBe(2);
    expect(cli(["diff", "pinglu-fgj", "pinglu-fgj", "--bound", "3"]).code).toBe(2);
  });
});
