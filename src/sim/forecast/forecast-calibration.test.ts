/**
 * The calibration files the forecast routes ship with (data-static/forecast/) are what the simulator backtests
 * compute, and their intervals cover about as promised on simulated truth the calibration never saw (seed 7,
 * the calibration is seed 8). Prints the numbers docs/forecast.md quotes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseAnchorageCalibration,
  parseEtaCalibration,
  parseLookaheadCalibration,
} from '../../forecast/calibration-file.js';
import { packageRoot } from '../../geo/geo-data-path.js';
import { loadSimInputs } from '../io/load-sim-inputs.js';
import type { PortModelInputs } from '../port-model.js';
import { runEtaBacktest, scoreEtaBacktest } from './eta-backtest.js';
import { anchorageCalibration, etaCalibration, lookaheadCalibration } from './forecast-calibration.js';
import { ETA_SCENARIOS, ETA_TEST_SEED, simulatedEtaRun } from './eta-study.js';

const shipped = (name: string): unknown =>
  JSON.parse(readFileSync(join(packageRoot(), 'data-static', 'forecast', name), 'utf8'));

let inputs: PortModelInputs;
beforeAll(() => {
  inputs = loadSimInputs();
});

describe('shipped forecast calibration', () => {
  it('ETA: the shipped error model is the backtest’s, and covers the test seed’s truth within the band', () => {
    const model = parseEtaCalibration(shipped('eta-error-model.json'));
    expect(model).toEqual(parseEtaCalibration(JSON.parse(JSON.stringify(etaCalibration(inputs)))));
    const lines: string[] = [];
    let inside80 = 0;
    let inside95 = 0;
    let n = 0;
    for (const s of ETA_SCENARIOS) {
      const run = simulatedEtaRun(inputs, ETA_TEST_SEED, s.knobs);
      for (const score of scoreEtaBacktest(runEtaBacktest(run, inputs.registry, 'modelled'), model)) {
        const m = score.model;
        lines.push(
          `${s.name.split(' ')[0]} ${score.target} ${score.horizonH}h: MAE ${Math.round(m.maeMin ?? NaN)} min ` +
            `(n ${m.n}), 80% ${Math.round((m.coverage['0.8'] ?? NaN) * 100)}%, 95% ${Math.round((m.coverage['0.95'] ?? NaN) * 100)}% ` +
            `(n ${m.coverageN})`,
        );
        inside80 += (m.coverage['0.8'] ?? 0) * m.coverageN;
        inside95 += (m.coverage['0.95'] ?? 0) * m.coverageN;
        n += m.coverageN;
      }
    }
    console.log(
      `ETA intervals on seed ${ETA_TEST_SEED} (berth queue modelled, as the route):\n  ${lines.join('\n  ')}`,
    );
    expect(n).toBeGreaterThan(500);
    // Pooled over targets, horizons and both scenarios: with n > 500 one binomial standard deviation is under
    // 2 points; the band allows for the calibration run being another traffic sample.
    expect(inside80 / n).toBeGreaterThan(0.72);
    expect(inside80 / n).toBeLessThan(0.88);
    expect(inside95 / n).toBeGreaterThan(0.89);
    expect(inside95 / n).toBeLessThanOrEqual(0.99);
  });

  it('terminal look-ahead: the shipped calibration and accuracy are the backtest’s, better than naive', () => {
    const file = parseLookaheadCalibration(shipped('terminal-lookahead-calibration.json'));
    expect(file).toEqual(parseLookaheadCalibration(JSON.parse(JSON.stringify(lookaheadCalibration(inputs)))));
    const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
    console.log(
      'terminal look-ahead (schedule-only, as the route) on seed 7:\n  ' +
        file.accuracy
          .map(
            (a) =>
              `week ${a.weekAhead}: MAPE ${pct(a.mape)} vs naive ${pct(a.naiveMape)}, MAE ${a.mae} vs ${a.naiveMae} TEU, ` +
              `80% covers ${pct(a.coverage80)}, 95% covers ${pct(a.coverage95)} (n ${a.n})`,
          )
          .join('\n  '),
    );
    expect(file.accuracy.map((a) => a.weekAhead)).toEqual([1, 2, 3]);
    for (const a of file.accuracy) {
      expect(a.mape!).toBeLessThan(a.naiveMape!);
      // n = 120 per week ahead: one binomial standard deviation is 3.7 points at 80%, 2 points at 95%.
      expect(a.coverage80!).toBeGreaterThan(0.68);
      expect(a.coverage80!).toBeLessThan(0.92);
      expect(a.coverage95!).toBeGreaterThan(0.88);
    }
  });

  it('anchorage queue: the shipped residuals and accuracy are the backtest’s; better than persistence in the surge', () => {
    const file = parseAnchorageCalibration(shipped('anchorage-queue-calibration.json'));
    expect(file).toEqual(parseAnchorageCalibration(JSON.parse(JSON.stringify(anchorageCalibration(inputs)))));
    expect(file.residuals).toHaveLength(7);
    const surge = file.accuracy.filter((a) => a.scenario.startsWith('surge'));
    expect(surge.map((a) => a.dayAhead)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const a of surge) expect(a.mae).toBeLessThan(a.persistenceMae);
    // 21 origins per day ahead: pooled over the 7 days (147, not independent) the 80% interval covers 75-100%.
    const mean80 = surge.reduce((t, a) => t + a.coverage80, 0) / surge.length;
    expect(mean80).toBeGreaterThan(0.75);
    expect(surge.every((a) => a.coverage95 >= a.coverage80)).toBe(true);
  });
});
