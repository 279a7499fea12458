/** Fits any `ModelSpec` to a history (oldest first, no gaps): the one entry point the backtests and the API use. */
import type { FittedModel, Forecast, ModelSpec } from './forecast-model.js';
import { fitHoltWinters } from './holt-winters.js';
import { lnyShare } from './lunar-new-year.js';
import type { YearMonth } from './monthly-series.js';
import { fitNaive, fitSeasonalNaive } from './naive-models.js';

const monthAt = (start: YearMonth, offset: number): YearMonth => {
  const k = start.year * 12 + start.month - 1 + offset;
  return { year: Math.floor(k / 12), month: (k % 12) + 1 };
};

/**
 * `start`: the calendar month of `history[0]`; only the calendar-aware models (`lny-adjusted`) need it. A calendar
 * is no look-ahead: the Lunar New Year dates are known years ahead.
 */
export function fitModel(spec: ModelSpec, history: readonly number[], start?: YearMonth): FittedModel {
  switch (spec.kind) {
    case 'naive':
      return fitNaive(history);
    case 'seasonal-naive':
      return fitSeasonalNaive(history, spec.period);
    case 'holt-winters':
      return fitHoltWinters(history, spec.period, spec.season, spec.trend);
    case 'lny-adjusted':
      return fitLnyAdjusted(spec, history, start);
    case 'combination':
      return fitCombination(spec, history, start);
  }
}

function fitLnyAdjusted(
  spec: Extract<ModelSpec, { kind: 'lny-adjusted' }>,
  history: readonly number[],
  start: YearMonth | undefined,
): FittedModel {
  if (start === undefined) throw new RangeError('lny-adjusted: needs the calendar month of the first value');
  const effect = (offset: number): number => Math.exp(spec.beta * lnyShare(monthAt(start, offset)));
  const base = fitModel(
    spec.base,
    history.map((y, i) => y / effect(i)),
    start,
  );
  const n = history.length;
  return {
    spec,
    parameters: { ...base.parameters, beta: spec.beta },
    sigma: base.sigma,
    forecast(horizon, levels): Forecast {
      const f = base.forecast(horizon, levels);
      const back = (xs: readonly number[]) => xs.map((v, h) => v * effect(n + h));
      return {
        mean: back(f.mean),
        intervals: f.intervals.map((iv) => ({ level: iv.level, lower: back(iv.lower), upper: back(iv.upper) })),
      };
    },
  };
}

function fitCombination(
  spec: Extract<ModelSpec, { kind: 'combination' }>,
  history: readonly number[],
  start: YearMonth | undefined,
): FittedModel {
  if (spec.members.length === 0) throw new RangeError('combination: needs at least one member');
  const members = spec.members.map((m) => fitModel(m, history, start));
  const k = members.length;
  const average = (rows: readonly (readonly number[])[]): number[] =>
    rows[0]!.map((_, h) => rows.reduce((s, r) => s + r[h]!, 0) / k);
  return {
    spec,
    parameters: {},
    sigma: Number.NaN,
    forecast(horizon, levels): Forecast {
      const fs = members.map((m) => m.forecast(horizon, levels));
      return {
        mean: average(fs.map((f) => f.mean)),
        intervals: levels.map((level, j) => ({
          level,
          lower: average(fs.map((f) => f.intervals[j]!.lower)),
          upper: average(fs.map((f) => f.intervals[j]!.upper)),
        })),
      };
    },
  };
}
