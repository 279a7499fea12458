/**
 * `GET /forecasts/volume?terminal=&granularity=week` (issue 16, docs/forecast.md "Weekly terminal look-ahead"):
 * the import/export TEU of one terminal for the three ISO weeks after the current one (local weeks in the
 * terminal's zone, Monday to Sunday), from `forecast/terminal-lookahead.ts`:
 *
 * - Scheduled calls: the `vessel_schedule` rows of the terminal not berthed yet whose ETA (else ETB) falls in
 *   those weeks. No stowage plans or bookings reach the read models yet, so no call has announced counts.
 * - Size of a call: the terminal's mean call over the last `HISTORY_WEEKS` complete weeks: the week's vessel
 *   discharges (import) and loads (export) in TEU (the TEU figures of `GET /statistics/operations`) shared
 *   equally among the calls that berthed at the terminal that week (`vessel_schedule.atb`); weeks without both
 *   are left out. Schedules carry no service, so every call gets the terminal's mean.
 * - Intervals and accuracy: the shipped calibration (data-static/forecast/terminal-lookahead-calibration.json),
 *   the simulator backtest of this same schedule-only model.
 * - `asOf`: the newest fact used — the newest discharge/load counted or schedule statement read.
 * A published aggregate: counts only, nothing names a vessel, container or organisation.
 */
import { sql, type Kysely } from 'kysely';
import { statedSchedule } from './stated-schedule.js';
import type { LookaheadAccuracy, LookaheadCalibrationFile } from '../../forecast/calibration-file.js';
import {
  terminalVolumeForecast,
  type CompletedCall,
  type ScheduledCall,
  type VolumeInterval,
} from '../../forecast/terminal-lookahead.js';
import { LocalDates } from '../../domain/free-time/local-date.js';
import type { TerminalRegistry } from '../../domain/terminal-registry.js';
import { terminalTimeZone } from '../../projections/terminal-kpis/terminal-time-zone.js';
import type { DB } from '../../store/schema.js';
import { OperationsStatisticsReader, weekStartOf } from '../cargo/operations-statistics-reader.js';

export const LOOKAHEAD_WEEKS = 3;
export const HISTORY_WEEKS = 12;
export const VOLUME_INTERVAL_LEVELS = [0.8, 0.95] as const;
export const LOOKAHEAD_MODEL =
  'scheduled calls (vessel_schedule) x the terminal mean call of the last 12 weeks (docs/forecast.md)';

export interface VolumeWeekView {
  readonly weekStart: string;
  readonly weekAhead: number;
  readonly calls: number;
  readonly teu: number;
  readonly intervals: VolumeInterval[];
  readonly import: { readonly teu: number; readonly intervals: VolumeInterval[] };
  readonly export: { readonly teu: number; readonly intervals: VolumeInterval[] };
}

export interface WeeklyVolumeAnswer {
  readonly terminal: string;
  readonly port: string;
  readonly granularity: 'week';
  readonly model: string;
  readonly timeZone: string;
  readonly asOf: string | null;
  readonly history: {
    readonly weeks: number;
    readonly calls: number;
    readonly meanCallImportTeu: number;
    readonly meanCallExportTeu: number;
  };
  readonly weeks: VolumeWeekView[];
  readonly accuracy: { readonly design: string; readonly weeks: LookaheadAccuracy[] };
}

const newer = (a: string | null, b: Date | string | null | undefined): string | null => {
  if (b === null || b === undefined) return a;
  const iso = new Date(b).toISOString();
  return a === null || iso > a ? iso : a;
};

