/**
 * Emissions of one vessel call from its AIS track (docs/emissions.md "Per-call emissions"): the call's window (arrival
 * in port limits to departure from them, or to the newest position while the call is open) is cut at every reported
 * position and at the call's detected phase changes (anchorage and berth arrival and departure); each piece takes a
 * mode and a speed, and is computed with the IMO GHG4 interval method (`ghg4-interval.ts`), the default because it
 * works per AIS interval with the load-dependent SFC curve and phase-dependent auxiliary and boiler power.
 *
 * Modes (EPA tool simplification of guidance §3.8.5, ref §2.1, with the detector's phases for berth and anchorage):
 *  - `hotelling`: between berth arrival and departure (GHG4 phase `berth`, propulsion off);
 *  - `anchorage`: between anchorage arrival and departure (GHG4 `anchored`, propulsion off);
 *  - `transit`: elsewhere, main-engine load above 0.20 (GHG4 `sea`);
 *  - `manoeuvring`: elsewhere, above 1 kn and load ≤ 0.20 (GHG4 `manoeuvring`);
 *  - elsewhere at ≤ 1 kn (waiting, drifting): `anchorage`, as EPA's "anything else".
 * A piece outside berth and anchorage takes the SOG of the newest position at or before its start (the first
 * position's when none precedes it): the reported speed holds until the next report. Consecutive pieces of the
 * same mode and speed are computed as one interval (the method is linear in hours at constant speed).
 *
 * Shore power: connected hours (≤ hotelling hours) move that share of the hotelling auxiliary energy to the grid
 * (ref §2.5: the boiler keeps running); the auxiliary pollutants of that share are avoided, and the grid's CO2 is
 * `kWh / (1 − loss) · grid factor` (`gridCo2`). The kWh served are the terminal's meter reading when the feed gives
 * one (`meteredKwh`), else that share of the auxiliary energy (auxiliary power × connected hours).
 */
import { computeGhg4Interval, mainEngineLoad } from './ghg4-interval.js';
import type { Ghg4Phase } from './ghg4-factors.js';
import type { Ghg4Ship } from './ghg4-interval-schema.js';
import { addPollutants, type PollutantsG, ZERO_POLLUTANTS } from './pollutants.js';
import { HOUR } from '../domain/time-units.js';

export const CALL_MODES = ['transit', 'manoeuvring', 'anchorage', 'hotelling'] as const;
export type CallMode = (typeof CALL_MODES)[number];

/** EPA: above this propeller-law load a moving ship is in transit, at or below it manoeuvring (ref §2.1). */
export const TRANSIT_MIN_LOAD = 0.2;
/** EPA: at or below this speed outside berth and anchorage a ship counts as at anchor (waiting). */
export const MOVING_MIN_SOG_KN = 1;

const GHG4_PHASE: Readonly<Record<CallMode, Ghg4Phase>> = {
  transit: 'sea',
  manoeuvring: 'manoeuvring',
  anchorage: 'anchored',
  hotelling: 'berth',
};

export interface TimeWindow {
  /** ISO instants; `to` ≥ `from`. */
  readonly from: string;
  readonly to: string;
}

export interface CallEmissionsInput {
  readonly ship: Ghg4Ship;
  /** The call's window: arrival in port limits (or first phase) to departure from them (or the newest position). */
  readonly window: TimeWindow;
  readonly anchorage: TimeWindow | null;
  readonly berth: TimeWindow | null;
  /** AIS positions (any order); those outside the window are ignored. */
  readonly track: readonly { readonly at: string; readonly sogKn: number | null }[];
  readonly shorePower: {
    /** Hours on shore power; capped at the hotelling hours. */
    readonly connectedHours: number;
    readonly gridLossPct: number;
    /**
     * Energy the terminal's meter served over the connected hours (`csv-shore-power`); absent or null: estimated
     * as the hotelling auxiliary power times the connected hours.
     */
    readonly meteredKwh?: number | null | undefined;
  };
}

export interface CallModeResult {
  readonly mode: CallMode;
  readonly hours: number;
  /** Intervals after merging equal consecutive ones. */
  readonly intervals: number;
  /** Σ SOG · hours. */
  readonly distanceNm: number;
  /** Main-engine energy / (MCR · hours); 0 when no hours. */
  readonly meanMainEngineLoad: number;
  readonly energyKwh: { readonly main: number; readonly auxiliary: number; readonly boiler: number };
  readonly fuelG: { readonly main: number; readonly auxiliary: number; readonly boiler: number };
  readonly fuelTotalG: number;
  /** Ship emissions of the mode (hotelling: after shore power). */
  readonly pollutants: PollutantsG;
}

