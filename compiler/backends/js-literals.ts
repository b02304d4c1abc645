// Text from a policy enters generated code only through these functions: as a string literal, a
// checked number, or a mangled identifier. Nothing a policy says is ever emitted as code.

/**
 * A JavaScript string literal with exactly the value `s`. JSON.stringify escapes quotes,
 * backslashes and control characters (and lone surrogates); `<`, `>` and U+2028/U+2029 are
 * escaped as well, so the literal is inert inside an HTML <script> and on one source line.
 */
export function str(s: string): string {
  if (typeof s !== "string") throw new TypeError(`expected a string from the IR, got ${typeof s}`);
  return JSON.stringify(s).replace(/[<>\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A number literal; the IR's decimal strings become numbers as the evaluator reads them. */
export function num(n: number): string {
  if (typeof n !== "number") throw new TypeError(`expected a number from the IR, got ${typeof n}`);
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  // Parenthesised when negative, so `a - -1` and `-1 ** 2` cannot arise.
  return n < 0 || Object.is(n, -0) ? `(${String(n)})` : String(n);
}

/** A bigint literal for money in fen; the IR holds fen as an integer string. */
export function fenLiteral(value: unknown): string {
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) throw new TypeError(`money in the IR must be an integer fen string, got ${JSON.stringify(value)}`);
  return value.startsWith("-") ? `(${value}n)` : `${value}n`;
}

/** A safe integer from the IR (window lengths). */
export function int(n: unknown): string {
  if (typeof n !== "number" || !Number.isSafeInteger(n)) throw new TypeError(`expected an integer in the IR, got ${JSON.stringify(n)}`);
  return num(n);
}

/**
 * A valid, stable JavaScript identifier for the i-th name: `v3_一年内罚款累计`. The index makes it
 * unique whatever the name; only ASCII letters, digits, `_` and CJK ideographs of the name are
 * kept (all valid in identifiers for every JavaScript and TypeScript version).
 */
export function mangle(prefix: string, i: number, name: string): string {
  const kept = [...name].filter((c) => /[A-Za-z0-9_\u4e00-\u9fff]/.test(c)).join("").slice(0, 40);
  return `${prefix}${i}${kept ? `_${kept}` : ""}`;
}

/** Text for a `//` comment: on one line, whatever it holds (line terminators escaped). */
export function commentText(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).replace(/\*\//g, "*\\/");
}

/** A file name from a policy id: no path separators, no leading dot, nothing a shell would mangle. */
export function fileStem(id: string): string {
  const stem = [...id].map((c) => (/[A-Za-z0-9_.\u4e00-\u9fff-]/.test(c) ? c : "_")).join("").replace(/^\.+/, "_");
  return stem || "policy";
}
