/**
 * Accuracy of backtest points: MAE, MAPE (mean of |actual − forecast| / |actual|, in %; FPP3 §5.8) and the
 * share of actual values inside each prediction interval (empirical coverage), over the points whose interval
 * could be computed (a model fitted on too short a history has NaN bounds: `coverageN` counts the others).
 */
import type { BacktestPoint } from './backtest.js';

export interface Accuracy {
  readonly n: number;
  readonly mae: number;
  /** Percent. */
  readonly mape: number;
  /** Interval level → share of actuals inside (0..1). */
  readonly coverage: Readonly<Record<string, number>>;
  /** Points with a finite interval, over which `coverage` is computed. */
  readonly coverageN: number;
}

export function accuracyOf(points: readonly BacktestPoint[]): Accuracy {
  const n = points.length;
  if (n === 0) return { n: 0, mae: Number.NaN, mape: Number.NaN, coverage: {}, coverageN: 0 };
  let ae = 0;
  let ape = 0;
  const inside = new Map<number, number>();
  let coverageN = 0;
  for (const p of points) {
    const e = Math.abs(p.actual - p.forecast);
    ae += e;
    ape += (100 * e) / Math.abs(p.actual);
    const finite =
      p.intervals.length > 0 && p.intervals.every((iv) => Number.isFinite(iv.lower) && Number.isFinite(iv.upper));
    if (!finite) continue;
    coverageN++;
    for (const iv of p.intervals) {
      inside.set(iv.level, (inside.get(iv.level) ?? 0) + (p.actual >= iv.lower && p.actual <= iv.upper ? 1 : 0));
    }
  }
  return {
    n,
    mae: ae / n,
    mape: ape / n,
    coverage: Object.fromEntries([...inside].map(([level, k]) => [String(level), k / coverageN])),
    coverageN,
  };
}
