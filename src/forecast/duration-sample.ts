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

/** An ascending sample with its running sums, so that any conditional forecast costs O(log n). */
export interface DurationSample {
  readonly sorted: readonly number[];
  /** prefix[i] = sum of sorted[0..i). */
  readonly prefix: readonly number[];
}

export function durationSample(values: readonly number[]): DurationSample {
  const sorted = [...values].sort((a, b) => a - b);
  const prefix = [0];
  for (const v of sorted) prefix.push(prefix[prefix.length - 1]! + v);
  return { sorted, prefix };
}

/** The samples a duration model is fitted on: how many facts, the newest end among them, a sample per group key. */
export interface DurationGroups {
  readonly n: number;
  readonly newestEndMs: number | null;
  readonly groups: ReadonlyMap<string, DurationSample>;
}

/**
 * Groups what the facts that ended in [`fromMs`, `originMs`) lasted (dwell, turn time): `endOf` is a fact's end
 * (null: not ended), `entries` the (group key, duration) pairs a fact counts under — the same duration usually under
 * several keys, from the most specific group to the whole port.
 */
export function groupDurations<F>(
  known: readonly F[],
  fromMs: number,
  originMs: number,
  endOf: (fact: F) => number | null,
  entries: (fact: F, endMs: number) => Iterable<readonly [string, number]>,
): DurationGroups {
  const groups = new Map<string, number[]>();
  let n = 0;
  let newest: number | null = null;
  for (const f of known) {
    const end = endOf(f);
    if (end === null || end < fromMs || end >= originMs) continue;
    n++;
    if (newest === null || end > newest) newest = end;
    for (const [k, v] of entries(f, end)) {
      const g = groups.get(k);
      if (g) g.push(v);
      else groups.set(k, [v]);
    }
  }
  return { n, newestEndMs: newest, groups: new Map([...groups].map(([k, v]) => [k, durationSample(v)])) };
}

/** Number of values above `elapsedH`. */
export function countAbove(sample: DurationSample, elapsedH: number): number {
  return sample.sorted.length - firstAbove(sample.sorted, elapsedH);
}

/** Forecast from the sample's values above `elapsedH`; null when there are none. */
export function durationForecastAbove(
  sample: DurationSample,
  elapsedH: number,
  levels: readonly number[],
): DurationForecast | null {
  const { sorted, prefix } = sample;
  const from = firstAbove(sorted, elapsedH);
  const n = sorted.length - from;
  if (n === 0) return null;
  const q = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = sorted[from + lo]!;
    const b = sorted[from + Math.min(lo + 1, n - 1)]!;
    return a + (h - lo) * (b - a);
  };
  return {
    meanH: (prefix[sorted.length]! - prefix[from]!) / n,
    medianH: q(0.5),
    intervals: levels.map((level) => ({ level, lowerH: q((1 - level) / 2), upperH: q((1 + level) / 2) })),
    n,
  };
}

/** One scored duration forecast in one unit (hours, minutes): the actual, the model's two points, the baselines. */
export interface DurationOutcome {
  readonly actual: number;
  readonly model: number;
  readonly modelMean: number;
  readonly terminalMean: number;
  readonly portMean: number;
  readonly intervals: readonly { readonly level: number; readonly lower: number; readonly upper: number }[];
}

/** MAE of the model median and mean and of the two baselines, and interval coverage per level (level → share). */
export interface DurationScore {
  readonly n: number;
  readonly modelMae: number;
  readonly modelMeanMae: number;
  readonly terminalMeanMae: number;
  readonly portMeanMae: number;
  readonly coverage: Readonly<Record<string, number>>;
}

/** Scores the duration backtests (dwell, turn time) alike; NaN figures when there is no point. */
export function scoreDurations<P>(points: readonly P[], outcome: (point: P) => DurationOutcome): DurationScore {
  const n = points.length;
  let model = 0;
  let modelMean = 0;
  let terminal = 0;
  let port = 0;
  const inside = new Map<number, number>();
  for (const point of points) {
    const x = outcome(point);
    model += Math.abs(x.actual - x.model);
    modelMean += Math.abs(x.actual - x.modelMean);
    terminal += Math.abs(x.actual - x.terminalMean);
    port += Math.abs(x.actual - x.portMean);
    for (const iv of x.intervals) {
      const hit = x.actual >= iv.lower && x.actual <= iv.upper ? 1 : 0;
      inside.set(iv.level, (inside.get(iv.level) ?? 0) + hit);
    }
  }
  const d = n === 0 ? Number.NaN : n;
  return {
    n,
    modelMae: model / d,
    modelMeanMae: modelMean / d,
    terminalMeanMae: terminal / d,
    portMeanMae: port / d,
    coverage: Object.fromEntries([...inside].map(([level, k]) => [String(level), k / d])),
  };
}
