/**
 * Last free day (LFD) and demurrage start of a container, from its trigger instant and the terminal's
 * free-time rule. Free days are counted from the day after the trigger's local date (the trigger day itself
 * is not a free day); on a `BUSINESS` basis Saturdays, Sundays and the rule's holidays are skipped.
 * Demurrage starts the calendar day after the LFD. Example: discharged Tue 2026-02-10, 4 business days →
 * Wed 11, Thu 12, Fri 13, Mon 16 → LFD 2026-02-16, demurrage from 2026-02-17.
 */
import type { FreeTimeRule } from './free-time-rule.js';
import { LocalDates, type LocalDate } from './local-date.js';

export interface FreeTime {
  readonly lastFreeDay: LocalDate;
  readonly demurrageStarts: LocalDate;
}

export function lastFreeDay(trigger: string, rule: FreeTimeRule, timeZone: string): FreeTime {
  const holidays = new Set(rule.holidays);
  let day = LocalDates.of(trigger, timeZone);
  let counted = 0;
  while (counted < rule.freeDays) {
    day = LocalDates.addDays(day, 1);
    if (rule.dayBasis === 'BUSINESS' && (LocalDates.isoWeekday(day) >= 6 || holidays.has(day))) continue;
    counted += 1;
  }
  return { lastFreeDay: day, demurrageStarts: LocalDates.addDays(day, 1) };
}
