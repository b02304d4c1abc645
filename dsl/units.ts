// Units the regulations write after numbers. Each maps to a quantity type; 万元 scales by 10,000.

export type QuantityType = "money" | "count" | "duration" | "score" | "workdays";
export type DurationUnit = "year" | "month" | "day";

export interface UnitDef {
  /** Stable id kept in the AST. */
  id: string;
  zh: string[];
  en: string[];
  type: QuantityType;
  /** For durations: the calendar unit. */
  duration?: DurationUnit;
  /** For money: yuan per unit, as a decimal integer string. */
  yuanFactor?: string;
}

export const UNITS: readonly UnitDef[] = [
  { id: "wan_yuan", zh: ["万元"], en: ["wan yuan"], type: "money", yuanFactor: "10000" },
  { id: "yuan", zh: ["元"], en: ["yuan"], type: "money", yuanFactor: "1" },
  { id: "times", zh: ["次", "件", "项", "个"], en: ["times", "time", "cases", "case"], type: "count" },
  { id: "workday", zh: ["个工作日", "工作日"], en: ["working days", "working day"], type: "workdays" },
  { id: "year", zh: ["年"], en: ["years", "year"], type: "duration", duration: "year" },
  { id: "month", zh: ["个月", "月"], en: ["months", "month"], type: "duration", duration: "month" },
  { id: "day", zh: ["日", "天"], en: ["days", "day"], type: "duration", duration: "day" },
  { id: "points", zh: ["分"], en: ["points", "point"], type: "score" },
];

export const UNIT_BY_ID: ReadonlyMap<string, UnitDef> = new Map(UNITS.map((u) => [u.id, u]));

/** Unit spellings, longest first, so 个工作日 wins over 个 and "working days" over "day". */
export const UNIT_SPELLINGS: readonly { text: string; unit: UnitDef; lang: "zh" | "en" }[] = UNITS.flatMap((unit) => [
  ...unit.zh.map((text) => ({ text, unit, lang: "zh" as const })),
  ...unit.en.map((text) => ({ text, unit, lang: "en" as const })),
]).sort((a, b) => b.text.length - a.text.length);
