/**
 * The calibration files the forecast routes ship with (data-static/forecast/, forecast/calibration-file.ts),
 * computed from simulated San Pedro Bay runs with known truth; `scripts/write-forecast-calibration.ts` writes
 * them and forecast-calibration.test.ts checks that the shipped files are what this code computes and that
 * their intervals cover as promised on a run of another seed. Pure: the caller loads the inputs.
 *
 * - ETA: the residuals of the rolling-origin ETA backtest (eta-backtest.ts) with the berth queue modelled, as
 *   the route runs the model, on the calibration seed of both scenarios of the ETA study (normal and surge).
 * - Terminal look-ahead: relative errors of the weekly look-ahead backtest (lookahead-backtest.ts) with
 *   schedules and terminal history only (no announced counts, no services), as the route runs it, on
 *   `LOOKAHEAD_DAYS` of normal traffic of the calibration seed; its accuracy (MAE/MAPE against last week's
 *   actual, interval coverage) scored on the test seed.
 */
import {
  ANCHORAGE_CALIBRATION_KIND,
  CALIBRATION_FORMAT_VERSION,
  ETA_CALIBRATION_KIND,
  LOOKAHEAD_CALIBRATION_KIND,
  type AnchorageCalibrationFile,
  type EtaCalibrationFile,
  type LookaheadCalibrationFile,
} from '../../forecast/calibration-file.js';
import { fitEtaErrorModel } from '../../forecast/eta/eta-intervals.js';
import type { PortModelInputs } from '../port-model.js';
import { blendResiduals, fitEtaBlend } from '../../forecast/eta/eta-blend.js';
import { blendTrainingPoints, residualsOf, runEtaBacktest } from './eta-backtest.js';
import { ETA_CALIBRATION_SEED, ETA_SCENARIOS, ETA_STUDY_DAYS, ETA_TEST_SEED, simulatedEtaRun } from './eta-study.js';
import { anchorageBacktest, QUEUE_DAYS, scoreQueue, type QueuePoint } from './anchorage-backtest.js';
import { ANCHORAGE_STUDY_DAYS, originsOf } from './anchorage-study.js';
import { lookaheadBacktest, relativeErrors, SCHEDULE_ONLY_LOOKAHEAD, scoreLookahead } from './lookahead-backtest.js';

export const LOOKAHEAD_DAYS = 70;

const round = (v: number, step: number): number => Math.round(v / step) * step;
const roundAll = (values: readonly number[], step: number): number[] =>
  values.map((v) => Number(round(v, step).toFixed(6)));

export function etaCalibration(inputs: PortModelInputs, days = ETA_STUDY_DAYS): EtaCalibrationFile {
  const points = ETA_SCENARIOS.flatMap((s) =>
    runEtaBacktest(simulatedEtaRun(inputs, ETA_CALIBRATION_SEED, s.knobs, days), inputs.registry, 'modelled'),
  );
  const { groups } = fitEtaErrorModel(residualsOf(points));
  const training = blendTrainingPoints(points);
  const blend = fitEtaBlend(training);
  const blendGroups = fitEtaErrorModel(blendResiduals(blend, training)).groups;
  return {
    kind: ETA_CALIBRATION_KIND,
    version: CALIBRATION_FORMAT_VERSION,
    design:
      `Residuals (actual − forecast, minutes, to 0.1) of the rolling-origin ETA backtest on simulated San Pedro Bay, ` +
      `seed ${ETA_CALIBRATION_SEED}, ${days} days of each scenario (${ETA_SCENARIOS.map((s) => s.name).join('; ')}), ` +
      'origins 1 h, 6 h and 24 h before pilot boarding and berthing, the berth queue of the terminal modelled ' +
      '(as the route runs it, forecast/anchorage/berth-queue.ts). Grouped by target, method and lead (under 2 h, 2-12 h, 12 h and more). `blend`: the weight of ' +
      "the ship's own AIS ETA per group (eta/eta-blend.ts), fitted on the same forecasts; `blendGroups`: the " +
      'residuals of that blend on the forecasts with an own ETA, grouped alike (its intervals). Written by ' +
      'scripts/write-forecast-calibration.ts.',
    groups: Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, roundAll(v, 0.1)])),
    blend: blend.weights,
    blendGroups: Object.fromEntries(Object.entries(blendGroups).map(([k, v]) => [k, roundAll(v, 0.1)])),
  };
}

