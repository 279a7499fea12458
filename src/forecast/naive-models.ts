/**
 * The two baselines every forecast is reported against (DESIGN §7 "Forecast targets"): last value (naive) and
 * seasonal naive. Point forecasts and Gaussian intervals as in Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", 3rd ed., §5.2 (methods) and §5.5 Table 5.2 (multi-step standard deviations):
 * naive σ_h = σ·√h; seasonal naive σ_h = σ·√(k+1) with k = ⌊(h−1)/m⌋; σ is the standard deviation of the
 * in-sample one-step residuals.
 */
import type { FittedModel, Forecast } from './forecast-model.js';
import { normalQuantile } from './normal-quantile.js';

function residualSigma(residuals: readonly number[]): number {
  // No residual, no spread to measure: NaN intervals, left out of coverage (accuracy.ts).
  if (residuals.length === 0) return Number.NaN;
  const ss = residuals.reduce((s, r) => s + r * r, 0);
  return Math.sqrt(ss / residuals.length);
}

function gaussian(mean: readonly number[], sd: readonly number[], levels: readonly number[]): Forecast {
  return {
    mean,
    intervals: levels.map((level) => {
      const z = normalQuantile((1 + level) / 2);
      return { level, lower: mean.map((m, i) => m - z * sd[i]!), upper: mean.map((m, i) => m + z * sd[i]!) };
    }),
  };
}

export function fitNaive(history: readonly number[]): FittedModel {
  if (history.length < 1) throw new RangeError('naive: the history is empty');
  const last = history[history.length - 1]!;
  const sigma = residualSigma(history.slice(1).map((y, i) => y - history[i]!));
  return {
    spec: { kind: 'naive' },
    parameters: {},
    sigma,
    forecast(horizon, levels) {
      const hs = Array.from({ length: horizon }, (_, i) => i + 1);
      return gaussian(
        hs.map(() => last),
        hs.map((h) => sigma * Math.sqrt(h)),
        levels,
      );
    },
  };
}

export function fitSeasonalNaive(history: readonly number[], period: number): FittedModel {
  if (history.length < period) throw new RangeError(`seasonal naive: needs ${period} values, got ${history.length}`);
  const n = history.length;
  const sigma = residualSigma(history.slice(period).map((y, i) => y - history[i]!));
  return {
    spec: { kind: 'seasonal-naive', period },
    parameters: {},
    sigma,
    forecast(horizon, levels) {
      const hs = Array.from({ length: horizon }, (_, i) => i + 1);
      const k = (h: number) => Math.floor((h - 1) / period);
      return gaussian(
        hs.map((h) => history[n + h - period * (k(h) + 1) - 1]!),
        hs.map((h) => sigma * Math.sqrt(k(h) + 1)),
        levels,
      );
    },
  };
}
