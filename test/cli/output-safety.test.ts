// Output that reaches a spreadsheet or a terminal (issue 12, D13, D14): CSV cells that would run as
// formulas are neutralised as OWASP recommends; control characters in policy strings are shown as
// escapes by `diff --format text` and by every line of diagnostics, never sent to the terminal.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutralise } from "../../cli/batch/csv-safe.js";
import { escapeControls } from "../../diagnostics/controls.js";
import { cli, ROOT } from "./run-cli.js";

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"];

describe("CSV output for spreadsheets", () => {
  it("puts a single quote before a cell that starts with = + - @ tab or CR, and leaves others alone", () => {
    for (const f of FORMULAS) expect(neutralise(f)).toBe(`'${f}`);
    for (const ok of ["91140802MAQKY52A6E", "a=b", "第八条", "", "'quoted", " =1"]) expect(neutralise(ok)).toBe(ok);
  });

  it("eval --format csv writes such ids as text, graded and error rows alike", () => {
    const input = FORMULAS.map((id, i) => JSON.stringify(i % 2 ? { id, sanctions: "bad" } : { id })).join("\n") + "\n";
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2021-12-31", "--format", "csv", "--quiet"], { input });
    const rows = parse(r.stdout.replace(/^\ufeff/, ""), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row["id"])).toEqual(FORMULAS.map((f) => `'${f}`));
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("control characters on the terminal", () => {
  it("escapes C0, C1, DEL and bidirectional controls, keeping tab and newline", () => {
    expect(escapeControls("a\u001b[31mb\u0007c\u009bd\u007fe\u202ef\tg\nh")).toBe("a\\u001b[31mb\\u0007c\\u009bd\\u007fe\\u202ef\tg\nh");
  });

  it("diff --format text shows ESC and BEL from a policy's text as escapes", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-ctl-"));
    const policy = readFileSync(join(ROOT, "policies", "pinglu-fgj", "pinglu-fgj.policy"), "utf8");
    const hostile = policy.replace('"按照国家、省、市和区有关规定，符合条件的，予以发文表彰；"', '"按照\\u001b]0;pwned\\u0007国家\\u001b[2J规定\\u202e；"');
    expect(hostile).not.toBe(policy);
    writeFileSync(join(dir, "a.policy"), policy);
    writeFileSync(join(dir, "b.policy"), hostile);
    const r = cli(["diff", join(dir, "a.policy"), join(dir, "b.policy"), "--format", "text"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0007\u001b\u202e]/);
    expect(r.stdout).toContain("\\u001b]0;pwned\\u0007");
  });
});
