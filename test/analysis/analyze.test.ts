// `analyze` and the solver behind it: on the five seed policies, every finding that claims a record
// exists carries one, and grading that record with the evaluator shows the claim; pinglu-fgj's known
// gap (3 or more cases with fines within 50万元: no grade) is found; a policy written with a
// shadowed condition and grades that can never be given is caught (test/fixtures/analysis/).
import { describe, expect, it } from "vitest";
import { analyzePolicy, type AnalysisReport } from "../../analysis/smt/analyze.js";
import { compileEvaluator } from "../../runtime/evaluator.js";
import { loadZ3 } from "../../analysis/smt/z3.js";
import { cli } from "../cli/run-cli.js";
import { grade, irOf, seed, SEEDS } from "./helpers.js";

const AS_OF = "2021-12-31";

async function analyze(id: string): Promise<AnalysisReport> {
  return analyzePolicy(await loadZ3(), seed(id), { asOf: AS_OF });
}

describe("analyze on the seed policies", () => {
  for (const id of SEEDS) {
    it(`${id}: everything encoded, and every witness graded by the evaluator shows its finding`, async () => {
      const ir = seed(id);
      const r = await analyze(id);
      expect(r.unsupported).toEqual([]);
      expect(r.bound.k).toBeGreaterThanOrEqual(2);
      const ev = compileEvaluator(ir);
      for (const f of r.findings) {
        if (!f.witness) continue;
        const out = grade(ir, f.witness, AS_OF);
        const holding = ev.evaluate(f.witness, AS_OF).holding;
        switch (f.kind) {
          case "grade-reachable":
            expect(out.grade).toBe(f.grade);
            break;
          case "category-reachable":
            expect(out.categories?.map((c) => c.id)).toContain(f.category);
            break;
          case "overlap":
            expect(out.grade).toBe(f.graded);
            for (const g of f.grades ?? []) if (ir.grades.some((x) => x.id === g && !ir.overrides.some((o) => o.id === g && o.article === f.article))) expect(holding).toContain(g);
            break;
          case "gap":
            expect(holding).toEqual([]);
            expect(out.grade).toBe(ir.default);
            break;
          default:
            expect(out.grade).toBe(f.graded);
        }
      }
      // Every grade the evaluator can give is found reachable here with a witness.
      for (const g of ir.grades) {
        const found = r.findings.find((f) => f.kind === "grade-reachable" && f.grade === g.id);
        expect(found?.witness, `grade ${g.id}`).toBeDefined();
      }
    });
  }

  it("pinglu-fgj: the known gap — 3 or more cases with fines within 50万元 get no grade — with a confirmed witness", async () => {
    const ir = seed("pinglu-fgj");
    const r = await analyze("pinglu-fgj");
    const gaps = r.findings.filter((f) => f.kind === "gap");
    const cases = gaps.find((f) => f.article === "第八条（二）2" && f.condition?.startsWith("一年内行政处罚案件次数 ≥ 3"));
    expect(cases?.code).toBe("CP-W1107");
    expect(cases?.span?.line).toBe(62);
    const values = compileEvaluator(ir).evaluate(cases?.witness as Record<string, unknown>, AS_OF).values;
    expect(values.get("一年内行政处罚案件次数")).toBe(3);
    expect(values.get("一年内罚款累计") as bigint).toBeLessThanOrEqual(50_000_000n);
    expect(grade(ir, cases?.witness, AS_OF).grade).toBeNull();
    // The other bounds of 第八条（二） are gaps too; fines beyond 50万元 by one fen is the smallest witness.
    expect(gaps.map((f) => `${f.article} ${f.condition}`).sort()).toEqual(
      ["第八条（二）1 一年内责令改正警告次数 ≥ 3次", "第八条（二）2 一年内罚款累计 > 500000.00元", "第八条（二）2 一年内行政处罚案件次数 ≥ 3次", "第八条（二）3 一年内违反许可承诺次数 ≥ 3次"].sort(),
    );
    const fines = gaps.find((f) => f.condition?.startsWith("一年内罚款累计"));
    expect(JSON.stringify(fines?.witness)).toContain('"amount":"500000.01"');
    // No other warning: every condition of pinglu-fgj can decide its grade.
    expect(r.findings.filter((f) => f.severity === "warning" && f.kind !== "gap")).toEqual([]);
    expect(r.leaves.every((l) => l.status === "decisive")).toBe(true);
  });
});

