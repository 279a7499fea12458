/**
 * The drayage trucks of the simulated truckers: every plated tractor of a trucker's fleet (cargo-model.ts draws
 * the visits' plates from 40 per company, `openpcs-sim-fleet:{code}`) with its engine model year and fuel. The
 * fuels follow the scenario's mix over all the trucks (quota per fuel, seeded shuffle, as for the equipment);
 * model years: diesel and natural gas trucks 2007 or newer (the ports' Clean Truck Program barred older engines
 * from 2012 [recalled, not in ../shared/reference]), up to the run's year, newer ones more likely; zero-emission
 * trucks from 2016 (assumption). Pure.
 */
import { TRUCKERS, truckPlate } from '../cargo/cargo-parties.js';
import { Prng } from '../prng.js';
import { DRAYAGE_FUELS, type DrayageFuel, type Scenario } from '../scenario.js';
import { DEFAULT_DRAYAGE_FUEL_MIX } from './equipment-parameters.js';
import { quotas, shuffled } from './equipment-fleet.js';

export interface DrayageTruck {
  readonly plate: string;
  /** SCAC of the motor carrier. */
  readonly trucker: string;
  readonly engineModelYear: number;
  readonly fuel: DrayageFuel;
}

/** Plates of a trucker's fleet, in the order cargo-model.ts draws them. */
export function truckerFleetPlates(truckerCode: string): readonly string[] {
  const r = new Prng(`openpcs-sim-fleet:${truckerCode}`);
  return Array.from({ length: 40 }, () => truckPlate(r));
}

const FIRST_YEAR: Readonly<Record<DrayageFuel, number>> = {
  diesel: 2007,
  natural_gas: 2010,
  battery_electric: 2016,
  fuel_cell: 2016,
};

/** Every drayage truck of the run, by plate (a plate appears once). */
export function drayageTrucks(scenario: Scenario): ReadonlyMap<string, DrayageTruck> {
  const root = Prng.ofSeed(scenario.seed).derive('drayage');
  const seen = new Set<string>();
  const slots: { plate: string; trucker: string }[] = [];
  for (const t of TRUCKERS) {
    for (const plate of truckerFleetPlates(t.code)) {
      if (seen.has(plate)) continue;
      seen.add(plate);
      slots.push({ plate, trucker: t.code });
    }
  }
  const counts = quotas(scenario.equipment.drayageFuelMix ?? DEFAULT_DRAYAGE_FUEL_MIX, slots.length);
  const deck = shuffled(
    root.derive('fuels'),
    DRAYAGE_FUELS.flatMap((f) => Array.from({ length: counts[f] ?? 0 }, () => f)),
  );
  const year = new Date(scenario.startMs).getUTCFullYear();
  const out = new Map<string, DrayageTruck>();
  slots.forEach((s, i) => {
    const fuel = deck[i]!;
    const first = Math.min(FIRST_YEAR[fuel], year);
    // Newer years more likely: the square root of a uniform leans to the top of the range.
    const u = Math.sqrt(root.derive('year', s.plate).next());
    out.set(s.plate, Object.freeze({ ...s, fuel, engineModelYear: first + Math.floor(u * (year - first + 1)) }));
  });
  return out;
}
