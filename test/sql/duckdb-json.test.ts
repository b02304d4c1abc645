// DuckDB reading JSON Lines itself (cli/db/duckdb-json.ts) against the JavaScript reader and
// validator: every record DuckDB loads gives exactly the rows the JavaScript loader gives it, and
// every line it does not vouch for is left to JavaScript — however the line is broken (keys given
// twice, values of the wrong type, arrays that are not arrays, escapes, a byte order mark, CRLF).
// `eval --engine duckdb` then writes what `eval` writes, byte for byte.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../cli/db/connect.js";
import { loadJsonLinesNative, scanJsonLines } from "../../cli/db/duckdb-json.js";
import { createLayout, loadFiles } from "../../cli/db/load.js";
import { ident } from "../../compiler/backends/sql/dialect.js";
import { TABLES } from "../../record/relational.js";
import { validateRecord } from "../../record/validate.js";
import { mulberry32, randomRecords } from "../codegen/random-records.js";
import { ROOT } from "../codegen/generated.js";
import { cli } from "../cli/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "cp-duckdb-json-"));

/** Lines that look like records but are not quite, and some that are. */
const ADVERSARIAL = [
  `{"id":"dup-key","id":"second"}`,
  `{"id":"dup-nested","sanctions":[{"date":"2021-05-01","date":"2021-06-01","status":"in_force","violations":[]}]}`,
  `{"id":"name-number","name":123}`,
  `{"id":12}`,
  `{"id":""}`,
  `{"id":"bool-string","honors":[{"date":"2021-05-01","grantor":"government","for_integrity":"true"}]}`,
  `{"id":"bool-number","honors":[{"date":"2021-05-01","grantor":"government","verified":1}]}`,
  `{"id":"lists-string","lists":"red"}`,
  `{"id":"lists-null","lists":null}`,
  `{"id":"lists-object","lists":{"list":"red","from":"2021-01-01"}}`,
  `{"id":"element-number","lists":[1,{"list":"red","from":"2021-01-01"}]}`,
  `{"id":"violations-string","sanctions":[{"date":"2021-05-01","status":"in_force","violations":"none"}]}`,
  `{"id":"violations-missing","sanctions":[{"date":"2021-05-01","status":"in_force"}]}`,
  `{"id":"escaped-colon","name":"a\\u003ab"}`,
  `{"id":"escaped-quote","name":"A \\"quoted\\" name"}`,
  `{"id":"colon-in-name","name":"a:b","sanctions":[{"date":"2021-05-01","status":"in_force","authority":"局:一","violations":[{"penalties":[{"kind":"fine","amount":"1000.00"}]}]}]}`,
  `{"id":"unknown-key","x:y":"z","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[],"extra":{"a":1}}]}`,
  `{"id":"date-short","honors":[{"date":"2021-5-01","grantor":"government"}]}`,
  `{"id":"date-feb30","honors":[{"date":"2021-02-30","grantor":"government"}]}`,
  `{"id":"date-year0","honors":[{"date":"0000-01-01","grantor":"government"}]}`,
  `{"id":"amount-3dp","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":0.001}]}]}]}`,
  `{"id":"amount-exp","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":1e3}]}]}]}`,
  `{"id":"amount-neg","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":-1}]}]}]}`,
  `{"id":"amount-big","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":"99999999999999999999.99"}]}]}]}`,
  `{"id":"amount-0.29","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":0.29}]}]}]}`,
  `{"id":"score-string","public_credit":{"score":"85","date":"2021-01-01"}}`,
  `{"id":"score-101","public_credit":{"score":101,"date":"2021-01-01"}}`,
  `{"id":"score-ok","public_credit":{"score":69.99,"date":"2021-01-01"}}`,
  `{"id":"pc-string","public_credit":"85"}`,
  `{"id":"indicators-dup","indicators":{"a":1,"a":2}}`,
  `{"id":"indicators-string","indicators":{"a":"1"}}`,
  `{"id":"indicators-ok","indicators":{"a:b":1,"c":0.5}}`,
  `{"id":"history-order","sanctions":[{"date":"2021-05-01","status":"repaired","status_history":[{"status":"repaired","from":"2021-08-01"},{"status":"revoked","from":"2021-07-01"}],"violations":[]}]}`,
  `{"id":"history-last","sanctions":[{"date":"2021-05-01","status":"in_force","status_history":[{"status":"repaired","from":"2021-08-01"}],"violations":[]}]}`,
  `{"id":"history-ok","sanctions":[{"date":"2021-05-01","status":"repaired","status_history":[{"status":"in_force","from":"2021-05-01"},{"status":"repaired","from":"2021-08-01"}],"violations":[]}]}`,
  `{"id":"until-null","lists":[{"list":"black","from":"2021-01-01","until":null}]}`,
  `{"id":"kind-bad","kind":"robot"}`,
  `{"id":"lone-surrogate\\ud800"}`,
  `{"id":"spaces" , "name" : "x" }`,
  `[1,2]`,
  `"just a string"`,
  `{bad json`,
  ``,
  `   `,
  `{"id":"after-blank"}`,
];