export interface CallShorePowerResult {
  readonly connectedHours: number;
  /** Energy served from shore at the ship, kWh. */
  readonly shorePowerKwh: number;
  /** `feed`: metered by the terminal; `estimated`: auxiliary power × connected hours; `none`: not connected. */
  readonly kwhSource: 'feed' | 'estimated' | 'none';
  /** Energy drawn from the grid: `shorePowerKwh / (1 − loss)`; its CO2 is `gridCo2(gridKwh, factor)`. */
  readonly gridKwh: number;
  readonly gridLossPct: number;
  /** Ship (auxiliary-engine) emissions avoided. */
  readonly avoided: PollutantsG;
}

/**
 * The grid side of shore power: CO2 of the grid energy at a grid factor, and the net reduction (avoided ship CO2 −
 * grid CO2). Kept apart from the per-call computation so a change of the configured grid factor applies to every
 * answer at once, without recomputing the calls.
 */
export function gridCo2(
  gridKwh: number,
  avoidedCo2G: number,
  gridCo2GPerKwh: number,
): { readonly gridCo2GPerKwh: number; readonly gridCo2G: number; readonly netCo2ReductionG: number } {
  const gridCo2G = gridKwh * gridCo2GPerKwh;
  return { gridCo2GPerKwh, gridCo2G, netCo2ReductionG: avoidedCo2G - gridCo2G };
}

export interface CallEmissionsResult {
  readonly method: 'ghg4-interval';
  readonly hours: number;
  /** Positions inside the window that were used. */
  readonly positionsUsed: number;
  readonly modes: readonly CallModeResult[];
  readonly shorePower: CallShorePowerResult;
  readonly fuelG: number;
  /** The ship's emissions over the call, shore power applied. */
  readonly pollutants: PollutantsG;
}

function inside(t: number, w: TimeWindow | null): boolean {
  return w !== null && t >= Date.parse(w.from) && t < Date.parse(w.to);
}

interface Piece {
  readonly mode: CallMode;
  readonly sogKn: number;
  readonly hours: number;
}

/** The call cut into pieces of one mode and speed (equal neighbours merged). Exported for the tests. */
export function splitCall(input: Omit<CallEmissionsInput, 'shorePower'>): { pieces: Piece[]; positionsUsed: number } {
  const start = Date.parse(input.window.from);
  const end = Date.parse(input.window.to);
  const points = input.track
    .map((p) => ({ t: Date.parse(p.at), sog: p.sogKn }))
    .filter((p) => Number.isFinite(p.t) && p.t >= start && p.t <= end)
    .sort((a, b) => a.t - b.t);
  const cuts = new Set<number>([start, end]);
  for (const p of points) cuts.add(p.t);
  for (const w of [input.anchorage, input.berth]) {
    if (!w) continue;
    for (const t of [Date.parse(w.from), Date.parse(w.to)]) if (t > start && t < end) cuts.add(t);
  }
  const instants = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  let p = -1;
  for (let i = 0; i + 1 < instants.length; i++) {
    const t0 = instants[i]!;
    const t1 = instants[i + 1]!;
    if (t1 <= t0) continue;
    while (p + 1 < points.length && points[p + 1]!.t <= t0) p++;
    let mode: CallMode;
    let sogKn = 0;
    if (inside(t0, input.berth)) mode = 'hotelling';
    else if (inside(t0, input.anchorage)) mode = 'anchorage';
    else {
      sogKn = (p >= 0 ? points[p]!.sog : points[0]?.sog) ?? 0;
      const load = mainEngineLoad(input.ship, { speedOverGroundKn: sogKn }).load;
      if (load > TRANSIT_MIN_LOAD) mode = 'transit';
      else if (sogKn > MOVING_MIN_SOG_KN) mode = 'manoeuvring';
      else {
        mode = 'anchorage';
        sogKn = 0;
      }
    }
    const hours = (t1 - t0) / HOUR;
    const last = pieces.at(-1);
    if (last && last.mode === mode && last.sogKn === sogKn) {
      pieces[pieces.length - 1] = { ...last, hours: last.hours + hours };
    } else pieces.push({ mode, sogKn, hours });
  }
  return { pieces, positionsUsed: points.length };
}

