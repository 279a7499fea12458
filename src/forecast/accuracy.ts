/**
 * Accuracy of backtest points: MAE, MAPE (mean of |actual − forecast| / |actual|, in %; FPP3 §5.8) and the
 * share of actual values inside each prediction interval (empirical coverage).
 */
import type { BacktestPoint } from './backtest.js';

export interface Accuracy {
  readonly n: number;
  readonly mae: number;
  /** Percent. */
  readonly mape: number;
  /** Interval level → share of actuals inside (0..1). */
  readonly coverage: Readonly<Record<string, number>>;
}

export function accuracyOf(points: readonly BacktestPoint[]): Accuracy {
  const n = points.length;
  if (n === 0) return { n: 0, mae: Number.NaN, mape: Number.NaN, coverage: {} };
  let ae = 0;
  let ape = 0;
  const inside = new Map<number, number>();
  for (const p of points) {
    const e = Math.abs(p.actual - p.forecast);
    ae += e;
    ape += (100 * e) / Math.abs(p.actual);
    for (const iv of p.intervals) {
      inside.set(iv.level, (inside.get(iv.level) ?? 0) + (p.actual >= iv.lower && p.actual <= iv.upper ? 1 : 0));
    }
  }
  return {
    n,
    mae: ae / n,
    mape: ape / n,
    coverage: Object.fromEntries([...inside].map(([level, k]) => [String(level), k / n])),
  };
}