/** Rows of every table, keyed by table, each row as sorted JSON with `extra` parsed. */
async function dump(db: Database, seqs?: ReadonlySet<number>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const t of TABLES) {
    const key = t.kind === "subjects" ? "seq" : "subject";
    const rows = await db.all(`SELECT * FROM ${ident(t.name)} ORDER BY ${t.keys.map((k) => ident(k.name)).join(", ")}`);
    out.set(
      t.name,
      rows
        .filter((r) => !seqs || seqs.has(Number(r[key])))
        .map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, k === "extra" && typeof v === "string" ? Object.entries(JSON.parse(v) as object).sort() : v === null ? null : String(v)]))),
    );
  }
  return out;
}

async function loadBoth(file: string): Promise<{ js: Database; native: Database; loaded: Set<number>; others: Set<number>; rejected: Set<number> }> {
  const js = await openDatabase("duckdb::memory:");
  const rejects = new PassThrough();
  let text = "";
  rejects.on("data", (d: Buffer) => (text += d.toString()));
  await loadFiles(js, [file], { rejects, native: false });
  const rejected = new Set(text.split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { line: number }).line));
  const native = await openDatabase("duckdb::memory:");
  await createLayout(native);
  const scan = scanJsonLines(file);
  if (!("newline" in scan)) throw new Error(scan.reason);
  await loadJsonLinesNative(native, file, scan.newline, 0);
  const others = new Set((await native.all("SELECT line FROM cp_other")).map((r) => Number(r["line"])));
  const loaded = new Set((await native.all("SELECT seq FROM subjects")).map((r) => Number(r["seq"])));
  return { js, native, loaded, others, rejected };
}

