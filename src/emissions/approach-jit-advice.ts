/**
 * Live just-in-time advice for a vessel still approaching (issue 15; docs/emissions.md "Just-in-time arrival"). The
 * ship is `D` nm from the pilot station, sailing at `vc` kn; its berth window needs it at the pilot station at
 * `pilotStationAtMs`. Continuing at `vc` it arrives after `t = D / vc` h and, if that is before the window, waits at
 * anchor `W = H − t` h (`H`: hours from now to the window). The advice is the speed that arrives as the window
 * opens, `D / H`, costed against continuing with `jitAdvice` (jit-arrival.ts) over the same span `t + W`: the same
 * question as after the fact, asked from the ship's present position and speed instead of its past track.
 *
 * Held by construction (and property-tested): the advised speed is never above the current one (a late ship is
 * not told to race: there is nothing to save by arriving earlier, and the answer says how late it runs); the
 * saving is never negative; the advised arrival is never after the window when continuing would have waited for it.
 * The speed is held at no less than the minimum (10 kn by default), so a ship far too early still waits a little.
 */
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import { jitAdvice, type JitPlan } from './jit-arrival.js';
import { HOUR } from '../domain/time-units.js';

export interface ApproachJitInput {
  readonly ship: Ghg4Ship;
  /** Distance still to sail to the pilot station, nautical miles (> 0). */
  readonly distanceNm: number;
  /** Speed the ship is making now, knots (> 0). */
  readonly currentSpeedKn: number;
  /** The instant of the position the advice is given from, epoch ms. */
  readonly nowMs: number;
  /** When the berth window needs the ship at the pilot station, epoch ms. */
  readonly pilotStationAtMs: number;
  readonly minSpeedKn?: number | undefined;
}

export interface ApproachJitAdvice {
  /** Hours from now until the window needs the ship at the pilot station (negative: already past). */
  readonly hoursToWindow: number;
  readonly currentSpeedKn: number;
  readonly advisedSpeedKn: number;
  /** Arrival at the pilot station continuing at the current speed, and at the advised one, epoch ms. */
  readonly arrivalAtCurrentMs: number;
  readonly advisedArrivalMs: number;
  /** Hours at anchor before the window when continuing at the current speed. */
  readonly waitAtCurrentHours: number;
  /** Hours still at anchor under the advice (the minimum speed held it up). */
  readonly remainingWaitHours: number;
  /** Hours after the window the ship reaches the pilot station at its current speed; 0 when on time or early. */
  readonly lateHours: number;
  readonly continuing: JitPlan;
  readonly advised: JitPlan;
  readonly fuelSavedT: number;
  readonly co2SavedT: number;
  readonly co2SavedPct: number;
}

export function approachJitAdvice(input: ApproachJitInput): ApproachJitAdvice {
  const { distanceNm, currentSpeedKn, nowMs, pilotStationAtMs } = input;
  const hoursToWindow = (pilotStationAtMs - nowMs) / HOUR;
  const sailingHours = distanceNm / currentSpeedKn;
  const waitAtCurrentHours = Math.max(0, hoursToWindow - sailingHours);
  const advice = jitAdvice({
    ship: input.ship,
    approachNm: distanceNm,
    approachHours: sailingHours,
    waitingHours: waitAtCurrentHours,
    minSpeedKn: input.minSpeedKn,
  });
  // D / (D / vc) is vc up to rounding; the advice is never above the current speed.
  const advisedSpeedKn = Math.min(currentSpeedKn, advice.advisedSpeedKn);
  const arrivalAtCurrentMs = nowMs + sailingHours * HOUR;
  const rawAdvisedMs = nowMs + (distanceNm / advisedSpeedKn) * HOUR;
  // D / (D / H) is H up to rounding: an advice that uses the whole wait arrives exactly as the window opens.
  const advisedArrivalMs = waitAtCurrentHours > 0 ? Math.min(pilotStationAtMs, rawAdvisedMs) : rawAdvisedMs;
  return {
    hoursToWindow,
    currentSpeedKn,
    advisedSpeedKn,
    arrivalAtCurrentMs,
    advisedArrivalMs,
    waitAtCurrentHours,
    remainingWaitHours: advice.remainingWaitHours,
    lateHours: Math.max(0, sailingHours - hoursToWindow),
    continuing: advice.actual,
    advised: advice.advised,
    fuelSavedT: advice.fuelSavedT,
    co2SavedT: advice.co2SavedT,
    co2SavedPct: advice.co2SavedPct,
  };
}
