// The CSV reader: a quote-aware byte scanner finds the rows on the main thread (cli/batch/csv-scan.ts)
// and the rows are split into cells where they are graded (csv-rows.ts). Its edge cases, with the
// codes and lines it reports, whatever the chunks the input arrives in; and the same items and
// output lines as the csv-parse reader it replaces (csv-reference.ts) on the record corpora and on
// random CSV, except where that reader was wrong (a CRLF inside quotes counted as two lines; in a
// CRLF file a row over the size limit took the next row with it).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvBatches, csvChunks, JSON_COLUMNS, rowItem } from "../../cli/batch/csv-input.js";
import { splitRows } from "../../cli/batch/csv-rows.js";
import { makeBatchGrader } from "../../cli/batch/grade-batch.js";
import type { GradeItem } from "../../cli/batch/items.js";
import { InputError } from "../../cli/record-stream.js";
import { policyRef } from "../../compiler/backends/result-shape.js";
import { CORPUS_DAYS, ROOT, seedPolicies } from "../codegen/generated.js";
import { mulberry32, randomRecords } from "../codegen/random-records.js";
import { csvBatchesParsed } from "./csv-reference.js";

type Reader = (input: AsyncIterable<unknown>, onHeader: (h: string[]) => void, opts?: { maxRecordBytes?: number }) => AsyncGenerator<GradeItem[]>;

/** The input cut into chunks at the given byte offsets. */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const c of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  return out;
}

async function read(reader: Reader, chunks: Buffer[], max?: number): Promise<{ header: string[] | null; items: GradeItem[] }> {
  let header: string[] | null = null;
  const items: GradeItem[] = [];
  for await (const batch of reader(Readable.from(chunks), (h) => (header = h), max === undefined ? {} : { maxRecordBytes: max })) items.push(...batch);
  return { header, items };
}

/** Items as [line, cells] or [line, code, key, args]. */
const shown = (items: GradeItem[]) => items.map((i) => ("cells" in i ? [i.line, i.cells] : "unreadable" in i ? [i.line, i.code ?? "CP-R000", i.unreadable.key, i.unreadable.args] : [i.line, "?"]));

/** What the reader gives for `text`, asserted to be the same for every way of cutting it into chunks (every cut point, and one byte at a time). */
async function readAll(text: string | Buffer, max?: number): Promise<{ header: string[] | null; items: unknown[] }> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const whole = await read(csvBatches, [bytes], max);
  const expected = JSON.stringify({ header: whole.header, items: shown(whole.items) });
  const ways = [[...Array(bytes.length).keys()].slice(1), ...[...Array(bytes.length).keys()].slice(1).map((c) => [c])];
  for (const cuts of ways) {
    const r = await read(csvBatches, chunked(bytes, cuts), max);
    expect(JSON.stringify({ header: r.header, items: shown(r.items) }), `cut at ${cuts.length > 1 ? "every byte" : cuts[0]}`).toBe(expected);
  }
  return { header: whole.header, items: shown(whole.items) };
}

