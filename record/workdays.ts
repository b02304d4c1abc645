// Working days (工作日) in mainland China: Monday to Friday, less the public holidays, plus the
// weekend days the State Council makes working days (调休上班). Which days those are is decided
// year by year in the General Office's notice, so no rule can compute them: they come from a
// table (runtime/data/cn-workdays.json, see runtime/data/README.md) that the credit office
// updates when a new notice is published, or from a table passed to createWorkdayCalendar.
//
// A date outside the table's years throws OutsideCalendarError (a RangeError): counting plain
// weekdays there would quietly move deadlines past a Spring Festival nobody entered.
// No Node APIs: this module also runs in the browser.

import data from "./data/cn-workdays.json" with { type: "json" };
import { addDays, dayNumber, fromDayNumber, isIsoDate } from "./dates.js";
import type { IsoDate } from "./dates.js";

/** A run of days off as a notice states it, e.g. 春节 2021-02-11 … 2021-02-17. */
export interface HolidayPeriod {
  /** As in the notice: 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节, or joined with 、 */
  name: string;
  first: IsoDate;
  last: IsoDate;
}

/** One year's arrangement: one notice, plus any later notice that changed it. */
export interface WorkdayYear {
  /** Title and document number of the notice. */
  source: string;
  /** Later notices that changed the arrangement, with what they changed (2020: 国办发明电〔2020〕1号). */
  amendedBy?: string[];
  holidays: HolidayPeriod[];
  /** Saturdays and Sundays that are working days (调休上班). */
  makeUpWorkdays: IsoDate[];
}

export interface WorkdayTable {
  description?: string;
  /** Keyed by the year of the notice, "2021"; every year from the first to the last. */
  years: Record<string, WorkdayYear>;
}

export interface TableProblem {
  /** JSON Pointer into the table, e.g. `/years/2021/makeUpWorkdays/1`. */
  path: string;
  message: string;
}

/** The table is malformed; `problems` lists every fault found, by JSON path. */
export class WorkdayTableError extends Error {
  readonly problems: TableProblem[];
  constructor(problems: TableProblem[]) {
    super(
      `the working-day calendar table is malformed:\n${problems.map((p) => `  ${p.path || "(table)"}: ${p.message}`).join("\n")}`,
    );
    this.name = "WorkdayTableError";
    this.problems = problems;
  }
}

