/**
 * Expected truck turn time (in-gate → out-gate of a truck visit) by hour of day per terminal (issue 16).
 * Empirical distribution of the visits that **left** in the `windowDays` before the origin, grouped by terminal
 * and the local hour of their in-gate; a group with fewer than `minGroup` visits falls back to the terminal's
 * visits of every hour, then to the port's visits of that hour, then to all. `turnFactsAt` cuts a history down
 * to what was known at the origin, the only input a forecast gets. Pure.
 */
import {
  durationForecastAbove,
  groupDurations,
  type DurationForecast,
  type DurationSample,
} from '../duration-sample.js';
import { DAY } from '../../domain/time-units.js';

export interface TurnFact {
  readonly terminal: string;
  readonly gateInMs: number;
  /** Null while the truck is inside. */
  readonly gateOutMs: number | null;
}

/** The visits known just before `originMs`, as a frozen copy (an out-gate at or after it is unknown). */
export function turnFactsAt(facts: readonly TurnFact[], originMs: number): readonly TurnFact[] {
  const known: TurnFact[] = [];
  for (const f of facts) {
    if (!(f.gateInMs < originMs)) continue;
    known.push(
      Object.freeze({
        terminal: f.terminal,
        gateInMs: f.gateInMs,
        gateOutMs: f.gateOutMs !== null && f.gateOutMs < originMs ? f.gateOutMs : null,
      }),
    );
  }
  return Object.freeze(known);
}

export interface TurnTimeOptions {
  readonly windowDays: number;
  readonly minGroup: number;
  readonly levels: readonly number[];
  /** Local hour of day (0-23) of an instant, in the terminal's zone. */
  readonly hourOf: (ms: number) => number;
}

export const utcHour = (ms: number): number => new Date(ms).getUTCHours();

export const TURN_TIME_MODEL: TurnTimeOptions = Object.freeze({
  windowDays: 14,
  minGroup: 20,
  levels: [0.8, 0.95],
  hourOf: utcHour,
});

export type TurnGroupLevel = 'terminal+hour' | 'terminal' | 'port+hour' | 'port';

export interface TurnTimeModel {
  readonly originMs: number;
  readonly options: TurnTimeOptions;
  readonly n: number;
  /** Newest out-gate used (the as-of), null when none. */
  readonly newestGateOutMs: number | null;
  /** key → turn times in minutes. */
  readonly groups: ReadonlyMap<string, DurationSample>;
}

export interface TurnTimePrediction {
  readonly level: TurnGroupLevel;
  readonly meanMin: number;
  readonly medianMin: number;
  readonly intervals: readonly { readonly level: number; readonly lowerMin: number; readonly upperMin: number }[];
  readonly n: number;
}

const key = (terminal: string, hour: number | '*'): string => `${terminal}|${hour}`;

export function fitTurnTimeModel(
  known: readonly TurnFact[],
  originMs: number,
  options: TurnTimeOptions = TURN_TIME_MODEL,
): TurnTimeModel {
  const fitted = groupDurations(
    known,
    originMs - options.windowDays * DAY,
    originMs,
    (f) => f.gateOutMs,
    (f, gateOutMs) => {
      const min = (gateOutMs - f.gateInMs) / 60_000;
      const h = options.hourOf(f.gateInMs);
      return [
        [key(f.terminal, h), min],
        [key(f.terminal, '*'), min],
        [key('*', h), min],
        [key('*', '*'), min],
      ];
    },
  );
  return { originMs, options, n: fitted.n, newestGateOutMs: fitted.newestEndMs, groups: fitted.groups };
}

function asMinutes(f: DurationForecast, level: TurnGroupLevel): TurnTimePrediction {
  return {
    level,
    meanMin: f.meanH,
    medianMin: f.medianH,
    intervals: f.intervals.map((iv) => ({ level: iv.level, lowerMin: iv.lowerH, upperMin: iv.upperH })),
    n: f.n,
  };
}

/** Turn time of a truck gating in at local hour `hour` at `terminal`; null when the model has no visit at all. */
export function predictTurnTime(model: TurnTimeModel, terminal: string, hour: number): TurnTimePrediction | null {
  const tries: [TurnGroupLevel, string][] = [
    ['terminal+hour', key(terminal, hour)],
    ['terminal', key(terminal, '*')],
    ['port+hour', key('*', hour)],
    ['port', key('*', '*')],
  ];
  for (const [level, k] of tries) {
    const g = model.groups.get(k);
    if (g && g.sorted.length >= model.options.minGroup) {
      return asMinutes(durationForecastAbove(g, Number.NEGATIVE_INFINITY, model.options.levels)!, level);
    }
  }
  for (const [level, k] of tries) {
    const g = model.groups.get(k);
    if (g && g.sorted.length > 0) {
      return asMinutes(durationForecastAbove(g, Number.NEGATIVE_INFINITY, model.options.levels)!, level);
    }
  }
  return null;
}
