// Expected dates are counted by hand from the State Council notices (see the comments), never
// taken from the implementation.
import { describe, expect, it } from "vitest";
import data from "../../record/data/cn-workdays.json" with { type: "json" };
import {
  OutsideCalendarError,
  WorkdayTableError,
  chinaWorkdays as cal,
  createWorkdayCalendar,
  validateWorkdayTable,
} from "../../record/workdays.js";

type Table = { years: Record<string, { holidays: { name: string; first: string; last: string }[]; makeUpWorkdays: string[] } & Record<string, unknown>> } & Record<string, unknown>;
const copy = (): Table => structuredClone(data) as Table;

/** The JSON paths of a table's faults, as thrown by createWorkdayCalendar. */
function faultPaths(table: unknown): string[] {
  try {
    createWorkdayCalendar(table);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkdayTableError);
    return (e as WorkdayTableError).problems.map((p) => p.path);
  }
  throw new Error("the table was accepted");
}

describe("the shipped table", () => {
  it("is sound and covers 2020–2026", () => {
    expect(validateWorkdayTable(data)).toEqual([]);
    expect(cal.coverage()).toEqual({ firstYear: 2020, lastYear: 2026 });
  });

  it("names a notice for every year", () => {
    for (const [year, entry] of Object.entries(copy().years)) {
      expect(entry.source).toContain(`关于${year}年部分节假日安排的通知`);
      expect(entry.source).toMatch(/国办发明电〔\d{4}〕\d+号/);
    }
  });

  it("has each Spring Festival as long as its notice says (共N天)", () => {
    const days = (y: string) => {
      const p = copy().years[y]!.holidays.find((h) => h.name === "春节")!;
      return (Date.parse(p.last) - Date.parse(p.first)) / 86_400_000 + 1;
    };
    // 2020: 7 days extended to 10 by 国办发明电〔2020〕1号; 2024–2025: 8; 2026: 9.
    expect(["2020", "2021", "2022", "2023", "2024", "2025", "2026"].map(days)).toEqual([10, 7, 7, 7, 8, 8, 9]);
  });

  it("gives 2021 its 250 working days and 2020 its 249", () => {
    // 2021: 261 weekdays − 18 weekday holidays + 7 make-up days.
    expect(cal.workingDaysBetween("2020-12-31", "2021-12-31")).toBe(250);
    // 2020: 262 weekdays − 19 weekday holidays (春节 as extended) + 6 make-up days; 1 Jan is off.
    expect(cal.isWorkingDay("2020-01-01")).toBe(false);
    expect(cal.workingDaysBetween("2020-01-01", "2020-12-31")).toBe(249);
  });
});

describe("isWorkingDay", () => {
  it("is true on a 调休 Saturday and Sunday", () => {
    expect(cal.isWorkingDay("2021-02-20")).toBe(true); // Sat, 春节 make-up
    expect(cal.isWorkingDay("2021-02-07")).toBe(true); // Sun, 春节 make-up
    expect(cal.isWorkingDay("2021-10-09")).toBe(true); // Sat, 国庆 make-up
  });
  it("is false on a holiday weekday", () => {
    expect(cal.isWorkingDay("2021-02-11")).toBe(false); // Thu, 春节
    expect(cal.isWorkingDay("2021-10-01")).toBe(false); // Fri, 国庆节
    expect(cal.isWorkingDay("2023-04-05")).toBe(false); // Wed, 清明节
  });
  it("follows the plain week otherwise", () => {
    expect(cal.isWorkingDay("2021-03-05")).toBe(true); // Fri
    expect(cal.isWorkingDay("2021-03-06")).toBe(false); // Sat
    expect(cal.isWorkingDay("2021-03-07")).toBe(false); // Sun
  });
  it("takes 2022-12-31 off under the 2023 notice's 元旦", () => {
    expect(cal.isWorkingDay("2022-12-31")).toBe(false);
    expect(cal.isWorkingDay("2023-01-02")).toBe(false); // Mon
    expect(cal.isWorkingDay("2023-01-03")).toBe(true);
  });
  it("applies the 2020 Spring Festival extension", () => {
    expect(cal.isWorkingDay("2020-01-19")).toBe(true); // Sun, make-up
    expect(cal.isWorkingDay("2020-01-31")).toBe(false); // Fri: one of the extension's days
    expect(cal.isWorkingDay("2020-02-01")).toBe(false); // Sat: the make-up day the extension cancelled
    expect(cal.isWorkingDay("2020-02-03")).toBe(true); // Mon, back to work
  });
});

