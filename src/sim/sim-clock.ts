/**
 * The simulated clock of a live run (`openpcs sim --live`, the simulator inside `serve`): simulated time =
 * anchor + speed × wall time elapsed since the wall-clock start. A run may begin before its anchor (the
 * backfill of `serve`: the last hours are sent as fast as the product takes them, then the run follows the
 * anchored line); `speed: 'max'` is the as-fast-as-possible mode (the whole run is due at once). Pure: the
 * wall-clock instants are arguments.
 */
import { MINUTE } from '../domain/time-units.js';

export interface LiveClockPlan {
  /** First simulated instant of the run (ms since the epoch). */
  readonly simStartMs: number;
  /** End of the run (exclusive). */
  readonly simEndMs: number;
  /** Simulated instant that corresponds to `wallStartMs` (≥ simStartMs; the difference is the backfill). */
  readonly anchorSimMs: number;
  /** Wall-clock instant the run started. */
  readonly wallStartMs: number;
  /** Simulated seconds per wall-clock second (1 = real time), or `max`: as fast as possible. */
  readonly speed: number | 'max';
}

/** The simulated instant up to which the run is due at wall-clock `wallMs` (never past its end). */
export function simulatedAt(plan: LiveClockPlan, wallMs: number): number {
  if (plan.speed === 'max') return plan.simEndMs;
  const elapsed = Math.max(0, wallMs - plan.wallStartMs);
  return Math.min(plan.simEndMs, plan.anchorSimMs + plan.speed * elapsed);
}

/**
 * The next window to send, `[cursor, to)`, no longer than `maxWindowMs` (a backfill goes out in steps, so the
 * product's backpressure paces it), or null when nothing is due yet.
 */
export function nextWindow(
  cursorMs: number,
  dueMs: number,
  maxWindowMs: number,
): { fromMs: number; toMs: number } | null {
  if (dueMs <= cursorMs) return null;
  return { fromMs: cursorMs, toMs: Math.min(dueMs, cursorMs + maxWindowMs) };
}

/** Wall-clock ms until simulated instant `simMs` is due (0 when it is already; Infinity if it never will be). */
export function wallMsUntil(plan: LiveClockPlan, simMs: number, wallMs: number): number {
  if (plan.speed === 'max') return 0;
  const dueAtWall = plan.wallStartMs + (simMs - plan.anchorSimMs) / plan.speed;
  return Math.max(0, dueAtWall - wallMs);
}

/**
 * The plan of the simulator inside `serve`: anchored at the wall clock (whole minute), so what a newcomer sees
 * is now; it starts `backfillMs` earlier (sent as fast as the product takes it), then runs at `speed`.
 */
export function anchoredAtNow(wallNowMs: number, backfillMs: number, days: number, speed: number): LiveClockPlan {
  const anchorSimMs = Math.floor(wallNowMs / MINUTE) * MINUTE;
  const simStartMs = anchorSimMs - Math.ceil(backfillMs / MINUTE) * MINUTE;
  return { simStartMs, simEndMs: simStartMs + days * 86_400_000, anchorSimMs, wallStartMs: wallNowMs, speed };
}
