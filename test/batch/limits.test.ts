// Limits and the readers under hostile input (issue 12, D1–D5 and the reader's minor items): a
// record over the size limit becomes one CP-R010 line without being held; the JSON array reader
// tracks strings across raw newlines and reports holes; a JSON Lines file whose first line is an
// array stays JSON Lines; nesting and array length are limited (CP-R011, CP-R012); explaining a bad
// record collects at most MAX_ERRORS errors.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvBatches } from "../../cli/batch/csv-input.js";
import type { Item } from "../../cli/batch/items.js";
import { rawItems, type RawItem, type RefusedItem } from "../../cli/record-stream.js";
import { renderRecordError } from "../../diagnostics/catalogue.js";
import { MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_ERRORS, validateRecord } from "../../record/validate.js";
import { cli } from "../cli/run-cli.js";

type Out = [line: number, what: string];

async function read(chunks: (string | Buffer)[] | AsyncIterable<Buffer>, opts: { maxRecordBytes?: number; lines?: boolean } = {}): Promise<(RawItem | RefusedItem)[]> {
  const input = Array.isArray(chunks) ? Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))) : chunks;
  const out: (RawItem | RefusedItem)[] = [];
  for await (const i of rawItems(input, opts)) out.push(i);
  return out;
}

const shown = (items: (RawItem | RefusedItem)[]): Out[] => items.map((i) => [i.line, "text" in i ? i.text : (i.code ?? "CP-R000") + " " + i.unreadable.key]);

/** `mb` megabytes of one JSON string, produced lazily: the test holds one megabyte at a time. */
async function* huge(prefix: string, mb: number, suffix: string): AsyncGenerator<Buffer> {
  yield Buffer.from(prefix);
  const block = Buffer.alloc(1 << 20, 0x78);
  for (let i = 0; i < mb; i++) yield block;
  yield Buffer.from(suffix);
}

describe("D2/D3: a record over the size limit", () => {
  it("is one CP-R010 item in its place in JSON Lines, its id still told, and the next line is read", async () => {
    const items = await read(huge('{"id":"big","name":"', 40, '"}\n{"id":"after"}\n'));
    expect(shown(items)).toEqual([
      [1, "CP-R010 CP-R010"],
      [2, '{"id":"after"}'],
    ]);
    const refused = items[0] as RefusedItem;
    expect(refused.id).toBe("big");
    expect(refused.unreadable.args?.[1]).toBe(String(40 * (1 << 20) + '{"id":"big","name":""}'.length));
  });

  it("is one CP-R010 item in its place in a JSON array, and the next element is read", async () => {
    const items = await read(huge('[{"id":"a"},\n {"id":"big","name":"', 40, '"},\n {"id":"after"}]\n'));
    expect(shown(items)).toEqual([
      [1, '{"id":"a"}'],
      [2, "CP-R010 CP-R010"],
      [3, '{"id":"after"}'],
    ]);
  });

  it("follows --max-record-bytes, line by line and element by element", async () => {
    const long = `{"id":"l","name":"${"y".repeat(200)}"}`;
    expect(shown(await read([`{"id":"s"}\n${long}\n{"id":"t"}\n`], { maxRecordBytes: 100 }))).toEqual([
      [1, '{"id":"s"}'],
      [2, "CP-R010 CP-R010"],
      [3, '{"id":"t"}'],
    ]);
    expect(shown(await read([`[{"id":"s"},\n${long},\n{"id":"t"}]`], { maxRecordBytes: 100 }))).toEqual([
      [1, '{"id":"s"}'],
      [2, "CP-R010 CP-R010"],
      [3, '{"id":"t"}'],
    ]);
  });

  it("is refused by eval with one error line, and the batch goes on (exit 3)", () => {
    const long = `{"id":"l","name":"${"y".repeat(5000)}"}`;
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2021-12-31", "--max-record-bytes", "1000", "--quiet"], { input: `{"id":"s"}\n${long}\n{"id":"t"}\n` });
    expect(r.code).toBe(3);
    const lines = r.lines.map((l) => JSON.parse(l) as { id: string | null; error?: { code: string; path: string } });
    expect(lines.map((l) => [l.id, l.error?.code ?? null])).toEqual([
      ["s", null],
      ["l", "CP-R010"],
      ["t", null],
    ]);
  });

  it("is refused in CSV too, at the row's line, and the rows after it are read", async () => {
    const rows = `id,name\ns,a\nl,"${"z".repeat(300)}\nmore"\nt,b\n`;
    const items: Item[] = [];
    for await (const batch of csvBatches(Readable.from([Buffer.from(rows)]), () => undefined, { maxRecordBytes: 100 })) items.push(...batch);
    expect(items.map((i) => [i.line, "cells" in i ? i.cells[0] : "code" in i ? i.code : "?"])).toEqual([
      [2, "s"],
      [3, "CP-R010"],
      [5, "t"],
    ]);
  });
});

