import { openDatabase } from "./cli/db/connect.js";
import { loadFiles } from "./cli/db/load.js";
import { gradeInDatabase } from "./cli/db/grade.js";
import { seedPolicies, CORPUS_DAYS } from "./test/codegen/generated.js";
import { makeGrader } from "./runtime/evaluate.js";
import { compileSqlQuery } from "./compiler/backends/sql/query.js";
import { PassThrough } from "node:stream";
import { readFileSync, writeFileSync } from "node:fs";
const url = process.argv[2] ?? "duckdb::memory:";
const only = process.argv[3];
const db = await openDatabase(url);
const rejects = new PassThrough(); let rej = ""; rejects.on("data", (d) => rej += d);
const t = await loadFiles(db, ["examples/records.jsonl"], { rejects });
console.log("loaded", t, rej.slice(0, 300));
for (const seed of seedPolicies()) {
  if (only && !seed.file.includes(only)) continue;
  const g = makeGrader(seed.ir, seed.sha256);
  try { compileSqlQuery(seed.ir, { dialect: db.dialect, ref: g.ref }); } catch (e) { console.log(seed.file, "COMPILE", (e as Error).message); continue; }
  writeFileSync(`/tmp/w15/${seed.ir.id}.${db.dialect}.sql`, compileSqlQuery(seed.ir, { dialect: db.dialect, ref: g.ref }));
  const records = readFileSync("examples/records.jsonl", "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  for (const day of CORPUS_DAYS.slice(0, 2)) {
    let diffs = 0, n = 0, fb = 0;
    try {
      await gradeInDatabase(db, seed.ir, g, day, async (rows) => {
        for (const r of rows) {
          const exp = JSON.stringify(g.grade(records[r.seq - 1], day));
          n++;
          if (exp !== r.line) { if (diffs++ < 2) console.log("DIFF", seed.file, day, "\n exp", exp.slice(0, 800), "\n got", r.line.slice(0, 800)); }
        }
      });
    } catch (e) { console.log(seed.file, day, "RUN", (e as Error).message.slice(0, 2000)); break; }
    console.log(seed.file, day, n, "diffs", diffs);
  }
}
await db.close();
