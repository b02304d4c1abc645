// The dated status history (credit-record.md): a sanction repaired on 2022-03-01 still counts when
// grading as of 2021-12-31 and no longer counts from 2022-03-01, through the command line with
// both engines; the policy reference (sha256) is the same on both days, so a past grade reproduces
// after the repair is recorded.
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";

const repairedLater = {
  id: "repaired-2022",
  sanctions: [
    {
      id: "平发改罚〔2021〕7号",
      date: "2021-06-01",
      status: "repaired",
      status_history: [{ status: "repaired", from: "2022-03-01" }],
      violations: [{ penalties: [{ kind: "fine", amount: "20000" }] }],
    },
  ],
};

type Line = { id: string; grade: string | null; policy: { sha256: string }; matched: { article: string }[] };

function grade(asOf: string, engine: string): Line {
  const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", asOf, "--engine", engine, "--quiet"], { input: JSON.stringify(repairedLater) + "\n" });
  expect(r.code).toBe(0);
  expect(r.lines).toHaveLength(1);
  return JSON.parse(r.lines[0] as string) as Line;
}

describe.each(["compiled", "interpreter"])("a repair recorded with its day (%s engine)", (engine) => {
  it("counts the sanction before the repair and not from the repair day on, with the same policy sha256", () => {
    const before = grade("2021-12-31", engine);
    const after = grade("2022-03-01", engine);
    expect(before.grade).toBe("B");
    expect(before.matched.map((m) => m.article)).toEqual(["第八条（二）2"]);
    expect(after.grade).toBeNull();
    expect(after.policy.sha256).toBe(before.policy.sha256);
    expect(grade("2022-02-28", engine).grade).toBe("B");
  });

  it("reads a record without dates as the spec does: its status on every day", () => {
    const undated = { ...repairedLater, sanctions: [{ ...repairedLater.sanctions[0], status_history: undefined }] };
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2021-12-31", "--engine", engine, "--quiet"], { input: JSON.stringify(undated) + "\n" });
    expect((JSON.parse(r.lines[0] as string) as Line).grade).toBeNull();
  });
});
