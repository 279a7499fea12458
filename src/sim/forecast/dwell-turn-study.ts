/**
 * Backtests of the import dwell and truck turn time forecasts (forecast/dwell, forecast/turn-time) on simulated
 * San Pedro Bay cargo with known truth: every import box of the run (discharge, holds, out-gate or train) and
 * every truck visit (in-gate, out-gate); the truth of a box discharged in the run is known even when it leaves
 * after the run's end. Origins every `ORIGIN_STEP_DAYS` at 00:00 UTC once `WARMUP_DAYS` of departures exist.
 * The models never see the simulator: they get `dwellFactsAt` / `turnFactsAt` of the facts at each origin.
 * Hours of day are Pacific local (the terminals' zone). Pure: the caller loads the inputs.
 */
import { allCallCargo } from '../cargo/slot-ledger.js';
import { pacificHour } from '../cargo/pacific-time.js';
import type { ContainerCall } from '../container-call.js';
import type { PortModelInputs } from '../port-model.js';
import type { DwellFact } from '../../forecast/dwell/dwell-facts.js';
import { DWELL_BACKTEST, dwellBacktest, scoreDwell, type DwellScore } from '../../forecast/dwell/dwell-backtest.js';
import { HOLD_CLASSES } from '../../forecast/dwell/dwell-facts.js';
import {
  scoreTurnTime,
  TURN_BACKTEST,
  turnTimeBacktest,
  type TurnScore,
} from '../../forecast/turn-time/turn-time-backtest.js';
import type { TurnFact } from '../../forecast/turn-time/turn-time-model.js';
import { ETA_TEST_SEED, simulatedEtaRun } from './eta-study.js';
import { DAY } from '../../domain/time-units.js';

export const DWELL_TURN_REPORT_ID = 'san-pedro-bay-dwell-turn-time';
export const DWELL_TURN_DAYS = 42;
/** Days between origins (each origin scores some 50,000 boxes in the yard). */
export const ORIGIN_STEP_DAYS = 3;
/** Days of run before the first origin (the dwell model looks 28 days back). */
export const WARMUP_DAYS = 30;

export interface CargoFacts {
  readonly dwell: readonly DwellFact[];
  readonly turns: readonly TurnFact[];
}

/** The dwell and truck facts of every call of a run (cargo generated as the simulator's feeds do). */
export function cargoFacts(calls: readonly ContainerCall[], seed: number): CargoFacts {
  const dwell: DwellFact[] = [];
  const turns: TurnFact[] = [];
  for (const cargo of allCallCargo(seed, calls)) {
    const call = cargo.call;
    // A DUAL visit (drop and pick-up in one) is one visit: counted with its pick-up.
    const visit = (v: { move: string; gateInMs: number; gateOutMs: number }, side: 'pickup' | 'drop'): void => {
      if (v.move === 'DUAL' && side === 'drop') return;
      turns.push({ terminal: call.terminal, gateInMs: v.gateInMs, gateOutMs: v.gateOutMs });
    };
    for (const b of cargo.imports) {
      dwell.push({
        container: b.number,
        terminal: call.terminal,
        dischargedMs: b.dischargeMs,
        leftMs: b.leftMs,
        holds: b.holds.map((h) => ({ type: h.type, placedMs: h.placedMs, releasedMs: h.releasedMs })),
      });
      if (b.leaves.mode === 'truck') {
        visit(b.leaves.visit, 'pickup');
        visit(b.leaves.emptyReturn, 'drop');
      }
    }
    for (const b of cargo.exports) if (b.arrived.mode === 'truck') visit(b.arrived.visit, 'drop');
  }
  return { dwell, turns };
}

export interface DwellTurnStudy {
  readonly design: string;
  readonly seed: number;
  readonly origins: number;
  readonly dwell: DwellScore;
  readonly dwellByHolds: readonly ({ readonly holds: string } & DwellScore)[];
  readonly turn: TurnScore;
}

export const DWELL_TURN_DESIGN =
  `Simulated San Pedro Bay, normal traffic (2018 calibration), seed ${ETA_TEST_SEED}, ${DWELL_TURN_DAYS} days from ` +
  `2018-03-05; origins every ${ORIGIN_STEP_DAYS} days at 00:00 UTC from day ${WARMUP_DAYS}. Dwell: every import box in the yard at an ` +
  `origin, forecast from its time in the yard and its holds open then (model fitted on the boxes that left in the ` +
  `${DWELL_BACKTEST.model.windowDays} days before); baselines the mean dwell of the boxes that left the terminal ` +
  `(port) in the last ${DWELL_BACKTEST.baselineDays} days, raised to the time already in the yard. Turn time: every ` +
  `truck visit gating in in the ${TURN_BACKTEST.horizonHours} h after an origin, forecast for the Pacific hour of ` +
  `its in-gate (model: the ${TURN_BACKTEST.model.windowDays} days before); baselines the terminal (port) mean of ` +
  `the last ${TURN_BACKTEST.baselineDays} days. Point forecast: the median; MAE in hours (dwell) and minutes (turn).`;

export function runDwellTurnStudy(inputs: PortModelInputs, days = DWELL_TURN_DAYS): DwellTurnStudy {
  const run = simulatedEtaRun(inputs, ETA_TEST_SEED, {}, days);
  const facts = cargoFacts(run.calls, ETA_TEST_SEED);
  const origins: number[] = [];
  for (let o = run.startMs + WARMUP_DAYS * DAY; o <= run.endMs; o += ORIGIN_STEP_DAYS * DAY) origins.push(o);
  const dwellPoints = dwellBacktest(facts.dwell, origins);
  const turnPoints = turnTimeBacktest(facts.turns, origins, {
    ...TURN_BACKTEST,
    model: { ...TURN_BACKTEST.model, hourOf: pacificHour },
  });
  return {
    design: DWELL_TURN_DESIGN,
    seed: ETA_TEST_SEED,
    origins: origins.length,
    dwell: scoreDwell(dwellPoints),
    dwellByHolds: HOLD_CLASSES.map((holds) => ({
      holds,
      ...scoreDwell(dwellPoints.filter((p) => p.holds === holds)),
    })),
    turn: scoreTurnTime(turnPoints),
  };
}
