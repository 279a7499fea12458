/**
 * One simulated calendar month against the calibration (issue 12): the container port model and the cargo
 * model only (no AIS, no harbour traffic, no messages), so a whole month takes seconds. It counts the TEU of
 * the boxes each port discharged and loaded in the month (the cargo model's boxes, not the calls' planned
 * exchange) against the 2018 monthly figures of the shipped calibration, and takes the import dwell and truck
 * turn of the month from the cargo statistics (`cargo/cargo-stats.ts`). Pure.
 */
import { CargoStatsAccumulator, type CargoStats } from './cargo/cargo-stats.js';
import { cargoLedger } from './cargo/slot-ledger.js';
import { simulateContainerPort, type PortModelInputs } from './port-model.js';
import { parseScenario, type ScenarioInput } from './scenario.js';
import type { SimPort } from './teu-calibration.js';
import { DAY } from '../domain/time-units.js';

/** Days simulated before the month so that it starts with ships alongside and boxes in the yards. */
const WARMUP_DAYS = 10;

export interface PortMonth {
  /** TEU of the boxes discharged and loaded in the month. */
  readonly simulatedTeu: number;
  /** The calibration's total TEU of that month (2018 figures). */
  readonly targetTeu: number;
  /** simulatedTeu / targetTeu − 1. */
  readonly deviation: number;
  /** Container calls arriving in the month. */
  readonly calls: number;
}

export interface MonthCalibration {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly seed: number;
  readonly ports: Readonly<Record<SimPort, PortMonth>>;
  readonly cargo: CargoStats;
}

/**
 * Simulates calendar month `month` (1–12) of `year` with `seed` (and any other scenario knobs) and measures
 * it. The targets are those of the calibration file's months (the file holds one year, 2018).
 */
export function calibrateMonth(
  inputs: PortModelInputs,
  year: number,
  month: number,
  knobs: Omit<ScenarioInput, 'start' | 'days' | 'warmupDays'> = {},
): MonthCalibration {
  const fromMs = Date.UTC(year, month - 1, 1);
  const toMs = Date.UTC(year, month, 1);
  const parsed = parseScenario({
    ...knobs,
    start: new Date(fromMs).toISOString(),
    days: (toMs - fromMs) / DAY,
    warmupDays: WARMUP_DAYS,
  });
  if (!parsed.ok) throw new Error(`month calibration: ${parsed.errors.join('; ')}`);
  const scenario = parsed.scenario;
  const run = simulateContainerPort(scenario, inputs);
  const stats = new CargoStatsAccumulator(fromMs, toMs);
  const teu: Record<SimPort, number> = { USLAX: 0, USLGB: 0 };
  const calls: Record<SimPort, number> = { USLAX: 0, USLGB: 0 };
  const inMonth = (ms: number): boolean => ms >= fromMs && ms < toMs;
  // One slot ledger places every truck visit, as for the messages (cargo/slot-ledger.ts).
  const ledger = cargoLedger(scenario.seed, run.calls);
  for (let cargo = ledger.nextCall(); cargo; cargo = ledger.nextCall()) {
    const call = cargo.call;
    stats.add(cargo);
    for (const box of cargo.imports) if (inMonth(box.dischargeMs)) teu[call.port] += box.type.teu;
    for (const box of cargo.exports) if (inMonth(box.loadMs)) teu[call.port] += box.type.teu;
    if (inMonth(call.arrivalMs)) calls[call.port]++;
  }
  const portMonth = (port: SimPort): PortMonth => {
    const targetTeu = inputs.calibration.months[port][month - 1]!.totalTeu;
    const simulatedTeu = Math.round(teu[port]);
    return { simulatedTeu, targetTeu, deviation: simulatedTeu / targetTeu - 1, calls: calls[port] };
  };
  const ports = { USLAX: portMonth('USLAX'), USLGB: portMonth('USLGB') };
  return {
    month: new Date(fromMs).toISOString().slice(0, 7),
    seed: scenario.seed,
    ports,
    cargo: stats.result(),
  };
}
