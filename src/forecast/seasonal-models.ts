/**
 * Two simple monthly models of the second monthly TEU attempt (docs/forecast.md, "Second attempt"):
 *
 * - `seasonal-naive-drift`: seasonal naive (FPP3 §5.2) times a growth factor, the geometric mean of the last `k`
 *   year-on-year ratios y_t / y_{t−12} the history holds (none: 1). Forecast for h ≤ 12: y_{n+h−12}·g; further
 *   ahead the value of the last year with that month, times g per year.
 * - `seasonal-index`: a classical multiplicative decomposition (FPP3 §3.4) made for short series: the index of a
 *   calendar month is the mean, over every complete calendar year in the history and in the earlier stretches,
 *   of that month's value over the year's mean (no complete year: the last 12 months stand in); the level is the
 *   mean of the last `levelMonths` values each divided by its month's index; forecast = level × index.
 *
 * Neither has intervals of its own (NaN bounds): the chosen model gets split-conformal ones (conformal.ts).
 */
import type { EarlierStretch, FittedModel, Forecast } from './forecast-model.js';
import { monthIndex, yearMonthAt, type YearMonth } from './monthly-series.js';

const noIntervals = (mean: readonly number[], levels: readonly number[]): Forecast => ({
  mean,
  intervals: levels.map((level) => ({ level, lower: mean.map(() => Number.NaN), upper: mean.map(() => Number.NaN) })),
});

export function fitSeasonalNaiveDrift(history: readonly number[], k: number): FittedModel {
  const m = 12;
  if (history.length < m) throw new RangeError(`seasonal naive with drift: needs ${m} values, got ${history.length}`);
  const n = history.length;
  const logs: number[] = [];
  for (let t = n - 1; t >= m && logs.length < k; t--) {
    if (history[t]! > 0 && history[t - m]! > 0) logs.push(Math.log(history[t]! / history[t - m]!));
  }
  const g = logs.length === 0 ? 1 : Math.exp(logs.reduce((s, v) => s + v, 0) / logs.length);
  return {
    spec: { kind: 'seasonal-naive-drift', period: 12, k },
    parameters: { growth: g, ratios: logs.length },
    sigma: Number.NaN,
    forecast(horizon, levels) {
      const mean = Array.from({ length: horizon }, (_, i) => {
        const years = Math.floor(i / m) + 1;
        return history[n + i - m * years]! * g ** years;
      });
      return noIntervals(mean, levels);
    },
  };
}

/** Month (1..12) → index, from the complete calendar years of the stretches (or the last 12 months of the last). */
export function monthlyIndices(stretches: readonly EarlierStretch[]): number[] {
  const sums = new Array<number>(12).fill(0);
  let years = 0;
  for (const { start, values } of stretches) {
    const first = monthIndex(start);
    for (let i = 0; i + 12 <= values.length; i++) {
      if ((first + i) % 12 !== 0) continue;
      const year = values.slice(i, i + 12);
      const mean = year.reduce((s, v) => s + v, 0) / 12;
      year.forEach((v, j) => (sums[j] = sums[j]! + v / mean));
      years++;
    }
  }
  if (years === 0) {
    const last = stretches[stretches.length - 1]!;
    const tail = last.values.slice(-12);
    if (tail.length < 12) throw new RangeError('seasonal index: needs 12 consecutive values');
    const mean = tail.reduce((s, v) => s + v, 0) / 12;
    const first = monthIndex(last.start) + last.values.length - 12;
    const out = new Array<number>(12).fill(0);
    tail.forEach((v, j) => (out[(first + j) % 12] = v / mean));
    return out;
  }
  return sums.map((s) => s / years);
}

export function fitSeasonalIndex(
  history: readonly number[],
  start: YearMonth | undefined,
  earlier: readonly EarlierStretch[],
  levelMonths: number,
): FittedModel {
  if (start === undefined) throw new RangeError('seasonal index: needs the calendar month of the first value');
  if (history.length < 12) throw new RangeError(`seasonal index: needs 12 values, got ${history.length}`);
  const index = monthlyIndices([...earlier, { start, values: history }]);
  const n = history.length;
  const monthOf = (offset: number): number => yearMonthAt(start, offset).month - 1;
  const recent = Array.from({ length: Math.min(levelMonths, n) }, (_, i) => n - 1 - i);
  const level = recent.reduce((s, t) => s + history[t]! / index[monthOf(t)]!, 0) / recent.length;
  return {
    spec: { kind: 'seasonal-index', period: 12, levelMonths },
    parameters: { level },
    sigma: Number.NaN,
    forecast(horizon, levels) {
      return noIntervals(
        Array.from({ length: horizon }, (_, h) => level * index[monthOf(n + h)]!),
        levels,
      );
    },
  };
}
