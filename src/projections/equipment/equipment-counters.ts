/**
 * What the equipment read model adds up between two status reports of one unit: the growth of its cumulative
 * counters (engine hours, kWh, litres, kg). A counter that went down (a meter replaced or reset) adds nothing,
 * and hours never grow faster than the clock between the two reports: a unit cannot run 3 hours in 15 minutes.
 * Pure.
 */
import type { EnergyCounters } from '../../domain/equipment-telemetry.js';

export interface CounterReading {
  readonly observedAtMs: number;
  readonly engineHours: number;
  readonly energy: EnergyCounters;
}

export interface CounterGrowth {
  readonly operatingHours: number;
  readonly electricityKwh: number;
  readonly dieselLitres: number;
  readonly hydrogenKg: number;
}

const grown = (before: number | undefined, after: number | undefined): number =>
  before === undefined || after === undefined ? 0 : Math.max(0, after - before);

/** Growth from `before` to the later `after`; null when `after` is not later (a late or repeated report). */
export function counterGrowth(before: CounterReading, after: CounterReading): CounterGrowth | null {
  const elapsedHours = (after.observedAtMs - before.observedAtMs) / 3_600_000;
  if (elapsedHours <= 0) return null;
  return {
    operatingHours: Math.min(elapsedHours, grown(before.engineHours, after.engineHours)),
    electricityKwh: grown(before.energy.electricityKwh, after.energy.electricityKwh),
    dieselLitres: grown(before.energy.dieselLitres, after.energy.dieselLitres),
    hydrogenKg: grown(before.energy.hydrogenKg, after.energy.hydrogenKg),
  };
}
