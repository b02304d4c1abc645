// Policy text never becomes SQL: a policy whose every string is an attempt to end a string literal,
// a comment or the statement (`'; DROP TABLE subjects; --` and relatives) compiles, grades on DuckDB
// and PostgreSQL (PGlite) exactly as the evaluator grades, leaves every table as it was, and its
// strings come back byte for byte. Outside string literals and comments the generated SQL holds
// none of them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../cli/db/connect.js";
import { gradeInDatabase } from "../../cli/db/grade.js";
import { createLayout } from "../../cli/db/load.js";
import { compilePolicy } from "../../compiler/compile.js";
import { compileSqlQuery } from "../../compiler/backends/sql/query.js";
import type { IRPolicy } from "../../compiler/ir.js";
import { shredRecord, TABLES, type Rows } from "../../record/relational.js";
import { makeGrader } from "../../runtime/evaluate.js";

const P = {
  drop: "'; DROP TABLE subjects; --",
  double: '"; DROP TABLE subjects; --',
  comment: "*/ DROP TABLE subjects; /*",
  dollar: "$$; DROP TABLE subjects; $$ $1 $tag$",
  backslash: "\\'; DROP TABLE subjects; --",
  concat: "' || (SELECT count(*) FROM subjects) || '",
  newline: "x\n'); DROP TABLE subjects; --\r\n",
  escape: "E'\\x27; DROP TABLE subjects; --",
};
const s = (v: string) => JSON.stringify(v);

const POLICY = `policy ${s(P.drop)} {
  title ${s(P.comment)}
  version ${s(P.dollar)}
}
note 第一条 ${s(P.newline)}
disregard revoked, repaired 第十六条 ${s(P.backslash)}
let hits = count sanctions where 决定机关 = ${s(P.drop)} in last 1 year
let others = count sanctions where 决定机关 != ${s(P.concat)} in last 1 year
grade B ${s(P.double)} 第七条 any {
  第八条（二）1 ${s(P.escape)}: hits at least 1 times
}
grade A ${s(P.concat)} 第七条 any {
  第八条（一）1 ${s(P.newline)}: others at least 1 times
}
precedence B > A
default none
measures B management 第十二条 ${s(P.drop)} {
  第十二条（一） ${s(P.dollar)} tag inspection = increased
}
notice B 第十四条 ${s(P.comment)} options ${s(P.drop)}, ${s(P.backslash)}
record keeping 第十四条 ${s(P.escape)}
`;

const RECORDS = [
  { id: P.drop, sanctions: [{ date: "2021-06-01", status: "in_force", authority: P.drop, violations: [] }] },
  { id: "other", sanctions: [{ date: "2021-06-01", status: "in_force", authority: P.concat, violations: [] }] },
  { id: "third", sanctions: [{ date: "2021-06-01", status: "in_force", authority: "平鲁区发改局", violations: [] }] },
];

/** The SQL with its string literals, quoted identifiers and comments taken out: what the engine reads as SQL. */
function code(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*/g, " ");
}

describe.each([
  ["DuckDB", "duckdb::memory:"],
  ["PostgreSQL (PGlite)", "pglite::memory:"],
] as const)("%s: a policy made of SQL injection attempts", (_engine, url) => {
  let db: Database;
  let ir: IRPolicy;
  beforeAll(async () => {
    const r = compilePolicy(POLICY, "injection.policy");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    ir = r.ir as IRPolicy;
    db = await openDatabase(url);
    await createLayout(db);
    const rows: Rows = new Map();
    RECORDS.forEach((rec, i) => shredRecord(rec, i + 1, rows));
    for (const t of TABLES) if (rows.get(t.name)) await db.append(t, rows.get(t.name) ?? []);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("compiles: every payload sits inside a string literal or a comment", () => {
    const sql = compileSqlQuery(ir, { dialect: db.dialect, ref: makeGrader(ir, "0".repeat(64)).ref });
    expect(sql).toContain("DROP TABLE subjects");
    expect(code(sql)).not.toMatch(/DROP|\$\$|\$tag|\*\//);
    expect(code(sql).match(/;/g)).toBeNull();
  });

  it("grades as the evaluator does, strings byte for byte, and drops nothing", async () => {
    const grader = makeGrader(ir, "0".repeat(64));
    const lines: string[] = [];
    await gradeInDatabase(db, ir, grader, "2021-12-31", async (rows) => {
      lines.push(...rows.map((r) => r.line));
    });
    expect(lines).toEqual(RECORDS.map((r) => JSON.stringify(grader.grade(r, "2021-12-31"))));
    const first = JSON.parse(lines[0] as string) as { id: string; grade: string; label: string; measures: { text: string }[]; notifications: { options: string[] }[] };
    expect(first.id).toBe(P.drop);
    expect(first.grade).toBe("B");
    expect(first.label).toBe(P.double);
    expect(first.measures[0]?.text).toBe(P.dollar);
    expect(first.notifications[0]?.options).toEqual([P.drop, P.backslash]);
    // The second record's authority is the concatenation payload itself: != holds for the third only.
    expect((JSON.parse(lines[1] as string) as { grade: string }).grade).toBeNull();
    expect((JSON.parse(lines[2] as string) as { grade: string }).grade).toBe("A");
    for (const t of TABLES) expect((await db.all(`SELECT COUNT(*) AS n FROM "${t.name}"`)).length, t.name).toBe(1);
    expect(Number((await db.all("SELECT COUNT(*) AS n FROM subjects"))[0]?.["n"])).toBe(3);
  });
});
