/**
 * The truckers' registrations of their drayage trucks (`csv-drayage-trucks`; docs/simulator.md "Drayage trucks"):
 * each simulated trucker, as its own organisation, sends its whole fleet (`drayageTrucks`: plate, engine model year,
 * fuel) once, a minute apart in the order of `TRUCKERS`, from the first minute of the run on, so the product's
 * registry knows every tractor before its first gate visit is reported. `registered_at` is the time of the
 * statement (the simulator has no registration history). Pure and deterministic.
 */
import { DRAYAGE_TRUCKS_FORMAT } from '../../ingest/csv/drayage/drayage-truck-parser.js';
import { TRUCKERS } from '../cargo/cargo-parties.js';
import { csv } from '../cargo/csv-writer.js';
import { pacificIso } from '../cargo/pacific-time.js';
import type { SimMessage, SimMessageSource } from '../sim-message.js';
import type { SimRun } from '../simulate.js';
import { drayageTrucks } from './drayage-trucks.js';
import { MINUTE } from '../../domain/time-units.js';

/** The columns the simulator sends (docs/drayage.md). */
export const DRAYAGE_TRUCK_COLUMNS: readonly string[] = [
  'truck_id',
  'scac',
  'engine_model_year',
  'fuel',
  'low_nox',
  'registered_at',
];

export function drayageTruckSource(run: SimRun): SimMessageSource {
  const trucks = [...drayageTrucks(run.scenario).values()];
  const messages: SimMessage[] = [];
  TRUCKERS.forEach((party, i) => {
    const atMs = run.scenario.startMs + (i + 1) * MINUTE;
    const rows = trucks
      .filter((t) => t.trucker === party.code)
      .sort((a, b) => (a.plate < b.plate ? -1 : 1))
      .map((t) => [t.plate, t.trucker, t.engineModelYear, t.fuel, 'N', pacificIso(atMs)]);
    if (rows.length > 0) {
      messages.push({ atMs, party, format: DRAYAGE_TRUCKS_FORMAT, body: csv(DRAYAGE_TRUCK_COLUMNS, rows) });
    }
  });
  return {
    messagesIn(fromMs: number, toMs: number): readonly SimMessage[] {
      return messages.filter((m) => m.atMs >= fromMs && m.atMs < toMs);
    },
  };
}
