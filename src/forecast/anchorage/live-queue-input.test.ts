import { describe, expect, it } from 'vitest';
import { anchorageQueueForecast, queueIntervals } from './anchorage-queue.js';
import { DEFAULT_STAY_MS, expectedStayMs, liveAnchorageInput, type LiveQueueFacts } from './live-queue-input.js';
import { berthsOf } from './terminal-berths.js';
import { HOUR } from '../../domain/time-units.js';

const O = Date.UTC(2026, 11, 4, 18);

describe('anchorage queue input from the read models', () => {
  // MATU has one berth, busy until +30 h (planned departure). A is at anchor since −5 h; B is due at +10 h.
  // MATU's last three calls stayed 24 h each: each call holds the berth 24.5 h (the turnaround gap).
  const facts: LiveQueueFacts = {
    originMs: O,
    anchored: [
      { terminal: 'MATU', sinceMs: O - 5 * HOUR },
      { terminal: 'NOWHERE', sinceMs: O - 50 * HOUR },
    ],
    moored: [{ terminal: 'MATU', berthedMs: O - 20 * HOUR, plannedDepartureMs: O + 30 * HOUR }],
    due: [{ terminal: 'MATU', etaMs: O + 10 * HOUR }],
    stays: [24, 24, 24, 10].map((h, i) => ({ terminal: i < 3 ? 'MATU' : 'TTI', stayMs: h * HOUR })),
    berths: berthsOf,
  };

  it('queues the ships at anchor and due behind the moored ones, leaving out terminals without a berth count', () => {
    const input = liveAnchorageInput(facts);
    expect(input.terminals).toEqual([{ terminal: 'MATU', berths: 1, occupiedUntilMs: [O + 30 * HOUR] }]);
    expect(
      input.ships.map((s) => [s.terminal, (s.arrivalMs - O) / HOUR, (s.readyMs - O) / HOUR, s.stayMs / HOUR]),
    ).toEqual([
      ['MATU', -5, 2, 24.5],
      ['MATU', 10, 12, 24.5],
    ]);
    // A waits until the berth frees at +30 h, B until A has left (+54.5 h): 2 ships a day out, 1 at two days, none at three.
    expect(anchorageQueueForecast(input, 3).map((d) => d.ships)).toEqual([2, 1, 0]);
  });

  it('expects the stay of the terminal, else of the port, else the assumed default', () => {
    expect(expectedStayMs(facts.stays, 'MATU')).toBe(24.5 * HOUR);
    expect(expectedStayMs(facts.stays, 'TTI')).toBe(24.5 * HOUR); // one TTI stay only: the port median (24 h)
    expect(expectedStayMs([], 'TTI')).toBe(DEFAULT_STAY_MS + HOUR / 2);
  });

  it('frees a berth whose planned departure has passed after the expected stay, not before the origin', () => {
    const late = liveAnchorageInput({
      ...facts,
      anchored: [],
      due: [],
      moored: [
        { terminal: 'MATU', berthedMs: O - 10 * HOUR, plannedDepartureMs: O - HOUR },
        { terminal: 'TTI', berthedMs: O - 100 * HOUR, plannedDepartureMs: null },
      ],
    });
    expect(late.terminals.map((t) => [t.terminal, t.occupiedUntilMs.map((v) => (v - O) / HOUR)])).toEqual([
      ['MATU', [14.5]],
      ['TTI', [0]],
    ]);
  });

  it('puts split-conformal intervals around a forecast, floored at no ships', () => {
    const residuals = [-3, -1, 0, 0, 1, 2, 4];
    // 10% quantile −1.8 (floored: 1 − 1.8 < 0), 90% quantile 2.8.
    const [iv] = queueIntervals(1, residuals, [0.8]);
    expect(iv!.lower).toBe(0);
    expect(iv!.upper).toBeCloseTo(3.8, 9);
    expect(queueIntervals(1, [], [0.8])).toEqual([]);
  });
});
