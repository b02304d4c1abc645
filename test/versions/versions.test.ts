// Revision sets (compiler/versions.ts): validity periods tile the calendar, ids and grade sets
// agree or are mapped, and the revision in force on a day — or a stable error when none is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../compiler/compile.js";
import { formatDiagnostic } from "../../diagnostics/diagnostics.js";
import { buildRevisionSet, findRevision, gradeMapping, revisionInForce, testsOutsidePeriod, type Revision } from "../../compiler/versions.js";
import { smallPolicy as policy } from "./small-policy.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "versions", "pinglu-fgj");

function revision(text: string, file: string): Revision {
  const r = compilePolicy(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.ir || errors.length) throw new Error(`${file} does not compile: ${errors.map((d) => d.code).join(", ")}`);
  return { ir: r.ir, sha256: r.sha256, file, ...(r.ast ? { ast: r.ast } : {}) };
}

const codes = (ds: { code: string; span?: { file: string; line: number; col: number } }[]) =>
  ds.map((d) => `${d.code}@${d.span ? `${d.span.file}:${d.span.line}:${d.span.col}` : "-"}`);

describe("revision sets", () => {
  const r2021 = revision(readFileSync(join(FIXTURE, "pinglu-fgj-2021.policy"), "utf8"), "pinglu-fgj-2021.policy");
  const r2023 = revision(readFileSync(join(FIXTURE, "pinglu-fgj-2023.policy"), "utf8"), "pinglu-fgj-2023.policy");

  it("accepts the test history of pinglu-fgj and picks the revision in force on a day", () => {
    const set = buildRevisionSet([r2023, r2021]);
    expect(set.diagnostics).toEqual([]);
    expect(set.periods.map((p) => [p.revision.ir.meta["version"], p.from, p.until])).toEqual([
      ["2021-121", null, "2023-01-01"],
      ["2023-test", "2023-01-01", null],
    ]);
    const on = (day: string) => {
      const r = revisionInForce(set, day);
      return "period" in r ? r.period.revision.ir.meta["version"] : r.error.code;
    };
    expect(on("1990-01-01")).toBe("2021-121");
    expect(on("2022-12-31")).toBe("2021-121");
    expect(on("2023-01-01")).toBe("2023-test");
    expect(on("2099-12-31")).toBe("2023-test");
    expect(testsOutsidePeriod(set)).toEqual([]);
  });

  it("names a revision by version or by file name, and says which exist when none matches", () => {
    const set = buildRevisionSet([r2021, r2023]);
    const name = (n: string) => {
      const r = findRevision(set, n);
      return "period" in r ? r.period.revision.file : r.error.code;
    };
    expect(name("2023-test")).toBe("pinglu-fgj-2023.policy");
    expect(name("pinglu-fgj-2021.policy")).toBe("pinglu-fgj-2021.policy");
    expect(name("2022")).toBe("CP-E0707");
  });

  it("has no revision before the first one's effective day, nor after the last one expired", () => {
    const only = buildRevisionSet([revision(policy(`  effective 2021-04-15\n  expires 2024-01-01\n  version "1"`), "one.policy")]);
    expect(only.diagnostics).toEqual([]);
    const before = revisionInForce(only, "2021-04-14");
    const after = revisionInForce(only, "2024-01-01");
    expect("error" in before && before.error.code).toBe("CP-E0705");
    expect("error" in after && after.error.code).toBe("CP-E0706");
    expect("period" in revisionInForce(only, "2021-04-15")).toBe(true);
    expect("period" in revisionInForce(only, "2023-12-31")).toBe(true);
  });

  it("rejects overlapping revisions at the later one's effective date", () => {
    const a = revision(policy(`  effective 2021-01-01\n  expires 2023-02-01\n  version "1"`), "a.policy");
    const b = revision(policy(`  effective 2023-01-01\n  version "2"`), "b.policy");
    expect(codes(buildRevisionSet([a, b]).diagnostics)).toEqual(["CP-E0702@b.policy:3:13"]);
    // An earlier revision that never ends overlaps every later one.
    const open = revision(policy(`  effective 2021-01-01\n  version "1"`), "open.policy");
    expect(codes(buildRevisionSet([b, open]).diagnostics)).toEqual(["CP-E0702@b.policy:3:13"]);
    // Two revisions in force from the start of time.
    const c = revision(policy(`  version "3"`), "c.policy");
    const d = revision(policy(`  effective unstated\n  version "4"`), "d.policy");
    expect(codes(buildRevisionSet([c, d]).diagnostics)).toEqual(["CP-E0702@d.policy:3:13"]);
  });

  it("rejects a gap between revisions", () => {
    const a = revision(policy(`  effective 2021-01-01\n  expires 2022-07-01\n  version "1"`), "a.policy");
    const b = revision(policy(`  effective 2023-01-01\n  version "2"`), "b.policy");
    const set = buildRevisionSet([a, b]);
    expect(codes(set.diagnostics)).toEqual(["CP-E0703@b.policy:3:13"]);
    expect(set.diagnostics[0]?.args).toEqual(["2022-07-01", "2022-12-31"]);
  });

  it("rejects revisions of different policy ids, shared versions, bad dates", () => {
    const a = revision(policy(`  expires 2023-01-01\n  version "1"`), "a.policy");
    const other = revision(policy(`  effective 2023-01-01\n  version "2"`, { id: "q" }), "q.policy");
    expect(codes(buildRevisionSet([a, other]).diagnostics)).toEqual(["CP-E0701@q.policy:1:1"]);
    const same = revision(policy(`  effective 2023-01-01\n  version "1"`), "same.policy");
    expect(codes(buildRevisionSet([a, same]).diagnostics)).toEqual(["CP-E0710@same.policy:4:11"]);
    // The shared version points back at the revision that has it first, in its own file.
    const shared = buildRevisionSet([a, same]).diagnostics[0]!;
    expect(shared.related?.map((r) => `${r.key}@${r.span.file}:${r.span.line}:${r.span.col}`)).toEqual(["note/first-defined@a.policy:4:11"]);
    expect(formatDiagnostic(shared, "p").split("\n")).toEqual([
      "same.policy:4:11: error CP-E0710: 多个修订版本使用同一版本号 1 (several revisions share the version 1)",
      "  a.policy:4:11: note: 首次定义于此 (first defined here)",
    ]);
    const text = revision(policy(`  effective "2023-01-01"\n  version "9"`), "text.policy");
    expect(codes(buildRevisionSet([text]).diagnostics)).toEqual(["CP-E0708@text.policy:3:13"]);
    const backwards = revision(policy(`  effective 2023-01-01\n  expires 2022-01-01`), "back.policy");
    expect(codes(buildRevisionSet([backwards]).diagnostics)).toEqual(["CP-E0709@back.policy:4:11"]);
  });

  it("needs a grade map when the grades change, and checks the map against both revisions", () => {
    const old = revision(policy(`  expires 2023-01-01\n  version "1"`), "old.policy");
    const renamed = (extra: string) => revision(policy(`  effective 2023-01-01\n  version "2"`, { grades: ["优", "差"], extra }), "new.policy");
    expect(codes(buildRevisionSet([old, renamed("")]).diagnostics)).toEqual(["CP-E0704@new.policy:1:1"]);
    const mapped = renamed(`grade map "1" { A = 优, B = 差 }`);
    const set = buildRevisionSet([old, mapped]);
    expect(set.diagnostics).toEqual([]);
    expect(Object.fromEntries(gradeMapping(old.ir, mapped.ir))).toEqual({ A: "优", B: "差" });
    expect(codes(buildRevisionSet([old, renamed(`grade map "1" { A = 优 }`)]).diagnostics)).toEqual(["CP-E0712@new.policy:15:1"]);
    expect(codes(buildRevisionSet([old, renamed(`grade map "1" { A = 优, B = none, X = 差 }`)]).diagnostics)).toEqual(["CP-E0711@new.policy:15:1"]);
    // A grade mapped to no grade is a declared answer, not a gap.
    expect(Object.fromEntries(gradeMapping(old.ir, renamed(`grade map "1" { A = 优, B = none }`).ir))).toEqual({ A: "优", B: null });
    // A map naming no revision of this history is suspicious, not wrong.
    expect(codes(buildRevisionSet([old, renamed(`grade map "1" { A = 优, B = 差 }\ngrade map "0" { A = 优 }`)]).diagnostics)).toEqual([
      "CP-W0702@new.policy:16:1",
    ]);
  });

  it("warns about test cases dated outside their own revision's period", () => {
    const text = policy(`  effective 2023-01-01\n  version "2"`, {
      extra: `test "before" as of 2022-06-30 {\n  record {"id": "x"}\n  expect grade none\n}`,
    });
    expect(codes(testsOutsidePeriod(buildRevisionSet([revision(text, "t.policy")])))).toEqual(["CP-W0701@t.policy:15:1"]);
  });
});
