/**
 * Rolling-origin backtest of the truck turn time model: at each origin the model and the baselines get only
 * `turnFactsAt(facts, origin)`; the targets are the visits that gate in during the `horizonHours` after it, each
 * forecast for the local hour of its in-gate and scored against its actual turn time. Baselines: the mean turn
 * of the terminal's visits that left in the last `baselineDays` days (every hour alike), and the port's. Pure.
 */
import { scoreDurations } from '../duration-sample.js';
import {
  fitTurnTimeModel,
  predictTurnTime,
  turnFactsAt,
  TURN_TIME_MODEL,
  type TurnFact,
  type TurnTimeOptions,
} from './turn-time-model.js';
import { HOUR, DAY } from '../../domain/time-units.js';

export interface TurnBacktestPoint {
  readonly originMs: number;
  readonly terminal: string;
  readonly hour: number;
  readonly actualMin: number;
  readonly modelMin: number;
  readonly modelMeanMin: number;
  readonly terminalMeanMin: number;
  readonly portMeanMin: number;
  readonly intervals: readonly { readonly level: number; readonly lowerMin: number; readonly upperMin: number }[];
}

export interface TurnBacktestOptions {
  readonly model: TurnTimeOptions;
  readonly baselineDays: number;
  readonly horizonHours: number;
}
export const TURN_BACKTEST: TurnBacktestOptions = Object.freeze({
  model: TURN_TIME_MODEL,
  baselineDays: 14,
  horizonHours: 24,
});

export function turnTimeBacktest(
  facts: readonly TurnFact[],
  originsMs: readonly number[],
  options: TurnBacktestOptions = TURN_BACKTEST,
): TurnBacktestPoint[] {
  const points: TurnBacktestPoint[] = [];
  for (const o of originsMs) {
    const known = turnFactsAt(facts, o);
    const model = fitTurnTimeModel(known, o, options.model);
    const from = o - options.baselineDays * DAY;
    const sums = new Map<string, { s: number; n: number }>();
    for (const f of known) {
      if (f.gateOutMs === null || f.gateOutMs < from) continue;
      const min = (f.gateOutMs - f.gateInMs) / 60_000;
      for (const k of [f.terminal, '*']) {
        const a = sums.get(k) ?? { s: 0, n: 0 };
        a.s += min;
        a.n++;
        sums.set(k, a);
      }
    }
    const mean = (k: string): number => {
      const a = sums.get(k) ?? sums.get('*');
      return a && a.n > 0 ? a.s / a.n : Number.NaN;
    };
    for (const f of facts) {
      if (f.gateInMs < o || f.gateInMs >= o + options.horizonHours * HOUR || f.gateOutMs === null) continue;
      const hour = options.model.hourOf(f.gateInMs);
      const p = predictTurnTime(model, f.terminal, hour);
      if (p === null) continue;
      points.push({
        originMs: o,
        terminal: f.terminal,
        hour,
        actualMin: (f.gateOutMs - f.gateInMs) / 60_000,
        modelMin: p.medianMin,
        modelMeanMin: p.meanMin,
        terminalMeanMin: mean(f.terminal),
        portMeanMin: mean('*'),
        intervals: p.intervals,
      });
    }
  }
  return points;
}

export interface TurnScore {
  readonly n: number;
  readonly modelMaeMin: number;
  readonly modelMeanMaeMin: number;
  readonly terminalMeanMaeMin: number;
  readonly portMeanMaeMin: number;
  readonly coverage: Readonly<Record<string, number>>;
}

export function scoreTurnTime(points: readonly TurnBacktestPoint[]): TurnScore {
  const s = scoreDurations(points, (x) => ({
    actual: x.actualMin,
    model: x.modelMin,
    modelMean: x.modelMeanMin,
    terminalMean: x.terminalMeanMin,
    portMean: x.portMeanMin,
    intervals: x.intervals.map((iv) => ({ level: iv.level, lower: iv.lowerMin, upper: iv.upperMin })),
  }));
  return {
    n: s.n,
    modelMaeMin: s.modelMae,
    modelMeanMaeMin: s.modelMeanMae,
    terminalMeanMaeMin: s.terminalMeanMae,
    portMeanMaeMin: s.portMeanMae,
    coverage: s.coverage,
  };
}
