/** The run summary written beside the output files (`summary.json`) and printed by the CLI. */
import type { CargoStats } from './cargo/cargo-stats.js';
import type { EquipmentSummary } from './equipment/equipment-summary.js';
import type { ContainerCall } from './container-call.js';
import { berthHours, monthlyTeu, shipsWaiting } from './sim-metrics.js';
import type { SimRun } from './simulate.js';
import { SIM_PORTS } from './teu-calibration.js';
import { HOUR } from '../domain/time-units.js';

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface SimSummary {
  readonly seed: number;
  readonly start: string;
  readonly end: string;
  readonly containerCalls: Record<string, number>;
  /** TEU handled in each calendar month the window touches (a partial month counts only its simulated calls). */
  readonly teuByMonth: Record<string, Record<string, number>>;
  readonly berthHours: { readonly median: number; readonly p90: number };
  readonly waiting: { readonly max: number; readonly mean: number; readonly maxOutsideAnchorages: number };
  readonly harbour: SimRun['harbour'];
  readonly vessels: number;
  readonly aisLines?: number;
  /** Containers, import dwell, truck turn and cargo messages per format (written with the messages). */
  readonly cargo?: CargoStats & { readonly messagesByFormat: Record<string, number> };
  /** Equipment units and drayage trucks by kind, telemetry messages by type (written with telemetry.jsonl). */
  readonly equipment?: EquipmentSummary;
}

export function summarise(run: SimRun): SimSummary {
  const { startMs, endMs } = run.scenario;
  const inWindow = (c: ContainerCall): boolean => c.arrivalMs >= startMs && c.arrivalMs < endMs;
  const containerCalls = Object.fromEntries(
    SIM_PORTS.map((p) => [p, run.calls.filter((c) => c.port === p && inWindow(c)).length]),
  );
  const firstMonth = new Date(startMs).toISOString().slice(0, 7);
  const lastMonth = new Date(endMs - 1).toISOString().slice(0, 7);
  const teuByMonth = Object.fromEntries(
    SIM_PORTS.map((p) => [
      p,
      Object.fromEntries(
        [...monthlyTeu(run.calls, p)]
          .filter(([k]) => k >= firstMonth && k <= lastMonth)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, Math.round(v)]),
      ),
    ]),
  );
  const hours = run.calls
    .filter(inWindow)
    .map(berthHours)
    .sort((a, b) => a - b);
  let max = 0;
  let maxOutside = 0;
  let sum = 0;
  let n = 0;
  for (let t = startMs; t < endMs; t += HOUR) {
    const w = shipsWaiting(run.calls, t);
    max = Math.max(max, w.official + w.outside);
    maxOutside = Math.max(maxOutside, w.outside);
    sum += w.official + w.outside;
    n++;
  }
  return {
    seed: run.scenario.seed,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    containerCalls,
    teuByMonth,
    berthHours: { median: round1(quantile(hours, 0.5)), p90: round1(quantile(hours, 0.9)) },
    waiting: { max, mean: round1(n > 0 ? sum / n : 0), maxOutsideAnchorages: maxOutside },
    harbour: run.harbour,
    vessels: new Set(run.tracks.map((t) => t.vessel.mmsi)).size,
  };
}

/** A call as a JSON object with ISO instants (calls.jsonl). */
export function callRecord(c: ContainerCall): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    id: c.id,
    service: c.serviceId,
    carrier: c.carrierScac,
    voyage: c.voyage,
    port: c.port,
    terminal: c.terminal,
    berth: c.berth,
    vessel: { ...c.vessel },
    previousPort: c.previousPort,
    seaDistanceNm: c.seaDistanceNm,
    seaSpeedKn: c.seaSpeedKn,
    departedPrevious: iso(c.departedPreviousMs),
    scheduledArrival: iso(c.scheduledArrivalMs),
    arrival: iso(c.arrivalMs),
    anchorage: c.anchorage && { zone: c.anchorage.zoneId, from: iso(c.anchorage.startMs), to: iso(c.anchorage.endMs) },
    pilotOn: iso(c.pilotOnMs),
    berthed: iso(c.berthedMs),
    workStart: iso(c.workStartMs),
    workEnd: iso(c.workEndMs),
    unberthed: iso(c.unberthMs),
    pilotOff: iso(c.pilotOffMs),
    departed: iso(c.departedMs),
    dischargeTeu: c.dischargeTeu,
    loadTeu: c.loadTeu,
    moves: c.moves,
    cranes: c.cranes,
    shorePower: c.shorePower,
    extraLoader: c.extraLoader,
  };
}
