/**
 * The Lunar New Year regressor of the monthly TEU model (issue 16). Asian factories close for the Spring Festival
 * (about a week before to two weeks after the first day of the lunar year) and the sailings they would have filled
 * reach San Pedro Bay after the trans-Pacific passage (about two weeks), so imports dip in the weeks after the
 * holiday: in January/February when it falls early, in March when it falls late. Seasonal naive compares a month
 * with the same month a year earlier and misses that shift (POLA March 2018: −26.7% year on year, LNY on 16 Feb
 * 2018 vs 28 Jan 2017).
 *
 * The regressor x_t is the share of the "arrival trough" window [LNY + 7 d, LNY + 28 d) that falls in month t
 * (0..1; the window was fixed from the reasoning above, before any fit). The effect is multiplicative:
 * y_t = y*_t · exp(β·x_t), with β < 0 when the holiday lowers imports. `estimateLnyBeta` fits β by least squares on
 * year-on-year log ratios, log(y_t / y_{t−12}) = c + β·(x_t − x_{t−12}), which removes the season and absorbs growth
 * in c.
 *
 * Dates: the first day of the lunar year (Gregorian), as tabulated by the Hong Kong Observatory, "Gregorian-Lunar
 * Calendar Conversion Table" (https://www.hko.gov.hk/en/gts/time/conversion.htm). Calendar facts, known years ahead,
 * so using a future month's x is no look-ahead.
 */
import type { YearMonth } from './monthly-series.js';
import { DAY } from '../domain/time-units.js';

/** Year → [month, day] of the first day of the lunar year (Hong Kong Observatory conversion table). */
export const LUNAR_NEW_YEAR: Readonly<Record<number, readonly [number, number]>> = {
  1995: [1, 31],
  1996: [2, 19],
  1997: [2, 7],
  1998: [1, 28],
  1999: [2, 16],
  2000: [2, 5],
  2001: [1, 24],
  2002: [2, 12],
  2003: [2, 1],
  2004: [1, 22],
  2005: [2, 9],
  2006: [1, 29],
  2007: [2, 18],
  2008: [2, 7],
  2009: [1, 26],
  2010: [2, 14],
  2011: [2, 3],
  2012: [1, 23],
  2013: [2, 10],
  2014: [1, 31],
  2015: [2, 19],
  2016: [2, 8],
  2017: [1, 28],
  2018: [2, 16],
  2019: [2, 5],
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
};

/** The arrival trough: from 7 days after the first day of the lunar year, 21 days long. */
export const LNY_TROUGH = { fromDays: 7, days: 21 } as const;

/** Share (0..1) of the arrival trough window that falls in the month `ym`. */
export function lnyShare(ym: YearMonth): number {
  const monthStart = Date.UTC(ym.year, ym.month - 1, 1);
  const monthEnd = Date.UTC(ym.year, ym.month, 1);
  // The window of the previous lunar year cannot reach this year (it ends by early March of that year); the one
  // of this year can only reach January-April.
  const date = LUNAR_NEW_YEAR[ym.year];
  if (date === undefined) throw new RangeError(`lunar new year: no date for ${ym.year} (table covers 1995-2030)`);
  const from = Date.UTC(ym.year, date[0] - 1, date[1]) + LNY_TROUGH.fromDays * DAY;
  const to = from + LNY_TROUGH.days * DAY;
  const days = Math.max(0, Math.min(to, monthEnd) - Math.max(from, monthStart)) / DAY;
  return days / LNY_TROUGH.days;
}

/**
 * β of y_t = y*_t·exp(β·x_t), least squares on the year-on-year log ratios of `values` (calendar months from
 * `start`, null = gap) with an intercept: log(y_t / y_{t−12}) = c + β·(x_t − x_{t−12}). Null when the regressor
 * does not vary over the pairs found (β cannot be identified).
 */
export function estimateLnyBeta(values: readonly (number | null)[], start: YearMonth): number | null {
  const at = (i: number): YearMonth => {
    const k = start.year * 12 + start.month - 1 + i;
    return { year: Math.floor(k / 12), month: (k % 12) + 1 };
  };
  const dy: number[] = [];
  const dx: number[] = [];
  for (let t = 12; t < values.length; t++) {
    const y = values[t];
    const prior = values[t - 12];
    if (y === null || y === undefined || prior === null || prior === undefined || !(y > 0) || !(prior > 0)) continue;
    dy.push(Math.log(y / prior));
    dx.push(lnyShare(at(t)) - lnyShare(at(t - 12)));
  }
  if (dy.length < 3) return null;
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = mean(dy);
  const mx = mean(dx);
  let sxy = 0;
  let sxx = 0;
  dx.forEach((x, i) => {
    sxy += (x - mx) * (dy[i]! - my);
    sxx += (x - mx) ** 2;
  });
  return sxx > 1e-12 ? sxy / sxx : null;
}

/**
 * β as `estimateLnyBeta`, pooled over several stretches of the same series (an earlier era and the current
 * history) with one intercept per stretch (growth differs between eras): the year-on-year pairs of each stretch
 * are centred on that stretch's means. Null when fewer than 3 pairs in all or the regressor does not vary.
 */
export function estimateLnyBetaPooled(
  stretches: readonly { readonly values: readonly (number | null)[]; readonly start: YearMonth }[],
): number | null {
  let sxy = 0;
  let sxx = 0;
  let pairs = 0;
  for (const { values, start } of stretches) {
    const dy: number[] = [];
    const dx: number[] = [];
    for (let t = 12; t < values.length; t++) {
      const y = values[t];
      const prior = values[t - 12];
      if (y === null || y === undefined || prior === null || prior === undefined || !(y > 0) || !(prior > 0)) continue;
      const k = start.year * 12 + start.month - 1;
      const at = (i: number): YearMonth => ({ year: Math.floor((k + i) / 12), month: ((k + i) % 12) + 1 });
      dy.push(Math.log(y / prior));
      dx.push(lnyShare(at(t)) - lnyShare(at(t - 12)));
    }
    if (dy.length === 0) continue;
    pairs += dy.length;
    const my = dy.reduce((s, v) => s + v, 0) / dy.length;
    const mx = dx.reduce((s, v) => s + v, 0) / dx.length;
    dx.forEach((x, i) => {
      sxy += (x - mx) * (dy[i]! - my);
      sxx += (x - mx) ** 2;
    });
  }
  if (pairs < 3) return null;
  return sxx > 1e-12 ? sxy / sxx : null;
}
