import { describe, expect, it } from 'vitest';
import { effectiveFreeTime, standingStatement, type LastFreeDayStatement } from './stated-last-free-day.js';

const statement = (key: string, statedAt: string, lastFreeDay: string | null): LastFreeDayStatement => ({
  key,
  statedAt,
  terminal: 'YUSEN',
  lastFreeDay,
  statedBy: 'yti',
  inboxId: `inbox-${key}`,
  line: 2,
  available: true,
  holds: [],
});

const computed = { lastFreeDay: '2026-03-20', demurrageStarts: '2026-03-21', rule: 'USLAX default: 4 business days' };
/** The previous trip's last move (empty return of an earlier visit). */
const PREVIOUS_TRIP_END = '2026-03-01T00:00:00.000Z';

describe('terminal-stated last free day', () => {
  it('should let a terminal statement win over the computed day, with the terminal, time and message', () => {
    const s = statement('a', '2026-03-16T20:00:00.000Z', '2026-03-19');
    expect(effectiveFreeTime(computed, [s], PREVIOUS_TRIP_END)).toEqual({
      lastFreeDay: '2026-03-19',
      demurrageStarts: '2026-03-20',
      source: {
        kind: 'terminal',
        terminal: 'YUSEN',
        statedAt: '2026-03-16T20:00:00.000Z',
        statedBy: 'yti',
        inboxId: 'inbox-a',
        line: 2,
        available: true,
        holds: [],
      },
    });
  });

  it('should keep the computed day, naming its rule, when no terminal stated one', () => {
    expect(effectiveFreeTime(computed, [], PREVIOUS_TRIP_END)).toEqual({
      lastFreeDay: '2026-03-20',
      demurrageStarts: '2026-03-21',
      source: { kind: 'rule', rule: 'USLAX default: 4 business days' },
    });
    expect(effectiveFreeTime(null, [], PREVIOUS_TRIP_END)).toBeNull();
  });

  it('should take the newest statement by stated time, whatever order they arrive in', () => {
    const older = statement('z-older', '2026-03-16T20:00:00.000Z', '2026-03-18');
    const newer = statement('a-newer', '2026-03-17T15:00:00.000Z', '2026-03-23');
    expect(effectiveFreeTime(computed, [older, newer], PREVIOUS_TRIP_END)?.lastFreeDay).toBe('2026-03-23');
    expect(effectiveFreeTime(computed, [newer, older], PREVIOUS_TRIP_END)?.lastFreeDay).toBe('2026-03-23');
  });

  it('should break a tie of stated times by key, so the order of the input does not matter', () => {
    const x = statement('x', '2026-03-16T20:00:00.000Z', '2026-03-18');
    const y = statement('y', '2026-03-16T20:00:00.000Z', '2026-03-19');
    expect(standingStatement([x, y], PREVIOUS_TRIP_END)).toBe(y);
    expect(standingStatement([y, x], PREVIOUS_TRIP_END)).toBe(y);
  });

  it('should fall back to the computed day when the newest statement withdraws the date', () => {
    const stated = statement('a', '2026-03-16T20:00:00.000Z', '2026-03-19');
    const withdrawn = statement('b', '2026-03-17T20:00:00.000Z', null);
    expect(effectiveFreeTime(computed, [stated, withdrawn], PREVIOUS_TRIP_END)?.source).toEqual({
      kind: 'rule',
      rule: computed.rule,
    });
    expect(effectiveFreeTime(null, [stated, withdrawn], PREVIOUS_TRIP_END)).toBeNull();
  });

  it("should ignore statements made up to the previous trip's last move (a previous visit's list)", () => {
    const previousTrip = statement('a', '2026-01-10T20:00:00.000Z', '2026-01-14');
    const atTheEnd = statement('b', PREVIOUS_TRIP_END, '2026-03-02');
    expect(effectiveFreeTime(computed, [previousTrip, atTheEnd], PREVIOUS_TRIP_END)?.lastFreeDay).toBe('2026-03-20');
    expect(effectiveFreeTime(computed, [previousTrip], null)?.lastFreeDay).toBe('2026-01-14');
  });

  it('should state a last free day even where no rule applies (a port without defaults)', () => {
    const s = statement('a', '2026-03-16T20:00:00.000Z', '2026-03-19');
    expect(effectiveFreeTime(null, [s], PREVIOUS_TRIP_END)).toMatchObject({
      lastFreeDay: '2026-03-19',
      source: { kind: 'terminal' },
    });
  });
});
