// Calendar dates for the credit record: ISO `YYYY-MM-DD` strings, read as days in China
// Standard Time (see shared/spec/credit-record.md, "Time").
//
// A record date names a civil day, not an instant, so everything here is integer arithmetic
// on day numbers. JavaScript's Date is used only in todayInChina, to turn an instant into a
// day; a local-time Date anywhere else would shift days on machines west or east of UTC+8.
// No Node APIs: this module also runs in the browser.

/** A day in the proleptic Gregorian calendar, written `YYYY-MM-DD`. */
export type IsoDate = string;

export type WindowUnit = "year" | "month" | "day";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Year 0000 is excluded: RFC 3339 allows it but nobody dates a sanction then, and
// Date.UTC maps years 0–99 to 1900–1999, so rejecting it keeps every caller safe.
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parse(s: unknown): Ymd | undefined {
  if (typeof s !== "string") return undefined;
  const match = ISO_DATE.exec(s);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return undefined;
  }
  return { y, m, d };
}

function parseOrThrow(iso: string): Ymd {
  const ymd = parse(iso);
  if (!ymd) throw new RangeError(`not an ISO calendar date YYYY-MM-DD: ${JSON.stringify(iso)}`);
  return ymd;
}

function format({ y, m, d }: Ymd): IsoDate {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`date out of range 0001-01-01..9999-12-31 (year ${y})`);
  }
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** True for a real calendar day written `YYYY-MM-DD`, years 0001–9999; 2021-02-29 is false. */
export function isIsoDate(s: unknown): s is string {
  // The validator calls this on every date of every record: digits read by char code, no regex,
  // no allocation; the same days as parse() accepts.
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The number written by `n` ASCII digits at `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 (negative before it). Throws RangeError on anything but an ISO date. */
export function dayNumber(iso: string): number {
  const { y, m, d } = parseOrThrow(iso);
  // Howard Hinnant's days_from_civil: counting years from March puts the leap day last,
  // so each 400-year era is a fixed 146097 days and no table or loop is needed.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date `n` days after 1970-01-01; the inverse of dayNumber. */
export function fromDayNumber(n: number): IsoDate {
  requireInteger(n, "day number");
  // Inverse of the algorithm in dayNumber (Hinnant's civil_from_days).
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return format({ y, m, d });
}

export function addDays(iso: string, n: number): IsoDate {
  requireInteger(n, "days");
  return fromDayNumber(dayNumber(iso) + n);
}

/**
 * Moves by whole calendar months. A day that does not exist in the target month becomes
 * that month's last day (2021-03-31 − 1 month = 2021-02-28), as people count months.
 */
export function addMonths(iso: string, n: number): IsoDate {
  requireInteger(n, "months");
  const { y, m, d } = parseOrThrow(iso);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  if (ny < MIN_YEAR || ny > MAX_YEAR) {
    throw new RangeError(`date out of range 0001-01-01..9999-12-31 (year ${ny})`);
  }
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** Whole calendar years; 29 February becomes 28 February in a common year (the spec's rule). */
export function addYears(iso: string, n: number): IsoDate {
  requireInteger(n, "years");
  return addMonths(iso, n * 12);
}

/**
 * The exclusive lower bound L of "within `amount` units of `asOf`": a date is within the
 * window when L < date ≤ asOf. The spec defines 一年内 as D − N years < date ≤ D, so L is
 * D − N units itself and that day is outside the window (as of 2021-12-31, one year covers
 * 2021-01-01 … 2021-12-31).
 */
export function windowStart(asOf: string, amount: number, unit: WindowUnit): IsoDate {
  requireInteger(amount, "window length");
  if (amount < 0) throw new RangeError(`window length must not be negative, got ${amount}`);
  switch (unit) {
    case "year":
      return addYears(asOf, -amount);
    case "month":
      return addMonths(asOf, -amount);
    case "day":
      return addDays(asOf, -amount);
    default:
      throw new RangeError(`unknown window unit: ${String(unit satisfies never)}`);
  }
}

/** True when windowStart(asOf, amount, unit) < date ≤ asOf; later dates do not exist yet on asOf. */
export function inWindow(date: string, asOf: string, amount: number, unit: WindowUnit): boolean {
  const day = dayNumber(date);
  return dayNumber(windowStart(asOf, amount, unit)) < day && day <= dayNumber(asOf);
}

/** The calendar day in China Standard Time at `now`. China has used UTC+8 without DST since 1991. */
export function todayInChina(now: Date = new Date()): IsoDate {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid Date");
  const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
  const MS_PER_DAY = 24 * 60 * 60 * 1000;
  return fromDayNumber(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY));
}

/** Orders two ISO dates; throws RangeError if either is not one, so typos never compare quietly. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
