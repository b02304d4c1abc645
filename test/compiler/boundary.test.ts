import { describe, expect, it } from "vitest";
import type { IRExpr } from "../../compiler/ir.js";
import { breaches, compileOk, onePolicy } from "../helpers.js";

function ops(when: string): string[] {
  const { ir } = compileOk(onePolicy(when));
  const cond = ir.grades[0]?.condition;
  if (cond?.kind !== "any") throw new Error("expected any");
  const clause = cond.items[0];
  if (clause?.kind !== "clause") throw new Error("expected clause");
  const out: string[] = [];
  const walk = (e: IRExpr) => {
    if (e.op === "cmp" && e.right.op === "lit") out.push(`${e.cmp}${String(e.right.value)}`);
    if (e.op === "and" || e.op === "or") e.args.forEach(walk);
  };
  walk(clause.expr);
  return out;
}

describe("boundary words mean what 民法典第一千二百五十九条 says", () => {
  const cases: [string, string[]][] = [
    ["n 3次 以上", [">=3"]],
    ["n 3次 以下", ["<=3"]],
    ["n 3次 以内", ["<=3"]],
    ["n 3次（不含）以内", ["<3"]],
    ["n 3次(不含)以内", ["<3"]],
    ["n 3次（含）以上", [">=3"]],
    ["n 3次（不含）以上", [">3"]],
    ["n 不满 3次", ["<3"]],
    ["n 未满 3次", ["<3"]],
    ["n 不满 3次（含）", ["<=3"]],
    ["n 超过 3次", [">3"]],
    ["n 不超过 3次", ["<=3"]],
    ["n 高于 3次", [">3"]],
    ["n 低于 3次", ["<3"]],
    ["n 3次 以外", [">3"]],
    ["n 3次 届满", [">=3"]],
    ["n 85次（含）以下 高于 70次", ["<=85", ">70"]],
    ["n 1次 以上 3次（不含）以内", [">=1", "<3"]],
    ["n at least 1 times within 3 times (exclusive)", [">=1", "<3"]],
    ["n not over 3 times", ["<=3"]],
    ["n under 3 times", ["<3"]],
    ["n under 3 times (inclusive)", ["<=3"]],
    ["n above 70 times at most 85 times", [">70", "<=85"]],
    ["n < 3次", ["<3"]],
    ["n ≤ 3次", ["<=3"]],
    ["n ＞ 3次", [">3"]],
  ];
  for (const [when, expected] of cases) {
    it(when, () => {
      expect(ops(when)).toEqual(expected);
    });
  }
});

describe("boundaries decide grades on both sides", () => {
  const grade = (when: string, n: number) => {
    const r = compileOk(onePolicy(when)).grader.grade(breaches(n), "2021-12-31");
    return "grade" in r ? r.grade : r.error.code;
  };
  it("3次（不含）以内: 2 holds, 3 does not", () => {
    expect(grade("n 1次 以上 3次（不含）以内", 2)).toBe("B");
    expect(grade("n 1次 以上 3次（不含）以内", 3)).toBe(null);
    expect(grade("n 1次 以上 3次（不含）以内", 0)).toBe(null);
  });
  it("3次以内 (inclusive by default): 3 holds, 4 does not", () => {
    expect(grade("n 3次 以内", 3)).toBe("B");
    expect(grade("n 3次 以内", 4)).toBe(null);
  });
  it("85（含）以下 高于 70: 70 < n ≤ 85", () => {
    const w = "n 85次（含）以下 高于 70次";
    expect([70, 71, 85, 86].map((n) => grade(w, n))).toEqual([null, "B", "B", null]);
  });
});

describe("money is exact", () => {
  const policy = onePolicy(
    "fines 不超过 50万元 且 fines 高于 0元",
    `severity 第九条 { order_to_correct < warning < criticism < fine = confiscation < suspend_license = downgrade_qualification = revoke_license = restrict_operations = order_suspension = order_closure = restrict_practice = detention }
let fines = sum amount(fine, confiscation) of violations in last 1 year`,
  );
  const rec = (...amounts: (string | number)[]) => ({
    id: "m",
    sanctions: [{ date: "2021-06-01", status: "in_force", violations: amounts.map((amount) => ({ penalties: [{ kind: "fine", amount }] })) }],
  });
  const { grader } = compileOk(policy);
  const g = (r: unknown) => {
    const out = grader.grade(r, "2021-12-31");
    return "grade" in out ? out.grade : out.error.code;
  };
  it("exactly 50万元 holds; one fen more does not", () => {
    expect(g(rec("250000.00", 250000))).toBe("B");
    expect(g(rec("250000.00", "250000.01"))).toBe(null);
  });
  it("sums decimals without binary rounding: 499999.4 + 0.2 + 0.2 + 0.2 = 500000.00", () => {
    expect(g(rec(499999.4, 0.2, 0.2, 0.2))).toBe("B");
    const out = grader.grade(rec(499999.4, 0.2, 0.2, 0.2), "2021-12-31");
    expect("matched" in out && out.matched[0]?.values).toEqual({ fines: "500000.00" });
  });
  it("50万元 is 500000 yuan in the IR, in fen", () => {
    const { ir } = compileOk(policy);
    expect(JSON.stringify(ir)).toContain('"value":"50000000"');
  });
});