/** A date (or a count that runs) outside the years the calendar table covers. */
export class OutsideCalendarError extends RangeError {
  /** The date asked about, or the start date of a count that ran past the end. */
  readonly date: IsoDate;
  readonly firstYear: number;
  readonly lastYear: number;
  constructor(message: string, date: IsoDate, firstYear: number, lastYear: number) {
    super(message);
    this.name = "OutsideCalendarError";
    this.date = date;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

export interface WorkdayCalendar {
  /** True on a working day: a weekday that is no holiday, or a make-up Saturday or Sunday. */
  isWorkingDay(iso: IsoDate): boolean;
  /**
   * The n-th working day after `iso`, not counting `iso` itself: 5 working days after a Friday
   * is the next Friday in a plain week. n = 0 gives `iso` if it is a working day, else the next
   * working day — the first day on which something due "within 0 working days" can be done.
   */
  addWorkingDays(iso: IsoDate, n: number): IsoDate;
  /** The number of working days d with a < d ≤ b; 0 when b ≤ a (the interval is empty). */
  workingDaysBetween(a: IsoDate, b: IsoDate): number;
  /** The first and last year the table covers, each whole from 1 January to 31 December. */
  coverage(): { firstYear: number; lastYear: number };
}

// The seven festivals of 全国年节及纪念日放假办法 that every year's notice arranges; a year
// missing one is a half-entered year.
const FESTIVALS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"] as const;

// A typo guard, not a rule: the longest national period so far is 10 days (2020's extended
// Spring Festival), so a 2021-12-17 typed for 2021-02-17 is caught.
const MAX_PERIOD_DAYS = 14;

const YEAR_KEYS = new Set(["source", "amendedBy", "holidays", "makeUpWorkdays"]);
const TABLE_KEYS = new Set(["description", "years"]);
const PERIOD_KEYS = new Set(["name", "first", "last"]);

/** ISO weekday from a day number: 1 Monday … 7 Sunday (1970-01-01, day 0, was a Thursday). */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A key as a JSON Pointer segment (RFC 6901), so a stray "a/b" key cannot fake a path. */
function segment(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.trim() !== "";
}

/** Every fault of a calendar table, by JSON path; empty when the table is sound. */
export function validateWorkdayTable(value: unknown): TableProblem[] {
  const problems: TableProblem[] = [];
  const fault = (path: string, message: string) => problems.push({ path, message });

  if (!isRecord(value)) {
    fault("", "expected a JSON object with a `years` object");
    return problems;
  }
  for (const key of Object.keys(value)) {
    if (!TABLE_KEYS.has(key)) fault(`/${segment(key)}`, `unknown property (known: ${[...TABLE_KEYS].join(", ")})`);
  }
  if (value.description !== undefined && typeof value.description !== "string") {
    fault("/description", "expected a string");
  }
  const years = value.years;
  if (!isRecord(years)) {
    fault("/years", "expected an object keyed by year, e.g. \"2021\"");
    return problems;
  }
  const keys = Object.keys(years);
  const badKeys = keys.filter((k) => !/^\d{4}$/.test(k) || Number(k) < 2);
  for (const k of badKeys) fault(`/years/${segment(k)}`, "expected a four-digit year as the key");
  const numbers = keys.filter((k) => !badKeys.includes(k)).map(Number).sort((a, b) => a - b);
  if (numbers.length === 0) {
    fault("/years", "the table covers no year");
    return problems;
  }
  for (let y = numbers[0]; y <= numbers[numbers.length - 1]; y++) {
    if (!numbers.includes(y)) {
      fault("/years", `year ${y} is missing: the table must have every year from ${numbers[0]} to ${numbers[numbers.length - 1]}`);
    }
  }

  // Every day each path claims, to catch a day that is both off and worked, or off twice.
  const holidayDays = new Map<number, string>();
  const makeUpDays = new Map<number, string>();

  for (const year of numbers) {
    const base = `/years/${year}`;
    const entry = years[String(year)];
    if (!isRecord(entry)) {
      fault(base, "expected an object with source, holidays and makeUpWorkdays");
      continue;
    }
    for (const key of Object.keys(entry)) {
      if (!YEAR_KEYS.has(key)) fault(`${base}/${segment(key)}`, `unknown property (known: ${[...YEAR_KEYS].join(", ")})`);
    }
    if (!nonEmptyString(entry.source)) fault(`${base}/source`, "expected the notice's title and document number");
    if (entry.amendedBy !== undefined) {
      if (!Array.isArray(entry.amendedBy)) fault(`${base}/amendedBy`, "expected a list of notices");
      else entry.amendedBy.forEach((a, i) => nonEmptyString(a) || fault(`${base}/amendedBy/${i}`, "expected a non-empty string"));
    }

    // A notice for year Y may start 元旦 or set a make-up day in Y−1's December (2023's notice
    // gives 2022-12-31 … 2023-01-02 off), never later than Y's 31 December.
    const earliest = dayNumber(`${String(year - 1).padStart(4, "0")}-12-01`);
    const latest = dayNumber(`${String(year).padStart(4, "0")}-12-31`);
    const dateAt = (path: string, v: unknown): number | undefined => {
      if (!isIsoDate(v)) {
        fault(path, `expected an ISO date YYYY-MM-DD, got ${JSON.stringify(v)}`);
        return undefined;
      }
      const day = dayNumber(v);
      if (day < earliest || day > latest) {
        fault(path, `${v} is outside the ${year} arrangement (${year - 1}-12-01 … ${year}-12-31)`);
        return undefined;
      }
      return day;
    };

    const named = new Set<string>();
    if (!Array.isArray(entry.holidays)) {
      fault(`${base}/holidays`, "expected a list of holiday periods");
    } else {
      entry.holidays.forEach((period: unknown, i) => {
        const path = `${base}/holidays/${i}`;
        if (!isRecord(period)) {
          fault(path, "expected an object with name, first and last");
          return;
        }
        for (const key of Object.keys(period)) {
          if (!PERIOD_KEYS.has(key)) fault(`${path}/${segment(key)}`, `unknown property (known: ${[...PERIOD_KEYS].join(", ")})`);
        }
        if (!nonEmptyString(period.name)) fault(`${path}/name`, "expected the holiday's name as in the notice");
        else for (const part of period.name.split("、")) named.add(part.trim());
        const first = dateAt(`${path}/first`, period.first);
        const last = dateAt(`${path}/last`, period.last);
        if (first === undefined || last === undefined) return;
        if (last < first) {
          fault(`${path}/last`, `the period ends (${String(period.last)}) before it starts (${String(period.first)})`);
          return;
        }
        if (last - first + 1 > MAX_PERIOD_DAYS) {
          fault(`${path}/last`, `a ${last - first + 1}-day holiday is longer than ${MAX_PERIOD_DAYS} days; check the dates`);
          return;
        }
        let clash: number | undefined;
        for (let d = first; d <= last; d++) {
          if (holidayDays.has(d)) clash ??= d;
          else holidayDays.set(d, path);
        }
        if (clash !== undefined) {
          fault(path, `overlaps the holiday at ${holidayDays.get(clash)} (${fromDayNumber(clash)} is in both)`);
        }
      });
      for (const festival of FESTIVALS) {
        if (!named.has(festival)) fault(`${base}/holidays`, `the ${year} arrangement has no ${festival}; every year's notice arranges all seven festivals`);
      }
    }

    if (!Array.isArray(entry.makeUpWorkdays)) {
      fault(`${base}/makeUpWorkdays`, "expected a list of dates (an empty list if the notice sets none)");
    } else {
      entry.makeUpWorkdays.forEach((v: unknown, i) => {
        const path = `${base}/makeUpWorkdays/${i}`;
        const day = dateAt(path, v);
        if (day === undefined) return;
        if (isoWeekday(day) < 6) {
          fault(path, `${String(v)} is a weekday, already a working day; a make-up working day is a Saturday or Sunday`);
          return;
        }
        const other = makeUpDays.get(day);
        if (other !== undefined) fault(path, `${String(v)} is listed twice (also at ${other})`);
        else makeUpDays.set(day, path);
      });
    }
  }

  for (const [day, path] of makeUpDays) {
    const holiday = holidayDays.get(day);
    if (holiday !== undefined) fault(path, `${fromDayNumber(day)} is both a make-up working day and a holiday (${holiday})`);
  }
  return problems;
}

/**
 * A calendar from a table shaped like runtime/data/cn-workdays.json. Throws WorkdayTableError
 * listing every fault when the table is malformed, so a bad update never reaches a deadline.
 */
export function createWorkdayCalendar(table: unknown): WorkdayCalendar {
  const problems = validateWorkdayTable(table);
  if (problems.length > 0) throw new WorkdayTableError(problems);
  const years = (table as WorkdayTable).years;
  const numbers = Object.keys(years).map(Number);
  const firstYear = Math.min(...numbers);
  const lastYear = Math.max(...numbers);
  const start = dayNumber(`${String(firstYear).padStart(4, "0")}-01-01`);
  const end = dayNumber(`${String(lastYear).padStart(4, "0")}-12-31`);
  const length = end - start + 1;

  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) working[i] = isoWeekday(start + i) < 6 ? 1 : 0;
  const mark = (day: number, value: 0 | 1) => {
    // A notice's days in the December before the first covered year lie outside the calendar.
    if (day >= start && day <= end) working[day - start] = value;
  };
  for (const entry of Object.values(years)) {
    for (const period of entry.holidays) {
      for (let d = dayNumber(period.first); d <= dayNumber(period.last); d++) mark(d, 0);
    }
    for (const iso of entry.makeUpWorkdays) mark(dayNumber(iso), 1);
  }
  // before[i]: working days among the first i covered days, so any count is one subtraction.
  const before = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) before[i + 1] = before[i] + working[i];

