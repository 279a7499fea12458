/**
 * A port's monthly TEU as a calendar-aligned series with gaps (null = not published in the dataset).
 * Where the dataset has a month only through POLA's "Prior Year Change" column of the next year's table, the
 * prior-year value is backed out as `total / (1 + pct/100)` (the dataset README's own rule); such months are
 * marked `derived`. An observed value always wins over a derived one.
 */
import type { MonthlyTeuRow } from './monthly-teu-csv.js';

export interface YearMonth {
  readonly year: number;
  readonly month: number;
}

export interface MonthlySeries {
  readonly name: string;
  readonly start: YearMonth;
  readonly values: readonly (number | null)[];
  /** true where the value was backed out of the next year's year-on-year change. */
  readonly derived: readonly boolean[];
}

export const monthIndex = (ym: YearMonth): number => ym.year * 12 + (ym.month - 1);
export const yearMonthAt = (start: YearMonth, offset: number): YearMonth => {
  const i = monthIndex(start) + offset;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
};
export const formatYearMonth = (ym: YearMonth): string => `${ym.year}-${String(ym.month).padStart(2, '0')}`;

/** The series of `ports` (summed month by month; a month counts only when every port has it) over [from, to]. */
export function monthlySeries(
  rows: readonly MonthlyTeuRow[],
  ports: readonly string[],
  from: YearMonth,
  to: YearMonth,
): MonthlySeries {
  const length = monthIndex(to) - monthIndex(from) + 1;
  const perPort = ports.map((port) => {
    const values = new Array<number | null>(length).fill(null);
    const derived = new Array<boolean>(length).fill(false);
    const put = (i: number, v: number, isDerived: boolean) => {
      if (i < 0 || i >= length) return;
      if (values[i] !== null && isDerived) return;
      values[i] = v;
      derived[i] = isDerived;
    };
    for (const r of rows.filter((r) => r.port === port)) {
      const i = monthIndex(r) - monthIndex(from);
      put(i, r.totalTeu, false);
      if (r.yoyChangePct !== null) put(i - 12, r.totalTeu / (1 + r.yoyChangePct / 100), true);
    }
    return { values, derived };
  });
  const values = Array.from({ length }, (_, i) => {
    const vs = perPort.map((p) => p.values[i]);
    return vs.every((v): v is number => v !== null && v !== undefined) ? vs.reduce((s, v) => s + v, 0) : null;
  });
  return {
    name: ports.join('+'),
    start: from,
    values,
    derived: Array.from({ length }, (_, i) => perPort.some((p) => p.derived[i])),
  };
}
