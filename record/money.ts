// Exact money: yuan held as a bigint count of fen (分, 0.01 yuan).
//
// Fines are compared against thresholds such as 50万元, and a binary float cannot hold 0.1
// yuan exactly, so sums of float amounts drift and a fine equal to the threshold might
// compare as smaller. Amounts are therefore parsed from their decimal text straight into
// integer fen and never pass through float arithmetic. No Node APIs: this runs in browsers.

/** An amount of money in fen (1 yuan = 100 fen). May be negative only as the result of arithmetic. */
export type Fen = bigint;

const YUAN_TEXT = /^(\d+)(?:\.(\d{1,2}))?$/;
const DECIMAL_TEXT = /^(\d+)(?:\.(\d+))?$/;

/**
 * The record's `amount`: a non-negative JSON number or decimal string with at most two
 * decimals ("500000.00", 500000, 0.1). Anything else, e.g. 0.001, -1, "1,000", "1e3", is
 * undefined.
 */
export function parseYuan(v: unknown): Fen | undefined {
  if (typeof v === "number") {
    // Judging a number by its shortest round-trip text (String(0.1) === "0.1") recovers the
    // decimal that was written in the JSON. Past 2^53 that text no longer matches what was
    // written, so such amounts must come as strings; 1e21 and up print in exponent form and
    // fail the pattern anyway.
    if (!Number.isFinite(v) || v < 0 || v > Number.MAX_SAFE_INTEGER) return undefined;
    return parseYuanText(String(v));
  }
  if (typeof v === "string") return parseYuanText(v);
  return undefined;
}

/** Whether parseYuan(v) is an amount, without building it: the validator's check of every amount. */
export function isYuan(v: unknown): boolean {
  if (typeof v === "number") {
    // Whole yuan (the common case) print as plain digits; anything else as parseYuan judges it.
    if (Number.isSafeInteger(v) && v >= 0) return true;
    if (!Number.isFinite(v) || v < 0 || v > Number.MAX_SAFE_INTEGER) return false;
    return YUAN_TEXT.test(String(v));
  }
  return typeof v === "string" && YUAN_TEXT.test(v);
}

function parseYuanText(s: string): Fen | undefined {
  const match = YUAN_TEXT.exec(s);
  if (!match) return undefined;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
}

/** Two decimals always: 50000000n → "500000.00", 1n → "0.01", -5n → "-0.05". */
export function formatYuan(f: Fen): string {
  const negative = f < 0n;
  const abs = negative ? -f : f;
  const yuan = abs / 100n;
  const fen = abs % 100n;
  return `${negative ? "-" : ""}${yuan}.${fen.toString().padStart(2, "0")}`;
}

/**
 * Decimal digits of an amount scaled by 10^scale into an exact integer, or undefined when
 * the fraction is finer than that; trailing zeros ("1.500") do not count as precision.
 */
function scaled(intPart: string, frac: string, scale: number): bigint | undefined {
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return undefined;
  const significant = frac.replace(/0+$/, "");
  if (significant.length > scale) return undefined;
  return BigInt(intPart) * 10n ** BigInt(scale) + BigInt(significant.padEnd(scale, "0") || "0");
}

/**
 * Yuan from the digits before and after the decimal point, as a lexer splits them
 * ("500000", "5"). Undefined when the parts are not digits or the fraction is finer than a fen.
 */
export function yuanFromParts(intPart: string, frac?: string): Fen | undefined {
  return scaled(intPart, frac ?? "", 2);
}

/**
 * An amount in 万元 (10,000 yuan), as regulations write thresholds: wan("50") is 500000.00
 * yuan. Accepts a plain decimal string; undefined when it is finer than a fen (more than six
 * significant decimals) or not a decimal at all.
 */
export function wan(n: string): Fen | undefined {
  const match = DECIMAL_TEXT.exec(n);
  if (!match) return undefined;
  // 1 万元 = 10 000 yuan = 1 000 000 fen, hence six decimal places.
  return scaled(match[1]!, match[2] ?? "", 6);
}

export function sumFen(xs: Iterable<Fen>): Fen {
  let total = 0n;
  for (const x of xs) total += x;
  return total;
}
