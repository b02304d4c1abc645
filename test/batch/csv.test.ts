// CSV in and out: records as rows (nested parts as JSON cells), UTF-8 with a byte order mark and
// CRLF as Excel writes them, Chinese text in cells and quoted cells spanning lines; results as rows
// that read back into exactly the JSON Lines results. Bad rows become error rows; a file that is
// not UTF-8 is refused by name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JSON_COLUMNS, recordFromRow } from "../../cli/batch/csv-input.js";
import { cli, ROOT, STACK_TRACE } from "../cli/run-cli.js";

const records = readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const COLUMNS = ["id", "name", "kind", "lists", "honors", "sanctions", "commitment_breaches", "determinations", "ratings", "public_credit", "warnings", "indicators", "remark"];

function toRow(r: Record<string, unknown>): string[] {
  return COLUMNS.map((c) => (r[c] === undefined ? "" : JSON_COLUMNS.has(c) ? JSON.stringify(r[c]) : String(r[c])));
}

/** A result read back from a CSV row: the JSON Lines result it stands for. */
function fromCsv(row: Record<string, string>): unknown {
  const orNull = (s: string | undefined) => (s === "" || s === undefined ? null : s);
  if (row["error_code"]) {
    return { id: orNull(row["id"]), as_of: row["as_of"], policy: { id: row["policy"], version: row["policy_version"], sha256: row["policy_sha256"] }, error: { path: row["error_path"], message: row["error_message"], code: row["error_code"] } };
  }
  return {
    id: orNull(row["id"]),
    as_of: row["as_of"],
    policy: { id: row["policy"], version: row["policy_version"], sha256: row["policy_sha256"] },
    grade: orNull(row["grade"]),
    label: orNull(row["label"]),
    matched: JSON.parse(row["matched"] as string),
    measures: JSON.parse(row["measures"] as string),
    notifications: JSON.parse(row["notifications"] as string),
  };
}

describe("CSV in, CSV out", () => {
  let dir: string;
  let jsonl: unknown[];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "cp-csv-"));
    // A name spanning two lines and one full of CSV's own punctuation, in quoted cells.
    const rows = records.map((r, i) => toRow(i === 1 ? { ...r, name: "卢某\n（曾用名：卢某某）" } : i === 2 ? { ...r, name: '运城市"某某",房地产；开发' } : r));
    writeFileSync(join(dir, "excel.csv"), "\ufeff" + stringify([COLUMNS, ...rows], { record_delimiter: "\r\n" }));
    writeFileSync(join(dir, "plain.csv"), stringify([COLUMNS, ...rows]));
    writeFileSync(join(dir, "records.jsonl"), records.map((r, i) => JSON.stringify(i === 1 ? { ...r, name: "卢某\n（曾用名：卢某某）" } : i === 2 ? { ...r, name: '运城市"某某",房地产；开发' } : r)).join("\n") + "\n");
    const r = cli(["eval", "wugang-sfj", "--input", join(dir, "records.jsonl"), "--as-of", "2021-12-31", "-q"]);
    expect(r.code, r.stderr).toBe(0);
    jsonl = r.lines.map((l) => JSON.parse(l) as unknown);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("grades CSV with a BOM and CRLF exactly as the same records in JSON Lines, and writes CSV that reads back to the same results", () => {
    const r = cli(["eval", "wugang-sfj", "--input", join(dir, "excel.csv"), "--as-of", "2021-12-31", "--output", join(dir, "out.csv")]);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(join(dir, "out.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(records.length);
    expect(rows.map(fromCsv)).toEqual(jsonl);
    const b = rows.find((x) => x["grade"] === "B") as Record<string, string>;
    expect(b["label"]).toBe("一般失信");
    expect(b["measure_articles"]).toMatch(/^第十二条（一）、/);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toContain("\r\n");
  });

  it("reads CSV without a BOM and with LF the same, and writes CSV to standard output with --format csv", () => {
    const r = cli(["eval", "wugang-sfj", "--input", join(dir, "plain.csv"), "--as-of", "2021-12-31", "--format", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map(fromCsv)).toEqual(jsonl);
  });

  it("reads CSV from standard input with --input-format csv", () => {
    const r = cli(["eval", "wugang-sfj", "--input", "-", "--input-format", "csv", "--as-of", "2021-12-31", "-q"], { input: readFileSync(join(dir, "excel.csv")) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.lines.map((l) => JSON.parse(l) as unknown)).toEqual(jsonl);
  });

  it("turns each bad row into one error row in its place and goes on", () => {
    const good = toRow(records[21] as Record<string, unknown>);
    const text =
      "\ufeff" +
      stringify([
        COLUMNS,
        good,
        ["bad-json", "某某", "", "", "", "[{\"date\": \"2021-03-01\",", ...Array(7).fill("")],
        ["short", "少了几列"],
        ["bad-date", "", "", '[{"list":"red","from":"2021/03/05"}]', ...Array(9).fill("")],
        good,
      ]) +
      'unclosed,"引号没有闭合,,,,,,,,,,,\n';
    writeFileSync(join(dir, "bad.csv"), text);
    const r = cli(["eval", "yuncheng-kjj", "--input", join(dir, "bad.csv"), "--as-of", "2021-12-31"]);
    expect(r.code).toBe(3);
    const outs = r.lines.map((l) => JSON.parse(l) as { id: string | null; grade?: string | null; error?: { code: string; path: string; message: string } });
    expect(outs.map((o) => [o.id, o.error?.code ?? o.grade, o.error?.path])).toEqual([
      [records[21]?.["id"], "B", undefined],
      ["bad-json", "CP-R000", "/sanctions"],
      ["short", "CP-R000", ""],
      ["bad-date", "CP-R004", "/lists/0/from"],
      [records[21]?.["id"], "B", undefined],
      [null, "CP-R000", ""],
    ]);
    expect(outs[1]?.error?.message).toMatch(/^line 3, column sanctions: malformed JSON/);
    expect(outs[2]?.error?.message).toBe("line 4: 2 cells, but the header row has 13");
    expect(outs[5]?.error?.message).toMatch(/QUOTE_NOT_CLOSED/);
    expect(r.stderr).toMatch(/6 records .*: 2 graded, 4 errors; B 2\n$/);
  });

  it("refuses a file that is not UTF-8 (a GBK export) by name, exit 2", () => {
    const gbk = Buffer.concat([Buffer.from("id,name\r\nx,"), Buffer.from([0xc6, 0xbd, 0xc2, 0xb3, 0xc7, 0xf8]), Buffer.from("\r\n")]);
    writeFileSync(join(dir, "gbk.csv"), gbk);
    const r = cli(["eval", "pinglu-fgj", "--input", join(dir, "gbk.csv"), "--as-of", "2021-12-31"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gbk\.csv: not UTF-8 text .*CSV UTF-8/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("leaves empty cells out, parses JSON columns and keeps other columns as text", () => {
    expect(recordFromRow(["id", "kind", "sanctions", "注记", "__proto__"], ["a", "", "[]", "备注", "x"], 2)).toEqual({
      record: Object.defineProperty({ id: "a", sanctions: [], 注记: "备注" }, "__proto__", { value: "x", enumerable: true, writable: true, configurable: true }),
    });
  });
});
