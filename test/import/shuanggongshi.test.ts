// The sample files of examples/shuanggongshi/: the same rows as UTF-8 CSV with a BOM, as GBK CSV
// (read without --encoding) and as an .xlsx workbook import to the same records, valid credit
// records; imported with the 2016 file, the list feed and the repair feed and piped into
// `eval pinglu-fgj --input -`, the scripted subjects get the grades worked out by hand below.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { validateRecord } from "../../record/validate.js";
import { SCRIPTED, scriptedId } from "../../examples/shuanggongshi/generate.mjs";
import { cli, ROOT } from "../cli/run-cli.js";
import { withoutProvenance } from "./helpers.js";

const DIR = join(ROOT, "examples", "shuanggongshi");
const BIN = join(ROOT, "dist", "cli", "bin.js");
type Json = Record<string, unknown>;
const jsonLines = (text: string) => text.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Json);

/** The summary line's counts. */
function summary(stderr: string): { read: number; accepted: number; rejected: number; subjects: number } {
  const m = /([\d,]+) rows read, ([\d,]+) accepted, ([\d,]+) rejected.*; ([\d,]+) subjects written/.exec(stderr);
  if (!m) throw new Error(`no summary in ${stderr}`);
  const [read, accepted, rejected, subjects] = m.slice(1).map((x) => Number(x.replace(/,/g, ""))) as [number, number, number, number];
  return { read, accepted, rejected, subjects };
}

function runImport(files: string[], tmp: string, name: string) {
  const rejectsFile = join(tmp, `${name}.rejects.jsonl`);
  const r = cli(["import", ...files, "--rejects", rejectsFile], { cwd: DIR });
  return { code: r.code, stderr: r.stderr, records: jsonLines(r.stdout), rejects: jsonLines(readFileSync(rejectsFile, "utf8")) };
}

const sanctionRows = (records: Json[]) =>
  records.flatMap((r) => ((r["sanctions"] ?? []) as { provenance: { rows: unknown[] } }[]).map((s) => s.provenance.rows.length)).reduce((a, b) => a + b, 0);

