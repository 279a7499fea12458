import { describe, expect, it } from 'vitest';
import { Prng } from '../sim/prng.js';
import { accuracyOf } from './accuracy.js';
import { rollingOriginBacktest, type ForecastFunction } from './backtest.js';
import { fitModel } from './fit-model.js';
import type { ModelSpec } from './forecast-model.js';

const seasonal = (n: number, seed: string): number[] => {
  const rng = new Prng(seed);
  return Array.from({ length: n }, (_, t) => 1000 + 3 * t + 120 * Math.sin((2 * Math.PI * t) / 12) + rng.normal(0, 25));
};
const modelOf =
  (spec: ModelSpec): ForecastFunction =>
  (history, horizon, levels) =>
    fitModel(spec, history).forecast(horizon, levels);

describe('rolling-origin backtest: no look-ahead', () => {
  it('hands the model exactly the values before the origin, as a frozen copy', () => {
    const values = seasonal(40, 'spy');
    const seen: { length: number; prefix: boolean; frozen: boolean }[] = [];
    const spy: ForecastFunction = (history, horizon) => {
      seen.push({
        length: history.length,
        prefix: history.every((v, i) => v === values[i]),
        frozen: Object.isFrozen(history),
      });
      return { mean: new Array<number>(horizon).fill(0), intervals: [] };
    };
    rollingOriginBacktest(values, spy, { origins: [24, 30, 36], maxHorizon: 6, levels: [] });
    expect(seen).toEqual([
      { length: 24, prefix: true, frozen: true },
      { length: 30, prefix: true, frozen: true },
      { length: 36, prefix: true, frozen: true },
    ]);
  });

  it('a model that tries to read past its origin finds nothing there and cannot write into the series', () => {
    const values = seasonal(36, 'peek');
    const peeker: ForecastFunction = (history, horizon) => {
      // Anything at or after the origin would be the future: it must not be reachable.
      const future = (history as number[])[history.length];
      if (future !== undefined) throw new Error('saw the future');
      expect(() => (history as number[]).push(1)).toThrow();
      return { mean: new Array<number>(horizon).fill(history[history.length - 1]!), intervals: [] };
    };
    const points = rollingOriginBacktest(values, peeker, { origins: [12, 24, 35], maxHorizon: 3, levels: [] });
    expect(points.length).toBe(3 + 3 + 1);
    expect(values).toEqual(seasonal(36, 'peek'));
  });

  it('changing any value at or after an origin never changes the forecasts from that origin', () => {
    const values = seasonal(60, 'property');
    const spec: ModelSpec = { kind: 'holt-winters', period: 12, season: 'additive', trend: 'damped' };
    const rng = new Prng('tamper');
    for (const origin of [24, 37, 48]) {
      const tampered = values.map((v, i) => (i >= origin ? v * rng.uniform(0.2, 5) : v));
      const options = { origins: [origin], maxHorizon: 12, levels: [0.8] };
      const clean = rollingOriginBacktest(values, modelOf(spec), options);
      const dirty = rollingOriginBacktest(tampered, modelOf(spec), options);
      expect(dirty.map((p) => [p.forecast, p.intervals])).toEqual(clean.map((p) => [p.forecast, p.intervals]));
      // ... while the scores do see the tampered actuals: the harness compares, the model never saw them.
      expect(dirty.map((p) => p.actual)).not.toEqual(clean.map((p) => p.actual));
    }
  });

  it('the same holds for the calendar-aware models (Lunar New Year adjustment, combinations)', () => {
    const values = seasonal(60, 'property-lny');
    const start = { year: 2014, month: 1 };
    const hw: ModelSpec = { kind: 'holt-winters', period: 12, season: 'multiplicative', trend: 'none' };
    const lny = (base: ModelSpec): ModelSpec => ({ kind: 'lny-adjusted', base, beta: -0.17 });
    const rng = new Prng('tamper-lny');
    for (const spec of [
      lny(hw),
      { kind: 'combination', members: [lny(hw), lny({ kind: 'seasonal-naive', period: 12 })] },
    ] as ModelSpec[]) {
      const model: ForecastFunction = (history, horizon, levels) =>
        fitModel(spec, history, start).forecast(horizon, levels);
      for (const origin of [24, 37, 48]) {
        const tampered = values.map((v, i) => (i >= origin ? v * rng.uniform(0.2, 5) : v));
        const options = { origins: [origin], maxHorizon: 12, levels: [0.8] };
        const clean = rollingOriginBacktest(values, model, options);
        const dirty = rollingOriginBacktest(tampered, model, options);
        expect(dirty.map((p) => [p.forecast, p.intervals])).toEqual(clean.map((p) => [p.forecast, p.intervals]));
        expect(dirty.map((p) => p.actual)).not.toEqual(clean.map((p) => p.actual));
      }
    }
  });

  it('the same holds for the models refitted per origin (LNY β, drift, seasonal index, conformal) with an earlier stretch', () => {
    const values = seasonal(60, 'property-refit');
    const start = { year: 2014, month: 1 };
    // An earlier era of the same series, ending before the history begins (as USLAX 1997-1998 before 2017).
    const earlier = [{ start: { year: 1997, month: 1 }, values: seasonal(24, 'earlier-era') }];
    const singles: ModelSpec[] = [
      { kind: 'holt-winters', period: 12, season: 'multiplicative', trend: 'damped' },
      { kind: 'seasonal-naive-drift', period: 12, k: 12 },
      { kind: 'seasonal-index', period: 12, levelMonths: 3 },
    ].map((base): ModelSpec => ({ kind: 'lny-refit', base: base as ModelSpec }));
    const mean: ModelSpec = { kind: 'combination', statistic: 'mean', members: singles };
    const rng = new Prng('tamper-refit');
    for (const spec of [
      ...singles,
      { kind: 'combination', statistic: 'median', members: singles },
      { kind: 'conformal', base: mean, bands: [{ maxHorizon: 12, halfWidth: { '0.8': 0.1 } }] },
    ] as ModelSpec[]) {
      const model: ForecastFunction = (history, horizon, levels) =>
        fitModel(spec, history, start, earlier).forecast(horizon, levels);
      for (const origin of [14, 24, 37, 48]) {
        const tampered = values.map((v, i) => (i >= origin ? v * rng.uniform(0.2, 5) : v));
        const options = { origins: [origin], maxHorizon: 12, levels: [0.8] };
        const clean = rollingOriginBacktest(values, model, options);
        const dirty = rollingOriginBacktest(tampered, model, options);
        expect(dirty.map((p) => [p.forecast, p.intervals])).toEqual(clean.map((p) => [p.forecast, p.intervals]));
        expect(dirty.map((p) => p.actual)).not.toEqual(clean.map((p) => p.actual));
      }
    }
    // An "earlier" stretch that overlaps the history would be data the history already holds, or later: refused.
    expect(() =>
      fitModel(singles[0]!, values.slice(0, 24), start, [
        { start: { year: 2013, month: 6 }, values: values.slice(0, 12) },
      ]),
    ).toThrow(/earlier stretch/);
  });

  it('skips unpublished values (null) as targets and refuses a history with a gap', () => {
    const values: (number | null)[] = [...seasonal(24, 'gaps'), null, null, 1000];
    const points = rollingOriginBacktest(values, modelOf({ kind: 'naive' }), {
      origins: [24],
      maxHorizon: 3,
      levels: [],
    });
    expect(points.map((p) => p.horizon)).toEqual([3]);
    expect(() =>
      rollingOriginBacktest(values, modelOf({ kind: 'naive' }), { origins: [26], maxHorizon: 1, levels: [] }),
    ).toThrow(/gap/);
    expect(() =>
      rollingOriginBacktest(values, modelOf({ kind: 'naive' }), { origins: [0], maxHorizon: 1, levels: [] }),
    ).toThrow(RangeError);
  });
});

describe('accuracy', () => {
  it('computes MAE, MAPE and coverage from points', () => {
    const a = accuracyOf([
      {
        origin: 1,
        horizon: 1,
        target: 1,
        actual: 100,
        forecast: 90,
        intervals: [{ level: 0.8, lower: 80, upper: 120 }],
      },
      {
        origin: 1,
        horizon: 2,
        target: 2,
        actual: 200,
        forecast: 220,
        intervals: [{ level: 0.8, lower: 210, upper: 230 }],
      },
    ]);
    expect(a.n).toBe(2);
    expect(a.mae).toBe(15);
    expect(a.mape).toBeCloseTo(10, 10); // (10% + 10%) / 2
    expect(a.coverage).toEqual({ '0.8': 0.5 });
    expect(accuracyOf([]).n).toBe(0);
  });
});
