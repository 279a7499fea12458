/**
 * The anchorage queue study of `openpcs forecast backtest`: the rolling-origin backtest of
 * anchorage-backtest.ts on simulated San Pedro Bay, normal traffic and the 2021 surge, scored on seed 7 with
 * intervals calibrated on seed 8. Pure: the caller loads the inputs.
 */
import type { PortModelInputs } from '../port-model.js';
import { anchorageBacktest, QUEUE_DAYS, scoreQueue, type QueueScore } from './anchorage-backtest.js';
import { ETA_CALIBRATION_SEED, ETA_SCENARIOS, ETA_TEST_SEED, simulatedEtaRun } from './eta-study.js';
import { DAY } from '../../domain/time-units.js';

/** 35 days: 21 daily origins that each see 14 days ahead before the end of the run. */
export const ANCHORAGE_STUDY_DAYS = 35;

export interface AnchorageStudyPart {
  readonly scenario: string;
  readonly origins: number;
  readonly scores: readonly QueueScore[];
}

export const ANCHORAGE_STUDY_DESIGN =
  `Simulated San Pedro Bay, ${ANCHORAGE_STUDY_DAYS} days from 2018-03-05 after 14 days of warm-up, normal and ` +
  `surge scenarios. Origins daily at 00:00 UTC up to ${QUEUE_DAYS + 1} days before the end; target: container ` +
  `ships at anchor (both ports' anchorages and the overflow) at origin + 1..${QUEUE_DAYS} days. Baseline: ` +
  `persistence (the queue at the origin). Scored on seed ${ETA_TEST_SEED}; 80%/95% intervals from the residuals ` +
  `of seed ${ETA_CALIBRATION_SEED} per day ahead (split conformal).`;

export function originsOf(startMs: number, endMs: number): number[] {
  const out: number[] = [];
  for (let o = startMs; o <= endMs - (QUEUE_DAYS + 1) * DAY; o += DAY) out.push(o);
  return out;
}

export function runAnchorageStudy(inputs: PortModelInputs, days = ANCHORAGE_STUDY_DAYS): AnchorageStudyPart[] {
  return ETA_SCENARIOS.map((s) => {
    const cal = simulatedEtaRun(inputs, ETA_CALIBRATION_SEED, s.knobs, days);
    const test = simulatedEtaRun(inputs, ETA_TEST_SEED, s.knobs, days);
    const origins = originsOf(test.startMs, test.endMs);
    return {
      scenario: s.name,
      origins: origins.length,
      scores: scoreQueue(
        anchorageBacktest(test.calls, origins),
        anchorageBacktest(cal.calls, originsOf(cal.startMs, cal.endMs)),
      ),
    };
  });
}