describe("the 2018 sample as UTF-8 CSV, GBK CSV and xlsx", () => {
  const FORMATS = ["penalties-2018.csv", "penalties-2018-gbk.csv", "penalties-2018.xlsx"];
  let runs: Record<string, ReturnType<typeof runImport>>;
  beforeAll(() => {
    const tmp = mkdtempSync(join(tmpdir(), "cp-sgs-"));
    runs = Object.fromEntries(FORMATS.map((f) => [f, runImport([f], tmp, f)]));
  }, 300_000);

  it("imports to the same records, with the same rows in their provenance", () => {
    const [first, ...rest] = FORMATS.map((f) => runs[f]!);
    expect(first!.records.length).toBeGreaterThan(900);
    for (const other of rest) {
      expect(withoutProvenance(other.records)).toEqual(withoutProvenance(first!.records));
      expect(sanctionRows(other.records)).toBe(sanctionRows(first!.records));
    }
  });

  it("rejects the same rows for the same reasons, and accounts for every row", () => {
    const key = (r: Json) => `${r["code"]} ${(r["cells"] as Record<string, string>)["行政处罚决定书文号"]}`;
    const [first, ...rest] = FORMATS.map((f) => runs[f]!);
    for (const other of rest) expect(other.rejects.map(key).sort()).toEqual(first!.rejects.map(key).sort());
    const data = readFileSync(join(DIR, "penalties-2018.csv"), "utf8").trim().split("\r\n").length - 1;
    for (const f of FORMATS) {
      const s = summary(runs[f]!.stderr);
      expect(runs[f]!.code).toBe(3);
      expect(s.read, f).toBe(data);
      expect(s.accepted + s.rejected, f).toBe(s.read);
      expect(s.rejected, f).toBe(runs[f]!.rejects.length);
      expect(sanctionRows(runs[f]!.records), f).toBe(s.accepted);
      expect(s.subjects).toBe(runs[f]!.records.length);
    }
    // The kinds of mistakes the generator makes, each caught.
    expect(new Set(first!.rejects.map((r) => r["code"]))).toEqual(new Set(["CP-E0902", "CP-E0903", "CP-E0904", "CP-E0905", "CP-E0906"]));
  });

  it("reads the GBK file without being told, and the workbook's sheets past their title rows and notes", () => {
    expect(runs["penalties-2018-gbk.csv"]!.stderr).toMatch(/penalties-2018-gbk\.csv: penalty-2018, header row 1; GB18030\/GBK;/);
    expect(runs["penalties-2018.csv"]!.stderr).toMatch(/UTF-8 \(BOM\)/);
    const x = runs["penalties-2018.xlsx"]!.stderr;
    expect(x).toMatch(/\[填表说明\]: no table \(3 rows of notes\), skipped/);
    expect(x).toMatch(/\[2021年\]: penalty-2018, header row 2; 1 title row/);
  });

  it("writes valid credit records, sorted by id, one per subject", () => {
    const { records } = runs["penalties-2018.xlsx"]!;
    for (const r of records) expect(validateRecord(r), String(r["id"])).toEqual([]);
    const ids = records.map((r) => r["id"] as string);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// As of 2021-12-31, pinglu-fgj's 一年内 is 2021-01-01 … 2021-12-31. Worked out from each scripted
// subject's rows (examples/shuanggongshi/generate.mjs SCRIPTED) and the policy's 第八条:
//   （二）1  1–2 violations whose most severe penalty is 责令改正 or 警告;
//   （二）2  1–2 violations above 警告, not severe, fines (罚款 only) summing to at most 50万元;
//   （三）2  a severe violation (the 严重行政处罚 column says 是).
// Revoked (撤销) and repaired (信用修复) decisions do not count from the day of the change on.
const EXPECTED: Record<number, [grade: string | null, articles: string[], why: string]> = {
  1: ["B", ["第八条（二）1"], "one 警告"],
  2: ["B", ["第八条（二）1"], "two 警告"],
  3: [null, [], "three 警告: not fewer than 3"],
  4: [null, [], "a 警告 on 2020-12-31, the day before the window"],
  5: [null, [], "a 警告 on 2022-01-05, after the day"],
  6: ["B", ["第八条（二）2"], "one fine of 0.5万元"],
  7: ["B", ["第八条（二）2"], "fines of 20万 + 30万 = 50万元, not over 50万元"],
  8: [null, [], "fines of 25万 + 25.0001万 = 500,001元, over 50万元"],
  9: ["B", ["第八条（二）2"], "警告；罚款 in one decision: classed as 罚款, not counted as a 警告"],
  10: [null, [], "three fines"],
  11: [null, [], "one fine, repaired on 2021-09-01"],
  12: ["B", ["第八条（二）2"], "one fine, repaired only on 2022-03-01"],
  13: [null, [], "one 警告, revoked on 2021-08-01"],
  14: ["C", ["第八条（三）2"], "a severe fine"],
  15: ["B", ["第八条（二）2"], "two fines, one of them exported in both templates: counted once"],
  16: [null, [], "three 警告, two of them in rows with only the 工商注册号: one subject"],
  17: ["B", ["第八条（二）1"], "a natural person (身份证) with one 警告"],
  18: ["B", ["第八条（二）2"], "one fine of 1万; the 2016 copy saying 10万 is rejected"],
  19: [null, [], "2016 处罚结果 罚款人民币48万元 + a 2018 fine of 3万 = 51万元"],
  20: ["B", ["第八条（二）1"], "责令改正"],
  21: [null, [], "其他: no penalty kind a policy ranks"],
  22: ["B", ["第八条（二）2"], "没收违法所得 100万: a case above 警告; no 罚款, so 0 fines"],
  23: ["B", ["第八条（二）2"], "吊销许可证件"],
  24: ["B", ["第八条（二）1"], "one 警告; its 失信联合惩戒对象 listing is not read by this policy"],
  25: ["B", ["第八条（二）2"], "a fine of ３万 in full-width digits, dated in full-width 年月日"],
  26: ["B", ["第八条（二）1"], "three 警告, one revoked on 2021-06-01"],
  27: [null, [], "2016 当前状态 撤销 (undated: revoked on every day)"],
  28: ["B", ["第八条（二）2"], "a fine of 0.0001万元 = 1.00元 on 2021-12-31, the last day of the window"],
};

describe("the walk-through: import the files, grade the subjects under pinglu-fgj", () => {
  let imported: ReturnType<typeof runImport>;
  let grades: Map<string, Json>;
  const gradePiped = (asOf: string): Map<string, Json> => {
    const rejects = join(mkdtempSync(join(tmpdir(), "cp-sgs-pipe-")), "rejects.jsonl");
    // A real pipe: import | eval --input -
    const r = spawnSync("sh", ["-c", `node "${BIN}" import penalties-2018.xlsx penalties-2016-gbk.csv lists.csv repairs.csv --quiet --rejects "${rejects}" | node "${BIN}" eval pinglu-fgj --input - --as-of ${asOf} --quiet`], {
      cwd: DIR,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status).toBe(0);
    return new Map(jsonLines(r.stdout).map((l) => [l["id"] as string, l]));
  };
  beforeAll(() => {
    imported = runImport(["penalties-2018.xlsx", "penalties-2016-gbk.csv", "lists.csv", "repairs.csv"], mkdtempSync(join(tmpdir(), "cp-sgs-")), "all");
    grades = gradePiped("2021-12-31");
  }, 300_000);

  it("accounts for every row of the four files", () => {
    const s = summary(imported.stderr);
    expect(s.accepted + s.rejected).toBe(s.read);
    expect(s.rejected).toBe(imported.rejects.length);
    expect(grades.size).toBe(s.subjects);
    const byFile = (code: string) => imported.rejects.filter((r) => r["code"] === code).map((r) => r["file"]);
    expect(byFile("CP-E0907")).toContain("penalties-2016-gbk.csv");
    expect(byFile("CP-E0909")).toEqual(["repairs.csv"]);
    expect(byFile("CP-E0908")).toEqual(["lists.csv"]);
  });

  it("grades at least 20 hand-checked subjects as expected", () => {
    expect(Object.keys(EXPECTED).length).toBeGreaterThanOrEqual(20);
    expect(SCRIPTED.map((s: { n: number }) => s.n).sort((a: number, b: number) => a - b)).toEqual(Object.keys(EXPECTED).map(Number));
    for (const s of SCRIPTED as { n: number }[]) {
      const [g, articles, why] = EXPECTED[s.n]!;
      const line = grades.get(scriptedId(s));
      expect(line, `subject ${s.n} (${why})`).toBeDefined();
      expect(line!["grade"], `subject ${s.n}: ${why}`).toBe(g);
      expect((line!["matched"] as { article: string }[]).map((m) => m.article), `subject ${s.n}: ${why}`).toEqual(articles);
    }
  });

  it("sums fines exactly and counts a decision exported twice once", () => {
    const values = (n: number) => Object.assign({}, ...((grades.get(scriptedId(SCRIPTED.find((s) => s.n === n)!))!["matched"] as { values: Json }[]).map((m) => m.values)));
    expect(values(7)).toEqual({ 一年内行政处罚案件次数: 2, 一年内罚款累计: "500000.00" });
    expect(values(28)).toEqual({ 一年内行政处罚案件次数: 1, 一年内罚款累计: "1.00" });
    expect(values(15)).toEqual({ 一年内行政处罚案件次数: 2, 一年内罚款累计: "20000.00" });
    const s15 = imported.records.find((r) => r["id"] === scriptedId({ n: 15 }))!;
    const rows = (s15["sanctions"] as { provenance: { rows: { file: string }[] } }[]).map((s) => s.provenance.rows.map((r) => r.file).sort());
    expect(rows).toContainEqual(["penalties-2016-gbk.csv", "penalties-2018.xlsx"]);
    expect(imported.records.some((r) => String(r["id"]).startsWith("regno:140603900016601"))).toBe(false);
  });

  it("turns repairs into a dated status history: a repair after the day does not count, and does from its day on", () => {
    const s12 = imported.records.find((r) => r["id"] === scriptedId({ n: 12 }))!;
    expect((s12["sanctions"] as Json[])[0]).toMatchObject({ status: "repaired", status_history: [{ status: "repaired", from: "2022-03-01" }] });
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2022-06-30", "--quiet"], { input: imported.records.map((x) => JSON.stringify(x)).join("\n") + "\n" });
    expect(r.code).toBe(0);
    const later = new Map(r.lines.map((l) => JSON.parse(l) as Json).map((l) => [l["id"] as string, l]));
    expect(later.get(scriptedId({ n: 12 }))!["grade"]).toBe(null);
    expect(later.get(scriptedId({ n: 7 }))!["grade"]).toBe("B");
  });
});
