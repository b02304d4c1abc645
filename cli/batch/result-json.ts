// Results as output lines (JSON Lines and CSV), byte for byte what JSON.stringify (and the CSV
// cells of csv-output.ts) give, at the speed of the grader. A graded result has a fixed layout
// (compiler/backends/result-shape.ts, runtime/evaluate.ts): id, as_of, policy, grade, label,
// matched, measures, notifications, then the policy's extras. Of these only id and matched (and
// the extras) differ from subject to subject: everything from "as_of" to "label" depends on the
// day and the grade, and the measures and notifications of a grade are shared, frozen arrays. So
// the text of those parts is made once per grade and day (checked by identity and equality on
// every record, never assumed) and spliced around the per-record parts.
import type { EvalOutput } from "../../runtime/evaluate.js";

/** The result fields a policy's results carry beyond the core ones, in this order after notifications. */
export interface ResultExtras {
  categories: boolean;
  scores: boolean;
  obligations: boolean;
  snapshot: boolean;
  items?: boolean;
}

type Graded = Record<string, unknown> & { id: string | null; as_of: string; policy: object; grade: string | null; label: string | null };

/** The text of the fields from as_of to label, for one day, policy reference, grade and label. */
interface Head {
  asOf: string;
  policy: object;
  grade: string | null;
  label: string | null;
  text: string;
}

const nullOr = (v: unknown, type: string) => v === null || typeof v === type;

/** A graded result whose core fields are what their text assumes (an error result, or anything else, is written by JSON.stringify). */
function laidOut(result: EvalOutput): boolean {
  if ("error" in result) return false;
  const r = result as unknown as Graded;
  return nullOr(r.id, "string") && typeof r.as_of === "string" && nullOr(r.grade, "string") && nullOr(r.label, "string") && typeof r.policy === "object" && r.policy !== null && r["measures"] !== undefined && r["notifications"] !== undefined;
}

/** Serialised once per shared frozen array (a grade's measures or notifications). */
const shared = new WeakMap<object, string>();

function sharedJson(v: unknown): string {
  if (v !== null && typeof v === "object" && Object.isFrozen(v)) {
    let text = shared.get(v);
    if (text === undefined) shared.set(v, (text = JSON.stringify(v)));
    return text;
  }
  return JSON.stringify(v) as string;
}

const EXTRA_KEYS = [
  ["categories", "categories"],
  ["scores", "scores"],
  ["obligations", "obligations"],
  ["snapshot", "data_as_of"],
  ["items", "items"],
] as const;

/**
 * A function from a result to its JSON line (without the newline) for results of one policy
 * layout. An error result, or anything not laid out as a graded result, goes through JSON.stringify.
 */
export function makeResultJson(extras: ResultExtras): (result: EvalOutput) => string {
  const extraKeys = EXTRA_KEYS.filter(([flag]) => extras[flag]).map(([, key]) => key);
  const extraNames = extraKeys.map((k) => `,${JSON.stringify(k)}:`);
  const heads = new Map<string | null, Head>();
  const head = (r: Graded): string => {
    const h = heads.get(r.grade);
    if (h && h.asOf === r.as_of && h.policy === r.policy && h.label === r.label) return h.text;
    const text = `,"as_of":${JSON.stringify(r.as_of)},"policy":${sharedJson(r.policy)},"grade":${JSON.stringify(r.grade)},"label":${JSON.stringify(r.label)},"matched":`;
    heads.set(r.grade, { asOf: r.as_of, policy: r.policy, grade: r.grade, label: r.label, text });
    return text;
  };
  return (result) => {
    if (!laidOut(result)) return JSON.stringify(result);
    const r = result as unknown as Graded;
    let out = `{"id":${r.id === null ? "null" : JSON.stringify(r.id)}${head(r)}${JSON.stringify(r["matched"])},"measures":${sharedJson(r["measures"])},"notifications":${sharedJson(r["notifications"])}`;
    for (let i = 0; i < extraKeys.length; i++) {
      const v = JSON.stringify(r[extraKeys[i] as string]);
      if (v !== undefined) out += extraNames[i] + v;
    }
    return out + "}";
  };
}

/** The extras of a policy's results, from its IR. */
export function resultExtras(ir: { categories: readonly unknown[]; models: readonly unknown[]; obligations: readonly unknown[]; snapshot: unknown; itemRules: readonly unknown[] }): ResultExtras {
  return { categories: ir.categories.length > 0, scores: ir.models.length > 0, obligations: ir.obligations.length > 0, snapshot: ir.snapshot !== null, items: ir.itemRules.length > 0 };
}