describe("the CSV scanner's edge cases (every chunking alike)", () => {
  it("a quoted newline stays in its cell; the next row's line counts it", async () => {
    expect(await readAll('id,name\na,"x\ny"\nb,z\n')).toEqual({ header: ["id", "name"], items: [[2, ["a", "x\ny"]], [4, ["b", "z"]]] });
  });

  it("a CRLF inside quotes stays in its cell and is one line break", async () => {
    expect(await readAll('id,name\r\na,"x\r\ny"\r\nb,z\r\n')).toEqual({ header: ["id", "name"], items: [[2, ["a", "x\r\ny"]], [4, ["b", "z"]]] });
  });

  it("doubled quotes are one quote, also split across chunks; an empty quoted cell is empty", async () => {
    expect(await readAll('id,name\na,"say ""hi"""\nb,""\n"c",""""\n')).toEqual({
      header: ["id", "name"],
      items: [[2, ["a", 'say "hi"']], [3, ["b", ""]], [4, ["c", '"']]],
    });
  });

  it("text after a closing quote and quotes inside an unquoted cell are kept as they are", async () => {
    expect(await readAll('id,name\na,"x"y\nb,c"d"\n')).toEqual({ header: ["id", "name"], items: [[2, ["a", '"x"y']], [3, ["b", 'c"d"']]] });
  });

  it("a quote never closed takes the rest of the file: one CP-R000 item at the line of its row", async () => {
    const r = await readAll('id,name\na,x\nb,"open\nc,y\n');
    expect(r.items).toEqual([[2, ["a", "x"]], [3, "CP-R000", "CP-R000/csv-row", ["3", expect.stringMatching(/^CSV_QUOTE_NOT_CLOSED: .* at line 4$/)]]]);
    // Past the size limit it is a row over the limit instead, its bytes counted to the end.
    expect((await readAll('id,name\na,x\nb,"open\nc,y\n', 8)).items).toEqual([[2, ["a", "x"]], [3, "CP-R010", "CP-R010", ["3", "12", "8"]]]);
  });

  it("drops a byte order mark (or two) at the start, whatever the chunks", async () => {
    expect(await readAll("\ufeffid,name\r\na,x\r\n")).toEqual({ header: ["id", "name"], items: [[2, ["a", "x"]]] });
    expect(await readAll("\ufeff\ufeffid,name\na,x\n")).toEqual({ header: ["id", "name"], items: [[2, ["a", "x"]]] });
    // A BOM later is text.
    expect((await readAll("id,name\n\ufeffa,x\n")).items).toEqual([[2, ["\ufeffa", "x"]]]);
  });

  it("skips empty lines (before the header too) and counts them; a line of spaces is a row", async () => {
    expect(await readAll("\n\nid,name\n\na,x\n  \n\r\nb,y")).toEqual({
      header: ["id", "name"],
      items: [[5, ["a", "x"]], [6, ["  "]], [7, ["\r"]], [8, ["b", "y"]]],
    });
    expect(await readAll("id,name\r\n\r\n\r\na,x\r\n")).toEqual({ header: ["id", "name"], items: [[4, ["a", "x"]]] });
  });

  it("takes the file's first line break outside quotes as its row delimiter: CR alone too", async () => {
    expect(await readAll('id,name\ra,"x\ry"\rb,z')).toEqual({ header: ["id", "name"], items: [[2, ["a", "x\ry"]], [4, ["b", "z"]]] });
    // In a CRLF file a bare LF is text, in an LF file a CR is.
    expect((await readAll("id,name\r\na,x\ny\r\n")).items).toEqual([[2, ["a", "x\ny"]]]);
    expect((await readAll("id,name\na,x\r\nb,y\n")).items).toEqual([[2, ["a", "x\r"]], [3, ["b", "y"]]]);
  });

  it("refuses a row over the size limit at its line and reads the next row whole, in LF and CRLF files", async () => {
    const long = "z".repeat(60);
    expect((await readAll(`id,name\ns,a\nl,"${long}\nmore"\nt,b\n`, 40)).items).toEqual([
      [2, ["s", "a"]],
      [3, "CP-R010", "CP-R010", ["3", "69", "40"]],
      [5, ["t", "b"]],
    ]);
    expect((await readAll(`id,name\r\ns,a\r\nl,${long}\r\nt,b\r\nu,c\r\n`, 40)).items).toEqual([
      [2, ["s", "a"]],
      [3, "CP-R010", "CP-R010", ["3", "63", "40"]],
      [4, ["t", "b"]],
      [5, ["u", "c"]],
    ]);
  });

  it("refuses a header row over the size limit, and a file that is not UTF-8, as input errors", async () => {
    await expect(read(csvBatches, [Buffer.from(`id,${"n".repeat(50)}\na,x\n`)], 40)).rejects.toBeInstanceOf(InputError);
    const gbk = Buffer.concat([Buffer.from("id,name\na,x\n".repeat(1000)), Buffer.from([0xc7, 0xf8, 0x0a])]);
    await expect(read(csvBatches, chunked(gbk, [4096, 8192]))).rejects.toThrow(/not UTF-8 text \(after byte 12000\)/);
    await expect(read(csvChunks, [gbk])).rejects.toBeInstanceOf(InputError);
  });

  it("yields nothing for an empty file or one of empty lines, and the header alone for a header", async () => {
    expect(await readAll("")).toEqual({ header: null, items: [] });
    expect(await readAll("\n\n")).toEqual({ header: null, items: [] });
    expect(await readAll("id,name")).toEqual({ header: ["id", "name"], items: [] });
  });

  it("hands `eval` whole rows undecoded after the header, split where graded into the same rows", async () => {
    const text = Buffer.from('\ufeffid,name\r\na,"x\r\ny"\r\n\r\nb,z\r\nc,"open\r\n');
    const expected = (await readAll(text)).items;
    for (const cuts of [[], [13], [20, 21]]) {
      const r = await read(csvChunks, chunked(text, cuts));
      expect(r.header).toEqual(["id", "name"]);
      const split: GradeItem[] = [];
      for (const i of r.items) {
        if ("csv" in i) splitRows(i.csv, i.line, i.eol, (row) => split.push(rowItem(row)));
        else split.push(i);
      }
      if (cuts.length) expect(r.items.some((i) => "csv" in i)).toBe(true);
      expect(shown(split)).toEqual(expected);
    }
  });
});

