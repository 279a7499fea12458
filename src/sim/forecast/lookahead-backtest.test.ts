import { beforeAll, describe, expect, it } from 'vitest';
import { loadSimInputs } from '../io/load-sim-inputs.js';
import type { PortModelInputs } from '../port-model.js';
import { terminalLookahead } from '../../forecast/terminal-lookahead.js';
import { lookaheadBacktest, relativeErrors, scoreLookahead } from './lookahead-backtest.js';
import { simulatedEtaRun } from './eta-study.js';

let inputs: PortModelInputs;
beforeAll(() => {
  inputs = loadSimInputs();
});

describe('per-terminal weekly TEU look-ahead', () => {
  it('sums announced counts, else the service mean, else the terminal mean, into the week of arrival', () => {
    const o = Date.UTC(2018, 2, 5);
    const history = [
      { terminal: 'WBCT', serviceId: 'A', dischargeTeu: 1000, loadTeu: 400 },
      { terminal: 'WBCT', serviceId: 'A', dischargeTeu: 2000, loadTeu: 600 },
      { terminal: 'WBCT', serviceId: 'B', dischargeTeu: 3000, loadTeu: 1400 },
    ];
    const day = 86_400_000;
    const weeks = terminalLookahead(
      history,
      [
        { terminal: 'WBCT', serviceId: 'A', scheduledArrivalMs: o + day, known: { dischargeTeu: 10, loadTeu: 20 } },
        { terminal: 'WBCT', serviceId: 'A', scheduledArrivalMs: o + 8 * day, known: null },
        { terminal: 'WBCT', serviceId: 'C', scheduledArrivalMs: o + 9 * day, known: null },
      ],
      o,
      3,
    );
    expect(weeks.map((w) => [w.weekAhead, w.importTeu, w.exportTeu, w.calls])).toEqual([
      [1, 10, 20, 1],
      [2, 1500 + 2000, 500 + 800, 2],
      [3, 0, 0, 0],
    ]);
  });

  it('beats the naive baselines on simulated truth; its intervals cover about as promised', () => {
    const cal = simulatedEtaRun(inputs, 8, {}, 70);
    const test = simulatedEtaRun(inputs, 7, {}, 70);
    const calibration = relativeErrors(lookaheadBacktest(cal.calls, cal.startMs, cal.endMs));
    const scores = scoreLookahead(lookaheadBacktest(test.calls, test.startMs, test.endMs), calibration);
    expect(scores).toHaveLength(3);
    for (const s of scores) {
      expect(s.n).toBeGreaterThan(100);
      expect(s.mae).toBeLessThan(s.naiveMae);
      expect(s.mae).toBeLessThan(s.mean4Mae);
      // n = 120 per week ahead: one binomial standard deviation at 80% is 3.7 points (week 1 covers 64%).
      expect(s.coverage80!).toBeGreaterThan(0.6);
      expect(s.coverage80!).toBeLessThan(0.95);
      expect(s.coverage95!).toBeGreaterThan(0.85);
    }
    const mean80 = scores.reduce((a, s) => a + s.coverage80!, 0) / scores.length;
    expect(mean80).toBeGreaterThan(0.68);
  });
});
