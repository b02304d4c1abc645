// A token's source span, for the text front-end.
import type { IToken } from "chevrotain";
import type { Span } from "../diagnostics/span.js";

export function tokenSpan(file: string, first: IToken, last: IToken = first): Span {
  return {
    file,
    line: first.startLine ?? 1,
    col: first.startColumn ?? 1,
    endLine: last.endLine ?? first.startLine ?? 1,
    endCol: last.endColumn ?? first.startColumn ?? 1,
    start: first.startOffset,
    end: (last.endOffset ?? last.startOffset) + 1,
  };
}
