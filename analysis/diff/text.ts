// Wording of the regulation's quoted texts: compared without the spaces PDF extraction leaves
// around numbers in Chinese ("累计次数 3 次" is "累计次数3次"), and diffed word by word with the
// platform's Chinese word segmenter (Intl.Segmenter) and jsdiff's array diff.
import { diffArrays } from "diff";

export interface WordOp {
  op: "equal" | "delete" | "insert";
  text: string;
}

export interface TextChange {
  old: string;
  new: string;
  /** The new text against the old, word by word: runs of equal, deleted and inserted words. */
  diff: WordOp[];
}

/** Whitespace collapsed, and removed where it touches a non-ASCII character. */
export function normalizeText(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .trim()
    .replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, "");
}

export function sameText(a: string | undefined, b: string | undefined): boolean {
  return normalizeText(a ?? "") === normalizeText(b ?? "");
}

const segmenter: { segment(s: string): Iterable<{ segment: string }> } | undefined =
  typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter("zh", { granularity: "word" }) : undefined;

/** Words of a text; characters where the platform has no segmenter. */
export function words(s: string): string[] {
  return segmenter ? [...segmenter.segment(s)].map((x) => x.segment) : [...s];
}

/** The word-level diff of two texts (after normalizeText), adjacent runs of one kind merged. */
export function wordDiff(oldText: string, newText: string): WordOp[] {
  const out: WordOp[] = [];
  for (const part of diffArrays(words(normalizeText(oldText)), words(normalizeText(newText)))) {
    const op: WordOp["op"] = part.added ? "insert" : part.removed ? "delete" : "equal";
    const text = part.value.join("");
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else if (text) out.push({ op, text });
  }
  return out;
}

/** A TextChange when the texts differ in more than spacing, else undefined. */
export function textChange(oldText: string | undefined, newText: string | undefined): TextChange | undefined {
  if (sameText(oldText, newText)) return undefined;
  return { old: oldText ?? "", new: newText ?? "", diff: wordDiff(oldText ?? "", newText ?? "") };
}

/** `…[-删除-]{+插入+}…`: a word diff on one line, for plain text. */
export function inlineDiff(ops: readonly WordOp[]): string {
  return ops.map((o) => (o.op === "equal" ? o.text : o.op === "delete" ? `[-${o.text}-]` : `{+${o.text}+}`)).join("");
}
