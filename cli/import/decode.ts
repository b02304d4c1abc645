// The text encoding of a CSV file, found without being told: a byte order mark (UTF-8, or UTF-16 as
// Excel's "Unicode text" writes it) decides; otherwise the first bytes that are not ASCII are read
// as UTF-8, and if they are not valid UTF-8 the file is GB18030 (which contains GBK and GB2312, as
// Chinese Excel and WPS save "CSV (逗号分隔)"). `--encoding` chooses when a file has no BOM.
import { open } from "node:fs/promises";
import { createReadStream } from "node:fs";

export type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export interface Detected {
  encoding: Encoding;
  how: "bom" | "option" | "detected" | "ascii";
}

/** What `--encoding` names. */
export const ENCODING_OPTION: Record<"utf8" | "gbk", Encoding> = { utf8: "utf-8", gbk: "gb18030" };

const CHUNK = 64 * 1024;

export async function detectEncoding(path: string, option?: "utf8" | "gbk"): Promise<Detected> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", how: "bom" };
    if (bytesRead >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", how: "bom" };
    if (bytesRead >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", how: "bom" };
    if (option) return { encoding: ENCODING_OPTION[option], how: "option" };
    // Read until the first chunk holding a byte above 0x7F; decide on it (a few bytes of the next
    // chunk are added so a character cut at the chunk's end is whole).
    const buf = Buffer.alloc(CHUNK + 4);
    for (let pos = 0; ; pos += CHUNK) {
      const { bytesRead: n } = await fh.read(buf, 0, CHUNK + 4, pos);
      if (n === 0) return { encoding: "utf-8", how: "ascii" };
      const bytes = buf.subarray(0, n);
      const first = bytes.findIndex((b) => b > 0x7f);
      if (first < 0 || first >= CHUNK) continue;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
        return { encoding: "utf-8", how: "detected" };
      } catch {
        return { encoding: "gb18030", how: "detected" };
      }
    }
  } finally {
    await fh.close();
  }
}

/**
 * The file's text in chunks. Bytes that are not valid in the encoding become U+FFFD, so the row
 * holding them is rejected (CP-E0914) and the rest of the file is still read. A BOM is dropped.
 */
export async function* decodeFile(path: string, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: false });
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** The label a summary shows: GB18030 is what a GBK file is read as. */
export function encodingLabel(e: Encoding): string {
  return { "utf-8": "UTF-8", gb18030: "GB18030/GBK", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE" }[e];
}
