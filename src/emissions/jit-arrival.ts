/**
 * Just-in-time arrival advice (issue 15; docs/emissions.md "Just-in-time arrival"). A ship that raced to the
 * anchorage and waited there for its berth window could instead have sailed the same approach slower and arrived at
 * the pilot station when its window opened. For one call:
 *
 * - the approach: the distance `D` (nm) and time `t` (h) the ship took over the stretch of its AIS track before it
 *   anchored; the wait: `W` hours at anchor until it weighed for the berth (the berth window it waited for);
 * - advised speed `v = D / (t + W)`, not below `minSpeedKn` (then it still waits the rest) and never above the
 *   actual mean speed `D / t`;
 * - fuel and emissions of both plans over the same span `t + W` with the IMO GHG4 interval method (propeller law,
 *   SFC curve, auxiliary and boiler power by phase): actual = approach at `D/t` for `t` h + anchored `W` h; advised =
 *   approach at `v` for `D/v` h + anchored for what is left. Savings = actual − advised.
 *
 * The saving is never negative: main-engine fuel over a fixed distance, `∝ v² · SFC(load)`, grows with speed for
 * every load of the GHG4 SFC curve, and Table 17 anchored auxiliary + boiler power is above the at-sea one for every
 * container size, so each hour moved from anchor to slow steaming does not cost fuel.
 */
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import { computeGhg4Interval, type Ghg4IntervalResult } from './ghg4-interval.js';
import { addPollutants, ZERO_POLLUTANTS, type PollutantsG } from './pollutants.js';

/** Slowest advised speed unless the caller says otherwise: 10 kn keeps a large container ship steerable in the approach. */
export const DEFAULT_JIT_MIN_SPEED_KN = 10;

export interface JitInput {
  readonly ship: Ghg4Ship;
  /** Distance sailed over the approach before anchoring, nautical miles. */
  readonly approachNm: number;
  /** Time taken over it, hours. */
  readonly approachHours: number;
  /** Time at anchor before weighing for the berth, hours. */
  readonly waitingHours: number;
  readonly minSpeedKn?: number | undefined;
}

export type JitPlan = {
  readonly speedKn: number;
  readonly approachHours: number;
  readonly anchoredHours: number;
  readonly fuelT: number;
  readonly co2T: number;
  readonly pollutantsG: PollutantsG;
  readonly mainEngineLoad: number;
};

export type JitAdvice = {
  readonly approachNm: number;
  readonly waitingHours: number;
  readonly actualSpeedKn: number;
  readonly advisedSpeedKn: number;
  /** Hours the ship would still wait at anchor under the advice (the minimum speed held it up). */
  readonly remainingWaitHours: number;
  readonly actual: JitPlan;
  readonly advised: JitPlan;
  readonly fuelSavedT: number;
  readonly co2SavedT: number;
  readonly co2SavedPct: number;
};

function plan(ship: Ghg4Ship, approachNm: number, speedKn: number, anchoredHours: number): JitPlan {
  const approachHours = speedKn > 0 ? approachNm / speedKn : 0;
  const legs: Ghg4IntervalResult[] = [];
  if (approachHours > 0) {
    legs.push(computeGhg4Interval(ship, { hours: approachHours, speedOverGroundKn: speedKn, phase: 'sea' }));
  }
  if (anchoredHours > 0) {
    legs.push(computeGhg4Interval(ship, { hours: anchoredHours, speedOverGroundKn: 0, phase: 'anchored' }));
  }
  const pollutantsG = legs.reduce((s, l) => addPollutants(s, l.pollutants), ZERO_POLLUTANTS);
  return {
    speedKn,
    approachHours,
    anchoredHours,
    fuelT: legs.reduce((s, l) => s + l.fuelG, 0) / 1e6,
    co2T: pollutantsG.co2G / 1e6,
    pollutantsG,
    mainEngineLoad: legs[0]?.mainEngine.load ?? 0,
  };
}

export function jitAdvice(input: JitInput): JitAdvice {
  const { ship, approachNm, approachHours } = input;
  const waitingHours = Math.max(0, input.waitingHours);
  const actualSpeedKn = approachHours > 0 ? approachNm / approachHours : 0;
  const span = approachHours + waitingHours;
  const ideal = span > 0 ? approachNm / span : 0;
  const floor = Math.min(input.minSpeedKn ?? DEFAULT_JIT_MIN_SPEED_KN, actualSpeedKn);
  const advisedSpeedKn = Math.min(actualSpeedKn, Math.max(ideal, floor));
  const advisedApproachH = advisedSpeedKn > 0 ? approachNm / advisedSpeedKn : 0;
  const remainingWaitHours = Math.max(0, span - advisedApproachH);
  const actual = plan(ship, approachNm, actualSpeedKn, waitingHours);
  const advised = plan(ship, approachNm, advisedSpeedKn, remainingWaitHours);
  // Floating-point noise aside, the saving is ≥ 0 (module comment); a -1e-12 t is reported as 0.
  const fuelSavedT = Math.max(0, actual.fuelT - advised.fuelT);
  const co2SavedT = Math.max(0, actual.co2T - advised.co2T);
  return {
    approachNm,
    waitingHours,
    actualSpeedKn,
    advisedSpeedKn,
    remainingWaitHours,
    actual,
    advised,
    fuelSavedT,
    co2SavedT,
    co2SavedPct: actual.co2T > 0 ? (100 * co2SavedT) / actual.co2T : 0,
  };
}