export class VolumeLookaheadReader {
  private readonly stats: OperationsStatisticsReader;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly registry: TerminalRegistry,
    private readonly calibration: LookaheadCalibrationFile,
  ) {
    this.stats = new OperationsStatisticsReader(db);
  }

  /** Null when the terminal is not in the registry or has no usable history. */
  async weekly(code: string, now: Date): Promise<WeeklyVolumeAnswer | null> {
    const terminal = this.registry.byCode(code);
    if (!terminal) return null;
    const zone = terminalTimeZone(code);
    const thisWeek = weekStartOf(LocalDates.of(now, zone));
    const firstWeek = LocalDates.addDays(thisWeek, 7);
    const originMs = Date.parse(LocalDates.startUtc(firstWeek, zone));
    const endMs = originMs + LOOKAHEAD_WEEKS * 7 * 86_400_000;
    const historyFrom = LocalDates.addDays(thisWeek, -7 * HISTORY_WEEKS);
    const teu = await this.stats.teu({ from: historyFrom, to: LocalDates.addDays(thisWeek, -1), terminal: code });
    const berthed = await this.db
      .selectFrom(statedSchedule(this.db))
      .select(['atb', 'updated_at'])
      .where('terminal_code', '=', code)
      .where('atb', '>=', new Date(LocalDates.startUtc(historyFrom, zone)))
      .where('atb', '<', new Date(LocalDates.startUtc(thisWeek, zone)))
      .execute();
    const callsPerWeek = new Map<string, number>();
    for (const b of berthed) {
      const week = weekStartOf(LocalDates.of(b.atb!, zone));
      callsPerWeek.set(week, (callsPerWeek.get(week) ?? 0) + 1);
    }
    const history: CompletedCall[] = [];
    let asOf: string | null = null;
    let weeksUsed = 0;
    for (const w of teu.weeks) {
      const k = callsPerWeek.get(w.weekStart) ?? 0;
      if (k === 0 || w.importTeu + w.exportTeu === 0) continue;
      weeksUsed++;
      for (let i = 0; i < k; i++) {
        history.push({ terminal: code, serviceId: '', dischargeTeu: w.importTeu / k, loadTeu: w.exportTeu / k });
      }
    }
    if (history.length === 0) return null;
    asOf = newer(asOf, teu.asOf);
    for (const b of berthed) asOf = newer(asOf, b.updated_at);
    const arrival = sql<Date | null>`coalesce(eta, etb)`;
    const due = await this.db
      .selectFrom(statedSchedule(this.db))
      .select([arrival.as('arrival'), 'updated_at'])
      .where('terminal_code', '=', code)
      .where('atb', 'is', null)
      .where(arrival, '>=', new Date(originMs))
      .where(arrival, '<', new Date(endMs))
      .execute();
    const scheduled: ScheduledCall[] = due.map((d) => ({
      terminal: code,
      serviceId: '',
      scheduledArrivalMs: new Date(d.arrival!).getTime(),
      known: null,
    }));
    for (const d of due) asOf = newer(asOf, d.updated_at);
    const weeks = terminalVolumeForecast(
      code,
      history,
      scheduled,
      originMs,
      LOOKAHEAD_WEEKS,
      this.calibration.relErrors,
      VOLUME_INTERVAL_LEVELS,
    );
    const mean = (f: (c: CompletedCall) => number): number =>
      Math.round(history.reduce((s, c) => s + f(c), 0) / history.length);
    return {
      terminal: code,
      port: terminal.unLocode,
      granularity: 'week',
      model: LOOKAHEAD_MODEL,
      timeZone: zone,
      asOf,
      history: {
        weeks: weeksUsed,
        calls: history.length,
        meanCallImportTeu: mean((c) => c.dischargeTeu),
        meanCallExportTeu: mean((c) => c.loadTeu),
      },
      weeks: weeks.map((w) => ({
        weekStart: LocalDates.addDays(firstWeek, 7 * (w.weekAhead - 1)),
        weekAhead: w.weekAhead,
        calls: w.calls,
        teu: w.teu,
        intervals: [...w.intervals],
        import: { teu: w.importTeu, intervals: [...w.importIntervals] },
        export: { teu: w.exportTeu, intervals: [...w.exportIntervals] },
      })),
      accuracy: { design: this.calibration.design, weeks: [...this.calibration.accuracy] },
    };
  }
}
