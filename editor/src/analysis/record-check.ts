// A credit record typed or pasted as JSON: parse it strictly (jsonc-parser, for the position of a
// syntax error), check it with the runtime's own validateRecord, and place each error at its field
// — the JSON pointer the validator reports, found in the parse tree.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { isMessageKey, type MessageArg } from "../../../diagnostics/catalogue.js";
import { validateRecord } from "../../../record/validate.js";
import type { Range, RecordProblem } from "./types.js";

/** Offsets → Monaco range over `text`. */
export function offsetRange(text: string, start: number, end: number): Range {
  const pos = (offset: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, col: offset - lineStart + 1 };
  };
  const s = pos(start);
  const e = pos(Math.max(end, start + 1));
  return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}

function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/**
 * The node a JSON pointer names, or for a missing property the nearest existing ancestor. For an
 * object member the range covers its value (what the clerk has to fix).
 */
function nodeForPointer(root: Node, pointer: string): Node {
  const segs = pointerSegments(pointer);
  for (let n = segs.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segs.slice(0, n));
    if (node) return node;
  }
  return root;
}

/** A JSON parse error's name (EndOfFileExpected) as a catalogue message, rendered in the interface language. */
function jsonErrorArg(code: string): MessageArg {
  const key = `json/${code}`;
  return isMessageKey(key) ? { key } : code;
}

export interface ParsedRecord {
  value?: unknown;
  problems: RecordProblem[];
  /** The text is JSON Lines: several records, one a line (each as pretty JSON). */
  several?: { id: string; text: string }[];
}

/** Several records, one JSON object a line (JSON Lines, as exports and examples/records.jsonl hold them). */
function jsonLinesRecords(text: string): { id: string; text: string }[] | undefined {
  const lines = text.split("\n").filter((l) => l.trim());
  if (lines.length < 2) return undefined;
  const out: { id: string; text: string }[] = [];
  for (const [i, l] of lines.entries()) {
    let v: unknown;
    try {
      v = JSON.parse(l);
    } catch {
      return undefined;
    }
    if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
    const id = (v as Record<string, unknown>)["id"];
    out.push({ id: typeof id === "string" ? id : `#${i + 1}`, text: JSON.stringify(v, null, 2) + "\n" });
  }
  return out;
}

/** Parse and validate a record's JSON text. */
export function checkRecordText(text: string): ParsedRecord {
  const several = jsonLinesRecords(text);
  if (several) return { problems: [], several };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const problems = (errors.length ? errors : [{ error: 4, offset: 0, length: 1 } as ParseError]).map(
      (e): RecordProblem => ({
        path: "",
        // CP-R000: the code the CLI gives a line that is not JSON.
        code: "CP-R000",
        key: "CP-R000/json",
        args: [jsonErrorArg(printParseErrorCode(e.error))],
        range: offsetRange(text, e.offset, e.offset + Math.max(1, e.length)),
      }),
    );
    return { problems };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // jsonc-parser accepted what JSON.parse refuses (should not happen with the options above).
    return { problems: [{ path: "", code: "CP-R000", key: "CP-R000/json", args: [(e as Error).message], range: offsetRange(text, 0, 1) }] };
  }
  const problems = validateRecord(value).map((err): RecordProblem => {
    const node = nodeForPointer(root, err.path);
    // A missing property: mark the object's opening brace rather than the whole object.
    const whole = node.type === "object" && err.code === "CP-R002";
    return { ...err, range: offsetRange(text, node.offset, whole ? node.offset + 1 : node.offset + node.length) };
  });
  return { value, problems };
}
