/**
 * Split-conformal intervals for the monthly TEU model (Lei, G'Sell, Rinaldo, Tibshirani & Wasserman,
 * "Distribution-free predictive inference for regression", JASA 113(523):1094-1111, 2018): from out-of-sample
 * forecasts (a rolling-origin backtest on data before the hold-out), the relative residuals
 * |actual − forecast| / forecast per band of horizons; the level-p half-width is the ⌈(n+1)p⌉-th smallest of the
 * band's n residuals (Infinity when that rank exceeds n: too few residuals for the level).
 */
import type { BacktestPoint } from './backtest.js';
import type { ConformalBand } from './forecast-model.js';

export function conformalHalfWidth(residuals: readonly number[], level: number): number {
  const sorted = [...residuals].sort((a, b) => a - b);
  const rank = Math.ceil((sorted.length + 1) * level);
  return rank <= sorted.length ? sorted[rank - 1]! : Number.POSITIVE_INFINITY;
}

/** Bands ending at `bandEnds` (ascending horizons, e.g. [3, 6, 12]). */
export function conformalBands(
  points: readonly BacktestPoint[],
  bandEnds: readonly number[],
  levels: readonly number[],
): (ConformalBand & { readonly n: number })[] {
  return bandEnds.map((end, i) => {
    const from = i === 0 ? 1 : bandEnds[i - 1]! + 1;
    const residuals = points
      .filter((p) => p.horizon >= from && p.horizon <= end)
      .map((p) => Math.abs(p.actual - p.forecast) / Math.abs(p.forecast));
    return {
      maxHorizon: end,
      n: residuals.length,
      halfWidth: Object.fromEntries(levels.map((l) => [String(l), conformalHalfWidth(residuals, l)])),
    };
  });
}
