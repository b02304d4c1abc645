// `check --against PLAN` honours the plan's own exceptions: wugang-credit-plan 二（六） lets areas
// with earlier rules keep them, so 舞钢市司法局's A/B/C rules pass, with the exemption reported.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.js";
import { copyPolicy, diagnosticsOf, positionOf, replaceOnce } from "./helpers.js";

const CLAIM = /^适用例外 二（六） .*\n/m;

describe("check --against wugang-credit-plan policies/wugang-sfj", () => {
  it("passes, reporting the two requirements 二（六） exempts it from, at its claim", () => {
    const r = cli(["check", "--against", "wugang-credit-plan", "policies/wugang-sfj"]);
    expect(r.code).toBe(0);
    const text = readFileSync("policies/wugang-sfj/wugang-sfj.policy", "utf8");
    const at = positionOf(text, "适用例外 二（六）", true);
    const exempt = diagnosticsOf(r.stdout).filter(([, , c]) => c === "CP-W0526");
    expect(exempt).toEqual([
      [at.line, at.col, "CP-W0526"],
      [at.line, at.col, "CP-W0526"],
    ]);
    // The report names the plan's article and quotes its words (arguments, not wording).
    for (const l of r.lines.filter((x) => x.includes("CP-W0526"))) expect(l).toContain("先前已开展信用分级分类监管的领域按原标准继续执行");
    expect(diagnosticsOf(r.stdout).filter(([, , c]) => c.startsWith("CP-E"))).toEqual([]);
  });

  it("without the claim, the unified grades and the 100-point model are required again", () => {
    const dir = copyPolicy("wugang-sfj", (t) => replaceOnce(t, CLAIM, ""));
    const r = cli(["check", "--against", "wugang-credit-plan", dir]);
    expect(r.code).toBe(1);
    const codes = diagnosticsOf(r.stdout).map(([, , c]) => c);
    expect(codes).toEqual(expect.arrayContaining(["CP-E0520", "CP-E0521"]));
    expect(codes).not.toContain("CP-W0526");
    rmSync(dir, { recursive: true });
  });

  it("a claim of an exception the plan does not state is an error at the claim", () => {
    const dir = copyPolicy("wugang-sfj", (t) => replaceOnce(t, /^适用例外 二（六）/m, "适用例外 二（五）"));
    const r = cli(["check", "--against", "wugang-credit-plan", dir]);
    expect(r.code).toBe(1);
    const at = positionOf(readFileSync(join(dir, "wugang-sfj.policy"), "utf8"), "适用例外 二（五）", true);
    expect(diagnosticsOf(r.stdout)).toEqual(expect.arrayContaining([[at.line, at.col, "CP-E0527"]]));
    rmSync(dir, { recursive: true });
  });

  it("a plan without the exception exempts nothing", () => {
    const plan = copyPolicy("wugang-credit-plan", (t) => replaceOnce(t, /^ {2}例外 二（六） .*\n/m, ""));
    const r = cli(["check", "--against", join(plan, "wugang-credit-plan.policy"), "policies/wugang-sfj"]);
    expect(r.code).toBe(1);
    const codes = diagnosticsOf(r.stdout).map(([, , c]) => c);
    expect(codes).toEqual(expect.arrayContaining(["CP-E0527", "CP-E0521"]));
    rmSync(plan, { recursive: true });
  });
});
