/**
 * Demurrage and detention estimates for one container (issue 13 "Fees"), pure. The answer carries what
 * 46 CFR 541.5 asks of a demurrage or detention invoice: when free time ended (last free day), when charges
 * started and stopped, the rates applied and the total — here as an estimate as of an instant, with
 * tomorrow's charge so a trucker or cargo owner sees what waiting one more day costs.
 *
 * Rules (stated, and tested by hand-computed cases):
 * - Demurrage (terminal): the clock is the box's time on the terminal. Import: free time ends on the
 *   container's last free day (the terminal's stated LFD wins over the computed one); charged from the next
 *   day through the day of gate-out, inclusive. Export: the same from the export LFD through the loading day.
 * - Detention (carrier): import from gate-out (full) to the empty's return; export from the empty's pick-up
 *   to the full gate-in. Free days are the carrier tariff's, counted from the day after the clock starts
 *   (weekends and holidays skipped on a `BUSINESS` basis); charged through the day the clock stops.
 * - A day is charged unless it is a Saturday or Sunday and the tariff does not charge weekends, or one of the
 *   tariff's holidays and the tariff does not charge holidays. Tiers count charged days (1, 2, …).
 * - Days are local dates in the port's zone; a clock still running is charged through the local date of
 *   `asOf`.
 */
import type { FreeTimeDirection } from '../free-time/free-time-rule.js';
import { lastFreeDay } from '../free-time/last-free-day.js';
import { LocalDates, type LocalDate } from '../free-time/local-date.js';
import { equipmentLength, selectFeeTariff, type EquipmentLength, type FeeKind, type FeeTariff } from './fee-tariff.js';

/** What the estimate needs to know of a box (a container summary provides it). */
export interface FeeSubject {
  readonly direction: string | null;
  readonly isoEquipmentCode: string | null;
  readonly unLocationCode: string | null;
  readonly terminalCode: string | null;
  readonly carrierCodes: readonly string[];
  readonly dischargedAt: string | null;
  readonly loadedAt: string | null;
  readonly gatedInAt: string | null;
  readonly gatedOutAt: string | null;
  readonly emptyPickedUpAt: string | null;
  readonly emptyReturnedAt: string | null;
  /** The last free day on the terminal (demurrage), stated or computed. */
  readonly lastFreeDay: string | null;
  /** Where that last free day comes from, shown with the estimate. */
  readonly lastFreeDayFrom: string | null;
}

export interface ChargedDay {
  readonly date: LocalDate;
  /** Ordinal among the charged days (tiers count these). */
  readonly dayNumber: number;
  readonly rate: number;
}

export interface FeeEstimate {
  readonly kind: FeeKind;
  readonly currency: string;
  readonly length: EquipmentLength;
  readonly tariffSource: string;
  /** When the clock started: discharge / gate-in (demurrage), gate-out / empty pick-up (detention). */
  readonly clockStartedAt: string;
  readonly lastFreeDay: LocalDate;
  readonly lastFreeDayFrom: string;
  /** The first day that can be charged: the day after the last free day. */
  readonly chargesFrom: LocalDate;
  /** When the clock stopped (gate-out, loading, empty return, full gate-in); null while it runs. */
  readonly clockStoppedAt: string | null;
  readonly chargedDays: number;
  readonly amountSoFar: number;
  /** What one more day adds if the clock is still running tomorrow; 0 when stopped or tomorrow is free. */
  readonly tomorrowsCharge: number;
  readonly days: readonly ChargedDay[];
}

export type FeeOutcome =
  | { readonly status: 'ESTIMATED'; readonly estimate: FeeEstimate }
  | { readonly status: 'NOT_STARTED' | 'NOT_APPLICABLE' | 'NO_TARIFF' | 'UNKNOWN'; readonly reason: string };

interface Clock {
  readonly startedAt: string;
  readonly stoppedAt: string | null;
}

function isChargedDay(date: LocalDate, tariff: FeeTariff, holidays: ReadonlySet<string>): boolean {
  if (!tariff.chargeWeekends && LocalDates.isoWeekday(date) >= 6) return false;
  if (!tariff.chargeHolidays && holidays.has(date)) return false;
  return true;
}

function rateFor(tariff: FeeTariff, dayNumber: number, length: EquipmentLength): number {
  let rate = 0;
  for (const tier of tariff.tiers) if (tier.fromDay <= dayNumber) rate = tier.ratePerDay[length];
  return rate;
}

/** The charged days from `chargesFrom` through `through` (inclusive) under the tariff. */
export function chargedDaysBetween(
  chargesFrom: LocalDate,
  through: LocalDate,
  tariff: FeeTariff,
  length: EquipmentLength,
): ChargedDay[] {
  const holidays = new Set(tariff.holidays);
  const days: ChargedDay[] = [];
  for (let d = chargesFrom; d <= through; d = LocalDates.addDays(d, 1)) {
    if (!isChargedDay(d, tariff, holidays)) continue;
    const dayNumber = days.length + 1;
    days.push({ date: d, dayNumber, rate: rateFor(tariff, dayNumber, length) });
  }
  return days;
}