describe("D4: strings in a JSON array", () => {
  it("are tracked across a raw newline: every element after one is still found", async () => {
    const items = await read(['[{"id":"a\nb"},{"id":"c"},{"id":"d"},{"id":"e"},{"id":"f"}]']);
    expect(items).toHaveLength(5);
    expect(shown(items).slice(1)).toEqual([
      [2, '{"id":"c"}'],
      [2, '{"id":"d"}'],
      [2, '{"id":"e"}'],
      [2, '{"id":"f"}'],
    ]);
    expect(() => JSON.parse((items[0] as RawItem).text)).toThrow();
  });

  it("writes one eval line per element", () => {
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2021-12-31", "--quiet"], { input: '[{"id":"a\nb"},{"id":"c"},{"id":"d"},{"id":"e"},{"id":"f"}]' });
    expect(r.lines).toHaveLength(5);
    expect(r.lines.map((l) => (JSON.parse(l) as { id: string | null }).id)).toEqual([null, "c", "d", "e", "f"]);
  });
});

describe("D5: JSON Lines whose first line is an array", () => {
  it("stays JSON Lines: the array is one (bad) record and every later line is read", async () => {
    expect(shown(await read(['[{"id":"q"}]\n{"id":"a"}\n\n{"id":"b"}\n']))).toEqual([
      [1, '[{"id":"q"}]'],
      [2, '{"id":"a"}'],
      [4, '{"id":"b"}'],
    ]);
    expect(shown(await read(["\n  [1, 2] \n", '{"id":"a"}']))).toEqual([
      [2, "[1, 2]"],
      [3, '{"id":"a"}'],
    ]);
  });

  it("while an array over several lines, or alone on its line, is still an array", async () => {
    expect(shown(await read(['[{"id":"a"},\n{"id":"b"}]\n']))).toEqual([
      [1, '{"id":"a"}'],
      [2, '{"id":"b"}'],
    ]);
    expect(shown(await read(['[{"id":"a"}, {"id":"b"}]\n\n  \n']))).toEqual([
      [1, '{"id":"a"}'],
      [1, '{"id":"b"}'],
    ]);
  });

  it("is read as JSON Lines whatever its first line with --input-format jsonl", async () => {
    expect(shown(await read(['[{"id":"a"},\n{"id":"b"}]\n'], { lines: true }))).toEqual([
      [1, '[{"id":"a"},'],
      [2, '{"id":"b"}]'],
    ]);
  });

  it("grades the records after the array line in eval", () => {
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2021-12-31", "--quiet"], { input: '[{"id":"q"}]\n{"id":"a"}\n{"id":"b"}\n' });
    const lines = r.lines.map((l) => JSON.parse(l) as { id: string | null; error?: { code: string } });
    expect(lines.map((l) => [l.id, l.error?.code ?? null])).toEqual([
      [null, "CP-R001"],
      ["a", null],
      ["b", null],
    ]);
  });
});

