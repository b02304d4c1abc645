// Files a spreadsheet program wrote (test/fixtures/import/README.md: LibreOffice Calc 7.4): its
// .xlsx, with the cells it typed (numbers, a date cell, a 身份证号码 it turned into a number), and
// the GBK CSV it saved, read without --encoding. Both import to the same records as the source CSV,
// except the 身份证号码 Calc damaged, rejected in both.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../cli/run-cli.js";
import { withoutProvenance } from "./helpers.js";

const FIX = join(ROOT, "test", "fixtures", "import");
type Json = Record<string, unknown>;

const TMP = mkdtempSync(join(tmpdir(), "cp-lo-"));
let runs = 0;

function run(file: string, extra: string[] = []) {
  const rejectsFile = join(TMP, `rejects-${++runs}.jsonl`);
  const r = cli(["import", file, "--rejects", rejectsFile, ...extra], { cwd: FIX });
  const rejects = readFileSync(rejectsFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Json);
  return { code: r.code, rejects, records: r.lines.map((l) => JSON.parse(l) as Json), stderr: r.stderr };
}

describe("files written by LibreOffice Calc", () => {
  const source = run("libreoffice-source.csv");
  const xlsx = run("penalties-libreoffice.xlsx");
  const gbk = run("penalties-libreoffice-gbk.csv");

  it("import the xlsx and the GBK CSV (no --encoding) to the source's records", () => {
    expect(gbk.stderr).toMatch(/penalties-libreoffice-gbk\.csv: penalty-2018, header row 1; GB18030\/GBK$/m);
    expect(gbk.stderr).not.toMatch(/--encoding/);
    expect(xlsx.records.map((r) => r["id"])).toEqual(["52140603MJ0Y001049", "91140603MA0Y00101E", "91140603MA0Y00102H", "91140603MA0Y00103L"]);
    expect(withoutProvenance(xlsx.records)).toEqual(withoutProvenance(gbk.records));
    // The source also has the natural person whose number Calc damaged.
    expect(source.records.map((r) => r["id"]).filter((id) => String(id).startsWith("idcard:"))).toHaveLength(1);
    const sourceWithoutPerson = source.records.filter((r) => !String(r["id"]).startsWith("idcard:"));
    expect(withoutProvenance(sourceWithoutPerson)).toEqual(withoutProvenance(xlsx.records));
  });

  it("read Calc's cells: a date cell, 20210801 as a number, amounts as numbers, 0.35万元 exactly", () => {
    const b = xlsx.records.find((r) => r["id"] === "91140603MA0Y00102H")!;
    expect(b["sanctions"]).toMatchObject([
      { id: "平市监罚〔2021〕503号", date: "2021-07-01", violations: [{ penalties: [{ kind: "fine", amount: "20000.00" }, { kind: "confiscation", amount: "3500.00" }] }] },
      { id: "平市监罚〔2021〕504号", date: "2021-08-01" },
    ]);
    expect((b["provenance"] as Json)["codes"]).toEqual({ uscc: ["91140603MA0Y00102H"], regno: ["140603000000102"] });
    const a = xlsx.records.find((r) => r["id"] === "91140603MA0Y00101E")!;
    expect((a["sanctions"] as Json[]).map((s) => s["date"])).toEqual(["2021-03-15", "2021-06-01"]);
    expect(xlsx.records.find((r) => r["id"] === "52140603MJ0Y001049")!["kind"]).toBe("organization");
  });

  it("reject the same rows, with the row numbers Calc shows; rows read = accepted + rejected", () => {
    const codes = (x: typeof xlsx) => x.rejects.map((r) => [r["row"], r["code"]]);
    expect(codes(xlsx)).toEqual([
      [8, "CP-E0905"],
      [9, "CP-E0905"],
      [10, "CP-E0906"],
      [11, "CP-E0902"],
    ]);
    expect(codes(gbk)).toEqual(codes(xlsx));
    expect(xlsx.rejects[0]).toMatchObject({ sheet: "penalties-libreoffice", column: "证件号码" });
    expect(codes(source)).toEqual([
      [9, "CP-E0905"],
      [10, "CP-E0906"],
      [11, "CP-E0902"],
    ]);
    for (const x of [source, xlsx, gbk]) {
      expect(x.code).toBe(3);
      expect(x.stderr).toMatch(/10 rows read, (\d+) accepted, (\d+) rejected/);
      const [, acc, rej] = /10 rows read, (\d+) accepted, (\d+) rejected/.exec(x.stderr)!;
      expect(Number(acc) + Number(rej)).toBe(10);
    }
  });

  it("leaves --output and --rejects as they were when the run fails, with no temporary file behind", () => {
    const out = join(TMP, "kept.jsonl");
    writeFileSync(out, "old\n");
    const r = cli(["import", "penalties-libreoffice.xlsx", "--sheet", "no-such-sheet", "--output", out, "--rejects", out], { cwd: FIX });
    expect(r.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("old\n");
    expect(readdirSync(TMP).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--sheet reads only the named sheet and refuses a name the workbook lacks", () => {
    expect(run("penalties-libreoffice.xlsx", ["--sheet", "penalties-libreoffice"]).records).toHaveLength(4);
    const r = cli(["import", "penalties-libreoffice.xlsx", "--sheet", "2021年"], { cwd: FIX });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no sheet named 2021年 \(sheets: penalties-libreoffice\)/);
  });

  it("--encoding gbk reads a GBK file; --encoding utf8 on it rejects its rows as undecodable, losing none", () => {
    expect(run("penalties-libreoffice-gbk.csv", ["--encoding", "gbk"]).records).toHaveLength(4);
    const wrong = run("penalties-libreoffice-gbk.csv", ["--encoding", "utf8"]);
    expect(wrong.code).toBe(3);
    expect(wrong.records).toHaveLength(0);
    expect(wrong.stderr).toMatch(/CP-E0913 11/);
  });
});
