/**
 * Forecast of a duration (container dwell, truck turn) from an empirical sample of completed durations: the
 * point forecasts and central intervals of the durations longer than what has already elapsed (a box still in
 * the yard after 3 days will not leave after 1). Quantiles are Hyndman & Fan (1996) type 7 (linear between order
 * statistics, as R's default). Pure.
 */
export interface DurationForecast {
  /** Mean of the conditional sample, hours. */
  readonly meanH: number;
  /** Median, hours: the point forecast scored by MAE (the median minimises expected absolute error). */
  readonly medianH: number;
  readonly intervals: readonly { readonly level: number; readonly lowerH: number; readonly upperH: number }[];
  /** Sample size the forecast rests on. */
  readonly n: number;
}

/** Type-7 quantile of an ascending sample (non-empty). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/** Index of the first value > x in an ascending array. */
function firstAbove(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The sample's values above `elapsedH` (ascending in, ascending out); empty when none. */
export function conditionalSample(sorted: readonly number[], elapsedH: number): readonly number[] {
  return sorted.slice(firstAbove(sorted, elapsedH));
}

/** Forecast from an ascending sample already conditioned on the elapsed time; null when it is empty. */
export function durationForecast(sorted: readonly number[], levels: readonly number[]): DurationForecast | null {
  if (sorted.length === 0) return null;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    meanH: sum / sorted.length,
    medianH: quantileSorted(sorted, 0.5),
    intervals: levels.map((level) => ({
      level,
      lowerH: quantileSorted(sorted, (1 - level) / 2),
      upperH: quantileSorted(sorted, (1 + level) / 2),
    })),
    n: sorted.length,
  };
}
