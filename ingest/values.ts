// Dates and amounts as 双公示 exports write them. Dates: 2021-06-01, 2021/6/1, 2021.6.1,
// 2021年6月1日, 20210601, with or without a time after them, and Excel serial day numbers (the
// 1900 date system Excel uses on Windows; serial 60 is its fictitious 1900-02-29). Amounts: in the
// column's unit (万元 in both templates) unless the cell names its own (…元, …万元); thousands
// separators only where they group by three; converted to fen from the decimal text, never through
// a binary float, so 0.35万元 is exactly 3500.00 yuan. No Node APIs.
import { fromDayNumber, isIsoDate, dayNumber } from "../record/dates.js";
import { wan, yuanFromParts, type Fen } from "../record/money.js";
import { compact } from "./text.js";

const pad = (n: string) => n.padStart(2, "0");

const SEPARATED = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s|:)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\d{1,2}(?::|时)\d{2}(?:(?::|分)\d{2}秒?)?分?)?$/;
const DIGITS8 = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^(\d{5})(?:\.\d+)?$/;

/** Excel serials taken as dates: 1950-01-01 … 2100-12-31, so a stray number is not read as a day. */
export const SERIAL_RANGE = { min: 18264, max: 73415 } as const;
// Day number of 1899-12-30: serial 1 is 1900-01-01 once Excel's 1900-02-29 is skipped (serials > 60).
const EXCEL_EPOCH = dayNumber("1899-12-30");

/** The ISO date a cell holds, or undefined when it is not one of the accepted forms or not a real day. */
export function parseDate(raw: string): string | undefined {
  const text = compact(raw);
  let m = SEPARATED.exec(text) ?? CHINESE.exec(text) ?? DIGITS8.exec(text);
  if (m) {
    const iso = `${m[1]}-${pad(m[2] as string)}-${pad(m[3] as string)}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  m = SERIAL.exec(text);
  if (m) {
    const serial = Number(m[1]);
    if (serial < SERIAL_RANGE.min || serial > SERIAL_RANGE.max) return undefined;
    return fromDayNumber(EXCEL_EPOCH + serial);
  }
  return undefined;
}

export type Unit = "wan" | "yuan";

export type Amount = { fen: Fen } | { error: "format" | "precision" | "negative" };

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/** An amount in fen from a cell written in `unit` (a 元 or 万元 suffix in the cell wins). */
export function parseAmount(raw: string, unit: Unit): Amount {
  let text = compact(raw).replace(/^(人民币|RMB|¥|￥)/i, "");
  if (text.endsWith("万元")) {
    unit = "wan";
    text = text.slice(0, -2);
  } else if (text.endsWith("元")) {
    unit = "yuan";
    text = text.slice(0, -1);
  }
  if (text.startsWith("-")) return /^-\d/.test(text) ? { error: "negative" } : { error: "format" };
  if (text.includes(",")) {
    if (!GROUPED.test(text)) return { error: "format" };
    text = text.replace(/,/g, "");
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { error: "format" };
  const fen = unit === "wan" ? wan(text) : yuanFromParts(m[1] as string, m[2]);
  return fen === undefined ? { error: "precision" } : { fen };
}

/** 罚款 / 没收 amounts stated in a 2016 row's 处罚结果 text, e.g. "罚款人民币5000元，没收违法所得0.2万元". */
export function amountsInText(raw: string): { fine: string[]; confiscation: string[] } {
  const text = compact(raw);
  const grab = (re: RegExp) => [...text.matchAll(re)].map((m) => `${m[1]}${m[2]}`);
  return {
    fine: grab(/罚款(?:人民币|金额)?[:]?(\d[\d,]*(?:\.\d+)?)(万元|元)/g),
    confiscation: grab(/没收(?:违法所得|非法财物|违法所得和非法财物|违法所得、非法财物)(?:人民币|金额)?[:]?(\d[\d,]*(?:\.\d+)?)(万元|元)/g),
  };
}