/**
 * A seeded random CSV text: short cells of text, quotes, commas, line breaks, LF only; or (`crlf`)
 * rows as a CSV writer quotes them, CRLF between, no other line break (a CRLF that is not a row
 * delimiter is where the old reader counted two lines).
 */
function randomCsv(rand: () => number, crlf: boolean): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  if (crlf) {
    const rows = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Array.from({ length: Math.floor(rand() * 6) }, () => pick(["a", "中", '"', ",", " ", "é"])).join("")));
    return (rand() < 0.3 ? "\ufeff" : "") + stringify(rows, { record_delimiter: "\r\n" }) + (rand() < 0.2 ? 'x,"open' : "");
  }
  const length = Math.floor(rand() * 40);
  return Array.from({ length }, () => pick(["a", "b", "中", '"', '"', ",", ",", "\n", "\n", " ", '""'])).join("");
}

describe("the same items as the csv-parse reader", () => {
  it("on random CSV (LF files with and without a small size limit, CRLF files as writers quote them), in random chunks", async () => {
    const rand = mulberry32(13);
    for (let n = 0; n < 400; n++) {
      const text = Buffer.from(randomCsv(rand, n % 2 === 1));
      // (In a CRLF file the old reader's placeholder for a row over the limit took the next row with it: limits in LF files only.)
      const max = n % 2 === 0 && rand() < 0.5 ? 1 + Math.floor(rand() * 20) : undefined;
      const cuts = [...new Set(Array.from({ length: Math.floor(rand() * 4) }, () => Math.floor(rand() * text.length)))].sort((a, b) => a - b);
      const old = await read(csvBatchesParsed as Reader, [text], max).catch((e: Error) => ({ error: e.message }));
      const now = await read(csvBatches, chunked(text, cuts), max).catch((e: Error) => ({ error: e.message }));
      const show = (r: typeof old) => ("error" in r ? r : { header: r.header, items: shown(r.items) });
      // A header over the limit: the old reader took its placeholder as the header, the new one refuses the file.
      if ("error" in now && /header row is longer/.test(now.error)) continue;
      expect(show(now), JSON.stringify(text.toString())).toEqual(show(old));
    }
  });
});

describe("the same output lines as the csv-parse reader on the record corpora", () => {
  const records = [
    ...readFileSync(join(ROOT, "examples", "records.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
    ...randomRecords(300),
  ];
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) => columns.map((c) => (r[c] === undefined ? "" : JSON_COLUMNS.has(c) || typeof r[c] !== "string" ? JSON.stringify(r[c]) : (r[c] as string))));
  const broken = [["bad-json", ...columns.slice(1).map((c) => (JSON_COLUMNS.has(c) ? "[{" : ""))], ["short", "少了几列"]];
  const files: [string, Buffer][] = [
    ["LF", Buffer.from(stringify([columns, ...rows, ...broken]))],
    ["CRLF with a BOM", Buffer.from("\ufeff" + stringify([columns, ...rows.slice(0, 200), ...broken, ...rows.slice(200)], { record_delimiter: "\r\n" }) + '"unclosed,x')],
  ];

  async function lines(reader: Reader, bytes: Buffer, setup: Omit<Parameters<typeof makeBatchGrader>[0], "header">): Promise<string> {
    const { header, items } = await read(reader, chunked(bytes, [1000, 5000, 5001, 20000]));
    const grade = makeBatchGrader({ ...setup, header: header ?? [] });
    return Buffer.from(grade(items).bytes).toString("utf8");
  }

  it.each(seedPolicies().map((s) => [s.file, s] as const))("%s", async (_file, seed) => {
    for (const [, bytes] of files) {
      for (const format of ["jsonl", "csv"] as const) {
        const setup = { ir: seed.ir, ref: policyRef(seed.ir, seed.sha256), asOf: CORPUS_DAYS[0] as string, format, engine: "compiled" as const };
        const now = await lines(csvChunks, bytes, setup);
        expect(now.split(format === "csv" ? "\r\n" : "\n").length).toBeGreaterThan(records.length);
        expect(now).toBe(await lines(csvBatchesParsed as Reader, bytes, setup));
      }
    }
  });
});
