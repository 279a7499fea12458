import { describe, expect, it } from 'vitest';
import { queuedBerthMs } from '../eta/vessel-eta.js';
import { berthQueueFor } from './berth-queue.js';
import { liveAnchorageInput } from './live-queue-input.js';
import { berthsOf } from './terminal-berths.js';
import { HOUR } from '../../domain/time-units.js';

const O = Date.UTC(2026, 11, 4, 18);

describe('one call’s berth queue from the port’s queue input', () => {
  // MATU (one berth) busy until +30 h; A at anchor since −5 h, B due at +10 h, the call itself listed as due at
  // −1 h (late); stays of 24 h (24.5 h with the gap).
  const input = liveAnchorageInput({
    originMs: O,
    anchored: [{ terminal: 'MATU', imo: '1', sinceMs: O - 5 * HOUR }],
    moored: [{ terminal: 'MATU', berthedMs: O - 20 * HOUR, plannedDepartureMs: O + 30 * HOUR }],
    due: [
      { terminal: 'MATU', imo: '2', etaMs: O + 10 * HOUR },
      { terminal: 'MATU', imo: 'own', etaMs: O - HOUR },
      { terminal: 'TTI', imo: '3', etaMs: O - HOUR },
    ],
    stays: [24, 24, 24].map((h) => ({ terminal: 'MATU', stayMs: h * HOUR })),
    berths: berthsOf,
  });

  it('keeps the ships of the terminal that joined the line earlier, leaving the call itself out', () => {
    const queue = berthQueueFor(input, { terminal: 'MATU', id: 'own', arrivalMs: O + HOUR }, berthsOf)!;
    expect(queue.berths).toBe(1);
    expect(queue.occupiedUntilMs).toEqual([O + 30 * HOUR]);
    expect(queue.ahead).toEqual([{ naturalBerthMs: O + 2 * HOUR, stayMs: 24.5 * HOUR }]);
    // Berth frees at +30 h, A stays 24.5 h: the call berths at +54.5 h.
    expect(queuedBerthMs(O + 3 * HOUR, queue, O)).toBe(O + 54.5 * HOUR);
    // Arriving after B (+10 h), it waits for B too.
    const later = berthQueueFor(input, { terminal: 'MATU', id: 'own', arrivalMs: O + 11 * HOUR }, berthsOf)!;
    expect(later.ahead).toHaveLength(2);
    expect(queuedBerthMs(O + 13 * HOUR, later, O)).toBe(O + 79 * HOUR);
  });

  it('gives a known terminal without facts its free berths, and none for a terminal without a berth count', () => {
    expect(berthQueueFor(input, { terminal: 'APMT', id: null, arrivalMs: O }, berthsOf)).toEqual({
      berths: 4,
      occupiedUntilMs: [],
      ahead: [],
    });
    expect(berthQueueFor(input, { terminal: 'NOWHERE', id: null, arrivalMs: O }, berthsOf)).toBeNull();
  });
});
