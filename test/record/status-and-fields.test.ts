// What the record schema cannot say: a status history in order of its days, whose last entry is
// the status given; and the fields a policy declares, checked against their declared types.
import { describe, expect, it } from "vitest";
import { validateRecord } from "../../record/validate.js";
import { declaredFieldErrors } from "../../record/declared.js";
import { statusOn } from "../../record/status.js";
import { inputSchema } from "../../compiler/backends/input-schema.js";
import { compileOk } from "../helpers.js";

const sanction = (extra: Record<string, unknown>) => ({ date: "2021-06-01", status: "in_force", violations: [], ...extra });

describe("a dated status history", () => {
  it("gives the status in force on a day: in force before the first entry, the last one on or before the day", () => {
    const s = { status: "repaired", status_history: [{ status: "revoked", from: "2021-09-01" }, { status: "in_force", from: "2021-12-01" }, { status: "repaired", from: "2022-03-01" }] };
    expect(["2021-08-31", "2021-09-01", "2021-12-31", "2022-02-28", "2022-03-01"].map((d) => statusOn(s, d))).toEqual([
      "in_force",
      "revoked",
      "in_force",
      "in_force",
      "repaired",
    ]);
    expect(statusOn({ status: "revoked" }, "1990-01-01")).toBe("revoked");
    expect(statusOn({}, "2021-01-01")).toBe("in_force");
  });

  it("must end in the status given, and be in order of its days (CP-R009, at the value)", () => {
    const wrong = validateRecord({ id: "x", sanctions: [sanction({ status: "in_force", status_history: [{ status: "repaired", from: "2022-03-01" }] })] });
    expect(wrong.map((e) => [e.code, e.path])).toEqual([["CP-R009", "/sanctions/0/status"]]);
    const unordered = validateRecord({
      id: "x",
      commitment_breaches: [{ date: "2021-01-01", status_history: [{ status: "revoked", from: "2022-03-01" }, { status: "in_force", from: "2021-03-01" }] }],
    });
    expect(unordered.map((e) => [e.code, e.path])).toEqual([["CP-R009", "/commitment_breaches/0/status_history/1/from"]]);
    expect(validateRecord({ id: "x", sanctions: [sanction({ status: "repaired", status_history: [{ status: "repaired", from: "2022-03-01" }] })] })).toEqual([]);
  });
});

describe("fields a policy declares", () => {
  const policy = `policy "t" { title "t" }
disregard revoked, repaired 第十六条
record field sanctions.整改说明 text "整改情况"
record field sanctions.整改金额 money "已缴金额"
let n = count sanctions where 整改金额 at least 1 yuan
grade B "b" 第一条 "t": n at least 1 time
measures B management 第二条 { 第二条（一） "m" }
`;

  it("are checked against their types at their JSON Pointer, by the grader", () => {
    const { grader } = compileOk(policy);
    const bad = grader.grade({ id: "x", sanctions: [sanction({ 整改说明: 5 })] }, "2021-12-31") as { error: { code: string; path: string } };
    expect([bad.error.code, bad.error.path]).toEqual(["CP-R003", "/sanctions/0/整改说明"]);
    const money = declaredFieldErrors({ sanctions: [sanction({ 整改金额: "1.234" })] }, [{ part: "sanctions", name: "整改金额", type: "money" }]);
    expect(money.map((e) => [e.code, e.path])).toEqual([["CP-R005", "/sanctions/0/整改金额"]]);
    const ok = grader.grade({ id: "x", sanctions: [sanction({ 整改说明: "已整改", 整改金额: "100.00" })] }, "2021-12-31") as { grade: string };
    expect(ok.grade).toBe("B");
  });

  it("appear, typed, in the policy's input schema", () => {
    const { ir } = compileOk(policy);
    const schema = inputSchema(ir, "") as { $defs: Record<string, { properties: Record<string, { type?: string; allOf?: unknown }> }> };
    expect(schema.$defs["Sanction"]?.properties["整改说明"]?.type).toBe("string");
    expect(schema.$defs["Sanction"]?.properties["整改金额"]?.allOf).toEqual([{ $ref: "#/$defs/Yuan" }]);
  });
});
