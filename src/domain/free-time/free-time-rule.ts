/**
 * A terminal's free-time rule: how many days a box may stay on the terminal free of demurrage (imports) or
 * storage (exports), counted in calendar or business days from a trigger. Terminals publish these in their
 * tariffs; `csv-free-time` ingests them as facts, `DEFAULT_FREE_TIME_RULES` covers the rest.
 */
import type { LocalDate } from './local-date.js';

export const FREE_TIME_DIRECTIONS = ['IMPORT', 'EXPORT'] as const;
export type FreeTimeDirection = (typeof FREE_TIME_DIRECTIONS)[number];

/** `BUSINESS` days skip Saturdays, Sundays and the rule's holidays. */
export const DAY_BASES = ['CALENDAR', 'BUSINESS'] as const;
export type DayBasis = (typeof DAY_BASES)[number];

/**
 * When the clock starts: imports on discharge, or once the box is available (discharged and every hold
 * released); exports on gate-in (full).
 */
export const CLOCK_STARTS = ['DISCHARGE', 'AVAILABLE', 'GATE_IN'] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];

export interface FreeTimeRule {
  /** SMDG terminal code, or `*` for every terminal of the port. */
  readonly terminalCode: string;
  /** UN/LOCODE of the port, e.g. `USLAX`. */
  readonly unLocationCode: string;
  readonly direction: FreeTimeDirection;
  readonly freeDays: number;
  readonly dayBasis: DayBasis;
  readonly clockStarts: ClockStart;
  /** First local date (terminal zone) of the trigger the rule applies to. */
  readonly effectiveFrom: LocalDate;
  /** Local dates that are not business days (ILWU / terminal holidays). */
  readonly holidays: readonly LocalDate[];
  /** Where the rule comes from (tariff item, message), shown to users. */
  readonly source: string;
}
