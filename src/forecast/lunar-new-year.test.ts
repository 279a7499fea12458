import { describe, expect, it } from 'vitest';
import { Prng } from '../sim/prng.js';
import { fitModel } from './fit-model.js';
import { estimateLnyBeta, lnyShare, LUNAR_NEW_YEAR } from './lunar-new-year.js';
import { yearMonthAt } from './monthly-series.js';

describe('Lunar New Year regressor', () => {
  it('spreads the 21-day arrival trough [LNY + 7 d, LNY + 28 d) over the months it touches', () => {
    // 2017: LNY 28 Jan → trough 4 Feb - 24 Feb: all in February.
    expect(lnyShare({ year: 2017, month: 1 })).toBe(0);
    expect(lnyShare({ year: 2017, month: 2 })).toBe(1);
    expect(lnyShare({ year: 2017, month: 3 })).toBe(0);
    // 2018: LNY 16 Feb → trough 23 Feb - 15 Mar: 6 days in February (23-28), 15 in March.
    expect(lnyShare({ year: 2018, month: 2 })).toBeCloseTo(6 / 21, 12);
    expect(lnyShare({ year: 2018, month: 3 })).toBeCloseTo(15 / 21, 12);
    // 1998: LNY 28 Jan → 4 Feb - 24 Feb; 1997: LNY 7 Feb → 14 Feb - 6 Mar: 15 days in February, 6 in March.
    expect(lnyShare({ year: 1997, month: 2 })).toBeCloseTo(15 / 21, 12);
    expect(lnyShare({ year: 1997, month: 3 })).toBeCloseTo(6 / 21, 12);
    for (const year of [1997, 2018, 2024]) {
      const total = Array.from({ length: 12 }, (_, m) => lnyShare({ year, month: m + 1 })).reduce((a, b) => a + b);
      expect(total).toBeCloseTo(1, 12);
    }
    expect(() => lnyShare({ year: 1990, month: 2 })).toThrow(RangeError);
  });

  it('the date table is plausible: every first day of the lunar year falls between 21 January and 20 February', () => {
    for (const [year, [month, day]] of Object.entries(LUNAR_NEW_YEAR)) {
      const doy = (Date.UTC(Number(year), month - 1, day) - Date.UTC(Number(year), 0, 1)) / 86_400_000 + 1;
      expect(doy).toBeGreaterThanOrEqual(21);
      expect(doy).toBeLessThanOrEqual(51);
    }
  });

  it('estimates β from year-on-year ratios of a series with a known effect, growth and noise', () => {
    const start = { year: 2010, month: 1 };
    const rng = new Prng('lny-beta');
    const season = [0.9, 1, 1, 0.95, 1, 1, 1.05, 1.1, 1.05, 1.05, 1, 0.95];
    const values = Array.from({ length: 120 }, (_, t) => {
      const ym = yearMonthAt(start, t);
      return 1e6 * 1.004 ** t * season[ym.month - 1]! * Math.exp(-0.3 * lnyShare(ym)) * Math.exp(rng.normal(0, 0.01));
    });
    expect(estimateLnyBeta(values, start)).toBeCloseTo(-0.3, 1);
    // Without two years the regressor cannot be identified.
    expect(estimateLnyBeta(values.slice(0, 12), start)).toBeNull();
  });

  it('the adjusted model forecasts a noiseless seasonal series with a holiday effect exactly; plain Holt-Winters does not', () => {
    const start = { year: 2012, month: 1 };
    const season = [0.9, 1, 1, 0.95, 1, 1, 1.05, 1.1, 1.05, 1.05, 1, 0.95];
    const y = (t: number) => {
      const ym = yearMonthAt(start, t);
      return 1e6 * season[ym.month - 1]! * Math.exp(-0.3 * lnyShare(ym));
    };
    const history = Array.from({ length: 36 }, (_, t) => y(t));
    const hw = { kind: 'holt-winters', period: 12, season: 'multiplicative', trend: 'none' } as const;
    const adjusted = fitModel({ kind: 'lny-adjusted', base: hw, beta: -0.3 }, history, start).forecast(12, [0.8]);
    const plain = fitModel(hw, history).forecast(12, [0.8]);
    adjusted.mean.forEach((v, h) => expect(v / y(36 + h)).toBeCloseTo(1, 6));
    // 2015: LNY 19 Feb, the trough in March; plain Holt-Winters repeats earlier years' pattern there.
    expect(Math.abs(plain.mean[2]! / y(38) - 1)).toBeGreaterThan(0.05);
    expect(() => fitModel({ kind: 'lny-adjusted', base: hw, beta: -0.3 }, history)).toThrow(RangeError);
  });
});
