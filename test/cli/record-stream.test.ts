import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { rawItems } from "../../cli/record-stream.js";

async function items(chunks: (string | Buffer)[]): Promise<[number, string][]> {
  const out: [number, string][] = [];
  for await (const i of rawItems(Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))))) out.push([i.line, "text" in i ? i.text : i.unreadable.key]);
  return out;
}

describe("input records, streamed", () => {
  it("splits JSON Lines, skipping blank lines, keeping line numbers, with CRLF and no final newline", async () => {
    expect(await items(['{"id":"a"}\r\n\r\n{"id":', '"b"}\n{"id":"c"}'])).toEqual([
      [1, '{"id":"a"}'],
      [3, '{"id":"b"}'],
      [4, '{"id":"c"}'],
    ]);
  });

  it("drops a UTF-8 byte order mark, even split across chunks", async () => {
    const bom = Buffer.from("\ufeff{\"id\":\"中\"}\n");
    expect(await items([bom.subarray(0, 2), bom.subarray(2, 5), bom.subarray(5)])).toEqual([[1, '{"id":"中"}']]);
  });

  it("splits a JSON array element by element across chunk boundaries", async () => {
    expect(await items(["  [ {\"id\":\"a\", \"x\": [1, {\"y\": \"]},\"}]}", ",\n {\"id\"", ':"b"} ]\n'])).toEqual([
      [1, '{"id":"a", "x": [1, {"y": "]},"}]}'],
      [2, '{"id":"b"}'],
    ]);
  });

  it("recovers after a malformed element with a mismatched bracket", async () => {
    expect(await items(['[{"id":"a"}, {"id": "b", "lists": [}, {"id":"c"}]'])).toEqual([
      [1, '{"id":"a"}'],
      [1, '{"id": "b", "lists": [}'],
      [1, '{"id":"c"}'],
    ]);
  });

  it("reports an unterminated array as one last malformed item", async () => {
    const out = await items(['[{"id":"a"}, {"id":"b"']);
    expect(out[0]).toEqual([1, '{"id":"a"}']);
    expect(out).toHaveLength(2);
    expect(() => JSON.parse(out[1]?.[1] as string)).toThrow();
  });

  it("reports text after the closing bracket", async () => {
    const out = await items(['[{"id":"a"}] junk']);
    expect(out).toEqual([
      [1, '{"id":"a"}'],
      [1, "CP-R000/after-array"],
    ]);
  });
});
