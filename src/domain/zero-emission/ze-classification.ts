/**
 * Which cargo-handling equipment and drayage trucks are zero-emission (ZE), the way the San Pedro Bay Clean Air
 * Action Plan (CAAP) counts them (../shared/reference/emissions-methods.md §5, "ZE equipment types": battery-electric
 * and fuel-cell yard tractors, grid-tied eRTGs, battery-electric top handlers; BEV and FCEV Class 8 drayage).
 * Hybrids and diesel are not ZE. Grid-electric drives (ship-to-shore cranes, eRTGs) emit nothing at the unit, so
 * they count as ZE. Pure.
 */
import type { EquipmentType, Powertrain } from '../equipment-telemetry.js';

/** Fuels of drayage trucks as the port truck registry records them (DESIGN §"Drayage"). */
export const DRAYAGE_FUELS = ['diesel', 'natural_gas', 'battery_electric', 'fuel_cell'] as const;
export type DrayageFuel = (typeof DRAYAGE_FUELS)[number];

const ZE_POWERTRAINS: ReadonlySet<Powertrain> = new Set<Powertrain>([
  'battery_electric',
  'hydrogen_fuel_cell',
  'grid_electric',
]);
const ZE_DRAYAGE_FUELS: ReadonlySet<DrayageFuel> = new Set<DrayageFuel>(['battery_electric', 'fuel_cell']);

export function isZeroEmissionPowertrain(powertrain: Powertrain): boolean {
  return ZE_POWERTRAINS.has(powertrain);
}

export function isZeroEmissionTruck(fuel: DrayageFuel): boolean {
  return ZE_DRAYAGE_FUELS.has(fuel);
}

/**
 * Whether a unit of this type is cargo-handling equipment in the CAAP's sense: the yard fleet (yard tractors,
 * top handlers, RTGs, forklifts — reference §5 "CHE fleet": they produce >85% of CHE emissions). Ship-to-shore
 * cranes are wharf cranes, grid-electric already; they are listed by the read model but left out of the CHE
 * share, so the share measures the fleet the 2030 goal is about.
 */
export function isCargoHandlingEquipment(type: EquipmentType): boolean {
  return type !== 'sts_crane';
}