function estimate(
  kind: FeeKind,
  tariff: FeeTariff,
  length: EquipmentLength,
  clock: Clock,
  free: { lastFreeDay: LocalDate; from: string },
  asOf: string,
  timeZone: string,
): FeeEstimate {
  const chargesFrom = LocalDates.addDays(free.lastFreeDay, 1);
  const stopped = clock.stoppedAt !== null && clock.stoppedAt <= asOf ? clock.stoppedAt : null;
  const through = LocalDates.of(stopped ?? asOf, timeZone);
  const days = chargedDaysBetween(chargesFrom, through, tariff, length);
  let tomorrowsCharge = 0;
  if (stopped === null) {
    const tomorrow = LocalDates.addDays(LocalDates.of(asOf, timeZone), 1);
    if (tomorrow >= chargesFrom && isChargedDay(tomorrow, tariff, new Set(tariff.holidays))) {
      tomorrowsCharge = rateFor(tariff, days.length + 1, length);
    }
  }
  return {
    kind,
    currency: tariff.currency,
    length,
    tariffSource: tariff.source,
    clockStartedAt: clock.startedAt,
    lastFreeDay: free.lastFreeDay,
    lastFreeDayFrom: free.from,
    chargesFrom,
    clockStoppedAt: stopped,
    chargedDays: days.length,
    amountSoFar: days.reduce((sum, d) => sum + d.rate, 0),
    tomorrowsCharge,
    days,
  };
}

type InstantField = 'dischargedAt' | 'loadedAt' | 'gatedInAt' | 'gatedOutAt' | 'emptyPickedUpAt' | 'emptyReturnedAt';

/** Which milestones start and stop each clock, by direction, and what to say before it starts. */
const CLOCKS: Readonly<
  Record<FeeKind, Record<FreeTimeDirection, { start: InstantField; stop: InstantField; notStarted: string }>>
> = {
  DEMURRAGE: {
    IMPORT: { start: 'dischargedAt', stop: 'gatedOutAt', notStarted: 'not discharged yet' },
    EXPORT: { start: 'gatedInAt', stop: 'loadedAt', notStarted: 'not gated in (full) yet' },
  },
  DETENTION: {
    IMPORT: { start: 'gatedOutAt', stop: 'emptyReturnedAt', notStarted: 'not gated out (full) yet' },
    EXPORT: { start: 'emptyPickedUpAt', stop: 'gatedInAt', notStarted: 'the empty has not been picked up yet' },
  },
};

interface Running {
  readonly direction: FreeTimeDirection;
  readonly clock: Clock;
  readonly length: EquipmentLength;
  readonly unLocationCode: string;
  readonly tariff: FeeTariff;
}

/** The running clock and the tariff of one kind of fee, or why there is no estimate. */
function running(
  kind: FeeKind,
  subject: FeeSubject,
  parties: readonly string[],
  tariffs: readonly FeeTariff[],
  asOf: string,
  timeZone: string,
): Running | Exclude<FeeOutcome, { status: 'ESTIMATED' }> {
  const direction = subject.direction === 'IMPORT' || subject.direction === 'EXPORT' ? subject.direction : null;
  if (!direction) return { status: 'UNKNOWN', reason: 'the direction (import or export) of the box is not known' };
  const rule = CLOCKS[kind][direction];
  const startedAt = subject[rule.start];
  if (!startedAt || startedAt > asOf) return { status: 'NOT_STARTED', reason: rule.notStarted };
  const length = equipmentLength(subject.isoEquipmentCode);
  if (!length) {
    return { status: 'UNKNOWN', reason: `no tariff length for size/type ${subject.isoEquipmentCode ?? 'unknown'}` };
  }
  const port = subject.unLocationCode;
  if (!port) return { status: 'UNKNOWN', reason: 'the port of the box is not known' };
  const tariff = selectFeeTariff(tariffs, kind, port, parties, direction, LocalDates.of(startedAt, timeZone));
  if (!tariff) {
    return { status: 'NO_TARIFF', reason: `no ${kind.toLowerCase()} tariff for ${parties.join(', ') || port}` };
  }
  return { direction, clock: { startedAt, stoppedAt: subject[rule.stop] }, length, unLocationCode: port, tariff };
}

/** Demurrage of the box on its terminal, as of `asOf` (ISO instant). */
export function estimateDemurrage(
  subject: FeeSubject,
  tariffs: readonly FeeTariff[],
  asOf: string,
  timeZone: string,
): FeeOutcome {
  const terminals = subject.terminalCode ? [subject.terminalCode] : [];
  const run = running('DEMURRAGE', subject, terminals, tariffs, asOf, timeZone);
  if ('status' in run) return run;
  if (!subject.lastFreeDay) return { status: 'UNKNOWN', reason: 'no last free day is known for the box' };
  const free = { lastFreeDay: subject.lastFreeDay, from: subject.lastFreeDayFrom ?? 'last free day of the box' };
  return {
    status: 'ESTIMATED',
    estimate: estimate('DEMURRAGE', run.tariff, run.length, run.clock, free, asOf, timeZone),
  };
}

/** Detention (per diem) of the carrier's box outside the terminal, as of `asOf` (ISO instant). */
export function estimateDetention(
  subject: FeeSubject,
  tariffs: readonly FeeTariff[],
  asOf: string,
  timeZone: string,
): FeeOutcome {
  const run = running('DETENTION', subject, subject.carrierCodes, tariffs, asOf, timeZone);
  if ('status' in run) return run;
  const { tariff, direction } = run;
  const free = lastFreeDay(
    run.clock.startedAt,
    {
      terminalCode: '*',
      unLocationCode: run.unLocationCode,
      direction,
      freeDays: tariff.freeDays,
      dayBasis: tariff.freeDayBasis,
      clockStarts: direction === 'IMPORT' ? 'DISCHARGE' : 'GATE_IN',
      effectiveFrom: tariff.effectiveFrom,
      holidays: tariff.holidays,
      source: tariff.source,
    },
    timeZone,
  );
  const from = `${tariff.freeDays} ${tariff.freeDayBasis.toLowerCase()} free days, ${tariff.source}`;
  return {
    status: 'ESTIMATED',
    estimate: estimate(
      'DETENTION',
      tariff,
      run.length,
      run.clock,
      { lastFreeDay: free.lastFreeDay, from },
      asOf,
      timeZone,
    ),
  };
}
