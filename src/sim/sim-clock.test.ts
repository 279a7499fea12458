import { describe, expect, it } from 'vitest';
import { anchoredAtNow, nextWindow, simulatedAt, wallMsUntil, type LiveClockPlan } from './sim-clock.js';

const H = 3_600_000;
const WALL = Date.parse('2026-12-03T10:00:30Z');

describe('simulated clock', () => {
  const plan: LiveClockPlan = { simStartMs: 0, simEndMs: 10 * H, anchorSimMs: 0, wallStartMs: WALL, speed: 60 };

  it('should run speed × the wall time elapsed, from the anchor, never past the end', () => {
    expect(simulatedAt(plan, WALL)).toBe(0);
    expect(simulatedAt(plan, WALL + 60_000)).toBe(H); // a wall minute is a simulated hour at ×60
    expect(simulatedAt({ ...plan, speed: 1 }, WALL + 5_000)).toBe(5_000);
    expect(simulatedAt(plan, WALL + 3_600_000)).toBe(10 * H);
    expect(simulatedAt(plan, WALL - 1_000)).toBe(0);
  });

  it('should make the whole run due at once in the as-fast-as-possible mode', () => {
    expect(simulatedAt({ ...plan, speed: 'max' }, WALL)).toBe(10 * H);
    expect(wallMsUntil({ ...plan, speed: 'max' }, 5 * H, WALL)).toBe(0);
  });

  it('should say how long until an instant is due', () => {
    expect(wallMsUntil(plan, H, WALL)).toBe(60_000);
    expect(wallMsUntil(plan, H, WALL + 90_000)).toBe(0);
  });

  it('should cut what is due into adjacent windows no longer than the cap', () => {
    expect(nextWindow(0, 0, 1000)).toBeNull();
    expect(nextWindow(0, 2500, 1000)).toEqual({ fromMs: 0, toMs: 1000 });
    expect(nextWindow(1000, 1500, 1000)).toEqual({ fromMs: 1000, toMs: 1500 });
  });

  it('should anchor serve at the wall clock: the backfill is behind now and due at once, then real time', () => {
    const live = anchoredAtNow(WALL, 3 * H, 30, 1);
    expect(new Date(live.anchorSimMs).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(new Date(live.simStartMs).toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(live.simEndMs - live.simStartMs).toBe(30 * 24 * H);
    // At the start the three backfill hours are due; ten seconds later ten more seconds.
    expect(simulatedAt(live, WALL) - live.simStartMs).toBe(3 * H);
    expect(simulatedAt(live, WALL + 10_000) - live.anchorSimMs).toBe(10_000);
  });
});
