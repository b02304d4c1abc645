import { describe, it, expect } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayNumber,
  fromDayNumber,
  inWindow,
  isIsoDate,
  todayInChina,
  windowStart,
} from "../../record/dates.js";

describe("isIsoDate", () => {
  it.each(["2021-01-01", "2020-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2021-04-30"])("accepts %s", (s) => {
    expect(isIsoDate(s)).toBe(true);
  });
  it.each([
    "2021-02-29",
    "1900-02-29",
    "2020-02-30",
    "2021-04-31",
    "2021-13-01",
    "2021-00-01",
    "2021-01-00",
    "0000-01-01",
    "2021-1-1",
    "2021/01/01",
    "2021-01-01T00:00:00Z",
    "20210101",
    "",
    20210101,
    null,
    undefined,
    new Date(0),
  ])("rejects %j", (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe("dayNumber / fromDayNumber", () => {
  it("counts days from 1970-01-01", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dayNumber("2000-03-01")).toBe(11017);
    expect(dayNumber("2021-12-31")).toBe(18992);
  });

  it("agrees with Date.UTC and round-trips over a wide range", () => {
    const mismatches: string[] = [];
    for (let n = dayNumber("1899-12-25"); n <= dayNumber("2101-01-05"); n += 1) {
      const iso = fromDayNumber(n);
      const viaDate = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (viaDate !== iso || dayNumber(iso) !== n) mismatches.push(`${n}: ${iso} vs ${viaDate}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("covers years 0001 to 9999", () => {
    expect(fromDayNumber(dayNumber("0001-01-01"))).toBe("0001-01-01");
    expect(fromDayNumber(dayNumber("9999-12-31"))).toBe("9999-12-31");
    expect(() => fromDayNumber(dayNumber("0001-01-01") - 1)).toThrow(RangeError);
    expect(() => fromDayNumber(dayNumber("9999-12-31") + 1)).toThrow(RangeError);
  });

  it("throws on anything but an ISO date or an integer", () => {
    expect(() => dayNumber("2021-02-29")).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
  });
});

describe("addDays / addMonths / addYears", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2021-12-31", 1)).toBe("2022-01-01");
    expect(addDays("2020-02-28", 1)).toBe("2020-02-29");
    expect(addDays("2021-02-28", 1)).toBe("2021-03-01");
    expect(addDays("2021-03-01", -1)).toBe("2021-02-28");
    expect(addDays("2021-01-01", 365)).toBe("2022-01-01");
  });

  it("clamps the day to the end of the target month", () => {
    expect(addMonths("2021-03-31", -1)).toBe("2021-02-28");
    expect(addMonths("2020-03-31", -1)).toBe("2020-02-29");
    expect(addMonths("2021-01-31", 1)).toBe("2021-02-28");
    expect(addMonths("2021-05-31", 1)).toBe("2021-06-30");
    expect(addMonths("2021-08-31", -6)).toBe("2021-02-28");
  });

  it("moves across years by months, both ways", () => {
    expect(addMonths("2021-11-15", 2)).toBe("2022-01-15");
    expect(addMonths("2021-01-15", -1)).toBe("2020-12-15");
    expect(addMonths("2021-01-15", -13)).toBe("2019-12-15");
    expect(addMonths("2021-01-15", 0)).toBe("2021-01-15");
  });

  it("turns 29 February into 28 February in a common year", () => {
    expect(addYears("2024-02-29", -1)).toBe("2023-02-28");
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2021-12-31", -1)).toBe("2020-12-31");
  });

  it("refuses fractional amounts", () => {
    expect(() => addDays("2021-01-01", 0.5)).toThrow(RangeError);
    expect(() => addMonths("2021-01-01", 0.5)).toThrow(RangeError);
    expect(() => addYears("2021-01-01", 0.5)).toThrow(RangeError);
  });
});

describe("windows: D − N units < date ≤ D", () => {
  it("as of 2021-12-31, one year is 2021-01-01 … 2021-12-31", () => {
    expect(windowStart("2021-12-31", 1, "year")).toBe("2020-12-31");
    expect(inWindow("2020-12-31", "2021-12-31", 1, "year")).toBe(false); // the bound itself is outside
    expect(inWindow("2021-01-01", "2021-12-31", 1, "year")).toBe(true); // first day
    expect(inWindow("2021-12-31", "2021-12-31", 1, "year")).toBe(true); // last day: D itself
    expect(inWindow("2022-01-01", "2021-12-31", 1, "year")).toBe(false); // after D: does not exist yet
  });

  it("as of 2024-02-29, one year starts after 2023-02-28", () => {
    expect(windowStart("2024-02-29", 1, "year")).toBe("2023-02-28");
    expect(inWindow("2023-02-28", "2024-02-29", 1, "year")).toBe(false);
    expect(inWindow("2023-03-01", "2024-02-29", 1, "year")).toBe(true);
    expect(inWindow("2024-02-29", "2024-02-29", 1, "year")).toBe(true);
  });

  it("as of 2025-02-28, one year excludes 2024-02-28 and includes 2024-02-29", () => {
    expect(windowStart("2025-02-28", 1, "year")).toBe("2024-02-28");
    expect(inWindow("2024-02-28", "2025-02-28", 1, "year")).toBe(false);
    expect(inWindow("2024-02-29", "2025-02-28", 1, "year")).toBe(true);
  });

  it("as of 2025-03-01, one year excludes 2024-02-29", () => {
    expect(windowStart("2025-03-01", 1, "year")).toBe("2024-03-01");
    expect(inWindow("2024-02-29", "2025-03-01", 1, "year")).toBe(false);
    expect(inWindow("2024-03-02", "2025-03-01", 1, "year")).toBe(true);
  });

  it("several years", () => {
    expect(windowStart("2021-12-31", 3, "year")).toBe("2018-12-31");
    expect(inWindow("2019-01-01", "2021-12-31", 3, "year")).toBe(true);
    expect(inWindow("2018-12-31", "2021-12-31", 3, "year")).toBe(false);
  });

  it("months clamp at the month end", () => {
    expect(windowStart("2021-03-31", 1, "month")).toBe("2021-02-28");
    expect(inWindow("2021-02-28", "2021-03-31", 1, "month")).toBe(false);
    expect(inWindow("2021-03-01", "2021-03-31", 1, "month")).toBe(true);
    expect(windowStart("2021-12-31", 6, "month")).toBe("2021-06-30");
    expect(inWindow("2021-07-01", "2021-12-31", 6, "month")).toBe(true);
  });

  it("days: within 30 days of D is the 30 days ending on D", () => {
    expect(windowStart("2021-12-31", 30, "day")).toBe("2021-12-01");
    expect(inWindow("2021-12-01", "2021-12-31", 30, "day")).toBe(false);
    expect(inWindow("2021-12-02", "2021-12-31", 30, "day")).toBe(true);
    expect(windowStart("2021-03-01", 1, "day")).toBe("2021-02-28");
  });

  it("a window of zero is empty", () => {
    expect(inWindow("2021-12-31", "2021-12-31", 0, "year")).toBe(false);
  });

  it("refuses negative or fractional lengths and bad dates", () => {
    expect(() => windowStart("2021-12-31", -1, "year")).toThrow(RangeError);
    expect(() => windowStart("2021-12-31", 1.5, "year")).toThrow(RangeError);
    expect(() => inWindow("2021-02-29", "2021-12-31", 1, "year")).toThrow(RangeError);
  });
});

describe("todayInChina", () => {
  it("changes day at 16:00 UTC", () => {
    expect(todayInChina(new Date("2021-12-31T16:00:00Z"))).toBe("2022-01-01");
    expect(todayInChina(new Date("2021-12-31T15:59:59Z"))).toBe("2021-12-31");
    expect(todayInChina(new Date("2021-12-31T15:59:59.999Z"))).toBe("2021-12-31");
    expect(todayInChina(new Date("2024-02-28T16:00:00Z"))).toBe("2024-02-29");
  });

  it("works before 1970", () => {
    expect(todayInChina(new Date("1969-12-31T16:00:00Z"))).toBe("1970-01-01");
    expect(todayInChina(new Date("1969-12-31T15:59:59Z"))).toBe("1969-12-31");
  });

  it("defaults to now and returns an ISO date", () => {
    expect(isIsoDate(todayInChina())).toBe(true);
  });

  it("refuses an invalid Date", () => {
    expect(() => todayInChina(new Date("nonsense"))).toThrow(RangeError);
  });
});

describe("compareDates", () => {
  it("orders dates", () => {
    expect(compareDates("2021-01-01", "2021-01-02")).toBe(-1);
    expect(compareDates("2021-01-02", "2021-01-01")).toBe(1);
    expect(compareDates("2021-01-01", "2021-01-01")).toBe(0);
    expect(compareDates("0999-12-31", "1000-01-01")).toBe(-1);
  });

  it("throws rather than compare a non-date", () => {
    expect(() => compareDates("2021-1-1", "2021-01-01")).toThrow(RangeError);
  });
});
