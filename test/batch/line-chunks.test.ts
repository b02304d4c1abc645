// JSON Lines handed to worker threads as chunks of whole lines: no line is cut between chunks
// (however the reads fall, even inside a multi-byte character), line numbers carry over, and a
// line that is not UTF-8 is marked rather than decoded into replacement characters.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { jsonBatches, splitLines, type LineChunk, type RawItem } from "../../cli/record-stream.js";

async function chunks(parts: (string | Buffer)[]): Promise<LineChunk[]> {
  const out: LineChunk[] = [];
  for await (const batch of jsonBatches(Readable.from(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : p))), true)) out.push(...(batch as LineChunk[]));
  return out;
}

describe("JSON Lines in chunks of whole lines", () => {
  it("cuts only at newlines and numbers the lines across chunks", async () => {
    const text = Buffer.from('\ufeff{"id":"甲"}\n\n{"id":"乙"}\r\n{"id":"丙"}');
    // Reads that split the BOM, a line, and the three bytes of 乙.
    const parts = [text.subarray(0, 2), text.subarray(2, 9), text.subarray(9, 21), text.subarray(21)];
    const got = await chunks(parts);
    expect(got.every((c) => c.chunk.buffer.byteLength === c.chunk.byteLength)).toBe(true);
    const items = got.flatMap((c) => splitLines(c.chunk, c.line));
    expect(items).toEqual([
      { line: 1, text: '{"id":"甲"}' },
      { line: 3, text: '{"id":"乙"}' },
      { line: 4, text: '{"id":"丙"}' },
    ]);
  });

  it("marks a line whose bytes are not UTF-8, and keeps a replacement character that was written", () => {
    const bytes = Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xd0, 0xc5]), Buffer.from('"}\n{"id":"\ufffd"}\n')]);
    const items = splitLines(bytes, 10) as RawItem[];
    expect(items.map((i) => [i.line, i.notUtf8 ?? false])).toEqual([
      [10, true],
      [11, false],
    ]);
    expect(items[1]?.text).toBe('{"id":"\ufffd"}');
  });

  it("still splits a JSON array element by element", async () => {
    const got = await chunks(['[{"id":"a"},', ' {"id":"b"}]']);
    expect(got).toEqual([{ line: 1, text: '{"id":"a"}' }, { line: 1, text: '{"id":"b"}' }]);
  });
});
