/** Fits any `ModelSpec` to a history (oldest first, no gaps): the one entry point the backtests and the API use. */
import type { EarlierStretch, FittedModel, Forecast, ModelSpec } from './forecast-model.js';
import { fitHoltWinters } from './holt-winters.js';
import { estimateLnyBetaPooled, lnyShare } from './lunar-new-year.js';
import { fitSeasonalIndex, fitSeasonalNaiveDrift } from './seasonal-models.js';
import { monthIndex, type YearMonth } from './monthly-series.js';
import { fitNaive, fitSeasonalNaive } from './naive-models.js';

const monthAt = (start: YearMonth, offset: number): YearMonth => {
  const k = start.year * 12 + start.month - 1 + offset;
  return { year: Math.floor(k / 12), month: (k % 12) + 1 };
};

/**
 * `start`: the calendar month of `history[0]`; only the calendar-aware models (`lny-adjusted`, `lny-refit`,
 * `seasonal-index`) need it. A calendar is no look-ahead: the Lunar New Year dates are known years ahead.
 * `earlier`: gap-free stretches of the same series that end before `history` begins (`lny-refit` and
 * `seasonal-index` use them; the others ignore them).
 */
export function fitModel(
  spec: ModelSpec,
  history: readonly number[],
  start?: YearMonth,
  earlier: readonly EarlierStretch[] = [],
): FittedModel {
  if (start !== undefined) {
    for (const e of earlier) {
      if (monthIndex(e.start) + e.values.length > monthIndex(start)) {
        throw new RangeError('fitModel: an earlier stretch must end before the history begins');
      }
    }
  }
  switch (spec.kind) {
    case 'naive':
      return fitNaive(history);
    case 'seasonal-naive':
      return fitSeasonalNaive(history, spec.period);
    case 'holt-winters':
      return fitHoltWinters(history, spec.period, spec.season, spec.trend);
    case 'lny-adjusted':
      return fitLnyAdjusted(spec, spec.beta, history, start, earlier);
    case 'lny-refit': {
      if (start === undefined) throw new RangeError('lny-refit: needs the calendar month of the first value');
      const beta = estimateLnyBetaPooled([...earlier, { start, values: history }]) ?? 0;
      return fitLnyAdjusted(spec, beta, history, start, earlier);
    }
    case 'seasonal-naive-drift':
      return fitSeasonalNaiveDrift(history, spec.k);
    case 'seasonal-index':
      return fitSeasonalIndex(history, start, earlier, spec.levelMonths);
    case 'combination':
      return fitCombination(spec, history, start, earlier);
    case 'conformal':
      return fitConformal(spec, history, start, earlier);
  }
}

function fitLnyAdjusted(
  spec: Extract<ModelSpec, { kind: 'lny-adjusted' | 'lny-refit' }>,
  beta: number,
  history: readonly number[],
  start: YearMonth | undefined,
  earlier: readonly EarlierStretch[],
): FittedModel {
  if (start === undefined) throw new RangeError(`${spec.kind}: needs the calendar month of the first value`);
  const effectAt = (from: YearMonth, offset: number): number => Math.exp(beta * lnyShare(monthAt(from, offset)));
  const effect = (offset: number): number => effectAt(start, offset);
  const base = fitModel(
    spec.base,
    history.map((y, i) => y / effect(i)),
    start,
    earlier.map((e) => ({ start: e.start, values: e.values.map((y, i) => y / effectAt(e.start, i)) })),
  );
  const n = history.length;
  return {
    spec,
    parameters: { ...base.parameters, beta },
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
  earlier: readonly EarlierStretch[],
): FittedModel {
  if (spec.members.length === 0) throw new RangeError('combination: needs at least one member');
  const members = spec.members.map((m) => fitModel(m, history, start, earlier));
  const k = members.length;
  const median = (xs: number[]): number => {
    const s = xs.sort((a, b) => a - b);
    return k % 2 === 1 ? s[(k - 1) / 2]! : (s[k / 2 - 1]! + s[k / 2]!) / 2;
  };
  const average = (rows: readonly (readonly number[])[]): number[] =>
    rows[0]!.map((_, h) =>
      spec.statistic === 'median' ? median(rows.map((r) => r[h]!)) : rows.reduce((s, r) => s + r[h]!, 0) / k,
    );
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

function fitConformal(
  spec: Extract<ModelSpec, { kind: 'conformal' }>,
  history: readonly number[],
  start: YearMonth | undefined,
  earlier: readonly EarlierStretch[],
): FittedModel {
  if (spec.bands.length === 0) throw new RangeError('conformal: needs at least one band');
  const base = fitModel(spec.base, history, start, earlier);
  const band = (h: number) => spec.bands.find((b) => h <= b.maxHorizon) ?? spec.bands[spec.bands.length - 1]!;
  return {
    spec,
    parameters: base.parameters,
    sigma: base.sigma,
    forecast(horizon, levels): Forecast {
      const { mean } = base.forecast(horizon, []);
      const width = (h: number, level: number) => band(h + 1).halfWidth[String(level)] ?? Number.NaN;
      return {
        mean,
        intervals: levels.map((level) => ({
          level,
          lower: mean.map((m, h) => m * (1 - width(h, level))),
          upper: mean.map((m, h) => m * (1 + width(h, level))),
        })),
      };
    },
  };
}
