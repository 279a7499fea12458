import { describe, expect, it } from 'vitest';
import { conformalBands, conformalHalfWidth } from './conformal.js';
import { fitModel } from './fit-model.js';
import { estimateLnyBetaPooled, lnyShare } from './lunar-new-year.js';
import { yearMonthAt } from './monthly-series.js';

const PROFILE = [0.9, 0.8, 0.85, 0.95, 1.0, 1.05, 1.1, 1.15, 1.1, 1.2, 1.0, 0.9];
const start = { year: 2010, month: 1 };

describe('seasonal naive with drift', () => {
  it('carries last year’s month forward times the geometric mean growth of the last k year-on-year ratios', () => {
    // 10% a year, every month: the forecast is exactly next year's value.
    const y = Array.from({ length: 24 }, (_, t) => 1000 * PROFILE[t % 12]! * 1.1 ** Math.floor(t / 12));
    const f = fitModel({ kind: 'seasonal-naive-drift', period: 12, k: 12 }, y).forecast(14, []);
    expect(f.mean[0]).toBeCloseTo(1000 * PROFILE[0]! * 1.21, 6);
    expect(f.mean[13]).toBeCloseTo(1000 * PROFILE[1]! * 1.331, 6);
    // With one season only there is no ratio: plain seasonal naive.
    const flat = fitModel({ kind: 'seasonal-naive-drift', period: 12, k: 12 }, y.slice(0, 12)).forecast(1, []);
    expect(flat.mean[0]).toBe(y[0]);
  });
});

describe('seasonal index × recent level', () => {
  it('recovers the monthly profile from complete years (own and earlier) and the level of the last months', () => {
    const level = (t: number) => (t < 12 ? 500 : 800);
    const history = Array.from({ length: 15 }, (_, t) => level(t) * PROFILE[t % 12]!);
    const earlier = [{ start: { year: 2005, month: 1 }, values: PROFILE.map((p) => 300 * p) }];
    const f = fitModel({ kind: 'seasonal-index', period: 12, levelMonths: 3 }, history, start, earlier).forecast(
      3,
      [0.8],
    );
    // indices = PROFILE / its mean, level = 800 × that mean: the forecast is 800 × PROFILE.
    for (let h = 0; h < 3; h++) expect(f.mean[h]).toBeCloseTo(800 * PROFILE[(15 + h) % 12]!, 6);
    // No intervals of its own.
    expect(Number.isNaN(f.intervals[0]!.lower[0]!)).toBe(true);
  });
});

describe('Lunar New Year β pooled over eras', () => {
  it('finds β with a different growth in each era (one intercept per stretch)', () => {
    const beta = -0.2;
    const era = (s: { year: number; month: number }, growth: number) =>
      Array.from({ length: 36 }, (_, t) => {
        const ym = yearMonthAt(s, t);
        return 1000 * PROFILE[t % 12]! * growth ** Math.floor(t / 12) * Math.exp(beta * lnyShare(ym));
      });
    const a = { year: 1996, month: 1 };
    const b = { year: 2016, month: 1 };
    expect(
      estimateLnyBetaPooled([
        { start: a, values: era(a, 1.14) },
        { start: b, values: era(b, 1.03) },
      ]),
    ).toBeCloseTo(beta, 6);
    expect(estimateLnyBetaPooled([{ start: a, values: era(a, 1.1).slice(0, 14) }])).toBeNull();
  });
});

describe('split-conformal intervals', () => {
  it('takes the ⌈(n+1)p⌉-th smallest residual, Infinity when n is too small for the level', () => {
    const r = Array.from({ length: 19 }, (_, i) => (i + 1) / 100);
    expect(conformalHalfWidth(r, 0.8)).toBeCloseTo(0.16, 10); // ⌈20·0.8⌉ = 16
    expect(conformalHalfWidth(r, 0.95)).toBeCloseTo(0.19, 10); // ⌈20·0.95⌉ = 19
    expect(conformalHalfWidth(r.slice(0, 10), 0.95)).toBe(Number.POSITIVE_INFINITY);
  });

  it('covers at least the nominal share of new forecasts when residuals are exchangeable', () => {
    // Relative errors of a known distribution: calibrate on 200, check on 2,000 fresh ones.
    let seed = 7;
    const u = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const point = (horizon: number) => {
      const forecast = 1000;
      return {
        origin: 1,
        horizon,
        target: 1,
        actual: forecast * (1 + (u() - 0.5) * 0.4 * horizon),
        forecast,
        intervals: [],
      };
    };
    const calibration = Array.from({ length: 200 }, (_, i) => point((i % 2) + 1));
    const bands = conformalBands(calibration, [1, 2], [0.8]);
    const spec = { kind: 'conformal', base: { kind: 'naive' }, bands } as const;
    for (const horizon of [1, 2]) {
      const fresh = Array.from({ length: 2000 }, () => point(horizon));
      const f = fitModel(spec, [1000]).forecast(2, [0.8]);
      const iv = f.intervals[0]!;
      const inside = fresh.filter((p) => p.actual >= iv.lower[horizon - 1]! && p.actual <= iv.upper[horizon - 1]!);
      expect(inside.length / fresh.length).toBeGreaterThan(0.76);
      expect(inside.length / fresh.length).toBeLessThan(0.86);
    }
  });
});