export function lookaheadCalibration(inputs: PortModelInputs, days = LOOKAHEAD_DAYS): LookaheadCalibrationFile {
  const cal = simulatedEtaRun(inputs, ETA_CALIBRATION_SEED, {}, days);
  const test = simulatedEtaRun(inputs, ETA_TEST_SEED, {}, days);
  const rel = relativeErrors(lookaheadBacktest(cal.calls, cal.startMs, cal.endMs, SCHEDULE_ONLY_LOOKAHEAD))
    .slice(1)
    .map((r) => roundAll(r, 0.0001));
  const scores = scoreLookahead(lookaheadBacktest(test.calls, test.startMs, test.endMs, SCHEDULE_ONLY_LOOKAHEAD), [
    [],
    ...rel,
  ]);
  const r = (v: number | null, step: number): number | null => (v === null ? null : Number(round(v, step).toFixed(4)));
  return {
    kind: LOOKAHEAD_CALIBRATION_KIND,
    version: CALIBRATION_FORMAT_VERSION,
    design:
      `Weekly import/export TEU per terminal from schedules and the terminal's mean call (no announced counts), ` +
      `rolling Monday origins over ${days} days of simulated normal San Pedro Bay traffic. Intervals: relative ` +
      `errors (actual / forecast − 1, per week ahead) of seed ${ETA_CALIBRATION_SEED}; accuracy scored on seed ` +
      `${ETA_TEST_SEED} against last week's actual (naive). Written by scripts/write-forecast-calibration.ts.`,
    relErrors: rel,
    accuracy: scores.map((s) => ({
      weekAhead: s.weekAhead,
      n: s.n,
      mae: r(s.mae, 0.1)!,
      mape: r(s.mape, 0.0001),
      naiveMae: r(s.naiveMae, 0.1)!,
      naiveMape: r(s.naiveMape, 0.0001),
      coverage80: r(s.coverage80, 0.0001),
      coverage95: r(s.coverage95, 0.0001),
    })),
  };
}

/**
 * Anchorage queue: residuals (actual − forecast, ships) per day ahead of the anchorage backtest
 * (anchorage-backtest.ts) on the calibration seed of the surge, the scenario with a queue (normal traffic has
 * none: its residuals are all 0 and, pooled, made the intervals too narrow where a queue exists), and the accuracy
 * of each scenario's test seed against persistence with intervals from those residuals (split conformal).
 */
export function anchorageCalibration(inputs: PortModelInputs, days = ANCHORAGE_STUDY_DAYS): AnchorageCalibrationFile {
  const pointsOf = (seed: number, knobs: (typeof ETA_SCENARIOS)[number]['knobs']): QueuePoint[] => {
    const run = simulatedEtaRun(inputs, seed, knobs, days);
    return anchorageBacktest(run.calls, originsOf(run.startMs, run.endMs));
  };
  const queued = ETA_SCENARIOS[1]!;
  const calibration = pointsOf(ETA_CALIBRATION_SEED, queued.knobs);
  const residuals = Array.from({ length: QUEUE_DAYS }, (_, i) =>
    roundAll(
      calibration
        .filter((p) => p.dayAhead === i + 1)
        .map((p) => p.actual - p.forecast)
        .sort((a, b) => a - b),
      1,
    ),
  );
  const r = (v: number, step: number): number => Number(round(v, step).toFixed(4));
  const accuracy = ETA_SCENARIOS.flatMap((s) =>
    scoreQueue(pointsOf(ETA_TEST_SEED, s.knobs), calibration).map((q) => ({
      scenario: s.name,
      dayAhead: q.dayAhead,
      n: q.n,
      meanActual: r(q.meanActual, 0.01),
      mae: r(q.modelMae, 0.01),
      persistenceMae: r(q.persistenceMae, 0.01),
      coverage80: r(q.coverage['0.8'] ?? Number.NaN, 0.0001),
      coverage95: r(q.coverage['0.95'] ?? Number.NaN, 0.0001),
    })),
  );
  return {
    kind: ANCHORAGE_CALIBRATION_KIND,
    version: CALIBRATION_FORMAT_VERSION,
    design:
      `Container ships at anchor at origin + 1..${QUEUE_DAYS} days (anchorage-backtest.ts), daily 00:00 UTC origins ` +
      `over ${days} days of simulated San Pedro Bay (${ETA_SCENARIOS.map((s) => s.name).join('; ')}). Intervals: ` +
      `residuals (actual − forecast, ships) per day ahead of seed ${ETA_CALIBRATION_SEED} of the ${queued.name.split(' ')[0]} ` +
      'scenario (normal traffic has no queue); ' +
      `accuracy per scenario on seed ${ETA_TEST_SEED} against persistence (the queue at the origin). Written by ` +
      'scripts/write-forecast-calibration.ts.',
    residuals,
    accuracy,
  };
}
