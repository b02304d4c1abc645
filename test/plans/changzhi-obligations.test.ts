// The Changzhi plan's duties, through the seed policy: due dates across the 2021 Spring Festival
// and National Day, their make-up working days, and the warning → interview chain.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { makeGrader, type GradeResult } from "../../runtime/evaluate.js";

const file = join(import.meta.dirname, "..", "..", "policies", "changzhi-plan", "changzhi-plan.policy");
const compiled = compilePolicy(readFileSync(file, "utf8"), file);
const grader = makeGrader(compiled.ir as NonNullable<typeof compiled.ir>, compiled.sha256);

function dues(record: Record<string, unknown>, asOf: string): string[] {
  const r = grader.grade({ id: "c", ...record }, asOf) as GradeResult;
  // The plan's duties: the subject's (warnings) and each decision's (publication, 四（十三）).
  const all = [...(r.obligations ?? []), ...(r.items ?? []).flatMap((i) => i.obligations ?? [])];
  return all.map((o) => `${o.obligation} ${o.ref} ${o.due} ${o.status}`);
}

const sanction = (date: string, extra: Record<string, unknown> = {}) => ({ date, status: "in_force", violations: [], ...extra });

describe("changzhi-plan obligations", () => {
  it("compiles", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
  it("publication within 7 working days across the Spring Festival (2/7 and 2/20 make-up days)", () => {
    expect(dues({ sanctions: [sanction("2021-02-05", { id: "长市监罚〔2021〕5号" })] }, "2021-02-08")).toEqual(["上网公开 长市监罚〔2021〕5号 2021-02-20 open"]);
  });
  it("publication across National Day", () => {
    expect(dues({ sanctions: [sanction("2021-09-28")] }, "2021-10-14")).toEqual(["上网公开 /sanctions/0 2021-10-13 overdue"]);
  });
  it("a revoked decision has nothing to publish", () => {
    expect(dues({ sanctions: [sanction("2021-09-28", { status: "revoked" })] }, "2021-10-14")).toEqual([]);
  });
  it("an unrectified warning: rectify by the deadline, then an interview on the first working day after it", () => {
    expect(dues({ warnings: [{ date: "2021-01-20", deadline: "2021-02-10" }] }, "2021-03-01")).toEqual([
      "限期整改 /warnings/0 2021-02-10 overdue",
      "约谈 /warnings/0 2021-02-18 overdue",
    ]);
  });
  it("a deadline on a Saturday before the Spring Festival: the interview is due on the Sunday make-up day", () => {
    expect(dues({ warnings: [{ date: "2021-01-20", deadline: "2021-02-06" }] }, "2021-03-01")).toEqual([
      "限期整改 /warnings/0 2021-02-06 overdue",
      "约谈 /warnings/0 2021-02-07 overdue",
    ]);
  });
  it("a warning rectified on its deadline owes nothing", () => {
    expect(dues({ warnings: [{ date: "2021-09-01", deadline: "2021-10-08", rectified_on: "2021-10-08" }] }, "2021-12-31")).toEqual([]);
  });
});