describe("a policy with deliberate mistakes (test/fixtures/analysis/shadowed.policy)", () => {
  it("finds the shadowed condition, the grades that can never be given, and the redundant conditions", async () => {
    const ir = irOf("test/fixtures/analysis/shadowed.policy");
    const r = await analyzePolicy(await loadZ3(), ir, { asOf: AS_OF });
    const status = Object.fromEntries(r.leaves.map((l) => [`${l.owner} ${l.article}`, l.status]));
    expect(status).toEqual({
      "C 第三条（一）": "decisive",
      "C 第三条（二）": "decisive",
      "B 第二条（一）": "decisive",
      "B 第二条（二）": "shadowed",
      "D 第四条（一）": "redundant",
      "D 第四条（二）": "redundant",
      "E 第五条（一）": "shadowed",
      "E 第五条（二）": "redundant",
    });
    const unreachable = r.findings.filter((f) => f.kind === "grade-unreachable");
    expect(unreachable.map((f) => [f.grade, f.code, f.conditionHolds])).toEqual([
      ["D", "CP-W1101", false],
      ["E", "CP-W1101", true],
    ]);
    // E's condition holds in its witness, and C takes precedence.
    const e = unreachable.find((f) => f.grade === "E");
    expect(compileEvaluator(ir).evaluate(e?.witness as Record<string, unknown>, AS_OF).holding).toEqual(["C", "E"]);
    // The shadowed condition holds in its witness, and the grade is C anyway.
    const shadowed = r.findings.find((f) => f.kind === "shadowed" && f.article === "第二条（二）");
    expect(shadowed?.code).toBe("CP-W1106");
    expect(grade(ir, shadowed?.witness, AS_OF).grade).toBe("C");
    expect(compileEvaluator(ir).evaluate(shadowed?.witness as Record<string, unknown>, AS_OF).values.get("breaches")).toBeGreaterThanOrEqual(2);
  });
});

describe("through the command line", () => {
  it("check --analyze: the solver's gaps (CP-W1107) replace the lint's guesses (CP-W0603), at the same clauses", () => {
    const plain = cli(["check", "pinglu-fgj"]);
    const proved = cli(["check", "pinglu-fgj", "--analyze"]);
    expect([plain.code, proved.code]).toEqual([0, 0]);
    const at = (out: { stdout: string; stderr: string }, code: string) =>
      `${out.stdout}${out.stderr}`
        .split("\n")
        .filter((l) => l.includes(` ${code}: `))
        .map((l) => /:(\d+):\d+: warning/.exec(l)?.[1]);
    expect(at(plain, "CP-W0603")).toEqual(["60", "62", "62", "64"]);
    expect(at(proved, "CP-W0603")).toEqual([]);
    expect(at(proved, "CP-W1107")).toEqual(["60", "62", "62", "64"]);
  });

  it("analyze: json with the bound and the findings; --exit-code exits 1 on warnings; an unencoded condition is CP-W1108", () => {
    const j = cli(["analyze", "test/fixtures/analysis/shadowed.policy", "--as-of", AS_OF, "--format", "json", "--exit-code"]);
    expect(j.code).toBe(1);
    const out = JSON.parse(j.stdout) as { bound: { k: number; asOf: string }; findings: { kind: string; code?: string; span?: { line: number } }[] };
    expect(out.bound).toMatchObject({ k: 4, asOf: AS_OF });
    expect(out.findings.filter((f) => f.kind === "shadowed").map((f) => [f.code, f.span?.line])).toEqual([
      ["CP-W1106", 21],
      ["CP-W1106", 28],
    ]);
    const u = cli(["analyze", "test/fixtures/analysis/unsupported.policy", "--as-of", AS_OF, "--format", "json", "--exit-code"]);
    expect(u.code).toBe(1);
    const uo = JSON.parse(u.stdout) as { findings: { code?: string; span?: { line: number; col: number } }[] };
    expect(uo.findings.map((f) => [f.code, f.span?.line, f.span?.col])).toEqual([["CP-W1108", 13, 52]]);
    expect(cli(["analyze", "pinglu-fgj", "--bound", "0"]).code).toBe(2);
  });
});