interface ModeSums {
  hours: number;
  intervals: number;
  distanceNm: number;
  energy: { main: number; auxiliary: number; boiler: number };
  fuel: { main: number; auxiliary: number; boiler: number };
  pollutants: PollutantsG;
  auxPollutants: PollutantsG;
}

const emptySums = (): ModeSums => ({
  hours: 0,
  intervals: 0,
  distanceNm: 0,
  energy: { main: 0, auxiliary: 0, boiler: 0 },
  fuel: { main: 0, auxiliary: 0, boiler: 0 },
  pollutants: ZERO_POLLUTANTS,
  auxPollutants: ZERO_POLLUTANTS,
});

function scale(p: PollutantsG, k: number): PollutantsG {
  const out = { ...p };
  for (const key of Object.keys(out) as (keyof PollutantsG)[]) out[key] = p[key] * k;
  return out;
}

export function computeCallEmissions(input: CallEmissionsInput): CallEmissionsResult {
  const { pieces, positionsUsed } = splitCall(input);
  const sums = new Map<CallMode, ModeSums>(CALL_MODES.map((m) => [m, emptySums()]));
  for (const piece of pieces) {
    const r = computeGhg4Interval(input.ship, {
      hours: piece.hours,
      speedOverGroundKn: piece.sogKn,
      phase: GHG4_PHASE[piece.mode],
    });
    const s = sums.get(piece.mode)!;
    s.hours += piece.hours;
    s.intervals += 1;
    s.distanceNm += piece.sogKn * piece.hours;
    for (const g of r.groups) {
      s.energy[g.group] += g.energyKwh;
      s.fuel[g.group] += g.fuelG;
      if (g.group === 'auxiliary') s.auxPollutants = addPollutants(s.auxPollutants, g.pollutants);
    }
    s.pollutants = addPollutants(s.pollutants, r.pollutants);
  }
  const hotel = sums.get('hotelling')!;
  const connectedHours = Math.min(Math.max(0, input.shorePower.connectedHours), hotel.hours);
  const share = hotel.hours > 0 ? connectedHours / hotel.hours : 0;
  const avoided = scale(hotel.auxPollutants, share);
  const auxKwhOnShore = hotel.energy.auxiliary * share;
  const metered = input.shorePower.meteredKwh;
  const kwhSource =
    connectedHours <= 0 ? 'none' : metered !== null && metered !== undefined && metered >= 0 ? 'feed' : 'estimated';
  const shorePowerKwh = kwhSource === 'feed' ? metered! : auxKwhOnShore;
  const gridKwh = shorePowerKwh / (1 - input.shorePower.gridLossPct / 100);
  const avoidedFuelG = hotel.fuel.auxiliary * share;
  const modes: CallModeResult[] = CALL_MODES.map((mode) => {
    const s = sums.get(mode)!;
    const hotelling = mode === 'hotelling';
    const fuel = hotelling ? { ...s.fuel, auxiliary: s.fuel.auxiliary - avoidedFuelG } : s.fuel;
    const energy = hotelling ? { ...s.energy, auxiliary: s.energy.auxiliary - auxKwhOnShore } : s.energy;
    return {
      mode,
      hours: s.hours,
      intervals: s.intervals,
      distanceNm: s.distanceNm,
      meanMainEngineLoad: s.hours > 0 ? s.energy.main / (input.ship.mainEngineMcrKw * s.hours) : 0,
      energyKwh: energy,
      fuelG: fuel,
      fuelTotalG: fuel.main + fuel.auxiliary + fuel.boiler,
      pollutants: hotelling ? addPollutants(s.pollutants, scale(avoided, -1)) : s.pollutants,
    };
  });
  return {
    method: 'ghg4-interval',
    hours: modes.reduce((a, m) => a + m.hours, 0),
    positionsUsed,
    modes,
    shorePower: {
      connectedHours,
      shorePowerKwh,
      kwhSource,
      gridKwh,
      gridLossPct: input.shorePower.gridLossPct,
      avoided,
    },
    fuelG: modes.reduce((a, m) => a + m.fuelTotalG, 0),
    pollutants: modes.reduce((a, m) => addPollutants(a, m.pollutants), ZERO_POLLUTANTS),
  };
}
