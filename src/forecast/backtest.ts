/**
 * Rolling-origin backtest (Tashman, "Out-of-sample tests of forecasting accuracy", Int. J. Forecasting
 * 16(4):437-450, 2000; FPP3 §5.10 "time series cross-validation"). For every origin o the model is fitted on
 * the first o values and forecasts horizons 1..H; a forecast for horizon h is scored against the value at
 * index o + h − 1 when that value is known (null = not published, skipped).
 *
 * No look-ahead: the model function receives a fresh, frozen copy of `values[0..o)` — never the series, never
 * a view of it — so nothing after the origin is reachable from what it is given (backtest.test.ts proves it with
 * a model that looks for later values and with a property test: changing any value at or after an origin never
 * changes that origin's forecasts).
 */
import type { Forecast } from './forecast-model.js';

/** A model under test: from a history (oldest first), forecasts for horizons 1..horizon. */
export type ForecastFunction = (history: readonly number[], horizon: number, levels: readonly number[]) => Forecast;

export interface BacktestPoint {
  /** Number of values the model saw: the forecast origin is just after index origin − 1. */
  readonly origin: number;
  readonly horizon: number;
  /** Index of the forecast value in the series. */
  readonly target: number;
  readonly actual: number;
  readonly forecast: number;
  readonly intervals: readonly { readonly level: number; readonly lower: number; readonly upper: number }[];
}

export interface BacktestOptions {
  /** The origins (history lengths) to forecast from; each needs a gap-free history. */
  readonly origins: readonly number[];
  readonly maxHorizon: number;
  readonly levels: readonly number[];
}

export function rollingOriginBacktest(
  values: readonly (number | null)[],
  model: ForecastFunction,
  options: BacktestOptions,
): BacktestPoint[] {
  const points: BacktestPoint[] = [];
  for (const origin of options.origins) {
    if (!Number.isInteger(origin) || origin < 1 || origin > values.length) {
      throw new RangeError(`backtest: origin ${origin} outside 1..${values.length}`);
    }
    const history: number[] = [];
    for (let i = 0; i < origin; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        throw new RangeError(`backtest: the history before origin ${origin} has a gap at ${i}`);
      }
      history.push(v);
    }
    const forecast = model(Object.freeze(history), options.maxHorizon, options.levels);
    for (let h = 1; h <= options.maxHorizon; h++) {
      const target = origin + h - 1;
      const actual = values[target];
      if (actual === null || actual === undefined) continue;
      points.push({
        origin,
        horizon: h,
        target,
        actual,
        forecast: forecast.mean[h - 1]!,
        intervals: forecast.intervals.map((iv) => ({
          level: iv.level,
          lower: iv.lower[h - 1]!,
          upper: iv.upper[h - 1]!,
        })),
      });
    }
  }
  return points;
}
