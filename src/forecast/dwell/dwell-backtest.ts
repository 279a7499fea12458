/**
 * Rolling-origin backtest of the dwell model (Tashman 2000; FPP3 §5.10), on container histories with known
 * truth. At each origin the model and the baselines get only `dwellFactsAt(facts, origin)`; the targets are the
 * boxes in the yard at that origin (discharged before it, not yet gone), each forecast from its time in the yard
 * and the holds open at the origin, and scored against the dwell it actually had. Baselines: the mean dwell of
 * the boxes that left the same terminal in the last `baselineDays` days, and that of the whole port; both
 * raised to the time already spent in the yard (neither may forecast a departure in the past). Pure.
 */
import { scoreDurations } from '../duration-sample.js';
import { dwellFactsAt, holdClassAt, type DwellFact, type HoldClass } from './dwell-facts.js';
import { fitDwellModel, predictDwell, type DwellModelOptions, DWELL_MODEL } from './dwell-model.js';
import { HOUR, DAY } from '../../domain/time-units.js';

export interface DwellBacktestPoint {
  readonly originMs: number;
  readonly container: string;
  readonly dischargedMs: number;
  readonly terminal: string;
  readonly holds: HoldClass;
  readonly elapsedH: number;
  readonly actualH: number;
  /** Model median (the point forecast) and mean. */
  readonly modelH: number;
  readonly modelMeanH: number;
  readonly terminalMeanH: number;
  readonly portMeanH: number;
  readonly intervals: readonly { readonly level: number; readonly lowerH: number; readonly upperH: number }[];
}

export interface DwellBacktestOptions {
  readonly model: DwellModelOptions;
  /** Window of the naive baselines (days). */
  readonly baselineDays: number;
}
export const DWELL_BACKTEST: DwellBacktestOptions = Object.freeze({ model: DWELL_MODEL, baselineDays: 14 });

/** The forecasts of one origin, from what is known there only. */
export function dwellForecastsAt(
  known: readonly DwellFact[],
  originMs: number,
  options: DwellBacktestOptions = DWELL_BACKTEST,
): Omit<DwellBacktestPoint, 'actualH'>[] {
  const model = fitDwellModel(known, originMs, options.model);
  const from = originMs - options.baselineDays * DAY;
  const sums = new Map<string, { s: number; n: number }>();
  const add = (k: string, v: number): void => {
    const a = sums.get(k) ?? { s: 0, n: 0 };
    a.s += v;
    a.n++;
    sums.set(k, a);
  };
  for (const f of known) {
    if (f.leftMs === null || f.leftMs < from) continue;
    const h = (f.leftMs - f.dischargedMs) / HOUR;
    add(f.terminal, h);
    add('*', h);
  }
  const mean = (k: string): number => {
    const a = sums.get(k) ?? sums.get('*');
    return a && a.n > 0 ? a.s / a.n : Number.NaN;
  };
  const out: Omit<DwellBacktestPoint, 'actualH'>[] = [];
  for (const f of known) {
    if (f.leftMs !== null) continue;
    const elapsedH = (originMs - f.dischargedMs) / HOUR;
    const holds = holdClassAt(f.holds, originMs);
    const p = predictDwell(model, { terminal: f.terminal, elapsedH, holds });
    if (p === null) continue;
    out.push({
      originMs,
      container: f.container,
      dischargedMs: f.dischargedMs,
      terminal: f.terminal,
      holds,
      elapsedH,
      modelH: p.medianH,
      modelMeanH: p.meanH,
      terminalMeanH: Math.max(elapsedH, mean(f.terminal)),
      portMeanH: Math.max(elapsedH, mean('*')),
      intervals: p.intervals,
    });
  }
  return out;
}

/** Forecasts at every origin, scored against the boxes' true dwell (boxes whose departure is unknown are skipped). */
export function dwellBacktest(
  facts: readonly DwellFact[],
  originsMs: readonly number[],
  options: DwellBacktestOptions = DWELL_BACKTEST,
): DwellBacktestPoint[] {
  const truth = new Map<string, number>();
  for (const f of facts) if (f.leftMs !== null) truth.set(`${f.container}@${f.dischargedMs}`, f.leftMs);
  const points: DwellBacktestPoint[] = [];
  for (const o of originsMs) {
    for (const fc of dwellForecastsAt(dwellFactsAt(facts, o), o, options)) {
      const left = truth.get(`${fc.container}@${fc.dischargedMs}`);
      if (left === undefined) continue;
      points.push({ ...fc, actualH: (left - fc.dischargedMs) / HOUR });
    }
  }
  return points;
}

export interface DwellScore {
  readonly n: number;
  /** MAE in hours of the model median, the model mean and the two baselines. */
  readonly modelMaeH: number;
  readonly modelMeanMaeH: number;
  readonly terminalMeanMaeH: number;
  readonly portMeanMaeH: number;
  /** Level → share of actuals inside the interval. */
  readonly coverage: Readonly<Record<string, number>>;
}

export function scoreDwell(points: readonly DwellBacktestPoint[]): DwellScore {
  const s = scoreDurations(points, (x) => ({
    actual: x.actualH,
    model: x.modelH,
    modelMean: x.modelMeanH,
    terminalMean: x.terminalMeanH,
    portMean: x.portMeanH,
    intervals: x.intervals.map((iv) => ({ level: iv.level, lower: iv.lowerH, upper: iv.upperH })),
  }));
  return {
    n: s.n,
    modelMaeH: s.modelMae,
    modelMeanMaeH: s.modelMeanMae,
    terminalMeanMaeH: s.terminalMeanMae,
    portMeanMaeH: s.portMeanMae,
    coverage: s.coverage,
  };
}
