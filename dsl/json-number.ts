// Numbers in a test record, as written. A test record is JSON read into doubles; the formatter and
// the YAML emitter print it back. So that a number never changes meaning on the way (a 400-digit
// number becoming Infinity, 85.000000000000000001 becoming 85), a number must be written as the
// text form's grammar spells one (-?digits[.digits]) and a double must hold exactly the value
// written; anything else is CP-E0109 at the number. A number kept is printed back exactly as it was
// written (1.0 stays 1.0), from the written text the AST keeps beside the record.

/** Digits, an optional fraction, an optional minus: what the text form's NumberLit (with Minus) reads. */
const WRITTEN = /^-?\d+(?:\.\d+)?$/;

/** The canonical text of a double in the text form's grammar: no exponent. */
export function canonicalNumber(n: number): string {
  if (Object.is(n, -0)) return "-0";
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const neg = n < 0;
  const [mant = "", expPart = "0"] = Math.abs(n).toExponential().split("e");
  const exp = Number(expPart);
  const digits = mant.replace(".", "");
  let out: string;
  if (exp >= 0) {
    out = digits.length - 1 <= exp ? digits + "0".repeat(exp - (digits.length - 1)) : `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  } else out = `0.${"0".repeat(-exp - 1)}${digits}`;
  return neg ? `-${out}` : out;
}

/** A decimal's digits without the sign, leading zeros of the whole part or trailing zeros of the fraction. */
function decimal(text: string): string {
  const [whole = "", fraction = ""] = text.replace(/^-/, "").split(".");
  const w = whole.replace(/^0+(?=\d)/, "");
  const f = fraction.replace(/0+$/, "");
  const value = f ? `${w}.${f}` : w;
  return value === "0" ? "0" : (text.startsWith("-") ? "-" : "") + value;
}

/**
 * A number of a test record as written: its value, and the written text when it differs from the
 * canonical print (to be printed back); or why it cannot be kept.
 */
export function writtenNumber(text: string): { value: number; written?: string } | { refused: "form" | "inexact" } {
  if (!WRITTEN.test(text)) return { refused: "form" };
  const value = Number(text);
  if (!Number.isFinite(value)) return { refused: "inexact" };
  const canonical = canonicalNumber(value);
  if (decimal(canonical) !== decimal(text)) return { refused: "inexact" };
  return canonical === text ? { value } : { value, written: text };
}

/** How a record number is printed: as written, when the AST kept the text, else canonically. */
export function printNumber(value: number, written: string | undefined): string {
  return written ?? canonicalNumber(value);
}
