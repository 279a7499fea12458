/**
 * The real-series backtest (issue 16): San Pedro Bay monthly TEU, hold-out 2018 and 2019. Reads the shared
 * dataset (../shared/datasets/san-pedro-bay-teu) and checks the shipped copy is the same file. Reference values:
 * ../shared/reference/forecast-and-scale.md, Table 6 (seasonal-naive MAPE of POLA 2018 = 9.7%, of 1998 = 12.1%,
 * derived from POLA's own year-on-year column) and Table 3 (POLA 2018 monthly totals).
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracyOf } from './accuracy.js';
import { rollingOriginBacktest } from './backtest.js';
import { fitModel } from './fit-model.js';
import { parseMonthlyTeuCsv } from './monthly-teu-csv.js';
import { monthlySeries } from './monthly-series.js';
import { monthlyTeuModel } from './monthly-volume-forecast.js';
import { modelName } from './forecast-model.js';
import { CANDIDATES, runTeuBacktestStudy } from './teu-backtest-study.js';

const SHARED = new URL('../../../shared/datasets/san-pedro-bay-teu/monthly_teu.csv', import.meta.url);
const SHIPPED = new URL('../../data-static/teu/monthly_teu.csv', import.meta.url);
// The backtest reads the copy the product ships; the shared dataset (outside the repository) is compared when present.
const text = readFileSync(SHIPPED, 'utf8');
const rows = parseMonthlyTeuCsv(text);
const sharedPresent = existsSync(SHARED);
if (!sharedPresent) console.warn('[openpcs tests] ../shared/datasets is absent: the shipped TEU copy is not compared.');

const seasonalNaiveOneStep = (from: number, to: number): number => {
  const s = monthlySeries(rows, ['USLAX'], { year: from, month: 1 }, { year: to, month: 12 });
  const origins = Array.from({ length: 12 }, (_, i) => 12 + i);
  const points = rollingOriginBacktest(
    s.values,
    (h, n, l) => fitModel({ kind: 'seasonal-naive', period: 12 }, h).forecast(n, l),
    {
      origins,
      maxHorizon: 1,
      levels: [],
    },
  );
  return accuracyOf(points).mape;
};

describe('San Pedro Bay monthly TEU: the data', () => {
  it.skipIf(!sharedPresent)('the shipped copy is the shared dataset', () => {
    expect(readFileSync(SHARED, 'utf8')).toBe(text);
    expect(rows.length).toBe(70);
  });

  it('POLA 2018 totals are those of POLA’s table (forecast-and-scale.md Table 3)', () => {
    const s = monthlySeries(rows, ['USLAX'], { year: 2018, month: 1 }, { year: 2018, month: 12 });
    expect(s.values[0]).toBe(808728.5);
    expect(s.values[2]).toBe(577865.9);
    expect(s.values[9]).toBe(952553.75);
    expect(s.values.reduce((a, v) => a! + v!, 0)).toBeCloseTo(9458748.5, 1);
  });

  it('2017 backed out of the 2018 year-on-year column agrees with the 2017 months published directly', () => {
    const s = monthlySeries(
      rows.filter((r) => r.year !== 2017),
      ['USLAX'],
      { year: 2017, month: 1 },
      { year: 2017, month: 12 },
    );
    expect(s.derived.every(Boolean)).toBe(true);
    for (const direct of rows.filter((r) => r.port === 'USLAX' && r.year === 2017)) {
      expect(Math.abs(s.values[direct.month - 1]! / direct.totalTeu - 1)).toBeLessThan(0.001);
    }
  });

  it('seasonal-naive MAPE is the reference’s: 9.7% on POLA 2018, 12.1% on 1998 (Table 6)', () => {
    expect(seasonalNaiveOneStep(2017, 2018)).toBeCloseTo(9.7, 1);
    expect(seasonalNaiveOneStep(1997, 1998)).toBeCloseTo(12.1, 1);
  });
});

describe('San Pedro Bay monthly TEU: the backtest report', () => {
  const study = runTeuBacktestStudy(rows);
  const result = (series: string, year: number) =>
    study.results.find((r) => r.series === series && r.holdoutYear === year)!;

  it('chooses among the twelve pre-registered candidates on USLAX 1998 only, by ratio to seasonal naive', () => {
    expect(study.selection.set).toBe('USLAX 1998 (history from 1997)');
    const candidates = study.selection.scores.slice(0, CANDIDATES.length);
    expect(candidates.map((s) => s.model)).toEqual(CANDIDATES.map(modelName));
    expect(candidates.every((s) => s.n === 78)).toBe(true);
    const ratio = (model: string) => study.selection.scores.find((s) => s.model === model)!.ratio;
    expect(ratio('seasonal-naive(12)')).toBe(1);
    expect(study.selection.chosen).toBe(
      'mean(lny-refit(holt-winters(multiplicative,trend=none,12)) + lny-refit(holt-winters(multiplicative,trend=damped,12))' +
        ' + lny-refit(seasonal-naive-drift(k=12,12)) + lny-refit(seasonal-index(level=3,12)))',
    );
    expect(study.selection.ratio).toBeCloseTo(0.514, 3);
    expect(Math.min(...candidates.map((s) => s.ratio))).toBe(study.selection.ratio);
    expect(ratio('holt-winters(multiplicative,trend=none,12)')).toBeCloseTo(0.54, 2);
    expect(ratio('holt-winters(multiplicative,trend=damped,12)')).toBeCloseTo(0.852, 2);
    // GET /forecasts/volume uses the chosen model, with the intervals calibrated on the same selection set.
    const api = monthlyTeuModel(rows);
    expect(api.kind).toBe('conformal');
    expect(modelName(api)).toBe(`conformal(${study.selection.chosen})`);
  });

  it('calibrates split-conformal intervals per horizon band on the selection set’s residuals', () => {
    const bands = study.selection.intervals;
    expect(bands.map((b) => [b.maxHorizon, b.n])).toEqual([
      [3, 33],
      [6, 24],
      [12, 21],
    ]);
    for (const b of bands) expect(b.halfWidth['0.95']!).toBeGreaterThanOrEqual(b.halfWidth['0.8']!);
    expect(bands[0]!.halfWidth['0.8']).toBeCloseTo(0.0845, 4);
    expect(bands[2]!.halfWidth['0.95']).toBeCloseTo(0.2195, 4);
  });

  it('the LNY β is refitted per origin: on all USLAX data (1998 and 2018 pairs) it is −0.30', () => {
    expect(study.lunarNewYear.betaAllData).toBeCloseTo(-0.3, 2);
  });

  it('USLAX 2018, scored once: 9.03% vs seasonal naive 9.77% (ratio 0.92, goal 0.8 not met), coverage 65% / 85%', () => {
    const r = result('USLAX', 2018);
    expect(r.origins).toEqual([
      '2017-12',
      '2018-01',
      '2018-02',
      '2018-03',
      '2018-04',
      '2018-05',
      '2018-06',
      '2018-07',
      '2018-08',
      '2018-09',
      '2018-10',
      '2018-11',
    ]);
    const [model, snaive] = r.scores;
    expect(model!.role).toBe('chosen');
    expect(snaive!.model).toBe('seasonal-naive(12)');
    expect(model!.n).toBe(78);
    expect(model!.mape).toBeCloseTo(9.03, 2);
    expect(snaive!.mape).toBeCloseTo(9.77, 2);
    expect(r.ratioToSeasonalNaive).toBeCloseTo(0.924, 3);
    expect(model!.coverageN).toBe(78);
    expect(model!.coverage['0.8']).toBeCloseTo(51 / 78, 6);
    expect(model!.coverage['0.95']).toBeCloseTo(66 / 78, 6);
    expect(r.byHorizon[0]).toMatchObject({ horizon: 1, n: 12 });
    expect(r.byHorizon[0]!.model).toBeCloseTo(8.3, 1);
    expect(r.byHorizon[0]!.seasonalNaive).toBeCloseTo(9.7, 1);
  });

  it('USLAX 2019: only July and August are published; scored from origins 2018-07..2018-12, worse than seasonal naive', () => {
    const r = result('USLAX', 2019);
    expect(r.origins).toEqual(['2018-07', '2018-08', '2018-09', '2018-10', '2018-11', '2018-12']);
    expect(r.scores[0]!.n).toBe(11);
    expect(r.scores[0]!.mape).toBeCloseTo(8.56, 2);
    expect(r.scores[1]!.mape).toBeCloseTo(6.52, 2);
    expect(r.ratioToSeasonalNaive).toBeCloseTo(1.31, 2);
  });

  it('USLGB and the combined series are reported as not scored, with the reason', () => {
    for (const series of ['USLGB', 'USLAX+USLGB']) {
      for (const year of [2018, 2019]) {
        const r = result(series, year);
        expect(r.scores[0]!.n).toBe(0);
        expect(r.ratioToSeasonalNaive).toBeNull();
        expect(r.note).toMatch(/12 consecutive months/);
      }
    }
  });
});
