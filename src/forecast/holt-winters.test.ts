/**
 * Holt-Winters and the baselines on simulated series with known truth: seeded seasonal series plus Gaussian
 * noise (src/sim/prng.ts), so the right answer and the right interval width are known.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '../sim/prng.js';
import { accuracyOf } from './accuracy.js';
import { rollingOriginBacktest } from './backtest.js';
import { fitModel } from './fit-model.js';
import type { ModelSpec } from './forecast-model.js';
import { fitHoltWinters } from './holt-winters.js';
import { normalQuantile } from './normal-quantile.js';

const PERIOD = 12;
const additiveSeries = (n: number, rng: Prng, sd: number): number[] =>
  Array.from({ length: n }, (_, t) => 1000 + 4 * t + 150 * Math.sin((2 * Math.PI * t) / PERIOD) + rng.normal(0, sd));
const multiplicativeSeries = (n: number, rng: Prng, sd: number): number[] =>
  Array.from(
    { length: n },
    (_, t) => (1000 + 4 * t) * (1 + 0.15 * Math.sin((2 * Math.PI * t) / PERIOD)) * (1 + rng.normal(0, sd)),
  );

function coverage(spec: ModelSpec, make: (rng: Prng) => number[], seeds: number, maxHorizon: number) {
  const points = [];
  for (let s = 0; s < seeds; s++) {
    const values = make(new Prng(`coverage-${s}`));
    const origins = [48, 54, 60, 66];
    points.push(
      ...rollingOriginBacktest(values, (h, horizon, levels) => fitModel(spec, h).forecast(horizon, levels), {
        origins,
        maxHorizon,
        levels: [0.8, 0.95],
      }),
    );
  }
  return accuracyOf(points);
}

describe('normal quantile', () => {
  it('matches the table values of the standard normal distribution', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 10);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('Holt-Winters on simulated series', () => {
  it('recovers a noiseless seasonal pattern with trend exactly enough to forecast it', () => {
    const y = Array.from(
      { length: 48 },
      (_, t) => 500 + 2 * t + [30, -10, 5, 0, 12, -40, 8, 3, -2, 20, -15, -11][t % 12]!,
    );
    const fit = fitHoltWinters(y, PERIOD, 'additive', 'additive');
    const f = fit.forecast(12, []);
    f.mean.forEach((v, i) =>
      expect(v).toBeCloseTo(500 + 2 * (48 + i) + [30, -10, 5, 0, 12, -40, 8, 3, -2, 20, -15, -11][(48 + i) % 12]!, 0),
    );
  });

  it('beats both naive baselines on a trending seasonal series', () => {
    const make = (rng: Prng) => additiveSeries(72, rng, 20);
    const hw = coverage({ kind: 'holt-winters', period: PERIOD, season: 'additive', trend: 'additive' }, make, 10, 6);
    const snaive = coverage({ kind: 'seasonal-naive', period: PERIOD }, make, 10, 6);
    const naive = coverage({ kind: 'naive' }, make, 10, 6);
    expect(hw.mape).toBeLessThan(snaive.mape);
    expect(hw.mape).toBeLessThan(naive.mape);
  });

  it('80% and 95% intervals of the additive model cover about 80% and 95% of outcomes (known truth)', () => {
    // 60 series x 4 origins x 6 horizons = 1,440 forecasts; binomial sd of an 80% share ≈ 1.1 points, but
    // forecasts of one series are correlated and parameters are estimated, so the band is ±5 points.
    const a = coverage(
      { kind: 'holt-winters', period: PERIOD, season: 'additive', trend: 'additive' },
      (rng) => additiveSeries(72, rng, 30),
      60,
      6,
    );
    expect(a.n).toBe(1440);
    expect(a.coverage['0.8']).toBeGreaterThan(0.75);
    expect(a.coverage['0.8']).toBeLessThan(0.85);
    expect(a.coverage['0.95']).toBeGreaterThan(0.91);
    expect(a.coverage['0.95']).toBeLessThan(0.99);
  });

  it('the multiplicative approximation also covers about its nominal share', () => {
    const a = coverage(
      { kind: 'holt-winters', period: PERIOD, season: 'multiplicative', trend: 'damped' },
      (rng) => multiplicativeSeries(72, rng, 0.03),
      60,
      6,
    );
    expect(a.coverage['0.8']).toBeGreaterThan(0.72);
    expect(a.coverage['0.8']).toBeLessThan(0.88);
  });

  it('the seasonal-naive and naive intervals cover about their nominal share on their own model', () => {
    // A seasonal random walk y_t = y_{t-12} + e_t is the model under which seasonal naive is optimal (FPP3 §5.5).
    const walk = (rng: Prng) => {
      const y = Array.from({ length: 12 }, () => 1000 + rng.normal(0, 50));
      for (let t = 12; t < 90; t++) y.push(y[t - 12]! + rng.normal(0, 20));
      return y;
    };
    const a = coverage({ kind: 'seasonal-naive', period: PERIOD }, walk, 60, 12);
    expect(a.coverage['0.8']).toBeGreaterThan(0.75);
    expect(a.coverage['0.8']).toBeLessThan(0.85);
    const rw = (rng: Prng) => {
      const y = [1000];
      for (let t = 1; t < 80; t++) y.push(y[t - 1]! + rng.normal(0, 10));
      return y;
    };
    const b = coverage({ kind: 'naive' }, rw, 60, 6);
    expect(b.coverage['0.8']).toBeGreaterThan(0.75);
    expect(b.coverage['0.8']).toBeLessThan(0.85);
  });

  it('refuses histories shorter than a season, and non-positive values for a multiplicative season', () => {
    expect(() => fitHoltWinters([1, 2, 3], PERIOD, 'additive', 'none')).toThrow(RangeError);
    expect(() => fitHoltWinters(new Array<number>(24).fill(0), PERIOD, 'multiplicative', 'none')).toThrow(RangeError);
  });
});
