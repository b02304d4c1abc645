import { describe, expect, it } from "vitest";
import { printIr, printIrExpr } from "../../compiler/print-ir.js";
import { compileOk, onePolicy } from "../helpers.js";

describe("IR printer", () => {
  it("prints the mathematical reading of boundary words, with the words kept", () => {
    const { ir } = compileOk(onePolicy("n 1次 以上 3次（不含）以内 且 n 不超过 5次"));
    const text = printIr(ir);
    expect(text).toContain("n ≥ 1次  ‹以上›");
    expect(text).toContain("n < 3次  ‹以内（不含）›");
    expect(text).toContain("n ≤ 5次  ‹不超过›");
    expect(text).toContain("count(commitment_breaches; date ∈ (D − 1年, D])");
  });

  it("prints money from fen exactly", () => {
    const { ir } = compileOk(
      onePolicy("fines 不超过 50万元 且 fines 高于 0.01元", "let fines = sum amount(fine) of violations in last 6 months"),
    );
    const clause = ir.grades[0]?.condition.kind === "any" ? ir.grades[0].condition.items[0] : undefined;
    expect(clause?.kind).toBe("clause");
    const text = clause && clause.kind === "clause" ? printIrExpr(clause.expr) : "";
    expect(text).toContain("fines ≤ 500000.00元");
    expect(text).toContain("fines > 0.01元");
    expect(printIr(ir)).toContain("date ∈ (D − 6个月, D]");
  });

  it("is JSON-serialisable: the IR survives a JSON round trip unchanged", () => {
    const { ir } = compileOk(onePolicy("n 1次 以上"));
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });
});
