/**
 * Backtest of the per-terminal weekly TEU look-ahead (forecast/terminal-lookahead.ts) on a simulated run with
 * known truth. Origins: every Monday 00:00 UTC with three weeks of run before it and three after. At an
 * origin the model knows the calls completed (unberthed) before it with their counts, the calls not yet
 * berthed with their scheduled arrival (week = max(scheduled arrival, origin)), and the announced counts of
 * those due within 72 h (stowage plan / bookings are final by then). Truth: the discharge and load TEU of the
 * calls that berth in that week at that terminal. Baselines: last week's actual (naive) and the mean of the last
 * four weeks. Intervals are calibrated on another run (`lookaheadStudy`). Pure.
 */
import type { ContainerCall } from '../container-call.js';
import {
  relativeInterval,
  terminalLookahead,
  WEEK_MS,
  type CompletedCall,
  type ScheduledCall,
} from '../../forecast/terminal-lookahead.js';
import { HOUR } from '../../domain/time-units.js';

/** 1970-01-05T00:00Z, a Monday. */
const MONDAY0 = 4 * 86_400_000;
export const LOOKAHEAD_WEEKS = 3;
const KNOWN_WITHIN_MS = 72 * HOUR;

/**
 * What the model is given beyond the schedule: announced counts of calls due within `announcedWithinMs` (0: none,
 * as `GET /forecasts/volume` today, which has no stowage plans), and whether calls are told apart by service
 * (false: every call gets its terminal's mean, as the API, whose schedules carry no service).
 */
export interface LookaheadOptions {
  readonly announcedWithinMs: number;
  readonly byService: boolean;
}
export const FULL_LOOKAHEAD: LookaheadOptions = Object.freeze({ announcedWithinMs: KNOWN_WITHIN_MS, byService: true });
/** The model as `GET /forecasts/volume?granularity=week` runs it: schedules and the terminal's history only. */
export const SCHEDULE_ONLY_LOOKAHEAD: LookaheadOptions = Object.freeze({ announcedWithinMs: -1, byService: false });

export interface LookaheadPoint {
  readonly terminal: string;
  readonly weekAhead: number;
  readonly flow: 'import' | 'export';
  readonly actual: number;
  readonly forecast: number;
  readonly naive: number;
  readonly mean4: number;
}

function actualWeek(calls: readonly ContainerCall[], terminal: string, fromMs: number): { d: number; l: number } {
  let d = 0;
  let l = 0;
  for (const c of calls) {
    if (c.terminal === terminal && c.berthedMs >= fromMs && c.berthedMs < fromMs + WEEK_MS) {
      d += c.dischargeTeu;
      l += c.loadTeu;
    }
  }
  return { d, l };
}

export function lookaheadBacktest(
  calls: readonly ContainerCall[],
  startMs: number,
  endMs: number,
  options: LookaheadOptions = FULL_LOOKAHEAD,
): LookaheadPoint[] {
  const service = (c: ContainerCall): string => (options.byService ? c.serviceId : '');
  const points: LookaheadPoint[] = [];
  const firstMonday = MONDAY0 + Math.ceil((startMs - MONDAY0) / WEEK_MS) * WEEK_MS;
  for (let o = firstMonday + 3 * WEEK_MS; o + LOOKAHEAD_WEEKS * WEEK_MS <= endMs; o += WEEK_MS) {
    const history: CompletedCall[] = calls
      .filter((c) => c.unberthMs < o)
      .map((c) => ({ terminal: c.terminal, serviceId: service(c), dischargeTeu: c.dischargeTeu, loadTeu: c.loadTeu }));
    const scheduled: ScheduledCall[] = calls
      .filter((c) => c.berthedMs >= o && c.scheduledArrivalMs < o + LOOKAHEAD_WEEKS * WEEK_MS)
      .map((c) => {
        const due = Math.max(c.scheduledArrivalMs, o);
        return {
          terminal: c.terminal,
          serviceId: service(c),
          scheduledArrivalMs: due,
          known: due - o <= options.announcedWithinMs ? { dischargeTeu: c.dischargeTeu, loadTeu: c.loadTeu } : null,
        };
      });
    for (const f of terminalLookahead(history, scheduled, o, LOOKAHEAD_WEEKS)) {
      const truth = actualWeek(calls, f.terminal, o + (f.weekAhead - 1) * WEEK_MS);
      const last = actualWeek(calls, f.terminal, o - WEEK_MS);
      const past = [1, 2, 3, 4].map((k) => actualWeek(calls, f.terminal, o - k * WEEK_MS));
      const m4 = (key: 'd' | 'l'): number => past.reduce((s, p) => s + p[key], 0) / past.length;
      points.push(
        {
          terminal: f.terminal,
          weekAhead: f.weekAhead,
          flow: 'import',
          actual: truth.d,
          forecast: f.importTeu,
          naive: last.d,
          mean4: m4('d'),
        },
        {
          terminal: f.terminal,
          weekAhead: f.weekAhead,
          flow: 'export',
          actual: truth.l,
          forecast: f.exportTeu,
          naive: last.l,
          mean4: m4('l'),
        },
      );
    }
  }
  return points;
}

/** Sorted relative errors (actual / forecast − 1) per week ahead (index 1..weeks), forecasts of 0 left out. */
export function relativeErrors(points: readonly LookaheadPoint[]): number[][] {
  const out: number[][] = Array.from({ length: LOOKAHEAD_WEEKS + 1 }, () => []);
  for (const p of points) if (p.forecast > 0) out[p.weekAhead]!.push(p.actual / p.forecast - 1);
  for (const r of out) r.sort((a, b) => a - b);
  return out;
}

export interface LookaheadScore {
  readonly weekAhead: number;
  readonly n: number;
  /** Mean absolute error, TEU per terminal-week and flow. */
  readonly mae: number;
  readonly naiveMae: number;
  readonly mean4Mae: number;
  /** Mean absolute percentage error, over the terminal-weeks with actual TEU (null: none). */
  readonly mape: number | null;
  readonly naiveMape: number | null;
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export function scoreLookahead(points: readonly LookaheadPoint[], calibration: readonly number[][]): LookaheadScore[] {
  const out: LookaheadScore[] = [];
  for (let w = 1; w <= LOOKAHEAD_WEEKS; w++) {
    const ps = points.filter((p) => p.weekAhead === w);
    const mae = (f: (p: LookaheadPoint) => number): number =>
      ps.reduce((s, p) => s + Math.abs(p.actual - f(p)), 0) / Math.max(1, ps.length);
    const withActual = ps.filter((p) => p.actual > 0);
    const mape = (f: (p: LookaheadPoint) => number): number | null =>
      withActual.length === 0
        ? null
        : withActual.reduce((s, p) => s + Math.abs(p.actual - f(p)) / p.actual, 0) / withActual.length;
    const cover = (level: number): number | null => {
      let n = 0;
      let inside = 0;
      for (const p of ps) {
        const iv = relativeInterval(calibration[w] ?? [], p.forecast, level);
        if (iv === null || p.forecast <= 0) continue;
        n++;
        if (p.actual >= iv.lower && p.actual <= iv.upper) inside++;
      }
      return n === 0 ? null : inside / n;
    };
    out.push({
      weekAhead: w,
      n: ps.length,
      mae: mae((p) => p.forecast),
      naiveMae: mae((p) => p.naive),
      mean4Mae: mae((p) => p.mean4),
      mape: mape((p) => p.forecast),
      naiveMape: mape((p) => p.naive),
      coverage80: cover(0.8),
      coverage95: cover(0.95),
    });
  }
  return out;
}