describe("addWorkingDays", () => {
  it("crosses the 2021 Spring Festival", () => {
    // After Fri 2/5: Sun 2/7 (make-up) 1, 2/8 2, 2/9 3, 2/10 4, [2/11–2/17 off], 2/18 5, 2/19 6,
    // Sat 2/20 (make-up) 7.
    expect(cal.addWorkingDays("2021-02-05", 7)).toBe("2021-02-20");
    // …then Sun 2/21 off, Mon 2/22 is the 8th.
    expect(cal.addWorkingDays("2021-02-05", 8)).toBe("2021-02-22");
    // From inside the holiday: 2/18 1, 2/19 2, 2/20 3.
    expect(cal.addWorkingDays("2021-02-12", 3)).toBe("2021-02-20");
  });

  it("crosses the 2021 National Day", () => {
    // After Tue 9/28: 9/29 1, 9/30 2, [10/1–10/7 off], 10/8 3, Sat 10/9 (make-up) 4, 10/11 5,
    // 10/12 6, 10/13 7.
    expect(cal.addWorkingDays("2021-09-28", 7)).toBe("2021-10-13");
    // After Thu 9/30: 10/8 1, 10/9 2, 10/11 3, 10/12 4, 10/13 5, 10/14 6, 10/15 7.
    expect(cal.addWorkingDays("2021-09-30", 7)).toBe("2021-10-15");
    // After Sat 9/25: Sun 9/26 is a make-up working day.
    expect(cal.addWorkingDays("2021-09-25", 1)).toBe("2021-09-26");
    // After Fri 9/17: Sat 9/18 (中秋 make-up) 1, [9/19–9/21 off], 9/22 2.
    expect(cal.addWorkingDays("2021-09-17", 2)).toBe("2021-09-22");
  });

  it("counts a plain week", () => {
    expect(cal.addWorkingDays("2021-03-05", 5)).toBe("2021-03-12"); // Fri → next Fri
    expect(cal.addWorkingDays("2021-03-08", 1)).toBe("2021-03-09");
    expect(cal.addWorkingDays("2021-03-06", 1)).toBe("2021-03-08"); // Sat → Mon
  });

  it("crosses 2020's extended Spring Festival", () => {
    // Thu 1/23: [1/24–2/2 off, Sat 2/1 no longer worked], Mon 2/3.
    expect(cal.addWorkingDays("2020-01-23", 1)).toBe("2020-02-03");
    // Fri 1/17: Sun 1/19 (make-up) 1, Mon 1/20 2.
    expect(cal.addWorkingDays("2020-01-17", 2)).toBe("2020-01-20");
    // Wed 1/22: 1/23 1, then 2/3 2.
    expect(cal.addWorkingDays("2020-01-22", 2)).toBe("2020-02-03");
  });

  it("crosses a year boundary", () => {
    // Thu 2021-12-30: Fri 12/31 1, [2022-01-01–01-03 元旦], Tue 1/4 2, Wed 1/5 3.
    expect(cal.addWorkingDays("2021-12-30", 3)).toBe("2022-01-05");
  });

  it("with n = 0 returns the day if it is a working day, else the next one", () => {
    expect(cal.addWorkingDays("2021-03-05", 0)).toBe("2021-03-05");
    expect(cal.addWorkingDays("2021-02-20", 0)).toBe("2021-02-20"); // make-up Saturday
    expect(cal.addWorkingDays("2021-02-11", 0)).toBe("2021-02-18"); // first day after 春节
    expect(cal.addWorkingDays("2021-03-06", 0)).toBe("2021-03-08"); // Sat → Mon
  });

  it("rejects a negative or fractional count", () => {
    expect(() => cal.addWorkingDays("2021-03-05", -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays("2021-03-05", 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays("2021-03-05", Number.NaN)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days in (a, b]", () => {
    expect(cal.workingDaysBetween("2021-02-05", "2021-02-20")).toBe(7);
    // 9/26 (make-up), 9/27–9/30, 10/8, 10/9 (make-up).
    expect(cal.workingDaysBetween("2021-09-24", "2021-10-10")).toBe(7);
    expect(cal.workingDaysBetween("2021-03-05", "2021-03-12")).toBe(5);
    expect(cal.workingDaysBetween("2021-12-30", "2022-01-05")).toBe(3);
  });
  it("is 0 for an empty interval", () => {
    expect(cal.workingDaysBetween("2021-03-05", "2021-03-05")).toBe(0);
    expect(cal.workingDaysBetween("2021-03-12", "2021-03-05")).toBe(0);
  });
});

describe("outside the covered years", () => {
  it.each(["2019-12-31", "2027-01-01", "1999-06-01"])("isWorkingDay(%s) throws", (iso) => {
    expect(() => cal.isWorkingDay(iso)).toThrow(OutsideCalendarError);
    expect(() => cal.isWorkingDay(iso)).toThrow(RangeError);
  });

  it("carries the date and the coverage", () => {
    try {
      cal.isWorkingDay("2027-01-04");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OutsideCalendarError);
      expect((e as OutsideCalendarError).date).toBe("2027-01-04");
      expect((e as OutsideCalendarError).firstYear).toBe(2020);
      expect((e as OutsideCalendarError).lastYear).toBe(2026);
    }
  });

  it("throws when a count runs past the last covered day", () => {
    // Wed 2026-12-30: Thu 12/31 is the 1st; the 2nd would be in 2027.
    expect(cal.addWorkingDays("2026-12-30", 1)).toBe("2026-12-31");
    expect(() => cal.addWorkingDays("2026-12-30", 2)).toThrow(OutsideCalendarError);
    expect(() => cal.addWorkingDays("2026-12-30", 1_000_000)).toThrow(OutsideCalendarError);
    expect(() => cal.workingDaysBetween("2026-12-01", "2027-01-10")).toThrow(OutsideCalendarError);
    expect(() => cal.workingDaysBetween("2019-12-01", "2020-01-10")).toThrow(OutsideCalendarError);
  });

  it("rejects a malformed date as a RangeError, not an OutsideCalendarError", () => {
    let thrown: unknown;
    try {
      cal.isWorkingDay("2021-02-29");
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect(thrown).not.toBeInstanceOf(OutsideCalendarError);
  });
});

describe("a table supplied by the office", () => {
  it("covers only its own years", () => {
    const only2021 = { years: { "2021": copy().years["2021"] } };
    const c = createWorkdayCalendar(only2021);
    expect(c.coverage()).toEqual({ firstYear: 2021, lastYear: 2021 });
    expect(c.addWorkingDays("2021-02-05", 7)).toBe("2021-02-20");
    expect(() => c.isWorkingDay("2020-12-31")).toThrow(OutsideCalendarError);
    expect(() => c.addWorkingDays("2021-12-30", 3)).toThrow(OutsideCalendarError);
  });

  it("ignores a notice's December days before its first covered year", () => {
    const only2023 = { years: { "2023": copy().years["2023"] } }; // 元旦 starts 2022-12-31
    const c = createWorkdayCalendar(only2023);
    expect(c.isWorkingDay("2023-01-02")).toBe(false);
    expect(() => c.isWorkingDay("2022-12-31")).toThrow(OutsideCalendarError);
  });
});

describe("a malformed table is rejected", () => {
  it("when it is not an object or has no years", () => {
    expect(faultPaths(null)).toEqual([""]);
    expect(faultPaths([])).toEqual([""]);
    expect(faultPaths({})).toEqual(["/years"]);
    expect(faultPaths({ years: {} })).toEqual(["/years"]);
  });

  it("when a holiday falls on a make-up working day", () => {
    const t = copy();
    t.years["2021"]!.makeUpWorkdays.push("2021-02-13"); // Sat inside 春节
    expect(faultPaths(t)).toEqual(["/years/2021/makeUpWorkdays/7"]);
  });

  it("when a date is not a calendar date", () => {
    const t = copy();
    t.years["2021"]!.holidays[1]!.first = "2021-02-30";
    t.years["2022"]!.makeUpWorkdays[0] = "2022/01/29";
    expect(faultPaths(t)).toEqual(["/years/2021/holidays/1/first", "/years/2022/makeUpWorkdays/0"]);
  });

  it("when a year is missing in the middle", () => {
    const t = copy();
    delete t.years["2023"];
    expect(faultPaths(t)).toEqual(["/years"]);
  });

  it("when a year is incomplete (a festival not arranged)", () => {
    const t = copy();
    t.years["2022"]!.holidays = t.years["2022"]!.holidays.filter((h) => h.name !== "端午节");
    expect(faultPaths(t)).toEqual(["/years/2022/holidays"]);
  });

  it("when a make-up working day is a weekday or listed twice", () => {
    const t = copy();
    t.years["2021"]!.makeUpWorkdays.push("2021-02-08"); // Mon
    t.years["2021"]!.makeUpWorkdays.push("2021-02-07"); // again
    expect(faultPaths(t)).toEqual(["/years/2021/makeUpWorkdays/7", "/years/2021/makeUpWorkdays/8"]);
  });

  it("when a period ends before it starts, runs too long, or overlaps another", () => {
    const t = copy();
    t.years["2021"]!.holidays[0]!.last = "2020-12-31"; // 元旦 ends before 2021-01-01
    t.years["2021"]!.holidays[1]!.last = "2021-12-17"; // typo for 02-17
    t.years["2021"]!.holidays.push({ name: "清明节", first: "2021-04-04", last: "2021-04-06" }); // overlaps 4/3–4/5
    expect(faultPaths(t)).toEqual([
      "/years/2021/holidays/0/last",
      "/years/2021/holidays/1/last",
      "/years/2021/holidays/7",
    ]);
  });

  it("when a date lies outside its year's arrangement", () => {
    const t = copy();
    t.years["2021"]!.makeUpWorkdays[0] = "2022-02-06"; // a Sunday, but in 2022
    t.years["2021"]!.holidays[0]!.first = "2020-11-30";
    expect(faultPaths(t)).toEqual(["/years/2021/holidays/0/first", "/years/2021/makeUpWorkdays/0"]);
  });

  it("when a key is misspelled or a field has the wrong type", () => {
    const t = copy();
    const y = t.years["2024"]!;
    y.makeupWorkdays = y.makeUpWorkdays;
    delete (y as Record<string, unknown>).makeUpWorkdays;
    t.years["2025"]!.source = "";
    t.years["20x6"] = t.years["2026"]!;
    expect(faultPaths(t).sort()).toEqual(
      ["/years/20x6", "/years/2024/makeupWorkdays", "/years/2024/makeUpWorkdays", "/years/2025/source"].sort(),
    );
  });
});