describe("minor reader items", () => {
  it("a line of NBSP, U+3000 or a lone BOM is an error line, not skipped", async () => {
    expect(shown(await read(['{"id":"a"}\n\u00a0\n\u3000 \n\ufeff\n \t\n{"id":"b"}\n']))).toEqual([
      [1, '{"id":"a"}'],
      [2, "CP-R000 CP-R000/no-record"],
      [3, "CP-R000 CP-R000/no-record"],
      [4, "CP-R000 CP-R000/no-record"],
      [6, '{"id":"b"}'],
    ]);
  });

  it("a byte order mark starting a later line (files joined) is dropped", async () => {
    expect(shown(await read(['{"id":"a"}\n\ufeff{"id":"b"}\n']))).toEqual([
      [1, '{"id":"a"}'],
      [2, '{"id":"b"}'],
    ]);
  });

  it("an empty element or a trailing comma in a JSON array is an error line", async () => {
    expect(shown(await read(['[{"id":"a"},,\n{"id":"b"},\n]']))).toEqual([
      [1, '{"id":"a"}'],
      [1, "CP-R000 CP-R000/empty-element"],
      [2, '{"id":"b"}'],
      [3, "CP-R000 CP-R000/empty-element"],
    ]);
  });

  it("1e309 is reported as a number out of range, not as null", () => {
    const [e] = validateRecord({ id: "x", public_credit: { score: 1e309, date: "2021-01-01" } });
    expect(e?.path).toBe("/public_credit/score");
    expect(e?.args).toContainEqual({ key: "value/huge-number" });
    expect(renderRecordError(e as NonNullable<typeof e>, "en")).not.toMatch(/null/);
  });

  it("an unclosed CSV quote names the line where its row starts", async () => {
    const items: Item[] = [];
    for await (const batch of csvBatches(Readable.from([Buffer.from('id,name\na,x\n\nb,"multi\nline"\nc,"unclosed\nd,y\ne,z\n')]), () => undefined)) items.push(...batch);
    expect(items.map((i) => [i.line, "cells" in i ? i.cells[0] : "unreadable" in i ? i.unreadable.key : "?"])).toEqual([
      [2, "a"],
      [4, "b"],
      [6, "CP-R000/csv-row"],
    ]);
  });
});

describe("D1 and the record limits: validation", () => {
  it("collects at most MAX_ERRORS errors, the first ones by path, and says there are more", () => {
    const errors = validateRecord({ id: "x", lists: Array(5000).fill(1), honors: [{ date: "no" }] });
    expect(errors.length).toBeLessThanOrEqual(MAX_ERRORS);
    expect(errors.truncated).toBe(true);
    expect(errors[0]).toMatchObject({ path: "/honors/0/date", code: "CP-R004" });
    expect(errors.map((e) => e.path)).toContain("/lists/0");
  });

  it("still reports every error of a record with a few", () => {
    const errors = validateRecord({ id: 5, lists: [1, { list: "red", from: "2021-02-30" }], indicators: { a: "x" } });
    expect(errors.truncated).toBeUndefined();
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual(["CP-R003 /id", "CP-R003 /indicators/a", "CP-R003 /lists/0", "CP-R004 /lists/1/from"]);
  });

  it("explains errors inside an object that is a definition of its own and in lists of leaves (import provenance), capped", () => {
    const few = validateRecord({ id: "x", provenance: { codes: { uscc: ["ok", 5] } } });
    expect(few.map((e) => `${e.code} ${e.path}`)).toEqual(["CP-R003 /provenance/codes/uscc/1"]);
    const many = validateRecord({ id: "x", provenance: { codes: { uscc: Array(5000).fill(5) } } });
    expect(many.length).toBe(MAX_ERRORS);
    expect(many.truncated).toBe(true);
    expect(many[0]).toMatchObject({ path: "/provenance/codes/uscc/0", code: "CP-R003" });
  });

  it("refuses a record nested deeper than MAX_DEPTH (CP-R011) at the path where it passes the limit", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [e, more] = validateRecord({ id: "x", extra: deep });
    expect(more).toBeUndefined();
    expect(e?.code).toBe("CP-R011");
    expect(e?.path.split("/").length - 1).toBe(MAX_DEPTH);
    expect(validateRecord({ id: "x", extra: JSON.parse("[".repeat(MAX_DEPTH - 1) + "]".repeat(MAX_DEPTH - 1)) })).toEqual([]);
  });

  it("refuses an array longer than MAX_ARRAY_LENGTH (CP-R012)", () => {
    expect(validateRecord({ id: "x", extra: { list: Array(MAX_ARRAY_LENGTH + 1).fill(0) } })).toEqual([{ path: "/extra/list", code: "CP-R012", args: [String(MAX_ARRAY_LENGTH + 1), String(MAX_ARRAY_LENGTH)] }]);
    expect(validateRecord({ id: "x", extra: Array(MAX_ARRAY_LENGTH).fill(0) })).toEqual([]);
  });

  it("grades a record nested 100,000 deep as an error line, never an internal error", () => {
    const r = cli(["eval", "pinglu-fgj", "--input", "-", "--as-of", "2021-12-31", "--quiet"], { input: `{"id":"d","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}\n{"id":"e"}\n` });
    expect(r.code).toBe(3);
    expect(r.lines.map((l) => (JSON.parse(l) as { error?: { code: string } }).error?.code ?? null)).toEqual(["CP-R011", null]);
  });
});