describe("DuckDB reads JSON Lines as the JavaScript reader does", () => {
  const file = join(dir, "mixed.jsonl");
  let both: Awaited<ReturnType<typeof loadBoth>>;
  beforeAll(async () => {
    const records = randomRecords(600, 777);
    const lines = [...ADVERSARIAL, ...records.map((r) => JSON.stringify(r)), ...readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8").split("\n")];
    writeFileSync(file, "\ufeff" + lines.join("\n") + "\n");
    both = await loadBoth(file);
  }, 120_000);
  afterAll(async () => {
    await both?.js.close();
    await both?.native.close();
  });

  it("loads into the same rows every record it vouches for, and leaves every other line to JavaScript", async () => {
    const lines = readFileSync(file, "utf8").replace(/^\ufeff/, "").split("\n");
    const nonBlank = new Set(lines.flatMap((l, i) => (l.trim() ? [i + 1] : [])));
    // Every non-blank line is either loaded by DuckDB or left to JavaScript, never both, never lost.
    expect([...both.loaded].filter((n) => both.others.has(n))).toEqual([]);
    expect(new Set([...both.loaded, ...both.others])).toEqual(nonBlank);
    // What JavaScript rejects, DuckDB never loads.
    expect([...both.rejected].filter((n) => both.loaded.has(n))).toEqual([]);
    // Most valid records are loaded by DuckDB itself.
    expect(both.loaded.size).toBeGreaterThan(700);
    const a = await dump(both.js, both.loaded);
    const b = await dump(both.native);
    for (const t of TABLES) expect(b.get(t.name), t.name).toEqual(a.get(t.name));
  });

  it("leaves each broken record of the adversarial lines to JavaScript", () => {
    const invalid = ADVERSARIAL.flatMap((l, i) => {
      if (!l.trim()) return [];
      let record: unknown;
      try {
        record = JSON.parse(l);
      } catch {
        return [i + 1];
      }
      return validateRecord(record).length ? [i + 1] : [];
    });
    for (const n of invalid) expect(both.loaded.has(n), ADVERSARIAL[n - 1]).toBe(false);
    for (const id of ["dup-key", "dup-nested", "name-number", "bool-string", "lists-string", "lists-null", "escaped-colon", "indicators-dup", "history-order", "history-last", "score-string", "violations-string"]) {
      const n = ADVERSARIAL.findIndex((l) => l.includes(`"${id}"`)) + 1;
      expect(both.loaded.has(n), id).toBe(false);
    }
    // An explicit null looks like an absent key to json_transform: such a line goes to JavaScript too.
    for (const id of ["until-null"]) expect(both.loaded.has(ADVERSARIAL.findIndex((l) => l.includes(`"${id}"`)) + 1), id).toBe(false);
    for (const id of ["colon-in-name", "history-ok", "score-ok", "indicators-ok", "amount-0.29", "after-blank"]) {
      const n = ADVERSARIAL.findIndex((l) => l.includes(`"${id}"`)) + 1;
      expect(both.loaded.has(n), id).toBe(true);
    }
  });

  it("eval --engine duckdb writes what eval writes, byte for byte, for every policy", async () => {
    for (const policy of ["pinglu-fgj", "changzhi-plan", "wugang-credit-plan", join("examples", "per-decision")]) {
      const plain = cli(["eval", policy, "--input", file, "--as-of", "2021-12-31", "--quiet"]);
      const duck = cli(["eval", policy, "--engine", "duckdb", "--input", file, "--as-of", "2021-12-31", "--quiet"]);
      expect(duck.code, policy).toBe(plain.code);
      expect(duck.stdout.length, policy).toBeGreaterThan(1000);
      expect(duck.stdout === plain.stdout, policy).toBe(true);
      const out = join(dir, "out.jsonl");
      cli(["eval", policy, "--engine", "duckdb", "--input", file, "--as-of", "2021-12-31", "--quiet", "--output", out]);
      expect(readFileSync(out, "utf8") === plain.stdout, `${policy} --output`).toBe(true);
      // Graded in rounds of 157 lines (blank and broken lines among them): the same bytes.
      const rounds = cli(["eval", policy, "--engine", "duckdb", "--input", file, "--as-of", "2021-12-31", "--quiet"], { env: { CP_DUCKDB_CHUNK_ROWS: "157" } });
      expect(rounds.code, policy).toBe(plain.code);
      expect(rounds.stdout === plain.stdout, `${policy} in rounds of 157 lines`).toBe(true);
    }
  });

  it("finds the same rows for randomly broken copies of records (fuzz)", async () => {
    const rnd = mulberry32(4242);
    const base = randomRecords(300, 99).map((r) => JSON.stringify(r));
    const broken = base.map((l) => {
      const edits = [
        (s: string) => s.replace(/"date":"(\d{4})-(\d{2})/, (_m, y, m) => `"date":"${y}-${Number(m)}`),
        (s: string) => s.replace(/"status":"in_force"/, `"status":"in_force","status":"revoked"`),
        (s: string) => s.replace(/"amount":"([\d.]+)"/, `"amount":$1`),
        (s: string) => s.replace(/"severe":(true|false)/, `"severe":"$1"`),
        (s: string) => s.replace(/"violations":\[/, `"violations":null,"x":[`),
        (s: string) => s.replace(/"name":"([^"]*)"/, `"name":"$1","name":7`),
        (s: string) => s.replace(/\{"kind"/, `{"kind":"fine","kind"`),
        (s: string) => s.replace(/"from":"/, `"from": "`),
        (s: string) => s,
      ];
      return (edits[Math.floor(rnd() * edits.length)] as (s: string) => string)(l);
    });
    const f = join(dir, "fuzz.jsonl");
    writeFileSync(f, broken.join("\r\n") + "\r\n");
    const r = await loadBoth(f);
    try {
      for (const n of r.rejected) expect(r.loaded.has(n), broken[n - 1]).toBe(false);
      const a = await dump(r.js, r.loaded);
      const b = await dump(r.native);
      for (const t of TABLES) expect(b.get(t.name), t.name).toEqual(a.get(t.name));
      expect(r.loaded.size).toBeGreaterThan(50);
    } finally {
      await r.js.close();
      await r.native.close();
    }
  });

  it("reads only files it can read line for line: not a JSON array, not mixed line endings, UTF-8", () => {
    const f = (name: string, text: string | Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return scanJsonLines(p);
    };
    expect(f("array.json", ' [{"id":"a"}]')).toHaveProperty("reason");
    expect(f("mixed.jsonl", '{"id":"a"}\n{"id":"b"}\r\n')).toHaveProperty("reason");
    expect(f("cr.jsonl", '{"id":"a",\r"x":1}\n')).toHaveProperty("reason");
    expect(f("gbk.jsonl", Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xd5, 0xc5, 0x22, 0x7d, 0x0a]))).toHaveProperty("reason");
    expect(f("crlf.jsonl", '{"id":"a"}\r\n{"id":"b"}\r\n')).toEqual({ newline: "\r\n" });
    expect(f("lf.jsonl", '\ufeff{"id":"a"}\n{"id":"b"}')).toEqual({ newline: "\n" });
  });
});
