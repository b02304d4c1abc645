// `explain` on the 300 example records under pinglu-fgj: each B subject is told which records to have
// repaired to clear B — the changed record, graded, is no longer B, and no smaller set does it — and
// every subject the earliest day its grade changes with no new events: graded that day it differs,
// graded the day before (and, for a sample, every day in between) it does not.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Explainer, type Explanation } from "../../analysis/smt/explain.js";
import { loadZ3 } from "../../analysis/smt/z3.js";
import { addDays } from "../../record/dates.js";
import { PARTS } from "../../record/registry.js";
import { cli } from "../cli/run-cli.js";
import { grade, ROOT, seed } from "./helpers.js";

const AS_OF = "2021-12-31";
const RECORDS = readFileSync(join(ROOT, "examples/records.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("explain on the example records (pinglu-fgj)", () => {
  const ir = seed("pinglu-fgj");
  const ex = new Explainer(ir, { asOf: AS_OF });
  const explained = RECORDS.map((r) => ({ record: r, e: ex.explain(r) }));
  const apply = (r: Record<string, unknown>, set: Explanation["target"] extends infer T ? (T extends { changes: (infer C)[] } ? C : never) : never) =>
    Explainer.apply(
      r,
      set.set.map((c) => ({ part: c.part, index: Number(c.pointer.split("/")[2]), action: c.action })),
      AS_OF,
    );

  it("orders the grades A, no grade, B, C (incentive, none, management, punishment)", () => {
    expect(ex.order).toEqual(["A", null, "B", "C"]);
  });

  it("gives each record's grade as eval does, with the clauses that decide it", () => {
    for (const { record, e } of explained) {
      expect(e.error).toBeUndefined();
      const out = grade(ir, record, AS_OF);
      expect(e.grade).toBe(out.grade);
      expect(e.because.map((c) => c.article)).toEqual(out.matched.filter((m) => m.grade === out.grade).map((m) => m.article));
    }
  });

  it("for a B subject: the repairs that clear B, graded with eval, and no smaller set clears it", () => {
    const bs = explained.filter(({ e }) => e.grade === "B");
    expect(bs.length).toBeGreaterThan(50);
    let withRepairs = 0;
    for (const { record, e } of bs) {
      expect(e.target?.grade).toBeNull();
      if (e.target?.none === "no-change-reaches-it") continue;
      expect(e.target?.changes.length).toBeGreaterThan(0);
      withRepairs++;
      const sizes = new Set(e.target?.changes.map((c) => c.set.length));
      expect(sizes.size).toBe(1);
      for (const c of e.target?.changes ?? []) {
        const changed = apply(record, c);
        const out = grade(ir, changed, AS_OF);
        expect(out.grade).not.toBe("B");
        expect(out.grade).not.toBe("C");
        expect(out.grade).toBe(c.grade);
        // Each repaired record is now repaired on the day and was counted before.
        for (const x of c.set) {
          const el = (changed[PARTS[x.part].key] as Record<string, unknown>[])[Number(x.pointer.split("/")[2])] as Record<string, unknown>;
          expect(el["status"]).toBe("repaired");
        }
        // Minimal: leaving out any one change, the subject stays B (or worse).
        for (let i = 0; i < c.set.length && c.set.length > 1; i++) {
          const smaller = { ...c, set: c.set.filter((_, j) => j !== i) };
          expect(["B", "C"]).toContain(grade(ir, apply(record, smaller), AS_OF).grade);
        }
      }
    }
    expect(withRepairs).toBeGreaterThan(50);
  });

  it("for every subject: the earliest day its grade changes with no new events, checked with eval on that day and the day before", () => {
    let changes = 0;
    for (const { record, e } of explained) {
      if (!e.next_change) continue;
      changes++;
      expect(grade(ir, record, e.next_change.day).grade).toBe(e.next_change.grade);
      expect(e.next_change.grade).not.toBe(e.grade);
      expect(grade(ir, record, addDays(e.next_change.day, -1)).grade).toBe(e.grade);
    }
    expect(changes).toBeGreaterThan(100);
  });

  it("no earlier day changes the grade: every day checked for a sample of subjects", () => {
    for (const { record, e } of explained.filter((_, i) => i % 10 === 0)) {
      const last = e.next_change ? e.next_change.day : addDays(AS_OF, 800);
      for (let day = addDays(AS_OF, 1); day < last; day = addDays(day, 1)) expect(grade(ir, record, day).grade, `${String(record["id"])} ${day}`).toBe(e.grade);
    }
  });

  it("a target that no repair reaches (A for a B subject): says so, and whether time alone reaches it", () => {
    const b = explained.find(({ e }) => e.grade === "B")?.record;
    const toA = new Explainer(ir, { asOf: AS_OF, target: "A" }).explain(b);
    expect(toA.target?.grade).toBe("A");
    expect(toA.target?.none).toBe("no-change-reaches-it");
    expect(toA.target?.by_time).toBeNull();
    // Time only: no repairs are proposed.
    const timeOnly = new Explainer(ir, { asOf: AS_OF, actions: [] }).explain(b);
    expect(timeOnly.target?.changes).toEqual([]);
    expect(timeOnly.target?.by_time?.grade).toBeNull();
  });
});

