// Parquet input (cli/db/duckdb-parquet.ts): a Parquet file of records, as DuckDB writes JSON Lines
// it reads, graded by `eval --engine duckdb` writes what `eval` writes of the same rows, byte for
// byte — for valid records, for rows DuckDB must leave to JavaScript (values of the wrong kind,
// keys the layout does not read, a part that is not a list), in one round or many.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../cli/db/connect.js";
import { parseDuckType } from "../../cli/db/duckdb-parquet.js";
import { randomRecords } from "../codegen/random-records.js";
import { cli } from "../cli/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "cp-duckdb-parquet-"));
const DAY = "2021-12-31";
let db: Database;

/** JSON Lines written as Parquet by DuckDB (its own reading of the types, as a user's `COPY … TO` would). */
async function toParquet(name: string, lines: string[]): Promise<string> {
  const jsonl = join(dir, `${name}.jsonl`);
  writeFileSync(jsonl, lines.join("\n") + "\n");
  const out = join(dir, `${name}.parquet`);
  await db.exec(`COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited', sample_size = -1)) TO '${out}' (FORMAT parquet)`);
  return out;
}

beforeAll(async () => {
  db = await openDatabase("duckdb::memory:");
});
afterAll(async () => {
  await db.close();
});

describe("Parquet input", () => {
  it("reads DuckDB's type names", () => {
    const t = parseDuckType(`STRUCT("date" DATE, violations STRUCT(penalties STRUCT(kind VARCHAR, amount DECIMAL(18,2))[], severe BOOLEAN)[], "a ""b""" INTEGER)[]`);
    expect(t.kind).toBe("list");
    const el = t.kind === "list" ? t.of : t;
    expect(el.kind).toBe("struct");
    if (el.kind !== "struct") return;
    expect([...el.fields.keys()]).toEqual(["date", "violations", 'a "b"']);
    const v = el.fields.get("violations");
    expect(v?.kind === "list" && v.of.kind === "struct" && [...v.of.fields.keys()]).toEqual(["penalties", "severe"]);
    expect(parseDuckType("MAP(VARCHAR, DOUBLE)")).toEqual({ kind: "other", name: "MAP" });
  });

  it("grades valid records as eval does from the same rows, byte for byte, for every policy, in one round or many", async () => {
    const records = randomRecords(400, 7).map((r) => JSON.stringify(r));
    const file = await toParquet("valid", records);
    for (const policy of ["pinglu-fgj", "changzhi-plan", "wugang-credit-plan", join("examples", "per-decision")]) {
      const plain = cli(["eval", policy, "--input", file, "--as-of", DAY, "--quiet"]);
      expect(plain.code, `${policy}: ${plain.stderr}`).not.toBe(2);
      expect(plain.lines.length, policy).toBe(400);
      const duck = cli(["eval", policy, "--engine", "duckdb", "--input", file, "--as-of", DAY, "--quiet"]);
      expect(duck.code, policy).toBe(plain.code);
      expect(duck.stdout === plain.stdout, policy).toBe(true);
      const rounds = cli(["eval", policy, "--engine", "duckdb", "--input", file, "--as-of", DAY, "--quiet"], { env: { CP_DUCKDB_CHUNK_ROWS: "37" } });
      expect(rounds.stdout === plain.stdout, `${policy} in rounds of 37 rows`).toBe(true);
    }
    // The same records from JSON Lines: a Parquet row means what its JSON object means.
    const jsonl = cli(["eval", "pinglu-fgj", "--input", join(dir, "valid.jsonl"), "--as-of", DAY, "--quiet"]);
    expect(cli(["eval", "pinglu-fgj", "--engine", "duckdb", "--input", file, "--as-of", DAY, "--quiet"]).stdout === jsonl.stdout).toBe(true);
  });

  it("leaves to JavaScript the rows it cannot vouch for, which then grade or fail exactly as eval's", async () => {
    const lines = [
      `{"id":"ok-1","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":"300000.00"}]}]}]}`,
      `{"id":"bad-date","honors":[{"date":"2021-02-30","grantor":"government"}]}`,
      `{"id":"bad-status","sanctions":[{"date":"2021-05-01","status":"paused","violations":[]}]}`,
      `{"id":"bad-amount","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[{"penalties":[{"kind":"fine","amount":"12.345"}]}]}]}`,
      `{"id":"own-column","region_code":"140603","name":"某公司"}`,
      `{"id":"provenance","sanctions":[{"date":"2021-05-01","status":"in_force","violations":[],"source":{"file":"a.csv","row":3}}]}`,
      `{"id":"no-id","name":"nameless"}`,
      `{"id":"history","sanctions":[{"date":"2021-05-01","status":"repaired","status_history":[{"status":"repaired","from":"2021-08-01"},{"status":"in_force","from":"2021-05-01"}],"violations":[]}]}`,
      `{"id":"ok-2","lists":[{"list":"black","from":"2021-01-01"}],"public_credit":{"score":55.5,"date":"2021-06-30"}}`,
    ].map((l) => (l.includes(`"no-id"`) ? `{"name":"nameless"}` : l));
    const file = await toParquet("mixed", lines);
    const plain = cli(["eval", "pinglu-fgj", "--input", file, "--as-of", DAY, "--quiet"]);
    const duck = cli(["eval", "pinglu-fgj", "--engine", "duckdb", "--input", file, "--as-of", DAY, "--quiet"]);
    expect(plain.code).toBe(3);
    expect(duck.code).toBe(3);
    expect(duck.lines.length).toBe(lines.length);
    expect(duck.stdout === plain.stdout).toBe(true);
    const byId = new Map(duck.lines.map((l, i) => [i, JSON.parse(l) as { id: string | null; error?: { code: string; path: string } }]));
    const at = (id: string) => [...byId.values()].find((r) => r.id === id);
    expect(at("bad-date")?.error?.code).toBe("CP-R004");
    expect(at("bad-status")?.error?.code).toBe("CP-R006");
    expect(at("bad-amount")?.error?.code).toBe("CP-R005");
    expect(at("history")?.error?.code).toBe("CP-R009");
    expect(byId.get(6)?.error?.code).toBe("CP-R002");
    // Keys the layout does not read are the record's own business: graded, not refused.
    expect(at("own-column")?.error).toBeUndefined();
    expect(at("provenance")?.error).toBeUndefined();
    expect(at("ok-1")?.error).toBeUndefined();
  });

  it("NULL is an absent key, at every level", async () => {
    // DuckDB fills the keys a record lacks with NULL: the JSON a row stands for has none of them.
    const file = await toParquet("nulls", [`{"id":"a","lists":[{"list":"black","from":"2021-01-01","until":"2022-01-01"},{"list":"red","from":"2021-03-01"}]}`, `{"id":"b"}`]);
    const duck = cli(["eval", "pinglu-fgj", "--engine", "duckdb", "--input", file, "--as-of", DAY, "--quiet"]);
    const plain = cli(["eval", "pinglu-fgj", "--input", file, "--as-of", DAY, "--quiet"]);
    const jsonl = cli(["eval", "pinglu-fgj", "--input", join(dir, "nulls.jsonl"), "--as-of", DAY, "--quiet"]);
    expect(duck.code).toBe(0);
    expect(duck.stdout === plain.stdout).toBe(true);
    expect(plain.stdout === jsonl.stdout).toBe(true);
  });

  it("reads --input-format parquet whatever the name, refuses standard input and a file that is not Parquet (exit 2)", async () => {
    const file = await toParquet("named", [`{"id":"x"}`]);
    const copy = join(dir, "records.bin");
    writeFileSync(copy, await import("node:fs").then((fs) => fs.readFileSync(file)));
    const r = cli(["eval", "pinglu-fgj", "--input-format", "parquet", "--engine", "duckdb", "--input", copy, "--as-of", DAY, "--quiet"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lines[0] as string).id).toBe("x");
    expect(cli(["eval", "pinglu-fgj", "--input-format", "parquet", "--input", "-", "--as-of", DAY], { input: "" }).code).toBe(2);
    const fake = join(dir, "fake.parquet");
    writeFileSync(fake, `{"id":"x"}\n`);
    for (const engine of ["duckdb", "compiled"]) {
      const bad = cli(["eval", "pinglu-fgj", "--engine", engine, "--input", fake, "--as-of", DAY]);
      expect(bad.code, engine).toBe(2);
      expect(bad.stderr, engine).toContain(fake);
    }
  });
});
