/**
 * Levels of the cargo-handling equipment model (docs/simulator.md "Cargo-handling equipment"). Where a figure
 * comes from `../shared/reference/emissions-methods.md` §5 it says so; every other level is an assumption of
 * this model, marked as such, to be replaced by terminal data when a member shares it.
 */
import type { EquipmentType } from '../../domain/equipment-telemetry.js';
import type { ChePowertrain, DrayageFuel } from '../scenario.js';

/**
 * Default powertrain mix of mobile equipment. emissions-methods.md §5 (CAAP CHE feasibility update, 2021):
 * 3,368 CHE units at both ports, 56 of them zero-emission or in testing (1.7%). The split of those 56 between
 * battery-electric and fuel cell, and the hybrid share, are not in the reference: assumptions (battery-electric
 * yard tractors and RTGs are the common zero-emission units; a few fuel-cell yard tractors in demonstration).
 */
export const DEFAULT_CHE_POWERTRAIN_MIX: Readonly<Record<ChePowertrain, number>> = Object.freeze({
  diesel: 0.953,
  hybrid: 0.03,
  battery_electric: 0.013,
  hydrogen_fuel_cell: 0.004,
});

/**
 * Default drayage truck fuel mix. The reference has no shares (emissions-methods.md §5 gives ">600 ZE trucks in
 * service" per the 2024 assessment and the Clean Truck Fund rate, not the fleet size): an assumption, a
 * 2018-like Port Drayage Truck Registry of almost all diesel, a few percent natural gas, and zero-emission
 * trucks in demonstration numbers.
 */
export const DEFAULT_DRAYAGE_FUEL_MIX: Readonly<Record<DrayageFuel, number>> = Object.freeze({
  diesel: 0.955,
  natural_gas: 0.035,
  battery_electric: 0.007,
  fuel_cell: 0.003,
});

/**
 * Mobile units per ship-to-shore crane of the terminal (assumption): about 7 yard tractors, 1.5 RTGs and 1.5
 * top handlers per crane. For the 128 cranes of the model's twelve terminals (terminal-capacity.ts) that is
 * about 1,300 units with the cranes, against the 3,368 CHE units of both ports in the reference (which also
 * counts forklifts, side picks and the non-container terminals).
 */
export const UNITS_PER_CRANE: Readonly<Record<Exclude<EquipmentType, 'sts_crane'>, number>> = Object.freeze({
  yard_tractor: 7,
  rtg: 1.5,
  top_handler: 1.5,
});

/** Units of each type working per crane at work (assumption: 4 tractors, 1 RTG and 0.5 top handler per crane). */
export const WORKING_PER_ACTIVE_CRANE: Readonly<Record<Exclude<EquipmentType, 'sts_crane'>, number>> = Object.freeze({
  yard_tractor: 4,
  rtg: 1,
  top_handler: 0.5,
});

/** Energy use per hour of work and per hour idle (engine or drive on), by type and powertrain. Assumptions. */
export interface EnergyRate {
  readonly working: number;
  readonly idle: number;
  readonly unit: 'kWh' | 'L' | 'kg';
}

type Rates = Readonly<Record<ChePowertrain, EnergyRate>>;
export const ENERGY_PER_HOUR: Readonly<Record<Exclude<EquipmentType, 'sts_crane'>, Rates>> = Object.freeze({
  yard_tractor: {
    diesel: { working: 9, idle: 2.5, unit: 'L' },
    hybrid: { working: 6.5, idle: 1, unit: 'L' },
    battery_electric: { working: 20, idle: 1.5, unit: 'kWh' },
    hydrogen_fuel_cell: { working: 1.2, idle: 0.15, unit: 'kg' },
  },
  rtg: {
    diesel: { working: 18, idle: 4, unit: 'L' },
    hybrid: { working: 11, idle: 2, unit: 'L' },
    battery_electric: { working: 45, idle: 3, unit: 'kWh' },
    hydrogen_fuel_cell: { working: 2.6, idle: 0.3, unit: 'kg' },
  },
  top_handler: {
    diesel: { working: 16, idle: 3, unit: 'L' },
    hybrid: { working: 11, idle: 1.5, unit: 'L' },
    battery_electric: { working: 55, idle: 2, unit: 'kWh' },
    hydrogen_fuel_cell: { working: 3.2, idle: 0.3, unit: 'kg' },
  },
});

/** Ship-to-shore cranes: grid-tied, about 5 kWh a move at about 28 moves an hour, idle lighting and drives. */
export const STS_KWH_PER_HOUR: Readonly<{ working: number; idle: number }> = Object.freeze({ working: 140, idle: 12 });

/** Battery capacity (kWh) and charger power (kW) of battery-electric units (assumptions, vendor-like sizes). */
export const BATTERY: Readonly<Record<Exclude<EquipmentType, 'sts_crane'>, { capacityKwh: number; chargeKw: number }>> =
  Object.freeze({
    yard_tractor: { capacityKwh: 210, chargeKw: 80 },
    rtg: { capacityKwh: 400, chargeKw: 150 },
    top_handler: { capacityKwh: 600, chargeKw: 150 },
  });

/** A battery unit goes to a charger below this state of charge and charges up to the target (per cent). */
export const CHARGE_BELOW_PCT = 25;
export const CHARGE_TO_PCT = 95;
/** One charger per this many battery-electric units of a terminal (at least one where there are any). */
export const UNITS_PER_CHARGER = 3;
/** A unit the terminal does not need is switched off after this long without crane work (minutes). */
export const OFF_AFTER_IDLE_MINUTES = 60;
