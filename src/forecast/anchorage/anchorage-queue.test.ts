import { describe, expect, it } from 'vitest';
import { anchorageQueueForecast, berthSchedule, type AnchorageInput } from './anchorage-queue.js';
import { HOUR } from '../../domain/time-units.js';

const O = Date.UTC(2021, 9, 1);

describe('anchorage queue forecast', () => {
  // One berth at WBCT, busy until +10 h. A has been at anchor since −5 h and will stay 40 h at berth; B is due
  // at +20 h (alongside 2 h later if a berth were free). At TTI two free berths take C without waiting.
  const input: AnchorageInput = {
    originMs: O,
    anchorToBerthMs: HOUR,
    terminals: [
      { terminal: 'WBCT', berths: 1, occupiedUntilMs: [O + 10 * HOUR] },
      { terminal: 'TTI', berths: 2, occupiedUntilMs: [] },
    ],
    ships: [
      { terminal: 'WBCT', arrivalMs: O + 20 * HOUR, readyMs: O + 22 * HOUR, stayMs: 10 * HOUR },
      { terminal: 'WBCT', arrivalMs: O - 5 * HOUR, readyMs: O + HOUR, stayMs: 40 * HOUR },
      { terminal: 'TTI', arrivalMs: O + 30 * HOUR, readyMs: O + 32 * HOUR, stayMs: 12 * HOUR },
    ],
  };

  it('serves each terminal first come first served and puts at anchor only the ships whose berth is busy', () => {
    const waits = berthSchedule(input).map((w) => [
      w.ship.terminal,
      (w.berthMs - O) / HOUR,
      w.anchored && [(w.anchored.fromMs - O) / HOUR, (w.anchored.toMs - O) / HOUR],
    ]);
    expect(waits).toEqual([
      ['WBCT', 10, [-5, 9]], // A: berth frees at +10 h, weighs anchor an hour before
      ['WBCT', 50, [20, 49]], // B: behind A's 40 h stay
      ['TTI', 32, null],
    ]);
  });

  it('counts the ships at anchor at each day ahead', () => {
    expect(anchorageQueueForecast(input, 3).map((d) => [d.dayAhead, d.ships])).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
    ]);
  });
});
