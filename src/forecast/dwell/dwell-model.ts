/**
 * Expected import dwell (discharge → out-gate or train), per terminal and per container given its open holds
 * and the time it has already spent in the yard (issue 16). Empirical conditional distribution with a fallback
 * hierarchy, fitted on the boxes that **left** the terminal in the `windowDays` before the origin (a departure
 * cohort: in steady state its dwell distribution is that of all boxes, and it contains no box still in the yard,
 * whose dwell is unknown).
 *
 * Holds change while a box waits, so each training box is filed at every elapsed-time step of `ELAPSED_STEPS_H`
 * it outlived, under the holds open at that moment: a box that had a customs hold released on day 2 counts as
 * "customs" at 0 h and 24 h and as "none" at 48 h. A forecast for a box in its yard since e hours with holds
 * H open now uses the step s ≤ e, group (terminal, H, s), the durations longer than e; a group with fewer than
 * `minGroup` such durations falls back to (all terminals, H, s), then (terminal, any holds, s), then (all
 * terminals, any holds, s). Pure.
 */
import {
  countAbove,
  durationForecastAbove,
  groupDurations,
  type DurationForecast,
  type DurationSample,
} from '../duration-sample.js';
import { holdClassAt, type DwellFact, type HoldClass } from './dwell-facts.js';
import { HOUR, DAY } from '../../domain/time-units.js';

/** Elapsed-time steps (hours in the yard) at which a box's open holds are read. */
export const ELAPSED_STEPS_H: readonly number[] = [0, 12, 24, 48, 72, 120, 168];

export interface DwellModelOptions {
  /** Departure cohort: boxes that left in [origin − windowDays, origin). */
  readonly windowDays: number;
  /** Fewest durations a group needs before the next level of the hierarchy is used. */
  readonly minGroup: number;
  readonly levels: readonly number[];
}

export const DWELL_MODEL: DwellModelOptions = Object.freeze({ windowDays: 28, minGroup: 30, levels: [0.8, 0.95] });

export type DwellGroupLevel = 'terminal+holds' | 'port+holds' | 'terminal' | 'port';

export interface DwellModel {
  readonly originMs: number;
  readonly options: DwellModelOptions;
  /** Boxes in the departure cohort. */
  readonly n: number;
  /** Newest departure used (the as-of of the model), null when none. */
  readonly newestLeftMs: number | null;
  /** key → dwell hours. */
  readonly groups: ReadonlyMap<string, DurationSample>;
}

export interface DwellQuery {
  readonly terminal: string;
  /** Hours the box has spent in the yard at the origin (0 for a box discharged now). */
  readonly elapsedH: number;
  readonly holds: HoldClass;
}

export interface DwellPrediction extends DurationForecast {
  readonly level: DwellGroupLevel;
}

const key = (terminal: string, holds: HoldClass | '*', step: number): string => `${terminal}|${holds}|${step}`;

function stepOf(elapsedH: number): number {
  let s = ELAPSED_STEPS_H[0]!;
  for (const v of ELAPSED_STEPS_H) if (v <= elapsedH) s = v;
  return s;
}

/** Fits the model on what is known at the origin (pass `dwellFactsAt(facts, originMs)`). */
export function fitDwellModel(
  known: readonly DwellFact[],
  originMs: number,
  options: DwellModelOptions = DWELL_MODEL,
): DwellModel {
  const fitted = groupDurations(
    known,
    originMs - options.windowDays * DAY,
    originMs,
    (f) => f.leftMs,
    (f, leftMs) => {
      const dwellH = (leftMs - f.dischargedMs) / HOUR;
      const entries: (readonly [string, number])[] = [];
      for (const s of ELAPSED_STEPS_H) {
        if (s > 0 && dwellH <= s) break;
        const holds = holdClassAt(f.holds, f.dischargedMs + s * HOUR);
        entries.push(
          [key(f.terminal, holds, s), dwellH],
          [key('*', holds, s), dwellH],
          [key(f.terminal, '*', s), dwellH],
          [key('*', '*', s), dwellH],
        );
      }
      return entries;
    },
  );
  return { originMs, options, n: fitted.n, newestLeftMs: fitted.newestEndMs, groups: fitted.groups };
}

/** Total dwell (hours from discharge) of a box; null when the model has no departure to learn from. */
export function predictDwell(model: DwellModel, q: DwellQuery): DwellPrediction | null {
  const s = stepOf(q.elapsedH);
  const tries: [DwellGroupLevel, string][] = [
    ['terminal+holds', key(q.terminal, q.holds, s)],
    ['port+holds', key('*', q.holds, s)],
    ['terminal', key(q.terminal, '*', s)],
    ['port', key('*', '*', s)],
  ];
  let fallback: DwellGroupLevel | null = null;
  for (const [level, k] of tries) {
    const g = model.groups.get(k);
    if (g === undefined) continue;
    const n = countAbove(g, q.elapsedH);
    if (n >= model.options.minGroup) return { ...durationForecastAbove(g, q.elapsedH, model.options.levels)!, level };
    if (n > 0 && fallback === null) fallback = level;
  }
  // Too few anywhere: the most specific non-empty group, flagged by its small n.
  if (fallback === null) return null;
  const g = model.groups.get(tries.find(([l]) => l === fallback)![1])!;
  return { ...durationForecastAbove(g, q.elapsedH, model.options.levels)!, level: fallback };
}

/**
 * Total dwell of a box discharged at the origin at `terminal`, whatever its holds: the terminal's departure
 * cohort at step 0 (every box of the terminal), else the port's when the terminal has fewer than `minGroup`
 * (the most specific non-empty group, flagged by its small n, when both are short); null without any departure.
 */
export function predictTerminalDwell(model: DwellModel, terminal: string): DwellPrediction | null {
  const tries: [DwellGroupLevel, string][] = [
    ['terminal', key(terminal, '*', 0)],
    ['port', key('*', '*', 0)],
  ];
  const found = tries.map(([level, k]) => [level, model.groups.get(k)] as const);
  const pick =
    found.find(([, g]) => g !== undefined && g.sorted.length >= model.options.minGroup) ??
    found.find(([, g]) => g !== undefined && g.sorted.length > 0);
  if (pick === undefined) return null;
  const [level, g] = pick;
  return { ...durationForecastAbove(g!, Number.NEGATIVE_INFINITY, model.options.levels)!, level };
}
