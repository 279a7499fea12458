/** The equipment part of `summary.json`: units by type and powertrain, chargers, trucks by fuel. Pure. */
import type { Scenario } from '../scenario.js';
import type { DrayageTruck } from './drayage-trucks.js';
import { equipmentFleets } from './equipment-fleet.js';

export interface EquipmentSummary {
  /** `{type: {powertrain: units}}` over both ports. */
  readonly units: Record<string, Record<string, number>>;
  readonly chargers: number;
  readonly drayageTrucksByFuel: Record<string, number>;
  readonly telemetryMessages: Record<string, number>;
}

const sorted = <T>(r: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

export function equipmentSummary(
  scenario: Scenario,
  trucks: ReadonlyMap<string, DrayageTruck>,
  telemetryMessages: Record<string, number>,
): EquipmentSummary {
  const units: Record<string, Record<string, number>> = {};
  let chargers = 0;
  for (const fleet of equipmentFleets(scenario)) {
    chargers += fleet.chargers.length;
    for (const u of fleet.units) {
      const byPowertrain = (units[u.type] ??= {});
      byPowertrain[u.powertrain] = (byPowertrain[u.powertrain] ?? 0) + 1;
    }
  }
  const byFuel: Record<string, number> = {};
  for (const t of trucks.values()) byFuel[t.fuel] = (byFuel[t.fuel] ?? 0) + 1;
  return {
    units: sorted(Object.fromEntries(Object.entries(units).map(([k, v]) => [k, sorted(v)]))),
    chargers,
    drayageTrucksByFuel: sorted(byFuel),
    telemetryMessages,
  };
}
