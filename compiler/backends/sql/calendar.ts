// The working-day calendar (record/data/cn-workdays.json, through record/workdays.ts) as rows for a
// CTE: every day of the covered years with whether it is a working day and `cum`, the number of
// working days from the first covered day up to and including it. "D + n working days" is then the
// working day whose cum is cum(D) + n (n ≥ 1), and for n = 0 D itself or the next working day —
// the same days record/workdays.ts addWorkingDays gives; a day outside the table has no row.
import { addDays, dayNumber } from "../../../record/dates.js";
import { chinaWorkdays } from "../../../record/workdays.js";

export interface CalendarDay {
  day: string;
  work: boolean;
  cum: number;
}

export function calendarDays(): CalendarDay[] {
  const { firstYear, lastYear } = chinaWorkdays.coverage();
  const first = `${String(firstYear).padStart(4, "0")}-01-01`;
  const last = `${String(lastYear).padStart(4, "0")}-12-31`;
  const out: CalendarDay[] = [];
  let cum = 0;
  for (let i = 0, n = dayNumber(last) - dayNumber(first); i <= n; i++) {
    const day = addDays(first, i);
    const work = chinaWorkdays.isWorkingDay(day);
    if (work) cum++;
    out.push({ day, work, cum });
  }
  return out;
}
