/**
 * Calendar dates (`YYYY-MM-DD`) in a terminal's zone: free time is counted in local days (a box discharged
 * at 23:30 PST on Feb 10 is discharged on Feb 10 in San Pedro Bay, Feb 11 in UTC). Pure; Intl zone data only.
 */
import { zonedLocalToUtc } from '../zoned-time.js';

/** An ISO 8601 calendar date, e.g. `2026-02-10`. */
export type LocalDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export const LocalDates = Object.freeze({
  /** The local calendar date of an instant in `timeZone`. */
  of(instant: string | Date, timeZone: string): LocalDate {
    return formatterFor(timeZone).format(typeof instant === 'string' ? new Date(instant) : instant);
  },
  /** `date` plus `days` calendar days. */
  addDays(date: LocalDate, days: number): LocalDate {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  },
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday(date: LocalDate): number {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return day === 0 ? 7 : day;
  },
  /** The UTC instant at which `date` begins in `timeZone` (00:00 local). */
  startUtc(date: LocalDate, timeZone: string): string {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const start = zonedLocalToUtc(y, m, d, 0, 0, 0, timeZone);
    if (start === null) throw new Error(`invalid local date ${date} in ${timeZone}`);
    return start;
  },
  isValid(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const [y, m, d] = text.split('-').map(Number) as [number, number, number];
    const probe = new Date(Date.UTC(y, m - 1, d));
    return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
  },
});
