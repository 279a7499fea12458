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
import { blendedEta } from '../../forecast/eta/eta-blend.js';
import { etaIntervals, leadBucket, type EtaErrorModel } from '../../forecast/eta/eta-intervals.js';
import { runEtaBacktest, scoreEtaBacktest, type EtaBacktestPoint } from './eta-backtest.js';
import { anchorageCalibration, etaCalibration, lookaheadCalibration } from './forecast-calibration.js';
import { ETA_SCENARIOS, ETA_TEST_SEED, simulatedEtaRun } from './eta-study.js';
import { HOUR } from '../../domain/time-units.js';

const shipped = (name: string): unknown =>
  JSON.parse(readFileSync(join(packageRoot(), 'data-static', 'forecast', name), 'utf8'));

let inputs: PortModelInputs;
beforeAll(() => {
  inputs = loadSimInputs();
});

/** Coverage of the 80/95% intervals per `target lead-bucket`: [inside 80, inside 95, n]. */
function coverageByLead(
  points: readonly EtaBacktestPoint[],
  forecastOf: (p: EtaBacktestPoint) => number | null,
  errors: EtaErrorModel,
  cells: Map<string, [number, number, number]>,
): void {
  for (const p of points) {
    const f = forecastOf(p);
    if (f === null || p.model === null) continue;
    const originMs = p.actualMs - p.horizonH * HOUR;
    const leadH = (f - originMs) / HOUR;
    const ivs = etaIntervals(errors, p.target, p.model.method, leadH, [0.8, 0.95]);
    if (ivs.length === 0) continue;
    const e = (p.actualMs - f) / 60_000;
    const cell = cells.get(`${p.target} ${leadBucket(leadH)}`) ?? [0, 0, 0];
    cell[0] += e >= ivs[0]!.lowerMin && e <= ivs[0]!.upperMin ? 1 : 0;
    cell[1] += e >= ivs[1]!.lowerMin && e <= ivs[1]!.upperMin ? 1 : 0;
    cell[2]++;
    cells.set(`${p.target} ${leadBucket(leadH)}`, cell);
  }
}

const pct = (k: number, n: number): string => `${Math.round((k / n) * 100)}%`;

describe('shipped forecast calibration', () => {
  it('ETA: the shipped error model is the backtest’s, and covers the test seed’s truth within the band', () => {
    const model = parseEtaCalibration(shipped('eta-error-model.json'));
    expect(model).toEqual(parseEtaCalibration(JSON.parse(JSON.stringify(etaCalibration(inputs)))));
    const lines: string[] = [];
    let inside80 = 0;
    let inside95 = 0;
    let n = 0;
    let blend80 = 0;
    let blend95 = 0;
    let blendN = 0;
    const blend = { weights: model.blend };
    const modelCells = new Map<string, [number, number, number]>();
    const blendCells = new Map<string, [number, number, number]>();
    for (const s of ETA_SCENARIOS) {
      const run = simulatedEtaRun(inputs, ETA_TEST_SEED, s.knobs);
      const points = runEtaBacktest(run, inputs.registry, 'modelled');
      for (const score of scoreEtaBacktest(points, model, blend, model.blendErrors)) {
        const m = score.model;
        const b = score.blend;
        lines.push(
          `${s.name.split(' ')[0]} ${score.target} ${score.horizonH}h: MAE ${Math.round(m.maeMin ?? NaN)} min ` +
            `(n ${m.n}), 80% ${Math.round((m.coverage['0.8'] ?? NaN) * 100)}%, 95% ${Math.round((m.coverage['0.95'] ?? NaN) * 100)}% ` +
            `(n ${m.coverageN}); blend MAE ${Math.round(b.maeMin ?? NaN)} min, 80% ` +
            `${Math.round((b.coverage['0.8'] ?? NaN) * 100)}%, 95% ${Math.round((b.coverage['0.95'] ?? NaN) * 100)}% ` +
            `(n ${b.coverageN} with an own ETA)`,
        );
        inside80 += (m.coverage['0.8'] ?? 0) * m.coverageN;
        inside95 += (m.coverage['0.95'] ?? 0) * m.coverageN;
        n += m.coverageN;
        blend80 += (b.coverage['0.8'] ?? 0) * b.coverageN;
        blend95 += (b.coverage['0.95'] ?? 0) * b.coverageN;
        blendN += b.coverageN;
      }
      const pointOf = (p: EtaBacktestPoint): number | null =>
        p.model === null ? null : p.target === 'pilot' ? p.model.pilotMs : p.model.berthMs;
      coverageByLead(points, pointOf, model, modelCells);
      coverageByLead(
        points.filter((p) => p.ownEtaMs !== null),
        (p) =>
          p.model === null ? null : blendedEta(blend, p.target, p.model, p.ownEtaMs, p.actualMs - p.horizonH * HOUR),
        model.blendErrors,
        blendCells,
      );
    }
    const byLead = [...modelCells.keys()].sort().map((k) => {
      const [m80, m95, mn] = modelCells.get(k)!;
      const [b80, b95, bn] = blendCells.get(k) ?? [0, 0, 0];
      return `${k}: model ${pct(m80, mn)} / ${pct(m95, mn)} (n ${mn}), blend ${pct(b80, bn)} / ${pct(b95, bn)} (n ${bn})`;
    });
    console.log(
      `ETA intervals on seed ${ETA_TEST_SEED} (berth queue modelled, as the route):\n  ${lines.join('\n  ')}\n` +
        `pooled: model 80% ${pct(inside80, n)}, 95% ${pct(inside95, n)} (n ${n}); blend 80% ${pct(blend80, blendN)}, ` +
        `95% ${pct(blend95, blendN)} (n ${blendN})\nper target and lead bucket (80% / 95%):\n  ${byLead.join('\n  ')}`,
    );
    expect(n).toBeGreaterThan(500);
    // Pooled over targets, horizons and both scenarios: with n > 500 one binomial standard deviation is under
    // 2 points; the band allows for the calibration run being another traffic sample.
    expect(inside80 / n).toBeGreaterThan(0.72);
    expect(inside80 / n).toBeLessThan(0.88);
    expect(inside95 / n).toBeGreaterThan(0.89);
    expect(inside95 / n).toBeLessThanOrEqual(0.99);
    // The blend's intervals, calibrated on the blend's own residuals (weights fitted on the same seed-8 run): the
    // same band, but up to 92% at 80%: within 2 h the blend is near exact (the booked pilot time) and the
    // whole-minute widening covers more than 80% there (89% pooled on seed 7).
    expect(blendN).toBeGreaterThan(500);
    expect(blend80 / blendN).toBeGreaterThan(0.72);
    expect(blend80 / blendN).toBeLessThan(0.92);
    expect(blend95 / blendN).toBeGreaterThan(0.89);
    expect(blend95 / blendN).toBeLessThanOrEqual(0.99);
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
    // Every day the route forecasts (1-14) has its own residuals and accuracy.
    expect(file.residuals).toHaveLength(14);
    const surge = file.accuracy.filter((a) => a.scenario.startsWith('surge'));
    expect(surge.map((a) => a.dayAhead)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    for (const a of surge) expect(a.mae).toBeLessThan(a.persistenceMae);
    // 21 origins per day ahead: pooled over the 14 days (294, not independent) the 80% interval covers 75-100%.
    const mean80 = surge.reduce((t, a) => t + a.coverage80, 0) / surge.length;
    expect(mean80).toBeGreaterThan(0.75);
    expect(surge.every((a) => a.coverage95 >= a.coverage80)).toBe(true);
  });
});