describe("explain with the solver (a record with too many change sets to grade one by one)", () => {
  it("finds change sets as small as the exhaustive search, which graded reach the target", async () => {
    const ir = seed("pinglu-fgj");
    const full = new Explainer(ir, { asOf: AS_OF });
    // A budget of no graded record at all: the solver answers every time.
    const solverOnly = new Explainer(ir, { asOf: AS_OF, budget: 0 });
    const cases = RECORDS.map((r) => ({ r, e: full.explain(r) })).filter(({ e }) => (e.target?.changes.length ?? 0) > 0 && (e.target?.changes[0]?.set.length ?? 0) >= 2).slice(0, 6);
    expect(cases.length).toBeGreaterThan(2);
    for (const { r, e } of cases) {
      const viaSolver = await solverOnly.explainWithSolver(r, loadZ3);
      const set = viaSolver.target?.changes[0];
      expect(set?.by).toBe("solver");
      expect(set?.set.length).toBe(e.target?.changes[0]?.set.length);
      const changed = Explainer.apply(r, (set?.set ?? []).map((c) => ({ part: c.part, index: Number(c.pointer.split("/")[2]), action: c.action })), AS_OF);
      expect(grade(ir, changed, AS_OF).grade).toBe(e.target?.grade);
    }
  });
});

describe("explain through the command line", () => {
  it("its answers hold when graded by `eval` itself: the repaired records as of the day, the records on their next change day", () => {
    const lines = cli(["explain", "pinglu-fgj", "--input", "examples/records.jsonl", "--as-of", AS_OF]).lines.map((l) => JSON.parse(l) as Explanation);
    const byId = new Map(RECORDS.map((r) => [String(r["id"]), r]));
    // Each B subject with its first change set applied, graded in one batch.
    const repaired = lines.filter((e) => e.grade === "B" && (e.target?.changes.length ?? 0) > 0);
    expect(repaired.length).toBeGreaterThan(50);
    const changed = repaired.map((e) =>
      Explainer.apply(
        byId.get(e.id as string) as Record<string, unknown>,
        (e.target?.changes[0]?.set ?? []).map((c) => ({ part: c.part, index: Number(c.pointer.split("/")[2]), action: c.action })),
        AS_OF,
      ),
    );
    const graded = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", AS_OF], { input: changed.map((r) => JSON.stringify(r)).join("\n") });
    expect(graded.code).toBe(0);
    expect(graded.lines.map((l) => (JSON.parse(l) as { grade: string | null }).grade)).toEqual(repaired.map((e) => e.target?.changes[0]?.grade));
    // The most common next-change day: there the grade is the one explain gives, the day before the old one.
    const days = new Map<string, Explanation[]>();
    for (const e of lines) if (e.next_change) days.set(e.next_change.day, [...(days.get(e.next_change.day) ?? []), e]);
    const [day, group] = [...days].sort((a, b) => b[1].length - a[1].length)[0] as [string, Explanation[]];
    expect(group.length).toBeGreaterThan(1);
    const input = group.map((e) => JSON.stringify(byId.get(e.id as string))).join("\n");
    const on = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", day], { input });
    const before = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", addDays(day, -1)], { input });
    expect(on.lines.map((l) => (JSON.parse(l) as { grade: string | null }).grade)).toEqual(group.map((e) => e.next_change?.grade));
    expect(before.lines.map((l) => (JSON.parse(l) as { grade: string | null }).grade)).toEqual(group.map((e) => e.grade));
  });

  it("one JSON line per record; a target that is not a grade is a usage error; a malformed line an error line", () => {
    const r = cli(["explain", "pinglu-fgj", "--input", "examples/records.jsonl", "--as-of", AS_OF]);
    expect(r.code).toBe(0);
    expect(r.lines.length).toBe(RECORDS.length);
    const first = JSON.parse(r.lines[0] as string) as Explanation;
    expect(first.as_of).toBe(AS_OF);
    expect(cli(["explain", "pinglu-fgj", "--input", "examples/records.jsonl", "--target", "Z"]).code).toBe(2);
    const bad = cli(["explain", "pinglu-fgj", "--input", "-", "--as-of", AS_OF, "--format", "text"], { input: '{"id":"x"}\n{bad\n' });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toContain("CP-R000");
    // --output is written whole or not at all: a missing input leaves an earlier file as it was, and no temporary file.
    const dir = mkdtempSync(join(tmpdir(), "explain-"));
    const target = join(dir, "out.jsonl");
    writeFileSync(target, "earlier\n");
    expect(cli(["explain", "pinglu-fgj", "--input", join(dir, "missing.jsonl"), "--output", target]).code).toBe(2);
    expect(readdirSync(dir)).toEqual(["out.jsonl"]);
    expect(readFileSync(target, "utf8")).toBe("earlier\n");
    rmSync(dir, { recursive: true });
  });
});

describe("the earliest change day on other policies (lists that expire, a yearly snapshot day)", () => {
  for (const [id, day] of [
    ["wugang-sfj", AS_OF],
    ["yuncheng-kjj", AS_OF],
    ["wugang-credit-plan", "2021-09-30"],
  ] as const) {
    it(`${id} as of ${day}: no day before the one explain gives changes the grade, and that day does`, () => {
      const ir = seed(id);
      const ex = new Explainer(ir, { asOf: day });
      for (const record of RECORDS.filter((_, i) => i % 15 === 0)) {
        const e = ex.explain(record);
        const last = e.next_change ? e.next_change.day : addDays(day, 800);
        for (let d = addDays(day, 1); d < last; d = addDays(d, 1)) expect(grade(ir, record, d).grade, `${String(record["id"])} ${d}`).toBe(e.grade);
        if (e.next_change) expect(grade(ir, record, e.next_change.day).grade).toBe(e.next_change.grade);
      }
    });
  }
});