/** Bytes of a batch of output, written in place: no per-line strings to join, no encoding of the constant parts. */
export class ByteWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A string as UTF-8 (at most 3 bytes per UTF-16 unit). */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** What was written, as a copy of its own (handed to another thread or a stream); the writer starts over. */
  take(): Uint8Array {
    const out = new Uint8Array(this.pos);
    out.set(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}

const utf8 = (s: string) => Buffer.from(s, "utf8");
const MATCHED_KEYS = ["grade", "article", "text", "values"];
const MATCHED_FLAGS = new Set(["negated", "override"]);

/**
 * The same lines as makeResultJson, written as UTF-8 bytes: the constant text of a grade (as_of …
 * label, the measures and notifications) and of each matched rule (grade, article and text: all
 * but its values) is encoded once and copied; only the id, the rules' values and the extras are
 * encoded per record. Each part is checked before its bytes are reused (the same day, policy
 * object, label and shared lists; a matched entry with exactly the keys grade, article, text,
 * values and the same grade and article); anything else is written as JSON.stringify writes it.
 */
export function makeResultBytes(extras: ResultExtras): (result: EvalOutput, out: ByteWriter) => void {
  const toJson = makeResultJson(extras);
  const extraKeys = EXTRA_KEYS.filter(([flag]) => extras[flag]).map(([, key]) => key);
  const extraNames = extraKeys.map((k) => utf8(`,${JSON.stringify(k)}:`));
  type Head = { asOf: string; policy: object; label: string | null; measures: unknown; notifications: unknown; head: Uint8Array; tail: Uint8Array };
  const heads = new Map<string | null, Head>();
  type Clause = { grade: unknown; article: unknown; prefix: Uint8Array };
  const clauses = new Map<unknown, Clause>();
  const ID = utf8('{"id":');
  const EMPTY = utf8("[]");
  const NEWLINE = utf8("}\n");

  /** A matched entry's bytes, or false when it is not laid out as expected. */
  const entry = (e: Record<string, unknown>, out: ByteWriter): boolean => {
    let i = 0;
    let flags = "";
    for (const k in e) {
      if (i < 4) {
        if (k !== MATCHED_KEYS[i]) return false;
      } else if (!MATCHED_FLAGS.has(k) || e[k] !== true) return false;
      else flags += `,"${k}":true`;
      i++;
    }
    if (i < 4 || e["values"] === undefined) return false;
    let c = clauses.get(e["text"]);
    if (!c || c.grade !== e["grade"] || c.article !== e["article"]) {
      c = { grade: e["grade"], article: e["article"], prefix: utf8(`{"grade":${JSON.stringify(e["grade"])},"article":${JSON.stringify(e["article"])},"text":${JSON.stringify(e["text"])},"values":`) };
      if (typeof e["text"] === "string") clauses.set(e["text"], c);
    }
    out.bytes(c.prefix);
    out.text(JSON.stringify(e["values"]) + flags + "}");
    return true;
  };

  return (result, out) => {
    if (!laidOut(result)) return out.text(JSON.stringify(result) + "\n");
    const r = result as unknown as Graded;
    let h = heads.get(r.grade);
    if (!h || h.asOf !== r.as_of || h.policy !== r.policy || h.label !== r.label || h.measures !== r["measures"] || h.notifications !== r["notifications"]) {
      const head = utf8(`,"as_of":${JSON.stringify(r.as_of)},"policy":${sharedJson(r.policy)},"grade":${JSON.stringify(r.grade)},"label":${JSON.stringify(r.label)},"matched":`);
      const tail = utf8(`,"measures":${sharedJson(r["measures"])},"notifications":${sharedJson(r["notifications"])}`);
      h = { asOf: r.as_of, policy: r.policy, label: r.label, measures: r["measures"], notifications: r["notifications"], head, tail };
      // Only the shared, frozen lists are worth keeping: a per-record copy would never match again.
      if (Object.isFrozen(r["measures"]) && Object.isFrozen(r["notifications"])) heads.set(r.grade, h);
    }
    const matched = r["matched"];
    if (!Array.isArray(matched)) return out.text(toJson(result) + "\n");
    // The matched rules first, into a writer of their own would cost a copy: check their layout before writing anything.
    for (const e of matched) if (!e || typeof e !== "object" || Array.isArray(e)) return out.text(toJson(result) + "\n");
    out.bytes(ID);
    out.text(r.id === null ? "null" : JSON.stringify(r.id));
    out.bytes(h.head);
    if (matched.length === 0) out.bytes(EMPTY);
    else {
      out.text("[");
      for (let i = 0; i < matched.length; i++) {
        if (i) out.text(",");
        if (!entry(matched[i] as Record<string, unknown>, out)) out.text(JSON.stringify(matched[i]));
      }
      out.text("]");
    }
    out.bytes(h.tail);
    for (let i = 0; i < extraKeys.length; i++) {
      const v = JSON.stringify(r[extraKeys[i] as string]);
      if (v !== undefined) {
        out.bytes(extraNames[i] as Uint8Array);
        out.text(v);
      }
    }
    out.bytes(NEWLINE);
  };
}
