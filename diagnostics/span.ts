// Source spans: every AST and IR node carries one; equality ignores them (see stripSpans).

export interface Span {
  file: string;
  /** 1-based line and column of the first character. */
  line: number;
  col: number;
  endLine: number;
  /** 1-based column of the last character. */
  endCol: number;
  /** 0-based offsets, end exclusive. */
  start: number;
  end: number;
}

export function joinSpans(a: Span, b: Span): Span {
  return { file: a.file, line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol, start: a.start, end: b.end };
}

/** Line and column of an offset, for front-ends (YAML) that report offsets. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (this.starts[lo] as number) + 1 };
  }
  span(file: string, start: number, end: number): Span {
    const s = this.position(start);
    const e = this.position(Math.max(start, end - 1));
    return { file, line: s.line, col: s.col, endLine: e.line, endCol: e.col, start, end };
  }
}

/** Keys that hold source positions only. */
const POSITION_KEYS = new Set(["span", "recordSpans"]);

/** A deep copy without source positions: the structural equality that DSL ⇄ YAML tests and diffs use. */
export function stripSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripSpans) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!POSITION_KEYS.has(k)) out[k] = stripSpans(v);
    return out as T;
  }
  return value;
}
