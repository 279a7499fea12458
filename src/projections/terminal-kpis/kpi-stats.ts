/** Summary statistics for daily KPIs: count, mean, median (p50, mean of the two middle values), maximum. */
export interface Summary {
  readonly count: number;
  readonly avg: number | null;
  readonly p50: number | null;
  readonly max: number | null;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, avg: null, p50: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const p50 = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  // Summing the sorted values makes the float result independent of input order.
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { count: sorted.length, avg: round2(sum / sorted.length), p50: round2(p50), max: round2(sorted.at(-1)!) };
}