  const span = `${firstYear}–${lastYear}`;
  const indexOf = (iso: IsoDate): number => {
    const day = dayNumber(iso);
    if (day < start || day > end) {
      throw new OutsideCalendarError(
        `${iso} is outside the working-day calendar, which covers ${span}; add the State Council's holiday arrangement for ${iso.slice(0, 4)} to the calendar table`,
        iso,
        firstYear,
        lastYear,
      );
    }
    return day - start;
  };

  return {
    isWorkingDay(iso) {
      return working[indexOf(iso)] === 1;
    },
    addWorkingDays(iso, n) {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`the number of working days must be a whole number 0 or more, got ${n}`);
      }
      const i = indexOf(iso);
      // n = 0 counts iso itself, n ≥ 1 starts after it; either way find the first j with
      // before[j + 1] reaching the target count.
      const target = (n === 0 ? before[i] : before[i + 1]) + Math.max(n, 1);
      if (before[length] < target) {
        throw new OutsideCalendarError(
          `${n} working days after ${iso} fall after ${lastYear}-12-31, the end of the working-day calendar (${span}); add the State Council's holiday arrangement for ${lastYear + 1} to the calendar table`,
          iso,
          firstYear,
          lastYear,
        );
      }
      let lo = i;
      let hi = length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before[mid + 1] >= target) hi = mid;
        else lo = mid + 1;
      }
      return addDays(iso, lo - i);
    },
    workingDaysBetween(a, b) {
      const ia = indexOf(a);
      const ib = indexOf(b);
      return ib <= ia ? 0 : before[ib + 1] - before[ia + 1];
    },
    coverage() {
      return { firstYear, lastYear };
    },
  };
}

/** Mainland China's national calendar from runtime/data/cn-workdays.json. */
export const chinaWorkdays: WorkdayCalendar = createWorkdayCalendar(data);
